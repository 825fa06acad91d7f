"""What the page's Claims view shows, without gradio: the claims asked for, and their HTML.

The last step of the claims explorer for the web (catalogue → ``assistant.claims`` → here),
as ``render`` is for answers. ``gather`` reads the view's controls and fetches the claims
(one speaker's, a topic's, or the busiest speakers' when neither is asked); ``claims_plot``
draws them per week; ``claims_html`` lists them; ``claim_html`` shows one claim's source
paragraph with its quote marked (``render.source_of``, as the chat's source cards do), the
other articles printing it, and other speakers on its subject, opposed claims side by side
(``assistant.related_claims``). Every article or speaker string is escaped
(``render.escape``). ``claims_view`` wires these to gradio.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace

from ..claims import CSV_COLUMNS, Claim, ClaimFilters, SpeakerSummary, claim_row
from ..errors import ClaimtraceError
from ..models import Citation
from ..related_claims import copy_names, opposed, same_subject, stance
from .claims_plot import TOP
from .render import Source, escape, source_of
from .session import _date

__all__ = [
    "ANY",
    "Shown",
    "speaker_label",
    "speaker_choices",
    "gather",
    "csv_text",
    "claims_html",
    "claim_html",
    "citation_of",
    "quote_html",
    "opened_html",
    "EMPTY_CLAIM",
]

ANY = "any"
LISTED = 100  # claims listed (and downloaded) at most
ALL = 5000  # claims counted for the plot at most
CHOICES = 1000  # speakers in the menu at most

EMPTY_CLAIM = (
    '<div class="ct-empty"><p class="ct-empty-title">A claim</p>'
    "<p>Click a claim on the left to see its source paragraph with the quote marked, "
    "<b>who else printed it</b>, and what other speakers claimed on the same subject.</p></div>"
)


@dataclass
class Shown:
    """What the view shows for its controls: the claims listed, those plotted, a caption."""

    listed: list[Claim] = field(default_factory=list)
    plotted: list[Claim] = field(default_factory=list)
    caption: str = ""
    plot_title: str = "Claims per week"
    filters: ClaimFilters = field(default_factory=ClaimFilters)


def speaker_label(s: SpeakerSummary) -> str:
    """How the speaker menu names a speaker: "Igor Konashenkov (spokesman) — 3 claims"."""
    role = f" ({s.roles[0]})" if s.roles else ""
    return f"{s.name}{role} — {s.claims} claim{'' if s.claims == 1 else 's'}"


def speaker_choices(speakers: list[SpeakerSummary]) -> list[tuple[str, str]]:
    """The speaker menu: "any speaker", then the busiest speakers, as (label, id)."""
    return [("any speaker", ANY), *((speaker_label(s), s.id) for s in speakers[:CHOICES])]


def gather(engine, speaker: str | None, topic: str | None, since, until, outlet) -> Shown:
    """The claims for the view's controls (ConfigError naming a bad date).

    A speaker (an id from the menu, or a name typed, matched loosely): their claims, newest
    first (by relevance to ``topic`` when given). A topic alone: the claims on it, best
    first. Neither: the newest claims, and the claims of the ``TOP`` busiest speakers for
    the plot.
    """
    speaker = None if not speaker or speaker == ANY else speaker
    topic = (topic or "").strip() or None
    outlet = None if not outlet or outlet == ANY else outlet
    f = ClaimFilters(
        about=topic,
        since=_date(since, "“From”"),
        until=_date(until, "“To”"),
        outlet=outlet,
        limit=LISTED if topic or not speaker else ALL,
        speaker_id=speaker if speaker and ":" in speaker else None,
        claimant=speaker if speaker and ":" not in speaker else None,  # a name typed
    )
    found = engine.claims(f)
    n = f"{len(found)}{'+' if len(found) == f.limit else ''} claim{'s' * (len(found) != 1)}"
    if speaker:
        whose = found[0].speaker.name if found else speaker
        about = f" on “{topic}”, best first" if topic else ""
        more = f"; the newest {LISTED} listed" if len(found) > LISTED else ""
        caption = f"{n} by {whose}{about}{more}"
        return Shown(found[:LISTED], found, caption, f"Claims per week by {whose}", f)
    if topic:
        return Shown(found, found, f"{n} on “{topic}”, best first", "Claims per week on it", f)
    busiest = [s.id for s in engine.speakers() if s.kind not in ("unnamed", "outlet")][:TOP]
    plotted = [c for sid in busiest for c in engine.claims(replace(f, speaker_id=sid, limit=ALL))]
    title = f"Claims per week of the {TOP} speakers with most claims"
    return Shown(found, plotted, f"The newest {len(found)} claims", title, f)


def csv_text(claims: list[Claim]) -> str:
    """The claims as CSV, the same columns as ``claimtrace claims --csv``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(claim_row(c) for c in claims)
    return out.getvalue()


def _who(c: Claim) -> str:
    role = f' <span class="ct-role">{escape(c.speaker.role)}</span>' if c.speaker.role else ""
    cue = f' <span class="ct-cue">{escape(c.cue)}</span>' if c.cue else ""
    return f'<span class="ct-who">{escape(c.speaker.name or c.claimant)}</span>{role}{cue}'


def _article(c: Claim) -> str:
    title = f"“{escape(c.title)}” — " if c.title and c.outlet else ""
    return f'<div class="ct-meta">{title}{escape(c.label or c.article_id)}</div>'


