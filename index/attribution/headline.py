"""A headline's quotation credited to the speaker whose claim in the article repeats it.

Flow position: inside ``index.attribution.attributor``, after the attributions of an article
are final. "Defenders of Mariupol: 'We held out for 86 days'" names a topic before its
colon, not a speaker, so no rule credits the quotation; the article's body says who said it
("X said his fighters had held out for 86 days without resupply"). The quotation is given
to the first claim of the body holding most of its words, with that claim's cue and source.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.models import Attribution, Span

__all__ = ["headline_quote"]

#: A quotation closing a headline's line after a colon or dash, in any quote marks.
_QUOTED = re.compile(r"[:—–-]\s*['\"‘“](?P<said>[^\n]+?)['\"’”]\s*$")
#: Words that tell one claim from another: four letters or more, or a number.
_WORD = re.compile(r"\d[\d,.]*|[^\W\d_]{4,}")
#: The share of the quotation's words the claim must hold, and the fewest words to compare.
_SHARE = 2 / 3
_MIN_WORDS = 3


def headline_quote(text: str, atts: list[Attribution]) -> list[Attribution]:
    """``atts`` with the headline's quotation (the article's first line, a paragraph of its
    own) credited to the first claim after it that holds two thirds of its words; unchanged
    when the headline holds no quotation, a claim already covers it, or no claim repeats it."""
    end = text.find("\n")
    if end <= 0 or not text[end:].startswith("\n\n"):
        return atts
    found = _QUOTED.search(text[:end])
    if found is None:
        return atts
    start, stop = found.span("said")
    if any(a.content.start < stop and start < a.content.end for a in atts):
        return atts
    words = _words(found.group("said"))
    if len(words) < _MIN_WORDS:
        return atts
    for a in atts:
        if a.content.start > end and len(words & _words(a.content.text)) >= _SHARE * len(words):
            said = Span(start, stop, text[start:stop])
            return [replace(a, content=said, kind="direct", confidence=a.confidence * 0.7), *atts]
    return atts


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}
