"""What the archive does not say, at any size: rules that read the words, never a score.

Over a small hand-written archive of US news (2016) shaped like the misses of issue 19
at archive scale: a deed asked about that no sentence reports ("who invented", "which
team won", "who was arrested"), a speaker sharing only a first name with the one asked
about, a general-knowledge "capital of X" where X is in the news, an open question whose
only mention is a book's title, a speaker whose quote on an article's subject does not
repeat its words, a count given both vaguely and in digits, and "US" beside "us".

And over a few hand-written war items (``war``), the wrongs seen on 505 RUWA items: a body
asked about ("Russia's defence ministry") answered by its country's people ("Russians"),
the speaker as asked losing its casing ("Iaea Chief"), and a claimant left as a bare
pronoun shown as "According to he".
"""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from click.testing import CliRunner
from handwritten import build_archive

from assistant.coverage import by_speaker
from assistant.labels import UNNAMED, claimant_name
from assistant.models import Evidence
from assistant.question import read_question
from claimtrace.cli import cli

ARTICLES = [
    {
        "id": "gates-paris",
        "title": "Obama and Gates launch clean energy push in Paris",
        "date": "2016-06-02",
        "outlet": "Wire",
        "text": "Obama said in Paris that the world would have to invent entirely new "
        "technologies to cut emissions. Gates said he would spend on research. A telephone "
        "call between the two men was arranged later.",
    },
    {
        "id": "super-bowl",
        "title": "Trump gives his view of the big game",
        "date": "2016-02-06",
        "outlet": "Wire",
        "text": "Trump also offered his early assessment of Super Bowl 50 between the Denver "
        "Broncos and the Carolina Panthers. He said the game would be close.",
    },
    {
        "id": "reid-taxes",
        "title": "Reid mocks Trump over his taxes",
        "date": "2016-05-12",
        "outlet": "Wire",
        "text": "Senator Harry Reid mocked Trump for not releasing his tax returns, saying "
        "the nominee must be hiding something. Trump said his tax returns were under audit.",
    },
    {
        "id": "lou-china",
        "title": "China rebuts criticism on overcapacity",
        "date": "2016-06-07",
        "outlet": "Wire",
        "text": "The finance minister, Lou Jiwei, spoke in Beijing on Tuesday. ''At that "
        "time, the whole world applauded and thanked China,'' Mr. Lou told a news briefing, "
        "recalling the stimulus China spent in the 2008 crisis.",
    },
    {
        "id": "clean-power",
        "title": "States sue over the Clean Power Plan",
        "date": "2016-09-27",
        "outlet": "Wire",
        "text": "The Clean Power Plan was argued before the appeals court on Tuesday. The "
        "Clean Power Plan would cut emissions from power plants. “It’s an invasion of the "
        "state regulatory domain,” Scott Pruitt, the attorney general of Oklahoma, said. "
        "Supporters of the Clean Power Plan said it was lawful.",
    },
    {
        "id": "admiral-book",
        "title": "An admiral who rattles Beijing",
        "date": "2016-05-20",
        "outlet": "Wire",
        "text": "One of his recent reads, a history by T.R. Fehrenbach about the Korean War, "
        "drove that point home. The admiral speaks bluntly about the South China Sea.",
    },
    {
        "id": "chelsea-blast",
        "title": "Explosion in Chelsea injures 29",
        "date": "2016-09-17",
        "outlet": "Wire",
        "text": "An explosion in Chelsea injured 29 people on Saturday night. The mayor said it "
        "was too early to tell whether the explosion was caused by a bomb. The explosion went "
        "off in front of a building on West 23rd Street in Chelsea, the police said.",
    },
    {
        "id": "wells-fargo",
        "title": "Wells Fargo fired workers over fake accounts",
        "date": "2016-09-20",
        "outlet": "Wire",
        "text": "The bank said that it had fired thousands of employees for opening fake "
        "accounts. Wells Fargo said 5,300 employees were fired over five years.",
    },
    {
        "id": "golf",
        "title": "Golf courses forced to reach into a bag of tricks",
        "date": "2015-11-25",
        "outlet": "Wire",
        "text": "Golf is struggling across the United States. In 2013 alone, 158 golf courses "
        "closed and just 14 opened. Hundreds of golf courses have closed since then.",
    },
    {
        "id": "caucuses",
        "title": "Rubio wins Minnesota",
        "date": "2016-03-02",
        "outlet": "Wire",
        "text": "Florida Sen. Marco Rubio has won the Republican presidential caucuses in "
        "Minnesota, his first victory in the 2016 race. The U.S. primaries go on.",
    },
    {
        "id": "husted",
        "title": "Court rules against Ohio's purge of voter rolls",
        "date": "2016-09-23",
        "outlet": "Wire",
        "text": "A federal appeals court ruled against Ohio's procedure for removing voters. "
        "Ohio Secretary of State Jon Husted applauded nothing about the ruling. In a "
        "statement, Husted said the court's decision would force the state to put voters "
        "back on the rolls who have died.",
    },
    {
        "id": "linkedin",
        "title": "LinkedIn employees weigh the deal",
        "date": "2016-06-14",
        "outlet": "Wire",
        "text": "LinkedIn's chief told employees to imagine a world where they were no longer "
        "looking up at Microsoft, because they were one of them.",
    },
    {
        "id": "great-wall",
        "title": "Trump's wall",
        "date": "2016-02-10",
        "outlet": "Wire",
        "text": "If China can build a Great Wall without tractors or cranes, he said, then he "
        "can build one along the Mexican frontier.",
    },
    {
        "id": "lawsuit-bill",
        "title": "Clinton breaks with Obama on 9/11 lawsuit bill",
        "date": "2016-09-10",
        "outlet": "Wire",
        "text": "Clinton spokesman Jesse Lehrich said on Friday that if his candidate won, "
        "“she would sign this legislation if it came to her desk.”",
    },
    {
        "id": "admiral",
        "title": "An admiral who rattles Beijing",
        "date": "2016-05-20",
        "outlet": "Wire",
        "text": "Admiral Harris, who leads the Pacific Command from Hawaii, speaks "
        "bluntly. After graduation from the Naval Academy in Annapolis, Admiral Harris "
        "trained as a flight officer. Harris was born in Japan, the son of a Japanese mother.",
    },
    {
        "id": "strikes",
        "title": "Russian strikes near the border",
        "date": "2016-08-30",
        "outlet": "Wire",
        "text": "In the last 48 hours, Russian air force and artillery units have launched "
        "fierce attacks on army bases near the border, the defence ministry said.",
    },
    {
        "id": "veterans",
        "title": "Veterans' suicides",
        "date": "2016-09-16",
        "outlet": "Wire",
        "text": "Among young veterans who served in Iraq, the suicide rate of veterans was 10 "
        "times the national average. A veteran takes their own life every 72 minutes.",
    },
    {
        "id": "cross-column",
        "title": "A column on national unity",
        "date": "2016-07-08",
        "outlet": "Wire",
        "text": "“There is no political hero waiting to rescue us from ourselves,” Richard "
        "Cross wrote in a column on the national mood.",
    },
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory, engine_factory):
    """An Engine over the hand-written archive, built once for this module."""
    return build_archive(engine_factory, tmp_path_factory.mktemp("not_stated"), ARTICLES)


