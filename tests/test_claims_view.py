"""The page's Claims view without a browser: what it gathers, plots, lists and opens.

Over the seed index (``seed_engine``): the speaker menu, one speaker's claims and the
busiest speakers' when none is picked, the weekly counts, the CSV download against
``claimtrace claims --csv``'s columns, one claim opened with its quote marked in its
paragraph and other speakers beside it, the stance that puts opposed claims side by side,
and the chat card's claimant linking to the view. Article text stays escaped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from assistant.claims import CSV_COLUMNS, ClaimFilters
from assistant.errors import ConfigError
from assistant.models import Answer, Citation
from assistant.related_claims import copy_names, opposed, same_subject, stance
from assistant.web.claims_panel import (
    ANY,
    claim_html,
    claims_html,
    csv_text,
    gather,
    opened_html,
    quote_html,
    speaker_choices,
    speaker_label,
)
from assistant.web.claims_plot import TOP, weekly, weekly_svg
from assistant.web.render import escape, source_of, sources_html
from index.models import Speaker

KONASHENKOV = "person:igor-konashenkov"


def test_speaker_menu_names_each_speaker_with_role_and_claims_by_id(seed_engine):
    choices = speaker_choices(seed_engine.speakers())
    assert choices[0] == ("any speaker", ANY)
    labels = dict((v, k) for k, v in choices)
    assert (
        labels[KONASHENKOV] == "Igor Konashenkov (Russian Defence Ministry Spokesperson) — 3 claims"
    )
    one = replace(seed_engine.speakers()[0], claims=1, roles=[])
    assert speaker_label(one).endswith(" — 1 claim") and "(" not in speaker_label(one)


def test_a_picked_speaker_shows_only_their_claims_and_a_name_typed_finds_them_too(seed_engine):
    shown = gather(seed_engine, KONASHENKOV, "", "", "", ANY)
    assert shown.listed and {c.speaker.id for c in shown.listed} == {KONASHENKOV}
    assert shown.caption == "3 claims by Igor Konashenkov"
    assert gather(seed_engine, ANY, "", "", "", ANY).caption.startswith("The newest ")
    typed = gather(seed_engine, "konashenkov", "", "", "", ANY)
    assert [c.id for c in typed.listed] == [c.id for c in shown.listed]


def test_no_speaker_lists_the_newest_claims_and_plots_the_busiest_speakers(seed_engine):
    shown = gather(seed_engine, ANY, "", "", "", ANY)
    busiest = {s.id for s in seed_engine.speakers() if s.kind != "unnamed"}
    assert len(shown.listed) > 3
    plotted = {c.speaker.id for c in shown.plotted}
    assert plotted and len(plotted) <= TOP and plotted <= busiest
    frame = weekly(shown.plotted)
    assert list(frame.columns) == ["week", "speaker", "claims"]
    assert (frame["week"].dt.weekday == 0).all()  # weeks start on Monday
    dated = [c for c in shown.plotted if c.date]
    assert frame["claims"].sum() == len(dated)


def test_dates_and_outlet_narrow_the_claims_and_a_bad_date_is_named(seed_engine):
    shown = gather(seed_engine, ANY, "", "2022-09-01", "2022-09-30", ANY)
    assert shown.listed and all("2022-09-01" <= c.date <= "2022-09-30" for c in shown.listed)
    outlet = next(c.outlet for c in gather(seed_engine, ANY, "", "", "", ANY).listed if c.outlet)
    by_outlet = gather(seed_engine, ANY, "", "", "", outlet)
    assert by_outlet.listed and {c.outlet for c in by_outlet.listed} == {outlet}
    with pytest.raises(ConfigError, match="'last week' is not a date"):
        gather(seed_engine, ANY, "", "last week", "", ANY)


def test_a_topic_finds_claims_on_it_best_first(seed_engine):
    shown = gather(seed_engine, ANY, "withdrawal from Izium and Balakliia", "", "", ANY)
    assert "best first" in shown.caption
    assert any("Izium" in c.quote or "Izium" in c.content for c in shown.listed[:5])


def test_weekly_counts_leave_out_undated_claims_and_keep_the_top_speakers(seed_engine):
    claims = seed_engine.claims(ClaimFilters(limit=500))
    assert weekly([c for c in claims if not c.date]).empty
    frame = weekly(claims, top=2)
    assert frame["speaker"].nunique() <= 2


def test_the_download_is_the_claims_shown_in_the_cli_csv_columns(seed_engine):
    shown = gather(seed_engine, KONASHENKOV, "", "", "", ANY)
    rows = list(csv.reader(io.StringIO(csv_text(shown.listed))))
    assert rows[0] == CSV_COLUMNS
    assert [int(r[0]) for r in rows[1:]] == [c.id for c in shown.listed]
    assert {r[CSV_COLUMNS.index("speaker_name")] for r in rows[1:]} == {"Igor Konashenkov"}


def test_the_list_shows_quote_speaker_cue_article_and_a_button_to_open_each(seed_engine):
    shown = gather(seed_engine, KONASHENKOV, "", "", "", ANY)
    html = claims_html(shown)
    assert html.count('class="ct-claim-row"') == len(shown.listed)
    first = shown.listed[0]
    assert f'data-claim="{first.id}"' in html and "ct-claim-pick" in html
    assert "Igor Konashenkov" in html and "Russia admits to partial withdrawal" in html
    assert "stated" in html or "said" in html
    empty = claims_html(replace(shown, listed=[], caption=""))
    assert "No claims match" in empty


def test_an_opened_claim_marks_its_quote_in_its_paragraph_and_sets_others_beside_it(seed_engine):
    shown = gather(seed_engine, KONASHENKOV, "", "", "", ANY)
    claim = shown.listed[0]
    html = opened_html(seed_engine, shown.listed, claim.id)
    text = seed_engine.show(claim.article_id).text
    mark = html.split('<mark class="ct-quote">', 1)[1].split("</mark>", 1)[0]
    assert mark.replace("&#44;", ",").replace("&#46;", ".") == claim.quote
    assert claim.quote in text
    assert "Other speakers on this subject" in html and 'class="ct-side ct-picked"' in html
    others = same_subject(seed_engine.generation().catalogue, claim, seed_engine.retriever())
    assert others and all(o.speaker.id != KONASHENKOV for o in others)


def test_opposed_claims_stand_in_the_asserting_and_denying_columns(seed_engine):
    claim = gather(seed_engine, KONASHENKOV, "", "", "", ANY).listed[0]
    denial = replace(claim, id=-1, cue="denied", content="that troops left", speaker=replace(
        claim.speaker, id="person:someone", name="Someone Else"))  # fmt: skip
    negated = replace(denial, cue="said", content="that Russia had not stopped attacks")
    assert stance(claim) == "asserts" and stance(denial) == stance(negated) == "denies"
    assert opposed(claim, denial) and not opposed(denial, negated)
    html = claim_html(claim, None, {}, [denial])
    asserting, denying = html.split('<p class="ct-col-head">Denying or negating</p>')
    assert "Igor Konashenkov" in asserting and "Someone Else" in denying
    assert "opposed claims side by side" in html


def test_who_else_printed_it_is_named_by_title_and_outlet(seed_engine):
    claims = seed_engine.claims(ClaimFilters(limit=500))
    copied = [c for c in claims if c.also_in]
    if not copied:
        pytest.skip("no sentence of the seeds is printed twice")
    names = copy_names(seed_engine.generation().catalogue, copied[:1])
    html = claim_html(copied[0], None, names, [])
    assert "Also printed in" in html
    assert all(aid not in html for aid in copied[0].also_in if aid in names)


def test_article_text_in_the_view_stays_escaped(seed_engine):
    claim = gather(seed_engine, KONASHENKOV, "", "", "", ANY).listed[0]
    hostile = replace(claim, quote="<img src=x onerror=alert(1)>", title="<script>x</script>")
    html = claims_html(replace(gather(seed_engine, KONASHENKOV, "", "", "", ANY), listed=[hostile]))
    html += claim_html(hostile, None, {}, [])
    assert "<img" not in html and "<script" not in html


def test_a_claimant_on_a_chat_source_card_links_to_their_claims():
    speaker = Speaker(KONASHENKOV, "Igor Konashenkov", "spokesman", "person")
    c = Citation(1, "a1", "T", "O", "2022-09-11", "Igor Konashenkov", "said", "Q.", 0, 2, 1.0)
    answer = Answer("q?", "A [1]", False, "extractive", citations=[replace(c, speaker=speaker)])
    html = sources_html([(answer, [source_of(answer.citations[0], "Q.")])])
    assert 'class="ct-who ct-speaker-link"' in html and "data-speaker" in html
    plain = Answer("q?", "A [1]", False, "extractive", citations=[c])
    assert "ct-speaker-link" not in sources_html([(plain, [source_of(c, "Q.")])])


def test_the_plot_draws_a_bar_per_speaker_and_week_and_says_when_nothing_is_dated(seed_engine):
    shown = gather(seed_engine, ANY, "", "", "", ANY)
    frame = weekly(shown.plotted)
    svg = weekly_svg(frame, shown.plot_title)
    assert svg.count("<rect ") == len(frame)
    assert all(f">{escape(name)}</span>" in svg for name in set(frame["speaker"]))
    assert "No dated claims to plot" in weekly_svg(weekly([]))
    hostile = frame.assign(speaker="<script>x</script>")
    assert "<script>" not in weekly_svg(hostile, "<b>")


def test_a_speaker_named_two_ways_is_one_series_under_the_fullest_name(seed_engine):
    claim = next(c for c in seed_engine.claims(ClaimFilters(limit=500)) if c.date)
    short = replace(claim, id=-2, speaker=replace(claim.speaker, name="Konashenkov"))
    full = replace(claim, id=-3, speaker=replace(claim.speaker, name="Igor Konashenkov"))
    frame = weekly([short, full])
    assert list(frame["speaker"]) == ["Igor Konashenkov"] and list(frame["claims"]) == [2]


def test_a_claims_content_is_bold_inside_its_sentence(seed_engine):
    claim = next(
        c
        for c in seed_engine.claims(ClaimFilters(limit=500))
        if c.start < c.content_start and c.content_end <= c.end
    )
    html = quote_html(claim)
    bold = html.split('<b class="ct-content">', 1)[1].split("</b>", 1)[0]
    assert bold == escape(claim.content)
    assert quote_html(replace(claim, content_start=claim.start, content_end=claim.end)) == escape(
        claim.quote
    )