def quote_html(c: Claim) -> str:
    """The claim's sentence, escaped, with its content (what is claimed) in bold: two claims
    of one sentence ("said X and called for Y") read apart."""
    lo = max(c.content_start, c.start) - c.start
    hi = min(c.content_end, c.end) - c.start
    if not 0 <= lo < hi <= len(c.quote) or (lo, hi) == (0, len(c.quote)):
        return escape(c.quote)
    q = c.quote
    return f'{escape(q[:lo])}<b class="ct-content">{escape(q[lo:hi])}</b>{escape(q[hi:])}'


def claims_html(shown: Shown) -> str:
    """The list of claims: each its speaker, cue, quote, article, and a button to open it."""
    head = f'<p class="ct-claims-caption">{escape(shown.caption)}</p>' if shown.caption else ""
    if not shown.listed:
        return head + '<p class="ct-none">No claims match: widen the dates or pick "any".</p>'
    rows = []
    for c in shown.listed:
        copies = len(c.also_in)
        also = (
            f'<span class="ct-also-n">also in {copies} other article{"s" * (copies > 1)}</span>'
            if copies
            else ""
        )
        rows.append(
            f'<div class="ct-claim-row" data-claim="{c.id}">'
            f'<div class="ct-claim-who">{_who(c)}</div>'
            f'<blockquote class="ct-claim-quote">{quote_html(c)}</blockquote>'
            f'<div class="ct-claim-foot">{_article(c)}{also}'
            f'<button class="ct-claim-pick" data-claim="{c.id}" type="button">'
            "Source and others on it</button></div></div>"
        )
    return head + f'<div class="ct-claim-list">{"".join(rows)}</div>'


def citation_of(c: Claim) -> Citation:
    """A claim as a chat citation, for ``render.source_of``."""
    return Citation(
        n=1,
        article_id=c.article_id,
        title=c.title,
        outlet=c.outlet,
        date=c.date,
        claimant=c.claimant,
        cue=c.cue,
        quote=c.quote,
        start=c.start,
        end=c.end,
        score=0.0,
        also_in=list(c.also_in),
        label=c.label,
    )


def _source(s: Source, c: Claim, copies: dict[str, str]) -> str:
    meta = " · ".join(escape(x) for x in (c.outlet, c.date) if x) or "no outlet or date given"
    names = [copies.get(aid, aid) for aid in c.also_in]
    also = (
        f'<p class="ct-also"><b>Also printed in</b> {escape("; ".join(names))}</p>' if names else ""
    )
    return (
        f'<div class="ct-src ct-claim-src" data-claim="{c.id}">'
        f'<div class="ct-title">{escape(c.title or c.label or c.article_id)}</div>'
        f'<div class="ct-meta ct-flush">{meta}</div>'
        f'<div class="ct-claim ct-flush">{_who(c)}</div>'
        f'<p class="ct-para ct-flush">{escape(s.before)}<mark class="ct-quote">{escape(c.quote)}'
        f"</mark>{escape(s.after)}</p>{also}</div>"
    )


def _side(c: Claim, picked: bool = False) -> str:
    what = c.content or c.quote
    what = what if len(what) <= 220 else what[:217].rstrip() + "…"
    cls = "ct-side ct-picked" if picked else "ct-side"
    return (
        f'<div class="{cls}"><div class="ct-claim-who">{_who(c)}</div>'
        f'<div class="ct-side-what">{escape(what)}</div>{_article(c)}</div>'
    )


def claim_html(c: Claim, article_text: str | None, copies: dict, others: list[Claim]) -> str:
    """One claim opened: its source card, who else printed it, and other speakers on its
    subject in two columns, those asserting beside those denying (``related_claims.stance``),
    so opposed claims stand side by side; the claim opened is marked in its column."""
    card = _source(source_of(citation_of(c), article_text), c, copies)
    if not others:
        return card + '<p class="ct-none">No other speaker claims on this subject.</p>'
    columns: dict[str, list[str]] = {"asserts": [], "denies": []}
    columns[stance(c)].append(_side(c, picked=True))
    for o in others:
        columns[stance(o)].append(_side(o))
    split = any(opposed(c, o) for o in others)
    title = "Other speakers on this subject" + (": opposed claims side by side" if split else "")
    cells = "".join(
        f'<div class="ct-col"><p class="ct-col-head">{head}</p>{"".join(items)}</div>'
        for head, items in (
            ("Asserting", columns["asserts"]),
            ("Denying or negating", columns["denies"]),
        )
    )
    return (
        f'{card}<div class="ct-wsw ct-related"><p class="ct-wsw-title">{title}</p>'
        f'<div class="ct-cols">{cells}</div></div>'
    )


def opened_html(engine, claims: list[Claim], claim_id: int) -> str:
    """``claim_html`` for the claim ``claim_id`` among those shown: its article's text read,
    its copies named, and other speakers' claims on its subject found across the archive."""
    c = next((c for c in claims if c.id == claim_id), None)
    if c is None:
        return EMPTY_CLAIM
    try:
        text = engine.show(c.article_id).text
    except ClaimtraceError:
        text = None
    catalogue = engine.generation().catalogue
    others = same_subject(catalogue, c, engine.retriever())
    return claim_html(c, text, copy_names(catalogue, [c]), others)
