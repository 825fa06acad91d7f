"""Two helpers for SQLite ``IN (...)`` queries over lists of any length.

SQLite caps the parameters of one statement, so long lists go in parts of ``BATCH``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

__all__ = ["BATCH", "marks", "parts"]

#: Values bound in one ``IN (...)``: well under SQLite's parameter limit.
BATCH = 500

T = TypeVar("T")


def marks(values: Sequence) -> str:
    """``?, ?, ?``: one placeholder per value."""
    return ", ".join("?" * len(values))


def parts(values: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    """``values`` in consecutive slices of at most ``size``."""
    for i in range(0, len(values), size):
        yield values[i : i + size]
