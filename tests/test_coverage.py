"""Coverage and follow-ups over the seed index: "not stated", declining, the asked speaker."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from assistant.coverage import assess
from assistant.kinds import asked_kind, holds_kind
from assistant.models import Evidence, Turn
from assistant.names_asked import _found_names
from assistant.question import read_question, words_of
from claimtrace.cli import cli

KA52 = "How many armoured vehicles did the Russian Ka-52 helicopters destroy?"
BELGOROD = "How many people were being put up in temporary shelters in Belgorod?"
PRIGOZHIN = "What did Prigozhin say?"


def test_questions_are_read_for_the_kind_of_thing_they_ask():
    assert asked_kind("How many Russian soldiers were killed at Izyum?") == "quantity"
    assert asked_kind("When did the Russian assault on Bakhmut begin?") == "date"
    assert asked_kind("Who commands the Russian 72nd brigade?") == "person"
    assert asked_kind("Where was Konashenkov?") == "place"
    assert asked_kind("Which Luhansk town did RT film?") == "name"
    assert asked_kind("Why did Russian troops leave Izium?") is None


def test_a_count_must_count_what_the_question_asks_about():
    russians = read_question("How many Russian soldiers were killed at Izyum?")
    assert not holds_kind("More than 750 Ukrainian soldiers have been killed.", russians)
    ukrainians = read_question("How many Ukrainian soldiers were killed?")
    assert holds_kind("More than 750 Ukrainian soldiers have been killed.", ukrainians)
    assert not holds_kind("The Ka-52 destroyed several vehicles in 2022.", ukrainians)


def test_a_short_name_in_the_possessive_is_the_name():
    assert words_of("RT's crew and the Reuters' desk") == [
        "rt",
        "crew",
        "and",
        "the",
        "reuters",
        "desk",
    ]
    question = "Who said that C2I's business is planting trees on old mines?"
    said = Evidence(
        "a",
        "a#0",
        "C2I's business is planting trees on old mines, Mr. Van Voorhis said.",
        0,
        70,
        "Van Voorhis",
        "said",
        "A plan",
        "nyt",
        None,
        1.0,
        attributed=True,
    )
    coverage = assess(read_question(question), [said])
    assert (coverage.status, coverage.answering) == ("answered", [0])


def test_a_near_miss_says_the_number_is_not_given_then_gives_the_closest(seed_engine):
    answer = seed_engine.ask(KA52)
    assert answer.coverage == "not_stated" and not answer.abstained
    assert answer.answer.startswith("The indexed articles do not give a number")
    assert "Ka-52" in answer.citations[0].quote


def test_a_count_the_articles_give_is_answered(seed_engine):
    answer = seed_engine.ask(BELGOROD)
    assert answer.coverage == "answered"
    assert "1,342" in answer.citations[0].quote


def test_a_claim_pinned_on_the_wrong_speaker_is_not_stated(seed_engine):
    answer = seed_engine.ask("What did Putin say about the 72nd brigade abandoning its positions?")
    assert answer.coverage in ("not_stated", "none")
    assert answer.coverage == "none" or "do not report Putin" in answer.answer


def test_an_off_topic_question_is_declined(seed_engine):
    answer = seed_engine.ask("Who won the 2022 football World Cup?")
    assert answer.coverage == "none" and answer.abstained and not answer.citations


def test_ask_json_says_which_coverage(seed_engine):
    store = str(seed_engine.store.root)
    result = CliRunner().invoke(cli, ["--store", store, "ask", KA52, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["coverage"] == "not_stated"


def test_a_follow_up_naming_a_new_speaker_is_about_that_speaker(seed_engine):
    first = seed_engine.ask(PRIGOZHIN)
    assert "Prigozhin" in first.citations[0].claimant
    follow = seed_engine.ask(
        "and what did the Ukrainians say?", history=[Turn(PRIGOZHIN, first.answer)]
    )
    assert follow.answer != first.answer
    assert not any("Prigozhin" in c.claimant for c in follow.citations)
    assert any(re.search(r"Ukrain|Brigade", c.claimant) for c in follow.citations)


def test_a_follow_up_that_only_asks_why_keeps_the_subject(seed_engine):
    question = "What did Prigozhin accuse the 72nd brigade of?"
    first = seed_engine.ask(question)
    follow = seed_engine.ask("and why?", history=[Turn(question, first.answer)])
    assert not follow.abstained
    assert "Prigozhin" in follow.citations[0].claimant


def test_terminal_chat_follows_a_new_speaker_and_keeps_the_subject_for_why(seed_engine):
    store = str(seed_engine.store.root)
    talk = f"{PRIGOZHIN}\nand what did the Ukrainians say?\nand why?\n\n"
    result = CliRunner().invoke(cli, ["--store", store, "chat", "--terminal"], input=talk)
    assert result.exit_code == 0, result.output
    turns = result.stdout.split("\n? ")
    assert len(turns) >= 3
    assert "claimant: Prigozhin" in turns[1]
    assert "claimant: Prigozhin" not in turns[2] and re.search(r"claimant: [^\n]*Ukrain", turns[2])


def test_who_claims_x_leads_with_the_claim_of_x(seed_engine):
    answer = seed_engine.ask("Who claims that Ukrainian troops fled?")
    assert re.search(r"Ukrain\w* troops", answer.citations[0].quote)


def test_a_syndicated_copy_and_a_live_blog_stamp_give_one_clean_citation(
    corpus_copy, engine_factory, tmp_path
):
    bakhmut = (corpus_copy / "002_e91c7a62ac189f98.txt").read_text(encoding="utf-8")
    (corpus_copy / "005_syndicated.txt").write_text(bakhmut, encoding="utf-8")
    (corpus_copy / "006_liveblog.txt").write_text(
        "Bakhmut live\n\n27 Jul 2022 14.48 Peter Beaumont Wagner's chief said his fighters "
        "would leave Bakhmut within days unless they got more ammunition.\n",
        encoding="utf-8",
    )
    engine = engine_factory(tmp_path / "store")
    engine.build([corpus_copy])
    answer = engine.ask("What did Prigozhin accuse the 72nd brigade of?")
    quotes = [c.quote for c in answer.citations]
    assert len(quotes) == len(set(quotes))
    copied = [
        c
        for c in answer.citations
        if {c.article_id, *c.also_in} >= {"002_e91c7a62ac189f98", "005_syndicated"}
    ]
    assert copied and "also printed in" in answer.answer
    stamped = engine.ask("When would Wagner's fighters leave Bakhmut?")
    blog = [c for c in stamped.citations if c.article_id == "006_liveblog"]
    assert blog and blog[0].quote.startswith("Wagner's chief said")
    text = engine.store.current().article("006_liveblog").article.text
    assert text[blog[0].start : blog[0].end] == blog[0].quote


def test_an_answered_question_does_not_repeat_a_voice_with_passages_that_only_touch_it(
    seed_engine,
):
    answer = seed_engine.ask("When did Russia start the war in Ukraine?")
    assert answer.coverage == "answered"
    assert "February 24" in answer.citations[0].quote
    claimants = [c.claimant for c in answer.citations]
    assert len(claimants) == len(set(claimants)) <= 6


def test_the_thing_asked_for_and_the_names_are_read_as_the_archive_writes_them():
    assert read_question("What is the capital of Australia?").target == ("capital",)
    assert read_question("What currency does Switzerland use?").target == ("currency",)
    assert words_of("U.S. officials said") == ["us", "officials", "said"]
    assert asked_kind("What growth rate did the IMF forecast for the US economy?") == "quantity"
    assert asked_kind("On which Manhattan street did the explosion go off?") == "place"
    more = read_question("How much more did Tom Steyer plan to give?")
    assert holds_kind("Steyer plans to give an additional $15 million.", more)
    assert read_question("Who won the 2024 US presidential election?").years == (2024,)


def test_a_first_name_is_found_with_its_surname_but_a_war_is_not_found_by_the_word_war():
    stumpf = read_question("How much was John Stumpf paid in 2015?")
    assert _found_names(stumpf, {"stumpf"}, "Stumpf made $19.3 million in 2015") == [
        "stumpf",
        "john",
    ]
    korea = read_question("How many American soldiers died in the Korean War?")
    assert "korean" not in _found_names(korea, {"war", "american"}, "the war killed Americans")


def test_a_capitalised_word_joined_to_a_common_one_describes_rather_than_names():
    asked = read_question("What American-made equipment does Moscow say it wiped out?")
    assert asked.names == ("moscow",)
    assert "american-mad" in asked.subject  # still a word of the subject
    said = Evidence(
        "a",
        "a#0",
        "The US-supplied equipment it wiped out included HIMARS rockets, Moscow said.",
        0,
        76,
        "Moscow",
        "said",
        "Russia says it hit Western arms",
        "nyt",
        None,
        1.0,
        attributed=True,
    )
    assert assess(asked, [said]).status == "answered"
    assert read_question("Did Saint-Denis vote?").names == ("saint-denis",)


def test_a_two_word_name_the_article_writes_whole_is_found_from_either_word():
    notch = read_question("How many voters does Dixville Notch have?")
    article = "Voting in Dixville Notch starts at midnight. Dixville has nine voters."
    said = "Dixville, which exists as a town only for voting purposes, has nine voters."
    assert set(_found_names(notch, {"dixville"}, said, article)) == {"dixville", "notch"}
    assert _found_names(notch, {"dixville"}, said, "Dixville has nine voters.") == ["dixville"]
    korea = read_question("How many American soldiers died in the Korean War?")
    found = _found_names(korea, {"war"}, "the war killed many", "South Korean officials at war")
    assert "korean" not in found


def test_a_modal_verb_ends_the_thing_counted():
    investor = read_question("How much must a foreign investor put in to qualify for the visa?")
    assert investor.target == ()
    assert holds_kind("The program requires an investment of $500,000 in a business.", investor)


def test_a_place_answers_where_something_happens_not_any_other_name():
    asked = read_question("Which city was Ukraine's last foothold in Luhansk before the retreat?")
    assert asked.kind == "place"
    assert holds_kind(
        "Ukraine withdrew its troops from Lisichansk, its last base in Luhansk.", asked
    )
    assert not holds_kind(
        "Russia took the entire Donetsk region after the last city in Luhansk.", asked
    )
    summit = read_question("In which city did EU leaders meet to discuss defence?")
    assert not holds_kind("European leaders gathered Friday after Britain's vote.", summit)
    assert holds_kind("The leaders met on Friday in Bratislava to discuss defence.", summit)


def test_a_place_may_be_the_premises_of_somewhere():
    stein = read_question("Where was Jill Stein escorted away from before the debate?")
    assert holds_kind("Jill Stein was escorted off the premises of Hofstra University.", stein)


def test_a_count_of_people_may_name_the_people_counted():
    killed = read_question("How many people were killed in the massacre?")
    assert holds_kind(
        "Soldiers killed approximately 1.5 million Armenians, Greeks and others.", killed
    )
    assert holds_kind("Troops killed 300 Yazidis in the town.", killed)
    assert not holds_kind("The massacre began on 24 April, 101 years ago.", killed)
    died = read_question("How many people have died in the Syrian war?")
    assert not holds_kind("Only 2,200 Syrians have been admitted in four years.", died)
    living = read_question("How many people live in Kharkiv?")  # a count of people living
    assert not holds_kind("Officials said 1,342 Ukrainians had crossed into Russia.", living)


def test_a_pronoun_or_contraction_in_a_quotation_is_no_name():
    quoted = read_question("Who said that ''We've shown the world we can float like bees''?")
    assert quoted.names == ()
    assert read_question("Who said \u201cIt\u2019s over for Putin\u201d?").names == ("putin",)
    assert read_question('What did Zelensky say about "Bakhmut"?').names == ("zelensky", "bakhmut")


def test_a_person_asked_by_office_is_not_another_owners_office_holder():
    donetsk = read_question("What's the name of the Donetsk governor who told people to flee?")
    luhansk = "Sergei Heidai, the governor of the Luhansk region, said people must flee."
    assert not holds_kind(luhansk, donetsk, "Sergei Heidai", True)
    assert holds_kind("Pavlo Kyrylenko, the Donetsk governor, told people to flee.", donetsk)
    # a claimant holding no office is no answer to "the name of the … governor"
    assert not holds_kind("Ukraine says people must flee.", donetsk, "Ukraine", True)
    china = read_question("Who is China's finance minister who answered the complaints?")
    assert holds_kind("The Chinese finance minister, Lou Jiwei, answered them.", china)
    assert holds_kind("The finance minister, Lou Jiwei, answered them.", china)
    assert not holds_kind("Japan's finance minister, Shunichi Suzuki, answered them.", china)


def _claimed_by(question: str, claimant: str) -> bool:
    """Whether a sentence claimed by ``claimant`` is by the speaker ``question`` asks about."""
    from assistant.names_asked import by_speaker

    quote = "The counteroffensive goes on."
    ev = Evidence("a", "a#0", quote, 0, 29, claimant, "said", None, "Wire", None, 1.0, True)
    return by_speaker(read_question(question), ev)


def test_a_capital_asked_about_is_its_government_not_its_people():
    kiev = "What did Kiev say about the counteroffensive?"
    assert _claimed_by(kiev, "Volodymyr Zelensky (President of Ukraine)")
    assert _claimed_by(kiev, "Ukraine's army")
    assert not _claimed_by(kiev, "Ukrainians")
    assert not _claimed_by(kiev, "Russian Ministry of Defence")


def test_an_office_asked_with_its_owner_is_not_another_owners_office():
    manager = "What did Trump's campaign manager say about the debate?"
    assert _claimed_by(manager, "Kellyanne Conway (Trump campaign manager)")
    assert _claimed_by(manager, "Trump's campaign manager")
    assert not _claimed_by(manager, "Robby Mook (Clinton campaign manager)")


def test_a_country_asked_about_is_its_office_holder_not_a_first_name():
    ukraine = "What does Ukraine claim about the fighting near Kharkiv?"
    assert _claimed_by(ukraine, "Ukrainian President")
    assert not _claimed_by("What did Harry Reid say about the bill?", "Harry Harris")


def test_an_owner_is_matched_through_its_peoples_adjective():
    ministry = "What did China's foreign ministry say about the hacking?"
    assert _claimed_by(ministry, "Lu Kang (Chinese Foreign Ministry spokesman)")
    assert not _claimed_by(ministry, "Hua Ling (Japanese Foreign Ministry spokesman)")
    assert _claimed_by("What did London say about the sanctions?", "British Foreign Office")
