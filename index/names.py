"""Loose name matching, the one rule used everywhere a name is looked for.

A name is found in a text when a word of the name — its first ``PREFIX``
letters — begins a word of the text, after folding case, accents and quote
marks: "Prigozhin" finds "Yevgeny Prigozhin", "Zelenskyy" finds "Zelensky",
"Russian" finds "Russia's". Used by the claimant filter and evidence selection
(``assistant``) and by the scorers (``eval``).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["PREFIX", "fold", "name_words", "mentions", "outlet_name", "OUTLET_NAMES"]

#: Letters of a name word compared: enough to tell names apart, few enough for
#: spelling variants and endings ("Zelenskyy"/"Zelensky", "Ukraine"/"Ukrainian").
PREFIX = 6

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lowercase, strip accents, and unify quote marks: for matching, never for display."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().replace("’", "'").replace("‘", "'")


def name_words(name: str, min_len: int = 1) -> list[str]:
    """The folded words of ``name`` with at least ``min_len`` letters ("the" never counts)."""
    return [w for w in _WORD.findall(fold(name)) if len(w) >= min_len and w != "the"]


def mentions(name: str, text: str, *, every: bool = False, min_len: int = 1) -> bool:
    """Whether ``text`` names ``name`` loosely: any word of the name (every word, with
    ``every``) of ``min_len`` letters or more begins a word of ``text``."""
    words = name_words(name, min_len)
    have = _WORD.findall(fold(text))
    found = [any(h.startswith(w[:PREFIX]) for h in have) for w in words]
    return bool(words) and (all(found) if every else any(found))


#: File tags that stand for outlets (PolNeAR's publishers and common short forms).
OUTLET_NAMES = {
    "nyt": "The New York Times",
    "huff-post": "HuffPost",
    "huffpost": "HuffPost",
    "wash-post": "The Washington Post",
    "wapo": "The Washington Post",
    "usa-today": "USA Today",
    "west-journal": "Western Journal",
    "breitbart": "Breitbart",
    "politico": "Politico",
    "guardian": "The Guardian",
    "bbc": "BBC",
    "rt": "RT",
    "ap": "The Associated Press",
}


def outlet_name(tag: str) -> str:
    """An outlet's name for its file tag ("nyt" → "The New York Times"); other names as given."""
    return OUTLET_NAMES.get(tag.strip().lower(), tag.strip())
