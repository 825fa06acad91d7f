"""Sparse (BM25) search and filters over the catalogue's FTS5 index.

Chunks are indexed as the tokens of ``terms.tokens`` (stemmed, stopwords
removed), so the scores are BM25 over the same words as the previous bm25s
index, computed by SQLite's ``bm25()`` and kept up to date by each update's
commit instead of being rebuilt at every start (the README compares the two).
Filters (date range, outlet, the chunks of some claimants) become SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Catalogue, date_key
from .sql import marks
from .terms import tokens

__all__ = ["ChunkFilter", "search", "count", "fts_query"]


@dataclass(frozen=True)
class ChunkFilter:
    """Which chunks may be returned; ``names`` are exact claimant names (None: any)."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    names: tuple[str, ...] | None = None

    def sql(self) -> tuple[str, list]:
        """A condition on ``c`` (the chunks table) and its arguments."""
        conds, args = [], []
        if self.since:
            conds.append("c.date_key >= ?")
            args.append(date_key(self.since))
        if self.until:
            conds.append("c.date_key > 0 AND c.date_key <= ?")
            args.append(date_key(self.until))
        if self.outlet:
            conds.append("c.outlet = ?")
            args.append(self.outlet.lower())
        if self.names is not None:
            conds.append(
                f"c.id IN (SELECT chunk FROM claimants WHERE name IN ({marks(self.names)}))"
            )
            args += list(self.names)
        return (" AND ".join(conds) or "1"), args


def fts_query(words: list[str]) -> str:
    """An FTS5 query matching any of ``words`` (each quoted, so no word is an operator)."""
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in dict.fromkeys(words))


def search(
    catalogue: Catalogue, text: str, k: int, where: ChunkFilter = ChunkFilter()
) -> list[tuple[str, float]]:
    """The ``k`` best chunks for ``text`` by BM25, as (chunk_id, score), best first."""
    words = tokens(text)
    if not words:
        return []
    cond, args = where.sql()
    sql = (
        "SELECT c.chunk_id, -bm25(terms) AS score FROM terms JOIN chunks c ON c.id = terms.rowid "
        f"WHERE terms MATCH ? AND {cond} ORDER BY bm25(terms) LIMIT ?"
    )
    return catalogue.rows(sql, [fts_query(words), *args, k])


def count(catalogue: Catalogue, where: ChunkFilter = ChunkFilter()) -> int:
    """How many chunks pass ``where``."""
    cond, args = where.sql()
    return catalogue.rows(f"SELECT count(*) FROM chunks c WHERE {cond}", args)[0][0]


def passing(catalogue: Catalogue, chunk_ids: list[str], where: ChunkFilter) -> set[str]:
    """Which of ``chunk_ids`` pass ``where``."""
    if not chunk_ids:
        return set()
    cond, args = where.sql()
    sql = f"SELECT c.chunk_id FROM chunks c WHERE c.chunk_id IN ({marks(chunk_ids)}) AND {cond}"
    return {cid for (cid,) in catalogue.rows(sql, [*chunk_ids, *args])}