def not_answered(answer) -> bool:
    return answer.coverage in ("not_stated", "none")


@pytest.mark.parametrize(
    "question",
    [
        "Who invented the telephone?",  # "invent" is there, the telephone's inventor is not
        "Which team won Super Bowl 50?",  # the game is there, its winner is not
        "Who was arrested for the Chelsea bombing?",  # the blast is there, an arrest is not
    ],
)
def test_a_deed_no_sentence_reports_is_not_answered(archive, question):
    assert not_answered(archive.ask(question))


def test_a_speaker_sharing_only_a_first_name_is_not_the_one_asked_about(archive):
    answer = archive.ask("What did Admiral Harry Harris say about Trump's tax returns?")
    assert not_answered(answer)
    assert "quote Admiral Harry Harris" not in answer.lead


def test_a_speaker_named_family_name_first_is_found_by_it(archive):
    answer = archive.ask("What did Lou Jiwei say the world did when China spent in the crisis?")
    assert answer.coverage == "answered"
    assert "applauded" in answer.lead


def test_the_capital_of_a_country_in_the_news_is_declined_in_one_line(archive):
    answer = archive.ask("What is the capital of China?")
    assert answer.coverage == "none" and not answer.citations
    assert answer.lead == answer.answer


def test_an_open_question_on_a_name_only_mentioned_in_passing_is_not_answered(archive):
    assert not_answered(archive.ask("What happened in the Korean War?"))


def test_a_speakers_quote_in_an_article_about_the_subject_answers(archive):
    answer = archive.ask(
        "What did Oklahoma attorney general Scott Pruitt say about the Clean Power Plan?"
    )
    assert answer.coverage == "answered"
    assert "invasion" in answer.lead


def test_us_the_country_is_not_us_the_pronoun(archive):
    assert not_answered(archive.ask("Who wrote the US national anthem?"))


