"""Speakers: the wrongs seen on real articles (issue 18), pinned on hand-written ones.

Each test writes its own wire-style sentences for one general pattern: a pronoun after a
name someone said something about, a pronoun after people named but not quoted (the one of
its sex, the subject of the main clause, never one of two alike), a description joined to
another in one apposition, two surnames run together, a thing's name tagged as a person's, a
people's adjective and its country, a relative clause after an apposition, a nickname in
quote marks, a pronoun that is never a body, one ministry under several spellings, a
sentence going on past a dash in the article's own voice, and a role whose place the article
has not named yet.
"""

from __future__ import annotations

import pytest

from index.attribution import Attributor
from index.attribution.claimants import ClaimantResolver, Mention
from index.attribution.mistagged import drop_nickname, named_persons
from index.attribution.speakers import make_speaker
from index.names import body_key, speaker_matches


@pytest.fixture(scope="module")
def attributor():
    return Attributor()


def _who(attributor, text: str, claim: str):
    """The speaker of the attribution whose claim holds ``claim``."""
    at = text.find(claim)
    atts = attributor.analyse(text).attributions
    found = [a for a in atts if a.content.start <= at < a.content.end]
    assert found, [(a.claimant, a.content.text) for a in atts]
    return found[0].speaker


_NAMED = {
    "he is the speaker, not a person named in what the speaker said": (
        "Officers shot Daniel Reed on Monday. Mark Hale, the county sheriff, said Reed had no "
        "record. Hale later told reporters that the footage did not show a knife in Reed's "
        "hand, but he said that two witnesses saw one.",
        "two witnesses saw",
        ("Mark Hale", "person"),
    ),
    "he after a possessive subject is still that person": (
        "Mehmet Oz spoke on Tuesday. Oz's advice earned him a hearing in the Senate, where he "
        "said that the supplements were safe.",
        "supplements were safe",
        ("Mehmet Oz", "person"),
    ),
    "a people's adjective finds its country's role": (
        "The Swedish prime minister said the application was complete.\n\n"
        "Ulf Kristersson, Sweden's prime minister, said the vote would come soon.",
        "application was complete",
        ("Ulf Kristersson", "person"),
    ),
    "a role before the name whose place is named by then is the later holder": (
        "The governor urged residents of Kharkiv to leave the city.\n\n"
        "Oleh Synehubov, the governor of the Kharkiv region, said the front was quiet.",
        "leave the city",
        ("Oleh Synehubov", "person"),
    ),
    "a role is no later holder whose place is not named yet": (
        "Shelling hit Kherson overnight. The governor urged residents to leave the city.\n\n"
        "In the north, Oleh Synehubov, the governor of the Kharkiv region, said the front "
        "was quiet.",
        "leave the city",
        ("governor", "unnamed"),
    ),
    "an I or we saying something inside another's claim is that speaker": (
        "The union's members met on Friday. ''We've proved to the company that we can hold "
        "out for months,'' Maria Rivera said. Rivera added that the strike would go on.",
        "hold out for months",
        ("Maria Rivera", "person"),
    ),
    "a name run into a role at a comma is the person": (
        "Later, Recep Tayyip Erdogan, Turkey's president, said the corridor would stay open.",
        "corridor would stay",
        ("Recep Tayyip Erdogan", "person"),
    ),
    "he nothing else resolves is the person named before it in the sentence": (
        "Ukrainian President Volodymyr Zelenskyy has used his first address to the council to "
        "present evidence of what he says was a massacre in the town.",
        "was a massacre",
        ("Volodymyr Zelenskyy", "person"),
    ),
    "he after two people named is the subject of the main clause, not its object": (
        "Mark Hale visited Tom Reed at the farm on Monday, and he said the harvest had failed.",
        "harvest had failed",
        ("Mark Hale", "person"),
    ),
    "she after two people named is the one of her sex the article has shown": (
        "John Walsh lost his seat in May. Months later Mary Quinn hired John Walsh as an "
        "adviser, and she said the party needed him.",
        "party needed him",
        ("Mary Quinn", "person"),
    ),
    "he after two men named, neither the subject, stays unnamed": (
        "The committee questioned John Smith and Peter Jones for hours, and he said the money "
        "was gone.",
        "money was gone",
        ("he", "unnamed"),
    ),
    "two surnames run together are the two people named later": (
        "Macron Scholz said the summit had ended. French President Emmanuel Macron said the "
        "plan was ready. German Chancellor Olaf Scholz said the money would follow.",
        "summit had ended",
        ("Macron and Scholz", "group"),
    ),
    "a relative clause after a description is said by the names it describes": (
        "Most of the money for the fund came from Germany and France, the bloc's two largest "
        "economies, which jointly argued that the fund was too small.",
        "fund was too small",
        ("Germany and France", "group"),
    ),
}


