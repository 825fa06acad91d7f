"""The page's Claims view (Gradio): who claimed what, by speaker, topic and time.

``page`` calls ``build_claims_view`` inside its "Claims" tab. Controls on the left (a
searchable speaker menu, a topic, dates, outlet, the CSV download), the weekly plot and the
list of claims in the centre, the claim opened on the right. Handlers are thin: they call
``claims_panel`` (what to show, and its HTML) and render. Two hidden boxes take clicks from
the page's HTML (``assets/claims.js``): a claim's button opens it, and a claimant on a
chat source card picks that speaker here.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from .claims_panel import (
    ANY,
    EMPTY_CLAIM,
    Shown,
    claims_html,
    csv_text,
    gather,
    opened_html,
    speaker_choices,
)
from .claims_plot import weekly, weekly_svg
from .facets import facets
from .render import notice_html
from .session import readable

__all__ = ["build_claims_view"]

_CSV_DIR = Path(tempfile.gettempdir()) / "claimtrace-claims"


def _csv_file(shown: Shown) -> str:
    """The claims listed, written as CSV for the download button."""
    _CSV_DIR.mkdir(exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", suffix=".csv", prefix="claims-", dir=_CSV_DIR, delete=False
    ) as out:
        out.write(csv_text(shown.listed))
    return out.name


def _number(value: str | None) -> int | None:
    """The claim id in a hidden box's value ("17:1733500000" — a click count keeps it new)."""
    head = (value or "").split(":", 1)[0]
    return int(head) if head.isdigit() else None


def build_claims_view(engine, page: gr.Blocks) -> None:
    """The Claims view's components and events, inside the caller's tab of ``page``."""

    def menus():
        try:
            speakers = engine.speakers()
        except Exception:  # no index yet: empty menus, the chat says what to do
            speakers = []
        choices = speaker_choices(speakers)
        outlets = [("any outlet", ANY), *((o, o) for o in facets(engine).outlets)]
        return gr.update(choices=choices), gr.update(choices=outlets)

    def show(speaker, topic, since, until, outlet):
        try:
            shown = gather(engine, speaker, topic, since, until, outlet)
        except Exception as exc:
            return (
                weekly_svg(weekly([])),
                notice_html(readable(exc), "error"),
                [],
                gr.skip(),
                EMPTY_CLAIM,
            )
        listing = claims_html(shown)
        download = gr.update(value=_csv_file(shown), interactive=bool(shown.listed))
        return (
            weekly_svg(weekly(shown.plotted), shown.plot_title),
            listing,
            shown.listed,
            download,
            EMPTY_CLAIM,
        )

    def open_claim(value, listed):
        claim_id = _number(value)
        if claim_id is None:
            return gr.skip()
        try:
            return opened_html(engine, listed, claim_id)
        except Exception as exc:
            return notice_html(readable(exc), "error")

    def go_to_speaker(value):
        wanted = (value or "").rsplit(":", 1)[0]
        return gr.update(value=wanted) if wanted else gr.skip()

    listed = gr.State([])
    with gr.Row(equal_height=False, elem_id="ct-claims"):
        with gr.Column(scale=1, min_width=290, elem_id="ct-claims-left"):
            speaker = gr.Dropdown(
                [("any speaker", ANY)],
                value=ANY,
                label="Speaker",
                info="Type a few letters of a name or a role",
                allow_custom_value=True,  # a name typed is matched loosely
                elem_id="ct-claims-speaker",
                elem_classes=["ct-filter", "ct-free"],  # page.js: typing replaces "any"
            )
            topic = gr.Textbox(
                label="Topic",
                placeholder="e.g. withdrawal from Izium",
                info="Claims on it, best first; Enter to search",
                max_lines=1,
                elem_id="ct-claims-topic",
            )
            with gr.Row():
                since = gr.Textbox(
                    label="From", placeholder="YYYY-MM-DD", max_lines=1, min_width=100
                )
                until = gr.Textbox(label="To", placeholder="YYYY-MM-DD", max_lines=1, min_width=100)
            outlet = gr.Dropdown(
                [("any outlet", ANY)],
                value=ANY,
                label="Outlet",
                elem_id="ct-claims-outlet",
                elem_classes="ct-filter",
            )
            with gr.Row():
                go = gr.Button("Show claims", variant="primary", elem_id="ct-claims-go")
                download = gr.DownloadButton(
                    "Download CSV", interactive=False, elem_id="ct-claims-csv"
                )
            opener = gr.Textbox(visible="hidden", elem_id="ct-claims-open")
            goto = gr.Textbox(visible="hidden", elem_id="ct-claims-goto")
        with gr.Column(scale=3, min_width=420, elem_id="ct-claims-centre"):
            plot = gr.HTML(weekly_svg(weekly([])), elem_id="ct-claims-plot")
            listing = gr.HTML(elem_id="ct-claims-list")
        with gr.Column(scale=2, min_width=340, elem_id="ct-claims-right"):
            opened = gr.HTML(EMPTY_CLAIM, elem_id="ct-claims-opened")

    controls = [speaker, topic, since, until, outlet]
    outputs = [plot, listing, listed, download, opened]
    for trigger in (
        go.click,
        speaker.change,
        outlet.change,
        topic.submit,
        since.submit,
        until.submit,
    ):
        trigger(show, controls, outputs)
    opener.change(open_claim, [opener, listed], opened)
    goto.change(go_to_speaker, goto, speaker)
    page.load(menus, None, [speaker, outlet], show_progress="hidden").then(show, controls, outputs)