def _said_by(claimant: str) -> Evidence:
    return Evidence(
        "a1", "a1#0", "It was said.", 0, 12, claimant, "said", None, "Wire", "2016-01-01",
        1.0, attributed=True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("question", "claimant", "same"),
    [
        ("What did Harry Harris say?", "Harry Reid (Senate Minority Leader)", False),
        ("What did Lou Jiwei say?", "Lou", True),
        ("What did the Belgorod governor say?", "Vyacheslav Gladkov (governor of Belgorod)", True),
        ("What did RT say?", "Russia-owned RT News agency", True),
        ("What did RT say?", "RT News", True),  # a body's initials are no first name
        ("What did USA Today's editorial call it?", "the article", False),
        # a body or an office asked: its people, its country or the body alone is not it
        ("What did Russia's defence ministry say?", "Russians", False),
        ("What did Russia's defence ministry say?", "Moscow", False),
        ("What did Russia's defence ministry say?", "Russian Foreign Ministry", False),
        ("What did Russia's defence ministry say?", "Ukraine's defence ministry", False),
        ("What did Russia's defence ministry say?", "Russian Defence Ministry", True),
        ("What did Russia's defence ministry say?", "Ministry of Defense", True),
        (
            "What did Russia's defence ministry say?",
            "Igor Konashenkov (Russian defence ministry spokesman)",
            True,
        ),
        ("What did the IAEA chief say?", "IAEA", False),
        ("What did the IAEA chief say?", "Valery Zaluzhny (army chief)", False),
        ("What did the IAEA chief say?", "Rafael Grossi (director general of the IAEA)", True),
        ("What did the Ukrainian assault brigade say?", "Third Separate Assault Brigade", True),
        ("What did the Ukrainian assault brigade say?", "Ukrainian brigade", True),
        ("What did the Donetsk governor say?", "Donetsk", False),
        ("What did Wagner boss Prigozhin say?", "Prigozhin", True),
        ("What did Wagner boss Prigozhin say?", "Wagner group", False),
        ("What did US officials say?", "Ukrainian officials", False),
    ],
)
def test_a_speaker_is_matched_by_surname_or_role_never_by_first_name(question, claimant, same):
    assert by_speaker(read_question(question), _said_by(claimant)) is same


def test_a_win_of_another_contest_does_not_answer_who_won_the_election(archive):
    assert not_answered(archive.ask("Who won the 2016 US presidential election?"))


def test_an_office_named_state_is_not_read_as_the_verb_state():
    asked = read_question("What did Ohio's Secretary of State Jon Husted say about the ruling?")
    assert asked.speaker[-2:] == ("jon", "husted")


def test_a_speaker_with_an_office_is_answered_in_their_words(archive):
    answer = archive.ask(
        "What did Ohio's Secretary of State Jon Husted say the appeals court ruling would force "
        "the state to do?"
    )
    assert answer.coverage == "answered"
    assert "have died" in answer.lead


@pytest.mark.parametrize(
    "question",
    [
        "How much did Microsoft pay for LinkedIn?",  # "one of them" is no price
        "How long is the Great Wall of China?",  # "build one along" is no length
    ],
)
def test_a_price_or_length_needs_money_or_a_unit_not_any_number(archive, question):
    assert not_answered(archive.ask(question))


def test_what_a_spokesman_said_asks_for_words_not_a_name(archive):
    question = (
        "What did Clinton spokesman Jesse Lehrich say Clinton would do with the 9/11 lawsuit bill?"
    )
    assert read_question(question).kind is None
    answer = archive.ask(question)
    assert answer.coverage == "answered"
    assert "sign this legislation" in answer.lead


def test_a_span_of_hours_is_no_count_of_soldiers(archive):
    assert not_answered(archive.ask("How many Russian soldiers were killed near the border?"))


@pytest.mark.parametrize(
    ("question", "fact", "first"),
    [
        ("How many Wells Fargo employees were fired?", "5,300", True),  # before "thousands"
        ("How many US golf courses closed in 2013?", "158", True),  # "United States" is the US
        ("Where was Admiral Harris, head of the Pacific Command, born?", "Japan", True),  # "born"
        ("How often does a veteran take their own life?", "72 minutes", False),  # two figures
        # "Manhattan" describes the street asked for; the article need not say it
        ("On which Manhattan street did the Chelsea explosion go off?", "West 23rd Street", True),
    ],
)
def test_the_lead_opens_with_the_sentence_that_gives_the_fact(archive, question, fact, first):
    answer = archive.ask(question)
    assert answer.coverage == "answered"
    assert fact in (answer.lead.split(";")[0] if first else answer.lead)


def test_one_word_of_a_two_word_name_found_alone_is_not_its_subject(archive):
    # "the world" is in the archive, "World Cup" is not: the question is declined
    answer = archive.ask("Who won the 2022 World Cup?")
    assert answer.coverage == "none" and not answer.citations


