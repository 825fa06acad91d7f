"""Answers that lead with the answer, and know what the archive does not say.

Over a small hand-written archive (nine articles of June–August 2022) shaped like the
cases of issue 19: a country in the news asked a general-knowledge question, a swap
offered but no release reported, a speaker asked about a subject they never spoke on, a
price "not disclosed", an explosion never reported, another war, a time after the archive.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from handwritten import build_archive

from assistant.coverage import assess, focus
from assistant.lead import lead_of, not_stated_opening, statement
from assistant.models import Answer, Evidence
from assistant.question import read_question
from index.models import Speaker

ARTICLES = [
    {
        "id": "aus-aid",
        "title": "Australia sends more armoured vehicles to Ukraine",
        "date": "2022-07-03",
        "outlet": "The Guardian",
        "text": "Australia will send 14 more Bushmaster armoured vehicles to Ukraine, Prime "
        "Minister Anthony Albanese said on Sunday during a visit to Kyiv. Albanese said the "
        "new aid package was worth 100 million Australian dollars. Australia has already "
        "given Ukraine 60 Bushmasters, officials in Canberra said.",
    },
    {
        "id": "griner-offer",
        "title": "US offers to trade arms dealer for Griner and Whelan",
        "date": "2022-07-27",
        "outlet": "The New York Times",
        "text": "The United States has offered to exchange Viktor Bout, a Russian arms dealer "
        "serving a 25-year sentence, for Brittney Griner and Paul Whelan, Secretary of State "
        "Antony Blinken said on Wednesday. Griner, a basketball star, has been held in Russia "
        "since February. Blinken said he expected to speak with Sergei Lavrov about the offer.",
    },
    {
        "id": "grain-ship",
        "title": "First grain ship leaves Odesa",
        "date": "2022-08-01",
        "outlet": "The Guardian",
        "text": "The first grain ship to leave Ukraine since the invasion set sail from Odesa "
        "on Monday carrying 26,000 tonnes of corn, Turkey's defence ministry said. The "
        "Razoni is bound for Tripoli in Lebanon. The price the buyer paid for the cargo was "
        "not disclosed.",
    },
    {
        "id": "macron-humiliate",
        "title": "Macron says Russia must not be humiliated",
        "date": "2022-06-04",
        "outlet": "The New York Times",
        "text": "President Emmanuel Macron of France said on Saturday that Russia must not be "
        "humiliated, so that a diplomatic way out remains open when the fighting stops. "
        "Macron said he had spoken with Vladimir Putin for more than 100 hours since December.",
    },
    {
        "id": "olenivka",
        "title": "Olenivka prison blast kills Ukrainian prisoners of war",
        "date": "2022-07-29",
        "outlet": "The Guardian",
        "text": "Dozens of Ukrainian prisoners of war were killed in an explosion at a prison "
        "in Olenivka, in Russian-occupied Donetsk. Ukraine's military said Russia had shelled "
        "the prison to hide the torture of prisoners. Russia's defence ministry said Ukraine "
        "had hit the prison with Himars rockets. Elsewhere, Emmanuel Macron said Europe must "
        "prepare for a long war.",
    },
    {
        "id": "nord-stream",
        "title": "Gazprom blames stuck turbine for Nord Stream cut",
        "date": "2022-07-21",
        "outlet": "Reuters",
        "text": "Gazprom said a turbine for the Nord Stream 1 pipeline was stuck in Canada "
        "after maintenance, and cut the gas flowing to Germany. Germany's economy minister "
        "Robert Habeck said the turbine was a pretext.",
    },
    {
        "id": "bakhmut-losses",
        "title": "Russian losses mount in Bakhmut",
        "date": "2022-07-12",
        "outlet": "The Guardian",
        "text": "At least 200 Russian soldiers died in the fighting for Bakhmut last week, "
        "Ukraine's general staff said on Tuesday. Russian artillery kept shelling the town's "
        "eastern districts.",
    },
    {
        "id": "kharkiv-losses",
        "title": "Moscow claims heavy Ukrainian losses near Kharkiv",
        "date": "2022-07-14",
        "outlet": "Reuters",
        "text": "More than 750 Ukrainian soldiers were killed in strikes in the Kharkiv region, "
        "Russia's defence ministry said on Thursday. Kyiv said 40 Russian soldiers died "
        "there in the same days.",
    },
    {
        "id": "kremlin-americans",
        "title": "Kremlin says captured Americans could face death penalty",
        "date": "2022-06-20",
        "outlet": "The New York Times",
        "text": "The Kremlin said on Monday that two US volunteers captured while fighting in "
        "Ukraine could face the death penalty. Dmitry Peskov, the Kremlin spokesman, said "
        "the men were mercenaries who were not covered by the Geneva conventions.",
    },
]

LAST_DATE = "2022-08-01"


@pytest.fixture(scope="module")
def archive(tmp_path_factory, engine_factory):
    """An Engine over the hand-written archive, built once for this module."""
    return build_archive(engine_factory, tmp_path_factory.mktemp("lead"), ARTICLES)


def before_first_marker(answer: Answer) -> str:
    return re.split(r"\[\d", answer.answer, maxsplit=1)[0]


def not_answered(answer: Answer) -> bool:
    return answer.coverage in ("not_stated", "none")


def test_an_asked_number_leads_the_answer_with_who_gives_it(archive):
    answer = archive.ask("How much corn was the first grain ship carrying?")
    assert answer.coverage == "answered"
    assert answer.answer.startswith(answer.lead)
    assert "26,000 tonnes of corn" in before_first_marker(answer)
    assert answer.lead.endswith("[1].") and "26,000" in answer.citations[0].quote


def test_what_a_speaker_said_leads_in_the_speakers_words_through_the_content_span(archive):
    answer = archive.ask(
        "What did the Kremlin say about whether the captured Americans could be sentenced to death?"
    )
    assert answer.coverage == "answered"
    assert answer.lead.startswith("Kremlin said that two US volunteers")
    assert "could face the death penalty [1]" in answer.lead
    assert re.search(r"\[\d\]\.?$", answer.lead.split(";")[0])


def test_the_lead_holds_only_words_of_its_cited_sentences(archive):
    answer = archive.ask("How much corn was the first grain ship carrying?")
    sources = " ".join(f"{c.quote} {c.claimant}" for c in answer.citations)
    fixed = {"said", "according", "to", "reports", "the", "article", "that"}
    words = re.findall(r"[\w’',.-]+", re.sub(r"\[\d+\]", "", answer.lead))
    stray = [
        w for w in words if w.strip(",.").lower() not in fixed and w.strip(",.") not in sources
    ]
    assert not stray


def test_a_general_knowledge_question_about_a_country_in_the_news_is_not_answered(archive):
    answer = archive.ask("What is the capital of Australia?")
    assert not_answered(answer)
    assert answer.lead.startswith("The indexed articles do not")


@pytest.mark.xfail(
    reason="issue 19: a sentence holding the question's names but not its event (a swap offered, "
    "not a release; a turbine, not an explosion) still answers; requiring the event word cut "
    "seeds answered-answerable from 0.90 to 0.65",
    strict=True,
)
def test_a_release_never_reported_is_not_stated_and_the_lead_says_what_is(archive):
    answer = archive.ask("When was Brittney Griner released in the swap for Viktor Bout?")
    assert not_answered(answer)
    if answer.coverage == "not_stated":
        assert answer.lead.startswith("The indexed articles do not")
        assert "exchange Viktor Bout" in answer.lead and "[1]" in answer.lead


def test_a_speaker_asked_about_a_subject_they_never_spoke_on_is_not_answered(archive):
    answer = archive.ask("What did Macron say about the killing of prisoners at Olenivka?")
    assert not_answered(answer)
    if any("Macron" in c.claimant for c in answer.citations):
        assert "do not report Emmanuel Macron saying" not in answer.lead  # never contradicts
        assert "do not report Macron saying" not in answer.lead


def test_a_price_the_article_says_was_not_disclosed_is_not_stated(archive):
    answer = archive.ask("How much did the buyer pay for the grain ship's cargo?")
    assert answer.coverage == "not_stated"
    assert "not disclosed" in answer.lead
    assert "26,000" not in before_first_marker(answer).split(";")[0]


@pytest.mark.xfail(
    reason="issue 19: a sentence holding the question's names but not its event (a swap offered, "
    "not a release; a turbine, not an explosion) still answers; requiring the event word cut "
    "seeds answered-answerable from 0.90 to 0.65",
    strict=True,
)
def test_an_event_the_archive_never_reports_is_not_answered(archive):
    answer = archive.ask("Who was behind the Nord Stream pipeline explosions?")
    assert not_answered(answer)
    assert "turbine" not in answer.lead.split(";")[0]


def test_a_figure_about_another_place_is_not_cited_beside_the_answer(archive):
    answer = archive.ask("How many Russian soldiers died in Bakhmut?")
    assert answer.coverage == "answered"
    assert "200 Russian soldiers" in answer.lead
    assert not any(c.article_id == "kharkiv-losses" for c in answer.citations)


def test_another_war_is_declined(archive):
    answer = archive.ask("How many people were killed in the Rwandan genocide?")
    assert answer.coverage == "none" and answer.abstained


def test_a_question_about_a_time_after_the_archive_names_its_last_date(archive):
    answer = archive.ask("Who won the 2024 US presidential election?")
    assert not_answered(answer)
    assert LAST_DATE in answer.lead


def test_a_declined_question_shows_its_one_line_and_no_unrelated_quotes(archive):
    answer = archive.ask("Who won the 2022 football World Cup?")
    assert answer.coverage == "none" and answer.abstained
    assert answer.lead == answer.answer and not answer.citations


def _evidence(quote: str, claimant: str, claim: str = "", cue: str | None = "said") -> Evidence:
    return Evidence(
        "a1", "a1#0", quote, 0, len(quote), claimant, cue, "A title", "The Outlet",
        "2022-08-01", 1.0, attributed=True, claim=claim,
    )  # fmt: skip


def test_a_not_stated_opening_never_denies_a_speaker_cited_under_it():
    asked = read_question("What did officials say about the ceasefire in Gaza?")
    said = _evidence("U.S. officials say the talks on grain will go on.", "U.S. officials")
    opening = not_stated_opening(asked, [said], [1])
    assert "do not report" not in opening
    assert opening.startswith("The indexed articles quote officials, but not on what is asked")
    assert opening.endswith("[1].")


def test_a_claim_is_reported_through_its_content_span_after_its_cue():
    asked = read_question("What did Baerbock say about negotiations?")
    quote = (
        "Annalena Baerbock said there was “not a millimetre of willingness” in Moscow to negotiate."
    )
    claim = "there was “not a millimetre of willingness” in Moscow to negotiate"
    said = _evidence(quote, "Annalena Baerbock (Germany's foreign minister)", claim)
    assert statement(said, asked) == (
        "Annalena Baerbock (Germany's foreign minister) said there was “not a millimetre of "
        "willingness” in Moscow to negotiate"
    )
    issued = _evidence(
        "The ministry issued a statement clarifying the situation.",
        "The ministry",
        "a statement clarifying the situation",
        "issued",
    )
    assert statement(issued, asked).startswith("According to The ministry, “The ministry issued")


def test_who_said_leads_with_the_speaker_the_article_names():
    asked = read_question("Who said thousands of people had crossed the border?")
    official = replace(
        _evidence("A Russian official said thousands of people had crossed the border.",
                  "Russian official", "thousands of people had crossed the border"),
        speaker=Speaker("s1", "Russian official", kind="unnamed"),
    )  # fmt: skip
    governor = replace(
        _evidence("“Thousands of people have crossed the border,” Vyacheslav Gladkov said.",
                  "Vyacheslav Gladkov", "“Thousands of people have crossed the border,”"),
        speaker=Speaker("s2", "Vyacheslav Gladkov", kind="person"),
    )  # fmt: skip
    evidence = focus([official, governor], assess(asked, [official, governor]))
    lead = lead_of(asked, evidence, [1, 2])
    assert lead.startswith("Vyacheslav Gladkov said")
    # a question not asking who said something keeps the order the evidence came in
    gaining = read_question("Who is gaining ground at the border? Give each side's claims.")
    assert not gaining.claim


def test_a_question_asking_two_things_leads_with_one_line_for_each(archive):
    answer = archive.ask(
        "How much corn was the first grain ship carrying, and how many Bushmasters has "
        "Australia already given Ukraine?"
    )
    assert answer.coverage == "answered"
    first, second = answer.lead.split("; ")
    assert "26,000" in first and re.search(r"\[\d\]$", first)
    assert "60 Bushmasters" in second and re.search(r"\[\d\]\.$", second)


def test_each_part_leads_with_the_sentence_of_its_own_speaker():
    asked = read_question(
        "How many soldiers did Russia say were killed, and how much territory did Zelensky "
        "say had been won back?"
    )
    assert [p.kind for p in asked.parts] == ["quantity", "quantity"]
    by_how_much = read_question("How many states sued, and by how much will emissions fall?")
    assert [p.text for p in by_how_much.parts] == [
        "How many states sued",
        "By how much will emissions fall?",
    ]
    killed = replace(
        _evidence("Russia said that over 750 Ukrainian soldiers were killed near Kharkiv.",
                  "Russia", "that over 750 Ukrainian soldiers were killed near Kharkiv"),
        answers=True,
    )  # fmt: skip
    moscow = replace(
        _evidence("Moscow says its troops hit Ukrainian positions near Kharkiv.",
                  "Moscow", "its troops hit Ukrainian positions near Kharkiv", "says"),
        answers=True,
    )  # fmt: skip
    won = _evidence(
        "Zelensky claimed that his army had reclaimed about 2,000 kilometres of territory.",
        "Volodymyr Zelensky", "that his army had reclaimed about 2,000 kilometres of territory",
        "claimed",
    )  # fmt: skip
    lead = lead_of(asked, [killed, moscow, won], [1, 2, 3])
    assert "750" in lead.split("; ")[0] and lead.split("; ")[1].startswith("Volodymyr Zelensky")
    assert "2,000" in lead and "Moscow" not in lead


def test_what_a_speaker_said_leads_with_two_of_their_claims_when_no_other_voice_answers():
    asked = read_question("What did Andriy Biletsky claim happened to the Russian brigade?")
    defeated = _evidence(
        "Andriy Biletsky has stated that his brigade defeated units of the Russian brigade.",
        "Andriy Biletsky", "that his brigade defeated units of the Russian brigade", "has stated",
    )  # fmt: skip
    destroyed = _evidence(
        "According to Biletsky, two companies of the Russian brigade were destroyed.",
        "Andriy Biletsky", "two companies of the Russian brigade were destroyed", "According to",
    )  # fmt: skip
    evidence = [replace(defeated, answers=True), replace(destroyed, answers=True)]
    lead = lead_of(asked, evidence, [1, 2])
    assert "defeated units" in lead and "two companies" in lead and lead.endswith("[2].")


def test_a_speakers_own_words_lead_before_a_group_reporting_them():
    asked = read_question("What did the FBI director say about the emails?")
    reported = replace(
        _evidence("Judicial Watch noted FBI Director James Comey said the emails were "
                  "mishandled.", "Judicial Watch; James Comey (FBI Director)",
                  "FBI Director James Comey said the emails were mishandled", "noted"),
        answers=True,
    )  # fmt: skip
    own = replace(
        _evidence("FBI Director James Comey said no charges were warranted over the emails.",
                  "James Comey (FBI Director)",
                  "no charges were warranted over the emails"),
        answers=True,
    )  # fmt: skip
    lead = lead_of(asked, [reported, own], [1, 2])
    assert lead.startswith("James Comey (FBI Director) said no charges")
    body = replace(
        _evidence("The FBI confirmed it was working on matters related to the emails.",
                  "FBI", "it was working on matters related to the emails", "confirmed"),
        answers=True,
    )  # fmt: skip
    lead = lead_of(asked, [reported, body, own], [1, 2, 3])
    assert lead.startswith("James Comey (FBI Director) said no charges")


BANK = {
    "id": "acme-hearing",
    "title": "Senator grills Acme Bank chief",
    "date": "2016-09-20",
    "outlet": "The Post",
    "text": "Senator Jane Roe grilled Acme Bank chief executive John Doe on Tuesday over the "
    "fake accounts opened in customers' names. The bank said that it had fired thousands of "
    "employees from 2011 to 2016 for the practice. Roe said the scandal showed gutless "
    "leadership. Last week Doe appeared to blame low-level workers for the practice, which "
    "was widespread throughout the bank. 5,300 employees were fired for their involvement. "
    "The bank said it would end its sales targets in January.",
}


def test_a_short_sentence_giving_the_count_asked_for_is_cited(tmp_path_factory, engine_factory):
    bank = build_archive(engine_factory, tmp_path_factory.mktemp("bank"), [BANK])
    answer = bank.ask("How many Acme Bank employees were fired over the fake accounts?")
    assert answer.coverage == "answered"
    assert any("5,300" in c.quote for c in answer.citations) and "5,300" in answer.lead


RUNS = [
    {
        "id": "syrskyi-siversk",
        "title": "Ukrainian brigade holds out near Siversk",
        "date": "2022-08-05",
        "outlet": "Wire",
        "text": "General Oleksandr Syrskyi, the commander of Ukraine's ground forces, said on "
        "Friday that the 93rd brigade had held its positions near Siversk for a month despite "
        "heavy shelling. Syrskyi claimed that the Russians lost 400 men in the attempt and "
        "pulled back. The weather in the region turned cold this week.",
    },
    {
        "id": "kupiansk-villages",
        "title": "Kyiv claims gains near Kupiansk",
        "date": "2022-08-07",
        "outlet": "Wire",
        "text": "Ukraine's army said on Saturday that its forces had retaken 20 villages near "
        "Kupiansk in a week of fighting. British military intelligence confirmed the claims on "
        "Sunday. Russia's defence ministry did not comment.",
    },
    {
        "id": "kupiansk-regroup",
        "title": "Moscow says troops regrouped from Kupiansk",
        "date": "2022-08-09",
        "outlet": "Wire",
        "text": "Russia's defence ministry said on Tuesday that its troops near Kupiansk had "
        "regrouped to strengthen positions further east. The ministry gave no figures.",
    },
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory, engine_factory):
    return build_archive(engine_factory, tmp_path_factory.mktemp("runs"), RUNS)


def test_a_speakers_next_claim_is_on_the_subject_of_the_sentence_before(runs):
    answer = runs.ask("What did General Syrskyi say about the 93rd brigade?")
    assert answer.coverage == "answered"
    assert "400 men" in answer.lead and "93rd brigade" in answer.lead


def test_what_the_claims_are_is_said_by_the_sentence_before(runs):
    answer = runs.ask("Who confirmed Ukraine's claims about the villages near Kupiansk?")
    assert answer.coverage == "answered"
    assert "British military intelligence" in before_first_marker(answer)


def test_a_question_opening_with_a_claim_leads_with_each_side(runs):
    answer = runs.ask(
        "Ukraine's army says its forces retook villages near Kupiansk. "
        "How does Russia's defence ministry explain it?"
    )
    assert answer.coverage == "answered"
    ministry, army = answer.lead.split("; ")
    assert "regrouped" in ministry and "20 villages" in army
