"""Passes over one article's attributions once all of them are found: what needs the whole text.

Flow position: inside ``index.attribution.attributor``, after each sentence's sources are
resolved in text order (``index.attribution.claimants``) and before sentences are given
their claimants. Each pass looks past the sentence it fixes:

- ``one_label``: one label per speaker ("Prigozhin" reads "Prigozhin (boss of the Wagner
  group)" once a later mention gives the role);
- ``one_kind``: a name the NER took for a body is the person a later mention shows it to be;
- ``quoted_first_person``: an "I" or "we" saying something inside another's claim is that
  speaker;
- ``one_body``: a body named by fewer of its words ("the Mountain Brigade" beside "the
  Separate Mountain Brigade") is the one body of the article with all of them, under its
  fullest name, when no other body of the article has them too;
- ``continued``: a quotation going on in the next sentence, or in the next paragraph that
  opens with a quote mark and has no cue of its own, is the same speaker's.

The passes that read names given later (``index.attribution.named_later``) and the cut of
a sentence at a dash (``index.attribution.dash``) have modules of their own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from index.attribution.lexicon import QUOTE_CHARS
from index.attribution.mistagged import named_like_a_person
from index.models import Attribution, Span, Speaker
from index.names import fold, within

__all__ = ["relabel", "one_label", "one_kind", "one_body", "quoted_first_person", "continued"]


def relabel(a: Attribution, speaker: Speaker) -> Attribution:
    """``a`` credited to ``speaker``, its claimant label with it."""
    return replace(a, speaker=speaker, claimant=speaker.label)


def one_label(atts: list[Attribution]) -> list[Attribution]:
    """One label per speaker in an article: "Prigozhin" named first without his role reads
    "Prigozhin (boss of the Wagner group)" once a later mention gives it."""
    best = {}
    for a in atts:
        if a.speaker and a.speaker.role and a.speaker.id not in best:
            best[a.speaker.id] = a.speaker
    return [
        relabel(a, best[a.speaker.id])
        if a.speaker and not a.speaker.role and a.speaker.id in best
        else a
        for a in atts
    ]


def one_kind(atts: list[Attribution]) -> list[Attribution]:
    """One kind per name in an article: a name the NER took for a body ("Volodymyr Zelenskiy
    said") is the person a later mention shows it to be ("the former comedian said")."""
    persons = {a.speaker.name: a.speaker for a in atts if a.speaker and a.speaker.kind == "person"}
    return [
        relabel(a, persons[a.speaker.name])
        if a.speaker
        and a.speaker.kind != "person"
        and a.speaker.name in persons
        and named_like_a_person(a.speaker.name)
        else a
        for a in atts
    ]


#: The words a speaker calls themselves or their side by, inside their own quotation.
_FIRST_PERSON = frozenset("i we me us".split())


def quoted_first_person(atts: list[Attribution]) -> list[Attribution]:
    """An "I" or "we" who says something inside another's claim is that speaker: in "''We've
    shown the world we can float like butterflies,'' Mr. Obama said", "we" is Obama's side,
    not the last body the article named."""
    out = []
    for a in atts:
        own = a.source is not None and a.source.text.strip().lower() in _FIRST_PERSON
        outer = [
            b
            for b in atts
            if own
            and b is not a
            and b.speaker is not None
            and b.content.start <= a.cue.start < b.content.end
            and b.kind != "according_to"  # "As I mentioned, X, according to Y": I is the writer
            and not (b.source and b.source.text.strip().lower() in _FIRST_PERSON)
        ]
        out.append(relabel(a, outer[0].speaker) if outer else a)
    return out


def one_body(atts: list[Attribution]) -> list[Attribution]:
    """A body of the article named by fewer of its words is the body with all of them, when
    exactly one body of the article has them."""
    bodies = {
        a.speaker.id: a.speaker
        for a in atts
        if a.speaker and a.speaker.kind in ("organisation", "group")
    }
    words = {sid: fold(s.name).split() for sid, s in bodies.items()}
    fuller = {}
    for sid in bodies:
        found = [o for o in bodies if o != sid and within(words[sid], words[o])]
        if len(found) == 1:
            fuller[sid] = bodies[found[0]]
    return [
        relabel(a, fuller[a.speaker.id]) if a.speaker and a.speaker.id in fuller else a
        for a in atts
    ]


def continued(text: str, spans, quotes, atts: list[Attribution]) -> list[Attribution]:
    """A quotation that goes on is the same speaker's.

    In one line: in "“A,” X said. “B.”" the content of X's attribution grows over B (its
    range then holds "X said", as a claim set around its cue does). Across a paragraph
    break: a paragraph that opens with a quote mark, right after a paragraph whose last
    attribution is a quotation, gets an attribution of its own to the same speaker with
    the same cue. Neither when the next quotation has a cue of its own.
    """
    starts = [s for s, _ in spans]
    quote_end = dict(quotes)
    cues = sorted(a.cue.start for a in atts)
    out = []
    for n, a in enumerate(atts):
        a = _in_line(text, spans, starts, quote_end, cues, a)
        out.append(a)
        if a.kind == "direct" and _last_in_paragraph(text, a, atts[n + 1 :]):
            more = _next_paragraph(text, spans, starts, quote_end, cues, a)
            if more is not None:
                out.append(replace(a, content=more, confidence=a.confidence * 0.8))
    return out


def _in_line(text, spans, starts, quote_end, cues, a: Attribution) -> Attribution:
    """``a`` with its content grown over the quotation opening the next sentence of its line."""
    i = bisect_right(starts, a.cue.start) - 1
    if a.kind != "direct" or a.content.end > a.cue.start or not 0 <= i < len(spans) - 1:
        return a
    end, nxt = spans[i][1], spans[i + 1][0]
    q1 = quote_end.get(nxt)
    if (
        q1 is None
        or any(c in QUOTE_CHARS for c in text[a.cue.end : end])
        or "\n" in text[end:nxt]
        or _cue_within(cues, nxt, spans[i + 1][1])
    ):
        return a
    return replace(a, content=_span(text, a.content.start, q1))


def _next_paragraph(text, spans, starts, quote_end, cues, a: Attribution) -> Span | None:
    """The quotation opening the paragraph after ``a``'s, when it has no cue of its own."""
    i = bisect_right(starts, max(a.cue.end, a.content.end) - 1) - 1
    if not 0 <= i < len(spans) - 1:
        return None
    end, nxt = spans[i][1], spans[i + 1][0]
    q1 = quote_end.get(nxt)
    if q1 is None or "\n" not in text[end:nxt] or text[end:nxt].strip():
        return None
    stop = text.find("\n", nxt)
    if _cue_within(cues, nxt, len(text) if stop < 0 else stop):
        return None
    return _span(text, nxt, q1)


def _last_in_paragraph(text: str, a: Attribution, after: list[Attribution]) -> bool:
    """Whether no later attribution has its cue before the paragraph of ``a`` ends."""
    stop = text.find("\n", max(a.cue.end, a.content.end))
    stop = len(text) if stop < 0 else stop
    return not any(b.cue.start < stop for b in after)


def _cue_within(cues: list[int], start: int, end: int) -> bool:
    """Whether any of the sorted cue offsets ``cues`` lies in ``[start, end)``."""
    j = bisect_left(cues, start)
    return j < len(cues) and cues[j] < end


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])
