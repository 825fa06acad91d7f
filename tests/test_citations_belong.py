"""Evidence that belongs: a cited sentence is about the question's subject (issue 19).

Hand-written sentences of two articles, judged by the real ``assess`` and cut by
``focus``: a sentence sharing the question's words but about another place is not cited
beside the answer, as "another voice" or as a second answer lacking a name asked; nor is
a voice giving no date when a date is asked, nor another voice when one speaker is asked;
a second voice on the same place, or one giving the date asked for, still is.
"""

from __future__ import annotations

from assistant.coverage import assess, focus
from assistant.models import Evidence
from assistant.question import read_question

TEXTS = {
    "bakhmut": "The Russian 72nd Brigade abandoned its positions south of Bakhmut on Tuesday, "
    "the Ukrainian Third Assault Brigade said. Yevgeny Prigozhin said the brigade had fled "
    "its positions after losing hundreds of men. Russia's defence ministry said the brigade "
    "left its positions in Bakhmut on Monday to regroup. Fighting in Bakhmut went on through the "
    "night. Bakhmut has been shelled for months.",
    "mykolaiv": "Russia's defence ministry said a Ukrainian brigade had abandoned its positions "
    "near Mykolaiv after heavy shelling. Mykolaiv's port was closed. Residents of Mykolaiv "
    "were told to stay in shelters.",
}


def _sentence(article: str, quote: str, claimant: str) -> Evidence:
    start = TEXTS[article].index(quote)
    return Evidence(
        article, f"{article}#0", quote, start, start + len(quote), claimant, "said",
        f"Fighting near {article.title()}", "The Outlet", "2023-05-10", 1.0, attributed=True,
    )  # fmt: skip


BRIGADE = _sentence(
    "bakhmut",
    "The Russian 72nd Brigade abandoned its positions south of Bakhmut on Tuesday, the "
    "Ukrainian Third Assault Brigade said.",
    "Ukrainian Third Assault Brigade",
)
PRIGOZHIN = _sentence(
    "bakhmut",
    "Yevgeny Prigozhin said the brigade had fled its positions after losing hundreds of men.",
    "Yevgeny Prigozhin",
)
MINISTRY = _sentence(
    "bakhmut",
    "Russia's defence ministry said the brigade left its positions in Bakhmut on Monday to "
    "regroup.",
    "Russia's defence ministry",
)
MYKOLAIV = _sentence(
    "mykolaiv",
    "Russia's defence ministry said a Ukrainian brigade had abandoned its positions near "
    "Mykolaiv after heavy shelling.",
    "Russia's defence ministry",
)


def _cited(question: str, evidence: list[Evidence]) -> list[Evidence]:
    asked = read_question(question)
    coverage = assess(asked, evidence, article_text=lambda aid: TEXTS.get(aid, ""))
    assert coverage.status == "answered", coverage
    return focus(evidence, coverage)


def test_a_voice_on_another_place_is_not_cited_beside_the_answer():
    question = "Which brigade abandoned its positions in Bakhmut?"
    asked = read_question(question)
    coverage = assess(asked, [BRIGADE, MYKOLAIV], article_text=lambda aid: TEXTS[aid])
    assert 1 in coverage.close and 1 not in coverage.answering  # on the subject's words …
    cited = focus([BRIGADE, MYKOLAIV], coverage)
    assert [ev.article_id for ev in cited] == ["bakhmut"]  # … but about Mykolaiv


def test_another_voice_on_the_same_place_stays_beside_the_answer():
    cited = _cited(
        "Why did the Russian brigade abandon its positions in Bakhmut?", [BRIGADE, PRIGOZHIN]
    )
    assert [ev.claimant for ev in cited] == ["Ukrainian Third Assault Brigade", "Yevgeny Prigozhin"]


def test_beside_a_date_another_voice_gives_a_date_or_is_not_cited():
    question = "When did the Russian brigade abandon its positions in Bakhmut?"
    cited = _cited(question, [BRIGADE, PRIGOZHIN, MINISTRY])
    # Prigozhin speaks of the same brigade and place but gives no date
    assert [ev.claimant for ev in cited] == [
        "Ukrainian Third Assault Brigade",
        "Russia's defence ministry",
    ]


def test_the_same_account_of_another_place_is_not_cited_as_an_answer():
    question = (
        "Why did a Russian brigade abandon its positions in Bakhmut during the Ukrainian assault?"
    )
    asked = read_question(question)
    coverage = assess(asked, [BRIGADE, MYKOLAIV], article_text=lambda aid: TEXTS[aid])
    # three names asked: the Mykolaiv sentence, lacking one, passes as an answer …
    assert coverage.answering == [0, 1]
    # … but beside one holding them all, it is the same words about another place
    assert [ev.article_id for ev in focus([BRIGADE, MYKOLAIV], coverage)] == ["bakhmut"]


def test_asked_what_one_speaker_said_another_voice_is_not_cited_beside():
    question = "What did Yevgeny Prigozhin say about the Russian brigade in Bakhmut?"
    asked = read_question(question)
    coverage = assess(asked, [PRIGOZHIN, BRIGADE], article_text=lambda aid: TEXTS[aid])
    assert coverage.answering == [0] and 1 in coverage.named  # same brigade, same place
    assert [ev.claimant for ev in focus([PRIGOZHIN, BRIGADE], coverage)] == ["Yevgeny Prigozhin"]
