"""Hybrid retrieval: dense (Chroma) + BM25 (bm25s), fused by reciprocal rank.

Filters (date range, outlet) are pushed into Chroma's metadata filter and
applied to BM25 as a weight mask; the claimant filter matches names loosely
("Prigozhin" finds "Yevgeny Prigozhin") and so is applied to chunk claimants.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import bm25s
import numpy as np

from index.chunk import embed_text
from index.models import Chunk, IndexedArticle
from index.names import mentions
from index.store import Generation, date_key

from .text import tokens

__all__ = ["Filters", "ChunkHit", "Retriever", "claimant_matches"]

RRF_K = 60


@dataclass(frozen=True)
class Filters:
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    claimant: str | None = None

    def __bool__(self) -> bool:
        return any((self.since, self.until, self.outlet, self.claimant))


@dataclass
class ChunkHit:
    chunk: Chunk
    item: IndexedArticle
    score: float  # fused RRF score
    dense: float  # cosine similarity (0 when not among the dense hits)


def claimant_matches(wanted: str, claimant: str) -> bool:
    """Loose name match (``index.names``): every word of ``wanted`` begins a word of
    ``claimant``."""
    return mentions(wanted, claimant, every=True)


class Retriever:
    """Search one generation of the index; built once per generation."""

    def __init__(self, generation: Generation, embed):
        """``embed(texts)`` returns unit vectors (the engine's cached ``Engine.embed``)."""
        self.generation = generation
        self.embed = embed
        self.items = generation.articles
        self.chunks: list[tuple[Chunk, IndexedArticle]] = [
            (c, item) for item in self.items.values() for c in item.chunks
        ]
        self.by_id = {c.chunk_id: (c, item) for c, item in self.chunks}
        self.position = {c.chunk_id: i for i, (c, _) in enumerate(self.chunks)}
        docs = [tokens(embed_text(i.article, c)) for c, i in self.chunks]
        self.bm25 = bm25s.BM25()
        if docs:
            self.bm25.index(docs, show_progress=False)
        df = Counter(w for doc in docs for w in set(doc))
        #: inverse chunk frequency of each word; a word the index lacks gets the highest
        self.idf = {w: math.log((len(docs) + 1) / (n + 0.5)) for w, n in df.items()}
        self.idf_unseen = math.log((len(docs) + 1) / 0.5)
        self._masks: dict[Filters, np.ndarray] = {}

    def _mask(self, f: Filters) -> np.ndarray | None:
        """1 for each chunk that passes ``f``, else 0 (None when there are no filters)."""
        if not f:
            return None
        if f not in self._masks:
            if len(self._masks) > 64:
                self._masks.clear()
            self._masks[f] = self._compute_mask(f)
        return self._masks[f]

    def _compute_mask(self, f: Filters) -> np.ndarray:
        lo, hi = date_key(f.since), date_key(f.until)
        mask = np.ones(len(self.chunks))
        for pos, (chunk, item) in enumerate(self.chunks):
            art = item.article
            d = date_key(art.date)
            if (lo and d < lo) or (hi and (not d or d > hi)):
                mask[pos] = 0
            elif f.outlet and (art.outlet or "").lower() != f.outlet.lower():
                mask[pos] = 0
            elif f.claimant and not any(claimant_matches(f.claimant, c) for c in chunk.claimants):
                mask[pos] = 0
        return mask

    def matching(self, filters: Filters) -> int:
        """How many chunks pass ``filters`` (all of them when there are none)."""
        mask = self._mask(filters)
        return len(self.chunks) if mask is None else int(mask.sum())

    def outlets(self) -> list[str]:
        return sorted({i.article.outlet for _, i in self.chunks if i.article.outlet})

    def search(self, query: str, filters: Filters = Filters(), k: int = 12) -> list[ChunkHit]:
        """The ``k`` best chunks for ``query`` under ``filters``, best first."""
        if not self.chunks:
            return []
        mask = self._mask(filters)
        pool = max(k * 4, 40)
        dense = self.generation.query(
            self.embed([query])[0],
            pool,
            since=filters.since,
            until=filters.until,
            outlet=filters.outlet,
        )
        dense = [(cid, s) for cid, s in dense if cid in self.by_id]
        if mask is not None:
            dense = [(cid, s) for cid, s in dense if mask[self.position[cid]]]
        scores = self.bm25.get_scores(tokens(query), weight_mask=mask)
        order = [int(i) for i in np.argsort(-scores)[:pool] if scores[i] > 0]

        fused: dict[str, float] = {}
        cos = dict(dense)
        for rank, (cid, _) in enumerate(dense):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        for rank, i in enumerate(order):
            cid = self.chunks[i][0].chunk_id
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        return [
            ChunkHit(self.by_id[cid][0], self.by_id[cid][1], score, cos.get(cid, 0.0))
            for cid, score in best
        ]
