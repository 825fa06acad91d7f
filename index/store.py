"""The store: Chroma vectors plus a manifest, switched atomically.

Layout of a store directory::

    store/CURRENT          name of the live generation (replaced atomically)
    store/gen-000007/      one whole index: chroma/, articles.jsonl, manifest.json
    store/.lock            held by the one writer

A build or update writes a new generation (a copy of the live one, then the
changes), and only when it is whole does it replace ``CURRENT``. A process
killed at any moment leaves the previous generation live; readers that hold
a generation open keep reading it, and the one before the live one is kept.
"""

from __future__ import annotations

import fcntl
import json
import math
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import chromadb
from chromadb.config import Settings
from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
from llama_index.core.vector_stores.types import (
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
    VectorStoreQuery,
)
from llama_index.vector_stores.chroma import ChromaVectorStore

from .errors import NoIndexError, StoreBusyError
from .models import IndexedArticle
from .records import from_record, to_record

__all__ = ["Store", "Generation", "date_key"]

COLLECTION = "chunks"


def date_key(date: str | None) -> int:
    """ISO date → sortable int (2022-03-06 → 20220306); 0 when unknown."""
    try:
        return int(date.replace("-", "")) if date else 0
    except ValueError:
        return 0


#: Chroma keeps one shared system per path in a class-level dict; two threads creating a
#: client at once (a server's requests right after an update's switch) break it
#: (KeyError, "Could not connect to tenant", a missing ``bindings``). One at a time.
_opening = threading.RLock()


def _client(path: Path) -> chromadb.ClientAPI:
    with _opening:
        return chromadb.PersistentClient(
            path=str(path), settings=Settings(anonymized_telemetry=False, allow_reset=False)
        )


class Generation:
    """One complete, read-only index: the vector collection and the articles."""

    def __init__(self, path: Path):
        self.path = path
        self.manifest: dict = json.loads((path / "manifest.json").read_text("utf-8"))
        self._articles: dict[str, IndexedArticle] | None = None
        self._vectors: ChromaVectorStore | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def articles(self) -> dict[str, IndexedArticle]:
        if self._articles is None:
            self._articles = {}
            with open(self.path / "articles.jsonl", encoding="utf-8") as fh:
                for line in fh:
                    item = from_record(json.loads(line))
                    self._articles[item.article.article_id] = item
        return self._articles

    @property
    def vectors(self) -> ChromaVectorStore:
        with _opening:  # opened once, by the first of the threads that ask at once
            if self._vectors is None:
                self._vectors = open_vectors(self.path)
        return self._vectors

    def embeddings(self, chunk_ids: list[str]) -> dict[str, list[float]]:
        """The stored vectors of ``chunk_ids`` (those that exist)."""
        found: dict[str, list[float]] = {}
        for i in range(0, len(chunk_ids), 5000):
            got = self.vectors.client.get(ids=chunk_ids[i : i + 5000], include=["embeddings"])
            found.update(
                (cid, list(map(float, v))) for cid, v in zip(got["ids"], got["embeddings"])
            )
        return found

    def chunk_count(self) -> int:
        """From the manifest, so neither ``stats`` nor each query reads every article."""
        if "chunks" in self.manifest:
            return int(self.manifest["chunks"])
        return sum(len(item.chunks) for item in self.articles.values())

    def query(
        self,
        embedding: list[float],
        k: int,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
    ) -> list[tuple[str, float]]:
        """Nearest chunks as (chunk_id, cosine similarity), filters pushed into Chroma."""
        filters = []
        if since:
            filters.append(
                MetadataFilter(key="date", value=date_key(since), operator=FilterOperator.GTE)
            )
        if until:
            filters.append(
                MetadataFilter(key="date", value=date_key(until), operator=FilterOperator.LTE)
            )
        if outlet:
            filters.append(
                MetadataFilter(key="outlet", value=outlet.lower(), operator=FilterOperator.EQ)
            )
        query = VectorStoreQuery(
            query_embedding=embedding,
            similarity_top_k=max(1, min(k, self.chunk_count() or 1)),
            filters=MetadataFilters(filters=filters) if filters else None,
        )
        result = self.vectors.query(query)
        # Chroma's cosine distance is d = 1 - cos, and llama-index reports exp(-d).
        return [
            (node.node_id, 1.0 + math.log(sim) if sim > 0 else 0.0)
            for node, sim in zip(result.nodes or [], result.similarities or [])
        ]


class Store:
    """A store directory holding generations of the index."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def exists(self) -> bool:
        return (self.root / "CURRENT").is_file()

    def current_name(self) -> str | None:
        try:
            return (self.root / "CURRENT").read_text("utf-8").strip() or None
        except FileNotFoundError:
            return None

    def current(self) -> Generation:
        name = self.current_name()
        if not name or not (self.root / name / "manifest.json").is_file():
            raise NoIndexError(str(self.root))
        return Generation(self.root / name)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the writer lock; a second writer fails at once with StoreBusyError."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise StoreBusyError(str(self.root)) from exc
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def new_generation(self, copy_current: bool) -> Path:
        """A fresh generation directory, holding a copy of the live one if asked."""
        numbers = [int(p.name[4:]) for p in self.root.glob("gen-*") if p.name[4:].isdigit()]
        path = self.root / f"gen-{max(numbers, default=0) + 1:06d}"
        current = self.current_name()
        if copy_current and current and (self.root / current / "manifest.json").is_file():
            shutil.copytree(self.root / current / "chroma", path / "chroma")
        else:
            (path / "chroma").mkdir(parents=True)
        return path

    def write(self, path: Path, items: dict[str, IndexedArticle], manifest: dict) -> None:
        """Write the articles and the manifest of a generation (the manifest last)."""
        _write_atomic(
            path / "articles.jsonl",
            "".join(
                json.dumps(to_record(items[k]), ensure_ascii=False) + "\n" for k in sorted(items)
            ),
        )
        manifest = {**manifest, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        _write_atomic(path / "manifest.json", json.dumps(manifest, indent=1, ensure_ascii=False))

    def switch(self, path: Path) -> None:
        """Make ``path`` the live generation, then drop all but it and the previous one."""
        previous = self.current_name()
        _write_atomic(self.root / "CURRENT", path.name + "\n")
        keep = {path.name, previous}
        for old in self.root.glob("gen-*"):
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)


def add_chunks(
    vectors: ChromaVectorStore,
    batch: list[tuple[IndexedArticle, list[str], list[list[float]]]],
) -> None:
    """Put the chunk vectors of several articles into the collection in one call.

    Each entry is an article with its chunks' embedded texts and vectors.
    """
    nodes = []
    for item, texts, embeddings in batch:
        art = item.article
        for chunk, text, emb in zip(item.chunks, texts, embeddings):
            node = TextNode(
                id_=chunk.chunk_id,
                text=text,
                embedding=emb,
                metadata={
                    "article_id": art.article_id,
                    "date": date_key(art.date),
                    "outlet": (art.outlet or "").lower(),
                    "claimants": "|" + "|".join(chunk.claimants) + "|",
                },
            )
            node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=art.article_id)
            nodes.append(node)
    if nodes:
        vectors.add(nodes)


def open_vectors(path: Path) -> ChromaVectorStore:
    collection = _client(path / "chroma").get_or_create_collection(
        COLLECTION, metadata={"hnsw:space": "cosine"}
    )
    return ChromaVectorStore(chroma_collection=collection)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
