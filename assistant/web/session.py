"""One question asked on the chat page: its form read, its answer streamed, its sources found.

What the page's handlers call (they stay thin, and this is reachable by tests without a
browser): ``form_options`` reads the filter and backend controls, ``ask_on_page`` yields
the chat's state as an answer streams in, ``readable`` turns any failure into a sentence
a journalist can act on. Nothing here imports gradio.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from index.errors import IndexingError, NoIndexError

from ..backends import BackendChoice
from ..errors import ClaimtraceError, ConfigError
from ..models import Answer, Turn
from ..retrieve import Filters
from ..settings import BACKENDS, Settings
from .render import (
    Source,
    answer_html,
    escape,
    notice_html,
    source_of,
    sources_html,
    streaming_html,
)

__all__ = [
    "form_options",
    "readable",
    "sources_for",
    "ask_on_page",
    "panel_html",
    "PageTurn",
    "NO_INDEX",
]

log = logging.getLogger("claimtrace.web")

NO_INDEX = (
    "No articles are indexed yet. Add some under “Add articles” on the left (upload files, "
    "or give a folder on the server), or run `claimtrace index update data/articles`."
)
ANY = "any"


@dataclass
class PageTurn:
    """One answered question of a tab's conversation, with its sources."""

    answer: Answer
    sources: list[Source]


def _date(value: str | None, label: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ConfigError(f"{label} {value!r} is not a date; write YYYY-MM-DD") from None


def form_options(
    settings: Settings,
    since: str | None,
    until: str | None,
    outlet: str | None,
    claimant: str | None,
    backend: str | None,
    base_url: str | None,
    model: str | None,
) -> tuple[Filters, BackendChoice]:
    """The filters and backend choice of the page's controls (ConfigError when one is bad).

    An endpoint other than the configured one gets no API key: the server's key never goes
    to a URL typed on the page.
    """
    filters = Filters(
        since=_date(since, "“From”"),
        until=_date(until, "“To”"),
        outlet=None if not outlet or outlet == ANY else outlet,
        claimant=None if not claimant or claimant == ANY else claimant.strip(),
    )
    if backend not in BACKENDS:
        raise ConfigError(f"unknown backend {backend!r}; choose {' or '.join(BACKENDS)}")
    if backend == "extractive":
        return filters, BackendChoice("extractive")
    url = (base_url or "").strip() or None
    if url and not url.startswith(("http://", "https://")):
        raise ConfigError(f"endpoint {url!r} must start with http:// or https://")
    key = "" if url and url != settings.base_url else None
    return filters, BackendChoice("openai", url, (model or "").strip() or None, key)


def readable(exc: BaseException) -> str:
    """A message for the page: a named error's own, or a plain "this is a bug" (logged)."""
    if isinstance(exc, NoIndexError):
        return NO_INDEX
    if isinstance(exc, ClaimtraceError | IndexingError):
        return str(exc)
    log.error("unexpected error on the chat page", exc_info=exc)
    return (
        f"Something went wrong inside claimtrace ({type(exc).__name__}). This is a bug, not "
        "your question; the server log has the details."
    )


def sources_for(engine, answer: Answer) -> list[Source]:
    """Each citation of ``answer`` with the paragraph around its quote."""
    texts: dict[str, str | None] = {}
    for c in answer.citations:
        if c.article_id not in texts:
            try:
                texts[c.article_id] = engine.show(c.article_id).text
            except ClaimtraceError:
                texts[c.article_id] = None
    return [source_of(c, texts[c.article_id]) for c in answer.citations]


def ask_on_page(
    engine, question: str, filters: Filters, choice: BackendChoice, turns: list[PageTurn]
) -> Iterator[tuple[str, PageTurn | None]]:
    """The assistant message's HTML as the answer streams in; the last one has its PageTurn."""
    history = [Turn(t.answer.question, t.answer.answer) for t in turns]
    text, answer = "", None
    yield streaming_html(""), None
    try:
        for part in engine.ask_stream(question, filters, history, choice):
            if isinstance(part, Answer):
                answer = part
            else:
                text += part
                yield streaming_html(text), None
    except Exception as exc:  # every failure becomes a message, never a traceback
        yield notice_html(readable(exc), "error"), None
        return
    turn = PageTurn(answer, sources_for(engine, answer))
    yield answer_html(answer, len(turns)), turn


def panel_html(turns: list[PageTurn]) -> str:
    """The sources panel for a tab's conversation."""
    return sources_html([(t.answer, t.sources) for t in turns])


def user_html(question: str) -> str:
    """The user's message, escaped."""
    return escape(question)
