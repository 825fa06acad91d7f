"""The chat page (Gradio Blocks): filters on the left, the chat in the centre, sources right.

Gradio is imported here and in ``app.py`` only. Handlers are thin: they read the
controls and call ``session`` (questions), ``uploads`` (adding articles), ``Engine.remove``
(removing them) and ``facets`` (menu choices), then render with ``render``. Each browser
tab keeps its conversation in its own ``gr.State``; the Engine is shared. The little scripts in
``HEAD`` (``assets/``) make ``[n]`` in an answer scroll to source n and mark it, a name
typed into a filter menu replace its "any", and a new question and its answer's opening
line stay in view while the answer streams.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from index.errors import UnknownArticlesError

from .claims_view import build_claims_view
from .facets import Facets, facets
from .render import EMPTY_SOURCES, escape, notice_html
from .session import ANY, NO_INDEX, ask_on_page, form_options, panel_html, readable, user_html
from .uploads import ALLOWED, AddResult, add_folder, add_uploads

__all__ = ["build_page", "THEME", "CSS", "HEAD", "EXAMPLES"]

ASSETS = Path(__file__).with_name("assets")
CSS = "".join((ASSETS / n).read_text(encoding="utf-8") for n in ("page.css", "claims.css"))
HEAD = "".join(
    f"<script>{(ASSETS / name).read_text(encoding='utf-8')}</script>"
    for name in ("cite.js", "page.js", "claims.js")
)
THEME = gr.themes.Default(
    primary_hue="indigo",
    neutral_hue="slate",
    font=["Inter", "Segoe UI", "system-ui", "-apple-system", "sans-serif"],
    font_mono=["ui-monospace", "Consolas", "monospace"],
)
#: Example questions that the shipped articles (data/articles) answer.
EXAMPLES = [
    "Why did Russian troops leave Izium and Balakliia?",
    "What did Prigozhin accuse the Ukrainian brigade of?",
    "Who claimed that Ukrainian troops fled, leaving tanks behind?",
    "What did Ukraine's president claim about Kharkiv?",
]


def _stats_html(f: Facets) -> str:
    if not f.articles:
        return notice_html(NO_INDEX, "hint")
    span = f"<br>{escape(f.first_date)} → {escape(f.last_date)}" if f.first_date else ""
    return (
        f'<div class="ct-stats"><b>{f.articles}</b> articles · <b>{f.chunks}</b> passages · '
        f"<b>{len(f.outlets)}</b> {_plural(len(f.outlets), 'outlet')}{span}</div>"
    )


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _added_html(result: AddResult) -> str:
    lines = [f"<p><b>{escape(result.summary())}</b></p>"]
    for label, ids in (("added", result.added), ("changed", result.changed)):
        if ids:
            lines.append(f"<p>{label}: {escape(', '.join(ids))}</p>")
    for name, why in result.errors:
        lines.append(f'<p class="ct-bad"><b>{escape(name)}</b>: {escape(why)}</p>')
    return f'<div class="ct-added">{"".join(lines)}</div>'


def _removed_html(summary, names: dict[str, str]) -> str:
    n = len(summary.removed)
    lines = [f"<p><b>Removed {n} article{'' if n == 1 else 's'} from the index</b></p>"]
    lines += [f"<p>{escape(names.get(aid, aid))}</p>" for aid in summary.removed]
    if summary.deleted_files:
        files = "file is" if len(summary.deleted_files) == 1 else "files are"
        lines.append(f'<p class="ct-hint">The uploaded {files} deleted too: gone for good.</p>')
    if summary.kept_files:
        kept = ", ".join(summary.kept_files)
        lines.append(
            f'<p class="ct-hint">Read from a folder on the server, not uploaded: '
            f"{escape(kept)} stays there, and indexing that folder again adds it back.</p>"
        )
    return f'<div class="ct-added ct-removed">{"".join(lines)}</div>'


#: Asks before removing (the browser's own dialog); cancelled, the handler gets no ids.
#: (It returns the list of the event's inputs: one, the list of ids.)
CONFIRM_REMOVE = """(ids) => [(ids && ids.length && window.confirm(
  `Remove ${ids.length} article${ids.length > 1 ? "s" : ""} from the index?`)) ? ids : []]"""


def _picked(evt: gr.SelectData) -> str:
    """The text of the example question clicked."""
    return evt.value["text"]


def build_page(engine) -> gr.Blocks:
    """The page over ``engine`` (shared by every tab); its settings' backend preselected."""
    settings = engine.settings

    def refresh():
        f = facets(engine)
        return (
            gr.update(choices=[ANY, *f.outlets]),
            gr.update(choices=[ANY, *f.claimants]),
            _stats_html(f),
            gr.update(choices=f.listing, value=[]),
        )

    def respond(question, chat, turns, since, until, outlet, claimant, backend, url, model):
        question = (question or "").strip()
        if not question:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        chat = [*chat, {"role": "user", "content": user_html(question)}]
        try:
            filters, choice = form_options(
                settings, since, until, outlet, claimant, backend, url, model
            )
        except Exception as exc:
            reply = {"role": "assistant", "content": notice_html(readable(exc), "error")}
            yield [*chat, reply], turns, gr.skip(), ""
            return
        for html, turn in ask_on_page(engine, question, filters, choice, turns):
            if turn is not None:
                turns = [*turns, turn]
            shown = [*chat, {"role": "assistant", "content": html}]
            yield shown, turns, (panel_html(turns) if turn else gr.skip()), ""

    def add_articles(files, folder, outlet_given, progress=gr.Progress(track_tqdm=True)):  # noqa: B008
        # gradio fills ``progress`` from tqdm's bars while the articles are read and embedded
        if not files and not (folder or "").strip():
            hint = notice_html("Choose files to upload, or type a folder on the server.", "hint")
            return hint, gr.skip(), gr.skip(), gr.skip(), gr.skip()
        fixed = {"outlet": outlet_given.strip()} if (outlet_given or "").strip() else None
        try:
            if files:
                named = [(Path(f).name, Path(f)) for f in files]
                result = add_uploads(engine, named, True, fixed)
            else:
                result = add_folder(engine, folder, True, fixed)
        except Exception as exc:
            return notice_html(readable(exc), "error"), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        gr.Info(f"Articles: {result.summary()}")
        return _added_html(result), *refresh()

    def remove_articles(ids):
        if not ids:
            hint = notice_html("Choose the articles to remove; nothing was removed.", "hint")
            return hint, gr.skip(), gr.skip(), gr.skip(), gr.skip()
        names = {aid: label for label, aid in facets(engine).listing}
        try:
            summary = engine.remove(list(ids))
        except UnknownArticlesError as exc:  # removed meanwhile, from another tab
            gone = ", ".join(names.get(aid, aid) for aid in exc.article_ids)
            why = f"Nothing was removed: {gone} is no longer in the index. The menu is updated."
            return notice_html(why, "warn"), *refresh()
        except Exception as exc:
            return notice_html(readable(exc), "error"), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        n = len(summary.removed)
        gr.Info(f"Removed {n} article{'' if n == 1 else 's'} from the index")
        return _removed_html(summary, names), *refresh()

    with gr.Blocks(
        title="claimtrace — who says what in the news", fill_width=True, analytics_enabled=False
    ) as page:
        turns = gr.State([])
        gr.HTML(
            '<header class="ct-header"><span class="ct-logo">claimtrace</span>'
            '<span class="ct-tagline">Answers from the news archive — every claim with its '
            "source and who makes it</span></header>"
        )
        with gr.Tabs(elem_id="ct-tabs"):
            with gr.Tab("Chat", elem_id="ct-chat-tab"):
                with gr.Row(equal_height=False, elem_id="ct-main"):
                    with gr.Column(scale=1, min_width=290, elem_id="ct-left"):
                        stats = gr.HTML(elem_id="ct-stats")
                        with gr.Accordion("Filters", open=True):
                            with gr.Row():
                                since = gr.Textbox(
                                    label="From",
                                    placeholder="YYYY-MM-DD",
                                    max_lines=1,
                                    min_width=100,
                                )
                                until = gr.Textbox(
                                    label="To", placeholder="YYYY-MM-DD", max_lines=1, min_width=100
                                )
                            outlet = gr.Dropdown(
                                [ANY],
                                value=ANY,
                                label="Outlet",
                                elem_id="ct-outlet",
                                elem_classes="ct-filter",
                            )
                            claimant = gr.Dropdown(
                                [ANY],
                                value=ANY,
                                label="Claimant",
                                info="Pick a speaker, or type a name",
                                allow_custom_value=True,
                                elem_id="ct-claimant",
                                elem_classes=["ct-filter", "ct-free"],
                            )
                        with gr.Accordion("Answer backend", open=False):
                            backend = gr.Radio(
                                ["extractive", "openai"], value=settings.backend, show_label=False
                            )
                            url = gr.Textbox(
                                settings.base_url or "",
                                label="OpenAI-compatible endpoint",
                                placeholder="http://127.0.0.1:8000/v1",
                                max_lines=1,
                            )
                            model = gr.Textbox(settings.model, label="Model", max_lines=1)
                        with gr.Accordion("Add articles", open=False, elem_id="ct-add"):
                            files = gr.File(
                                file_count="multiple",
                                file_types=list(ALLOWED),
                                label="Upload articles",
                                elem_id="ct-upload",
                                height=120,
                            )
                            kinds = ", ".join(a.lstrip(".") for a in ALLOWED)
                            limit = settings.upload_limit_mb
                            gr.HTML(f'<p class="ct-hint">{kinds} · up to {limit:g} MB each</p>')
                            folder = gr.Textbox(
                                label=f"…or a folder on the server, under {settings.folder_root}",
                                placeholder="news",
                            )
                            outlet_given = gr.Textbox(
                                label="Outlet for these files (when a file does not name one)",
                                max_lines=1,
                            )
                            add = gr.Button("Add to the index", elem_id="ct-add-btn")
                            added = gr.HTML(elem_id="ct-added")
                        with gr.Accordion("Remove articles", open=False, elem_id="ct-remove"):
                            doomed = gr.Dropdown(
                                [],
                                value=[],
                                multiselect=True,
                                label="Articles to remove",
                                info="Type a few words of a title to find it",
                                elem_id="ct-doomed",
                            )
                            drop = gr.Button(
                                "Remove from the index", variant="stop", elem_id="ct-drop"
                            )
                            dropped = gr.HTML(elem_id="ct-dropped")
                    with gr.Column(scale=3, min_width=420, elem_id="ct-centre"):
                        chat = gr.Chatbot(
                            elem_id="ct-chat",
                            show_label=False,
                            height="calc(100vh - 290px)",  # room for the Chat/Claims tabs
                            latex_delimiters=[],
                            buttons=["copy"],
                            feedback_options=None,
                            placeholder="<h3>Ask the archive</h3><p>Answers quote the articles "
                            "and say who makes each claim.</p>",
                            examples=[{"text": q} for q in EXAMPLES],
                            autoscroll=False,  # page.js keeps each new answer's start in view
                        )
                        with gr.Row(elem_id="ct-ask-row"):
                            question = gr.Textbox(
                                show_label=False,
                                placeholder="Ask about the articles — "
                                "e.g. who said what about Izium?",
                                scale=10,
                                container=False,
                                elem_id="ct-question",
                                autofocus=True,
                            )
                            ask = gr.Button(
                                "Ask", variant="primary", scale=0, min_width=90, elem_id="ct-ask"
                            )
                        with gr.Row(elem_id="ct-toolbar"):
                            new = gr.Button(
                                "New conversation",
                                size="sm",
                                scale=0,
                                min_width=170,
                                elem_id="ct-new",
                            )
                    with gr.Column(scale=2, min_width=340, elem_id="ct-right"):
                        sources = gr.HTML(EMPTY_SOURCES, elem_id="ct-sources")
            with gr.Tab("Claims", elem_id="ct-claims-tab"):
                build_claims_view(engine, page)

        controls = [since, until, outlet, claimant, backend, url, model]
        outputs = [chat, turns, sources, question]
        for trigger in (question.submit, ask.click):
            trigger(respond, [question, chat, turns, *controls], outputs)
        chat.example_select(_picked, None, question, queue=False).then(
            respond, [question, chat, turns, *controls], outputs
        )
        new.click(lambda: ([], [], EMPTY_SOURCES, ""), None, outputs, queue=False)
        # one progress bar, in the box where the summary will appear (not over every output)
        menus = [outlet, claimant, stats, doomed]
        add.click(
            add_articles, [files, folder, outlet_given], [added, *menus], show_progress_on=added
        )
        drop.click(
            remove_articles, doomed, [dropped, *menus], js=CONFIRM_REMOVE, show_progress_on=dropped
        )
        page.load(refresh, None, menus, show_progress="hidden")
    return page