@pytest.mark.parametrize(("text", "claim", "named"), _NAMED.values(), ids=_NAMED)
def test_the_speaker_is_the_one_a_reader_would_name(attributor, text, claim, named):
    speaker = _who(attributor, text, claim)
    assert (speaker.name, speaker.kind) == named


@pytest.mark.parametrize(
    ("text", "claim", "role"),
    [
        (
            "Maria Lopez, an outside adviser to the mayor on housing and planning issues and a "
            "lecturer at the London School of Economics, said rents would keep rising.",
            "rents would keep",
            "lecturer at the London School of Economics",
        ),
        (
            "Tom Baker, director of the Brookings Metro Program and a professor at the "
            "University of Chicago, said the cities would recover.",
            "cities would recover",
            "director of the Brookings Metro Program",
        ),
    ],
)
def test_an_affiliation_joined_to_another_description_is_the_role(attributor, text, claim, role):
    assert _who(attributor, text, claim).role == role


def test_a_things_name_after_the_is_no_person():
    persons = ["Patriot"]  # the NER's reading of the phrase
    mention = Mention(text="The Patriot, a US-made system", head="Patriot", persons=persons)
    assert ClaimantResolver().resolve(mention) is None  # the article's voice
    named = ClaimantResolver()
    named.observe(Mention(text="Anne Patriot spoke.", persons=["Anne Patriot"]))
    assert named.resolve(mention).name == "Anne Patriot"


def test_a_name_before_a_noun_after_the_is_no_things_name(attributor):
    text = "The Obama administration says that the military is hunting the group's leader."
    assert _who(attributor, text, "military is hunting").kind != "outlet"


def test_a_peoples_adjective_matches_its_countrys_possessive():
    assert speaker_matches("Swedish prime minister", "Ulf Kristersson (Sweden's prime minister)")
    assert not speaker_matches("Swedish prime minister", "Sanna Marin (Finland's prime minister)")


def test_a_nickname_in_quote_marks_does_not_cut_the_name(attributor):
    text = "Former Army ranger Mark “Oz” Geist said the base was never secure."
    speaker = _who(attributor, text, "never secure")
    assert speaker.name.endswith("Geist") and "“" not in speaker.name
    cut = named_persons("Marine John “Tig” Tiegen said so.", ["Marine John “Tig"])  # as the NER
    assert [drop_nickname(p) for p in cut] == ["Marine John Tiegen"]


@pytest.mark.parametrize(
    "opening",
    ["He and his aides", "He, too,", "They and their lawyers", "She and another reporter"],
)
def test_an_unresolved_pronoun_is_never_an_organisation(attributor, opening):
    speaker = _who(attributor, f"{opening} said the plan would fail.", "plan would fail")
    assert speaker.kind == "unnamed"


@pytest.mark.parametrize(
    "name",
    [
        "Russian Defense Ministry",
        "Russia's Ministry of Defence",
        "Ministry of Defense of Russia",
        "the Russian Ministry of Defence",
        "Russia's Defence Ministry",
    ],
)
def test_one_ministry_under_its_spellings_and_word_orders_is_one_body(name):
    one = make_speaker("Russian Ministry of Defence", "", "organisation")
    assert make_speaker(name, "", "organisation").id == one.id
    assert body_key(name) != body_key("Ukrainian Ministry of Defence")


def test_a_people_whose_adjective_does_not_begin_like_its_country_is_one_owner():
    assert body_key("China's Foreign Ministry") == body_key("Chinese Foreign Ministry")
    assert body_key("Polish government") == body_key("Poland's government")
    assert body_key("Chinese Foreign Ministry") != body_key("Japanese Foreign Ministry")


def test_a_sentence_going_on_past_a_dash_after_a_claim_is_the_articles(attributor):
    text = (
        "The chief executive appeared to blame branch staff for the scheme, which had spread "
        "through every region ― 2,100 workers lost their jobs over it."
    )
    sentences = attributor.analyse(text).sentences
    last = next(s for s in sentences if "2,100" in s.text)
    assert last.text.startswith("2,100") and last.claimants == ["the article"]
    assert any("blame" in s.text and s.claimants != ["the article"] for s in sentences)
