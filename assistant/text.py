"""Small text helpers shared by retrieval, evidence selection and scoring.

The tokenizer itself lives in ``index/terms.py`` (the index stores its tokens);
this module re-exports it for the assistant side.
"""

from __future__ import annotations

from index.terms import STOPWORDS, fold, tokens

__all__ = ["tokens", "content_words", "fold", "STOPWORDS"]


def content_words(text: str) -> set[str]:
    return set(tokens(text))
