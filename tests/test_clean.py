"""Boilerplate removal that only removes, and date parsing, on small news-shaped texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.clean import clean_text
from index.provenance import parse_date

PARA = "Officials said the bridge would reopen on Friday after repairs."


def test_language_switcher_lines_are_dropped():
    for line in ("English | Español | Français", "हिंदी    मराठी", "Русский  English"):
        assert clean_text(f"{line}\n\n{PARA}").text == PARA
    quote = "Слава Україні"  # a quoted foreign phrase on its own line is not a menu
    assert clean_text(f"{quote}\n\n{PARA}").text == f"{quote}\n\n{PARA}"


def test_prompts_are_dropped_but_paragraphs_mentioning_them_stay():
    prompts = [
        "Leave a comment",
        "Sign up for our newsletter",
        "Subscribe to our daily briefing",
        "Click here to share your views on this story:",
        "Watch:",
        "See the video below",
        "https://example.org/story/123",
    ]
    source = "\n\n".join([PARA, *prompts])
    assert clean_text(source).text == PARA
    keep = "Readers who subscribe to the paper were asked to leave a comment on the plan, it said."
    assert clean_text(keep).text == keep


def test_related_block_stops_at_a_normal_paragraph():
    source = f"{PARA}\nRead more:\nFloods hit northern towns\nMinister resigns\n{PARA}"
    assert clean_text(source).text == f"{PARA}\n\n{PARA}"


def test_trailing_emoji_dropped_text_kept():
    assert clean_text("The bridge reopened. 🔱🔥\nThe price is 30° ™").text == (
        "The bridge reopened.\nThe price is 30° ™"
    )


def test_embedded_post_keeps_its_text():
    source = "Troops enter the town pic.twitter.com/AbC123 — News (@news) March 6, 2022"
    assert clean_text(source).text == "Troops enter the town"


def test_dates_normalise_or_stay_none():
    assert parse_date("02/28/2022") == "2022-02-28"
    assert parse_date("Sept 11, 2022") == "2022-09-11"
    assert parse_date("2022-03-06T10:00Z") == "2022-03-06"
    assert parse_date("5 March 2023") == "2023-03-05"
    assert parse_date("Mon, 06 Mar 2022 10:00:00 GMT") == "2022-03-06"
    for bad in ("", None, "next week", "2022-02-30", "13/13/2022"):
        assert parse_date(bad) is None


LINES = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
    st.sampled_from(
        [
            "",
            PARA,
            "More Stories",
            "Short headline",
            "Watch the video here:",
            "pic.twitter.com/xyz",
            "English | Español",
            "Text pic.twitter.com/abc — Someone (@who) May 1, 2020",
            "Ending with emoji 🔱",
            "  padded line  ",
        ]
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=12), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_cleaned_text_is_verbatim_source_and_segments_map_back(lines, newline):
    source = newline.join(lines)
    cleaned = clean_text(source)
    covered = [False] * len(cleaned.text)
    for clean_start, source_start, length in cleaned.segments:
        piece = cleaned.text[clean_start : clean_start + length]
        assert piece == source[source_start : source_start + length]
        assert cleaned.to_source(clean_start) == source_start
        covered[clean_start : clean_start + length] = [True] * length
    # everything outside the segments is a "\n" separator the cleaner put between lines
    assert all(done or cleaned.text[i] == "\n" for i, done in enumerate(covered))
    for line in cleaned.text.split("\n"):
        assert line in source
