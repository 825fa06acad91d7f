"""Word tokens for lexical search: folded, stemmed, stopwords removed.

The catalogue's full-text index (``catalogue.py``) stores chunks as these tokens,
and retrieval and evidence selection tokenise questions with the same function,
so BM25 and word overlap agree on what a word is.
"""

from __future__ import annotations

import re

import Stemmer

from .names import fold

__all__ = ["tokens", "fold", "STOPWORDS", "stemmer_version"]

_STEM = Stemmer.Stemmer("english")
_WORD = re.compile(r"\w[\w'’-]*\w|\w", re.UNICODE)

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours also according said say says tell
    told did does whose much many""".split()
)


def tokens(text: str) -> list[str]:
    """Stemmed, lowercased word tokens without stopwords (BM25 and overlap)."""
    words = [w.strip("'’-") for w in _WORD.findall(fold(text))]
    words = [w.replace(",", "") for w in words if w and w not in STOPWORDS]
    return _STEM.stemWords(words)


def stemmer_version() -> str:
    """The stemmer's version: a new one may stem words differently (``analysis_version``)."""
    return Stemmer.version()