def test_a_name_of_three_capitalised_words_is_not_read_as_a_two_word_name():
    asked = read_question(
        "What did Ohio's Secretary of State Jon Husted say the ruling would force the state to do?"
    )
    assert ("state", "jon") not in asked.pairs and ("jon", "husted") not in asked.pairs
    assert read_question("Who won the 2022 World Cup?").pairs == (("world", "cup"),)
    assert read_question("What did Ohio's Secretary say?").pairs == ()


WAR = [
    {
        "id": "bucha-calls",
        "title": "Intercepted calls from Russians discussing atrocities in Bucha",
        "date": "2022-04-07",
        "outlet": "Wire",
        "text": "German intelligence intercepted radio calls from Russians discussing "
        "atrocities in Bucha. The calls were recorded in March.",
    },
    {
        "id": "kherson-exit",
        "title": "Russia leaves Kherson",
        "date": "2022-11-10",
        "outlet": "Wire",
        "text": "Russia's defence ministry said its troops had left Kherson in good order and "
        "taken their equipment with them.",
    },
    {
        "id": "plant-mission",
        "title": "Mission to the Zaporizhzhia plant",
        "date": "2022-08-29",
        "outlet": "Wire",
        "text": "A Russian-installed official said the safety of the IAEA mission to the "
        "Zaporizhzhia nuclear plant would be ensured.",
    },
    {
        "id": "council-address",
        "title": "Address to the Security Council",
        "date": "2022-04-05",
        "outlet": "Wire",
        "text": "He says what happened in Bucha was a genocide, and the council must act. "
        "The address was broadcast live.",
    },
]


@pytest.fixture(scope="module")
def war(tmp_path_factory, engine_factory):
    """An Engine over four hand-written war items, built once for this module."""
    return build_archive(engine_factory, tmp_path_factory.mktemp("war"), WAR)


def test_a_body_asked_is_not_its_countrys_people(war):
    answer = war.ask("What did Russia's defence ministry say about Bucha?")
    assert answer.coverage == "not_stated"
    # the one line says the ministry is not reported, then what the archive does hold
    assert answer.lead.startswith("The indexed articles do not report Russia's defence ministry")
    assert "Russians" in answer.lead and "[1]" in answer.lead


def test_a_body_asked_answers_in_its_own_claim(war):
    answer = war.ask("What did Russia's defence ministry say about Kherson?")
    assert answer.coverage == "answered"
    # the article's claimant is "Russia's defence ministry" (its owner kept); the lead opens with it
    assert answer.lead.startswith("Russia's defence ministry said its troops had left Kherson")


def test_the_speaker_asked_keeps_the_questions_own_casing(war):
    answer = war.ask("What did the IAEA chief say about the Zaporizhzhia plant?")
    assert answer.coverage == "not_stated"
    assert "do not report the IAEA chief saying this" in answer.lead
    assert "Iaea" not in answer.answer


def test_a_bare_pronoun_claimant_is_shown_as_an_unnamed_speaker(war):
    question = "What did Zelensky say about the genocide in Bucha?"
    answer = war.ask(question)
    [cited] = [c for c in answer.citations if c.article_id == "council-address"]
    assert cited.claimant == UNNAMED and cited.speaker.name == UNNAMED
    assert f"According to {UNNAMED}, as reported by Wire" in answer.answer
    assert "According to he" not in answer.answer and "According to he" not in answer.lead
    result = CliRunner().invoke(cli, ["--store", str(war.store.root), "ask", question, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out == json.loads(json.dumps(asdict(answer)))  # the JSON is the answer itself
    assert not any(c["claimant"] == "he" or c["speaker"]["name"] == "he" for c in out["citations"])


@pytest.mark.parametrize(
    ("claimant", "shown"),
    [
        ("he", UNNAMED),
        ("They", UNNAMED),
        ("I", UNNAMED),
        ("she (minister)", f"{UNNAMED} (minister)"),
        ("US", "US"),  # the country, not "us"
        ("Russians", "Russians"),
    ],
)
def test_only_a_bare_pronoun_is_renamed(claimant, shown):
    assert claimant_name(claimant) == shown


@pytest.mark.parametrize(
    ("said", "same"),
    [
        ("The Ukrainian brigade assures that the Russians left behind 500 corpses.", True),
        ("The brigade assures that the Russians left behind 500 corpses.", False),
        ("The Russian brigade assures that it held its positions.", False),
    ],
)
def test_a_bodys_owner_may_be_named_by_the_sentence_it_says(said, same):
    # "What did the Ukrainian brigade say?": a claimant named without its country
    # ("Third Separate Assault Brigade") is the Ukrainian brigade when its sentence says so
    evidence = Evidence(
        "a1", "a1#0", said, 0, len(said), "Third Separate Assault Brigade", "assures", None,
        "Wire", "2023-05-11", 1.0, attributed=True,
    )  # fmt: skip
    assert by_speaker(read_question("What did the Ukrainian brigade say?"), evidence) is same
