"""Small text helpers shared by retrieval, evidence selection and scoring.

The tokenizer itself lives in ``index/terms.py`` (the index stores its tokens)
and folding in ``index/names.py``; this module re-exports them for the
assistant side.
"""

from __future__ import annotations

from index.names import fold
from index.terms import STOPWORDS, tokens

__all__ = ["tokens", "content_words", "fold", "STOPWORDS"]


def content_words(text: str) -> set[str]:
    """The distinct stemmed, lowercased words of ``text``, stopwords left out."""
    return set(tokens(text))
