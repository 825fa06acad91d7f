"""A sentence cut where a claim ends at a dash and the article goes on in its own voice.

Flow position: inside ``index.attribution.attributor``, after the attributions of an article
are final and before its sentences are given their claimants: "X appeared to blame workers
for it, which was widespread throughout the bank ― 5,300 employees were fired" is two
sentences, the second the article's, so a citation of the figure is not credited to X.
"""

from __future__ import annotations

from index.models import Attribution

__all__ = ["cut_at_dash"]

#: A dash between spaces that ends a claim and goes on in the article's voice.
_DASHES = ("―", "—", "–", "--")
_MIN_WORDS_AFTER = 3


def cut_at_dash(text: str, spans, quotes, atts: list[Attribution]) -> list[tuple[int, int]]:
    """Sentence ranges cut where a claim ends at a dash and the sentence goes on: in "X
    appeared to blame workers for it, which was widespread throughout the bank ― 5,300
    employees were fired", the words after the dash are the article's, not X's. Only when
    the cue is before the dash, no claim reaches past it and the dash is outside quotes."""
    cuts = set()
    for a in atts:
        rest = text[a.content.end : a.content.end + 4].lstrip(" ,")
        dash = next((d for d in _DASHES if rest.startswith(d)), None)
        if dash is None or a.cue.start > a.content.end:
            continue
        at = text.find(dash, a.content.end)
        after = at + len(dash)
        if any(q0 < at < q1 for q0, q1 in quotes) or any(
            b.content.start < at < b.content.end for b in atts
        ):
            continue
        cuts.add((at, after))
    if not cuts:
        return spans
    out = []
    for start, end in spans:
        for _at, after in sorted(c for c in cuts if start < c[0] and c[1] < end):
            words = text[after:end].split()
            if len(words) >= _MIN_WORDS_AFTER:
                out.append((start, after))
                start = after
                while start < end and text[start].isspace():
                    start += 1
        out.append((start, end))
    return out
