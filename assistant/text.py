"""Small text helpers shared by retrieval, evidence selection and scoring.

The tokenizer itself lives in ``index/terms.py`` (the index stores its tokens)
and folding in ``index/names.py``; this module re-exports them for the
assistant side.
"""

from __future__ import annotations

from index.names import fold
from index.terms import STOPWORDS, tokens

__all__ = ["tokens", "content_words", "fold", "in_quotes", "STOPWORDS"]


def content_words(text: str) -> set[str]:
    """The distinct stemmed, lowercased words of ``text``, stopwords left out."""
    return set(tokens(text))


def in_quotes(text: str) -> str:
    """``text`` (a verbatim sentence) between quote marks, with its own marks balanced.

    A sentence that opens a quotation closed in a later sentence ("“The teams are being
    reorganised.") gets only the closing mark; one that opens and closes its own gets none.
    """
    if text[:1] not in "“\"‘'":
        return f"“{text}”"
    if text.count("“") > text.count("”"):
        return f"{text}”"
    if text[:1] == '"' and text.count('"') % 2:
        return f'{text}"'
    return text
