"""Hybrid retrieval: dense (Chroma) + BM25 (the catalogue's FTS5), fused by reciprocal rank.

Filters (date range, outlet) are pushed into Chroma's metadata filter and into
the BM25 query's SQL; the claimant filter matches names loosely ("Prigozhin"
finds "Yevgeny Prigozhin"): it is turned into the exact names the catalogue
holds that match, and then into SQL too. Only the articles of the chunks that
are returned are read from the catalogue.
"""

from __future__ import annotations

import functools
import math
import threading
from dataclasses import dataclass

from index.models import Chunk, IndexedArticle
from index.names import speaker_matches
from index.sparse import ChunkFilter, count
from index.store import Generation

__all__ = ["Filters", "ChunkHit", "Retriever", "claimant_matches"]

RRF_K = 60


@dataclass(frozen=True)
class Filters:
    """What retrieval is limited to; a Filters with nothing set is falsy.

    ``since`` and ``until`` are inclusive ISO dates, ``outlet`` an outlet's full name, and
    ``claimant`` a name matched loosely (``claimant_matches``).
    """

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    claimant: str | None = None

    def __bool__(self) -> bool:
        return any((self.since, self.until, self.outlet, self.claimant))


@dataclass
class ChunkHit:
    """A retrieved chunk, the article it comes from, and its fused score."""

    chunk: Chunk
    item: IndexedArticle
    score: float  # fused RRF score


def claimant_matches(wanted: str, claimant: str) -> bool:
    """Loose name match (``index.names.speaker_matches``): every word of ``wanted`` begins a
    word of ``claimant``'s name or role ("the head of X" also finds "secretary of X")."""
    return speaker_matches(wanted, claimant)


class Retriever:
    """Search one committed state of the index; cheap to make, made once per state."""

    def __init__(self, generation: Generation, embed):
        """``embed(texts)`` returns unit vectors (the engine's cached ``Engine.embed``)."""
        self.generation = generation
        self.embed = embed
        self.catalogue = generation.catalogue
        self.size = generation.chunk_count()
        #: inverse chunk frequency of a word (``idf.get(word, idf_unseen)``)
        self.idf = _Idf(self.catalogue, self.size)
        self.idf_unseen = math.log((self.size + 1) / 0.5)
        self._names: list[str] | None = None
        #: the articles by id, read from the catalogue when asked (never all at once)
        self.items = _Articles(generation)

    def _where(self, f: Filters) -> ChunkFilter:
        names = None
        if f.claimant:
            if self._names is None:
                self._names = self.catalogue.claimant_names()
            names = tuple(n for n in self._names if claimant_matches(f.claimant, n))
        return ChunkFilter(f.since, f.until, f.outlet, names)

    def matching(self, filters: Filters) -> int:
        """How many chunks pass ``filters`` (all of them when there are none)."""
        return count(self.catalogue, self._where(filters)) if filters else self.size

    def outlets(self) -> list[str]:
        return self.catalogue.outlets()

    @functools.cached_property
    def last_date(self) -> str | None:
        """The latest date of an indexed article (ISO), None when none has a date."""
        rows = self.catalogue.rows("SELECT MAX(date_key) FROM chunks")
        top = rows[0][0] if rows and rows[0][0] else 0
        return f"{top // 10000:04d}-{top // 100 % 100:02d}-{top % 100:02d}" if top else None

    def search(self, query: str, filters: Filters = Filters(), k: int = 12) -> list[ChunkHit]:
        """The ``k`` best chunks for ``query`` under ``filters``, best first."""
        if not self.size:
            return []
        where = self._where(filters)
        pool = max(k * 4, 40)
        dense = self.generation.query(self.embed([query])[0], pool, where)
        sparse = self.generation.sparse(query, pool, where)
        fused: dict[str, float] = {}
        for ranked in (dense, sparse):
            for rank, (cid, _) in enumerate(ranked):
                fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        items = self.generation.articles_for([cid.rsplit("#", 1)[0] for cid, _ in best])
        chunks = {c.chunk_id: (c, i) for i in items.values() for c in i.chunks}
        return [
            ChunkHit(chunks[cid][0], chunks[cid][1], score)
            for cid, score in best
            if cid in chunks  # an article removed by an update since the search began
        ]


class _Articles:
    """Articles by id, read from the catalogue on demand; the last few are kept."""

    def __init__(self, generation: Generation, keep: int = 64):
        self.generation, self.keep = generation, keep
        self._got: dict[str, IndexedArticle | None] = {}
        self._lock = threading.Lock()  # one Retriever serves a web server's threads

    def _get(self, article_id: str) -> IndexedArticle | None:
        with self._lock:
            if article_id not in self._got:
                if len(self._got) >= self.keep:
                    self._got.pop(next(iter(self._got)))
                self._got[article_id] = self.generation.article(article_id)
            return self._got[article_id]

    def __contains__(self, article_id: str) -> bool:
        return self._get(article_id) is not None

    def __getitem__(self, article_id: str) -> IndexedArticle:
        item = self._get(article_id)
        if item is None:
            raise KeyError(article_id)
        return item


class _Idf:
    """Inverse chunk frequency of words, looked up in the catalogue as asked."""

    def __init__(self, catalogue, size: int):
        self.catalogue, self.size = catalogue, size
        self._known: dict[str, float | None] = {}

    def __contains__(self, word: str) -> bool:
        return self.get(word, None) is not None

    def get(self, word: str, default: float | None) -> float | None:
        if word not in self._known:
            if len(self._known) > 100_000:
                self._known.clear()
            df = self.catalogue.doc_freq([word]).get(word)
            self._known[word] = None if df is None else math.log((self.size + 1) / (df + 0.5))
        found = self._known[word]
        return default if found is None else found
