"""HTML for the chat page: answers with clickable ``[n]``, the sources panel, "who says what".

The last step of the flow for the web (question → … → Answer → here). Article text is
data: every character that comes from an article or a model is escaped here, HTML and
Markdown alike (ASCII punctuation becomes numeric entities, so ``<script>``, ``<img
onerror=…>``, ``[x](javascript:…)`` and ``$…$`` all show as the text they are). The only
markup in the output is the markup written in this module.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from ..models import Answer, Citation

__all__ = [
    "escape",
    "Source",
    "source_of",
    "answer_html",
    "streaming_html",
    "sources_html",
    "who_says_what",
    "notice_html",
    "EMPTY_SOURCES",
]

_PUNCT = {ord(c): f"&#{ord(c)};" for c in string.punctuation}
_MARKER = re.compile(r"\[(\d+)\]")
_CONTEXT = 320  # characters of the paragraph kept on each side of a quote

EMPTY_SOURCES = (
    '<div class="ct-empty"><p class="ct-empty-title">Sources</p>'
    "<p>Each answer's sources appear here: the article, its outlet and date, "
    "<b>who makes the claim</b>, and the quoted sentence in its paragraph.</p>"
    '<p>Click a number like <span class="ct-cite-demo">1</span> in an answer to '
    "jump to its source.</p></div>"
)


def escape(text: str | None) -> str:
    """``text`` safe inside HTML and Markdown: every ASCII punctuation mark as an entity."""
    return (text or "").translate(_PUNCT)


def _paragraphs(text: str) -> str:
    """Escaped ``text`` with its blank-line paragraphs kept as line breaks."""
    return escape(text).replace("\n", "<br>")


def _cite(turn: int, n: int) -> str:
    return (
        f'<a class="ct-cite" href="#ct-src-{turn}-{n}" data-cite="{turn}-{n}" '
        f'title="Show source {n}">{n}</a>'
    )


def answer_html(answer: Answer, turn: int) -> str:
    """The answer for the chat: escaped text, each ``[n]`` a link to source n, warnings."""
    known = {c.n for c in answer.citations}
    parts, pos = [], 0
    for m in _MARKER.finditer(answer.answer):
        parts.append(_paragraphs(answer.answer[pos : m.start()]))
        n = int(m.group(1))
        parts.append(_cite(turn, n) if n in known else escape(m.group(0)))
        pos = m.end()
    parts.append(_paragraphs(answer.answer[pos:]))
    html = "".join(parts)
    if answer.warnings:
        html += "".join(notice_html(w) for w in answer.warnings)
    return html


def streaming_html(text: str) -> str:
    """The part of an answer received so far, escaped (markers become links at the end)."""
    return _paragraphs(text) + '<span class="ct-typing"></span>'


def notice_html(message: str, kind: str = "warn") -> str:
    """A readable notice (a warning, an error, a hint), escaped."""
    return f'<div class="ct-notice ct-{kind}">{escape(message)}</div>'


@dataclass
class Source:
    """A citation with the paragraph around its quote (``before + quote + after``)."""

    citation: Citation
    before: str
    after: str


def source_of(citation: Citation, article_text: str | None) -> Source:
    """The citation with its paragraph from ``article_text`` (only the quote when absent)."""
    c, text = citation, article_text or ""
    if text[c.start : c.end] != c.quote:
        return Source(c, "", "")
    lo = max(text.rfind("\n", 0, c.start) + 1, c.start - _CONTEXT)
    hi = text.find("\n", c.end)
    hi = min(len(text) if hi < 0 else hi, c.end + _CONTEXT)
    before, after = text[lo : c.start], text[c.end : hi]
    if lo > 0 and text[lo - 1] != "\n":
        before = "…" + before.split(" ", 1)[-1]
    if hi < len(text) and text[hi] != "\n":
        after = after.rsplit(" ", 1)[0] + "…"
    return Source(c, before, after)


def _source_card(turn: int, s: Source) -> str:
    c = s.citation
    meta = " · ".join(escape(x) for x in (c.outlet, c.date) if x) or "no outlet or date given"
    cue = f' <span class="ct-cue">{escape(c.cue)}</span>' if c.cue else ""
    return (
        f'<div class="ct-src" id="ct-src-{turn}-{c.n}" data-n="{c.n}">'
        f'<div class="ct-src-head"><span class="ct-num">{c.n}</span>'
        f'<span class="ct-title">{escape(c.title or c.label or c.article_id)}</span></div>'
        f'<div class="ct-meta">{meta}</div>'
        f'<div class="ct-claim"><span class="ct-label">claimant</span> '
        f"{_claimant(c)}{cue}</div>"
        f'<p class="ct-para">{escape(s.before)}<mark class="ct-quote">{escape(c.quote)}</mark>'
        f"{escape(s.after)}</p>{_copies(c)}</div>"
    )


def _claimant(c: Citation) -> str:
    """The card's claimant; a link to their claims in the Claims view when the index knows
    the speaker (``assets/claims.js`` opens the tab with the speaker picked)."""
    if c.speaker is None or not c.speaker.id:
        return f'<span class="ct-who">{escape(c.claimant)}</span>'
    return (
        f'<a class="ct-who ct-speaker-link" href="#" data-speaker="{escape(c.speaker.id)}" '
        f'title="Every claim by this speaker, in the Claims view">{escape(c.claimant)}</a>'
    )


def _copies(c: Citation) -> str:
    """ "Also printed in “Title…” (Outlet)" under a card whose sentence other articles print."""
    copies = c.also_in_names or c.also_in
    if not copies:
        return ""
    return f'<p class="ct-also">Also printed in {escape("; ".join(copies))}</p>'


def who_says_what(answer: Answer, turn: int) -> str:
    """The claimants of an answer side by side, with what each says ("" when fewer than 2)."""
    rows: dict[str, list[Citation]] = {}
    for c in answer.citations:
        rows.setdefault(c.claimant, []).append(c)
    if len(rows) < 2:
        return ""
    body = []
    for claimant, cs in rows.items():
        first = cs[0]
        claim = first.quote.strip("“”\"' ")
        claim = claim if len(claim) <= 140 else claim[:137].rstrip() + "…"
        cue = f'<span class="ct-cue">{escape(first.cue)}</span>' if first.cue else ""
        refs = "".join(_cite(turn, c.n) for c in cs)
        body.append(
            f'<div class="ct-wsw-who">{escape(claimant)}{cue}</div>'
            f'<div class="ct-wsw-claim">“{escape(claim)}” {refs}</div>'
        )
    return (
        '<div class="ct-wsw"><p class="ct-wsw-title">Who says what</p>'
        f'<div class="ct-wsw-grid">{"".join(body)}</div></div>'
    )


def sources_html(turns: list[tuple[Answer, list[Source]]]) -> str:
    """The sources panel: the newest answer's sources open, earlier answers' folded."""
    if not turns:
        return EMPTY_SOURCES
    blocks = []
    for turn in range(len(turns) - 1, -1, -1):
        answer, sources = turns[turn]
        table = who_says_what(answer, turn)
        cards = "".join(_source_card(turn, s) for s in sources) or (
            '<p class="ct-none">No sources: the indexed articles do not answer this.</p>'
        )
        head = f'<summary class="ct-q">{escape(answer.question)}</summary>'
        opened = " open" if turn == len(turns) - 1 else ""
        blocks.append(f'<details class="ct-turn"{opened}>{head}{table}{cards}</details>')
    return "".join(blocks)
