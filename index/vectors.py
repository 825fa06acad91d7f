"""Vectors: the one Chroma collection of a store, embedded on disk or on a server.

Each chunk's vector is stored under a content-derived id (``vector_id``): the
same chunk text, place and provenance always give the same id, so an update
writes only vectors that are new and never overwrites one a reader may be
using. Which ids are live is decided by the catalogue (``catalogue.py``), not
by this collection: it may hold vectors of a killed run or of the previous
state until they are swept. Chroma and llama-index's vector store are imported
only here.

Vectors are written and searched through llama-index's ``ChromaVectorStore``
(nodes with an embedding and metadata, ``VectorStoreQuery`` with standard
``MetadataFilters``), and deleted by id through it. What that interface does
not offer goes to the Chroma collection under it: which of many ids exist,
without reading their nodes (to reuse vectors), reading embeddings back,
listing every id, and counting.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from llama_index.vector_stores.chroma import ChromaVectorStore

__all__ = ["Vectors", "Where", "vector_id", "HNSW"]

#: Metadata conditions on a search, all of which must hold: (field, "==" | ">=" | "<=", value).
Where = tuple[tuple[str, str, object], ...]

#: HNSW parameters; measured recall@10 against exact search is in the README.
HNSW = {"hnsw:space": "cosine", "hnsw:construction_ef": 200, "hnsw:search_ef": 128, "hnsw:M": 32}
_PAGE = 2000


@functools.cache
def lib() -> SimpleNamespace:
    """Chroma and llama-index, imported on first use.

    Importing them costs about 1.5 s of a fresh process (llama-index's package imports most
    of its framework), so commands that never touch the vectors (``--help``, ``index list``,
    ``attribute``) do not pay it. Not imported in a background thread: two threads importing
    numpy's submodules at once fail (a partly initialised module).
    """
    import chromadb
    from chromadb.api.shared_system_client import SharedSystemClient
    from chromadb.config import Settings
    from llama_index.core.schema import TextNode
    from llama_index.core.vector_stores.types import (
        FilterOperator,
        MetadataFilter,
        MetadataFilters,
        VectorStoreQuery,
    )
    from llama_index.vector_stores.chroma import ChromaVectorStore

    return SimpleNamespace(
        chromadb=chromadb,
        SharedSystemClient=SharedSystemClient,
        Settings=Settings,
        TextNode=TextNode,
        FilterOperator=FilterOperator,
        MetadataFilter=MetadataFilter,
        MetadataFilters=MetadataFilters,
        VectorStoreQuery=VectorStoreQuery,
        ChromaVectorStore=ChromaVectorStore,
    )


def vector_id(model: str, chunk_id: str, text: str, date: int, outlet: str) -> str:
    """The id a chunk's vector is stored under: a hash of everything it depends on."""
    key = "\0".join((model, chunk_id, text, str(date), outlet))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


#: Chroma keeps its embedded clients in one process-wide cache, and ``reopen`` clears it;
#: a server's request threads opening, reopening and querying at once broke it (KeyError on
#: the path, "Could not connect to tenant", a missing ``bindings``). One at a time.
_chroma = threading.RLock()


class Vectors:
    """One collection: in ``path`` (embedded) or on the Chroma server at ``url``."""

    def __init__(self, name: str, path: Path | None = None, url: str | None = None):
        self.name, self.path, self.url = name, path, url
        self._collection = None
        self._store: ChromaVectorStore | None = None

    def _open(self):
        settings = lib().Settings(anonymized_telemetry=False, allow_reset=False)
        if self.url:
            from urllib.parse import urlparse

            u = urlparse(self.url if "//" in self.url else f"http://{self.url}")
            client = lib().chromadb.HttpClient(
                host=u.hostname or "127.0.0.1",
                port=u.port or (443 if u.scheme == "https" else 8000),
                ssl=u.scheme == "https",
                settings=settings,
            )
        else:
            client = lib().chromadb.PersistentClient(path=str(self.path), settings=settings)
        return client.get_or_create_collection(self.name, metadata=HNSW)

    @property
    def collection(self):
        with _chroma:
            if self._collection is None:
                self._collection = self._open()
                self._store = lib().ChromaVectorStore(chroma_collection=self._collection)
            return self._collection

    @property
    def store(self) -> ChromaVectorStore:
        """llama-index's vector store over the collection."""
        with _chroma:
            self.collection  # noqa: B018 (opens it)
            return self._store

    def reopen(self) -> None:
        """See writes made by another process (an embedded client caches its index)."""
        with _chroma:
            if not self.url:
                lib().SharedSystemClient.clear_system_cache()
            self._collection = None

    def existing(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` the collection holds."""
        found: set[str] = set()
        for i in range(0, len(ids), _PAGE):
            found.update(self.collection.get(ids=ids[i : i + _PAGE], include=[])["ids"])
        return found

    def embeddings(self, ids: list[str]) -> dict[str, list[float]]:
        """The stored vectors of those ``ids`` that exist."""
        found: dict[str, list[float]] = {}
        for i in range(0, len(ids), _PAGE):
            got = self.collection.get(ids=ids[i : i + _PAGE], include=["embeddings"])
            found.update((k, list(map(float, v))) for k, v in zip(got["ids"], got["embeddings"]))
        return found

    def add(self, ids: list[str], vectors: list[list[float]], metadatas: list[dict]) -> None:
        """Store vectors as nodes without text (the catalogue holds it). An id already stored
        keeps its vector: ids are content-derived, so it is the same one."""
        node = lib().TextNode
        for i in range(0, len(ids), _PAGE):  # llama-index would hand Chroma more than it takes
            part = slice(i, i + _PAGE)
            self.store.add(
                [
                    node(id_=k, text="", embedding=list(v), metadata=m)
                    for k, v, m in zip(ids[part], vectors[part], metadatas[part])
                ]
            )

    def delete(self, ids: list[str]) -> None:
        """Delete the vectors of ``ids`` (those that exist), a page at a time."""
        for i in range(0, len(ids), _PAGE):
            self.store.delete_nodes(node_ids=ids[i : i + _PAGE])

    def all_ids(self) -> list[str]:
        """Every id in the collection (tests check with it that the sweep left nothing)."""
        out: list[str] = []
        total = self.collection.count()
        for offset in range(0, total, _PAGE):
            out += self.collection.get(include=[], limit=_PAGE, offset=offset)["ids"]
        return out

    def count(self) -> int:
        return self.collection.count()

    def query(self, embedding: list[float], k: int, where: Where = ()) -> list[tuple[str, float]]:
        """Nearest ids as (id, similarity), nearest first. ``where`` holds (field, operator,
        value) conditions, all of which must hold, e.g. ``("date", ">=", 20220701)``. The
        similarity is llama-index's for Chroma, exp(-cosine distance): only its order is used.
        """
        li = lib()
        filters = li.MetadataFilters(
            filters=[
                li.MetadataFilter(key=f, operator=li.FilterOperator(op), value=v)
                for f, op, v in where
            ]
        )
        with _chroma:  # not while another thread reopens the client under it
            total = self.collection.count()
            if not total:
                return []
            got = self.store.query(
                li.VectorStoreQuery(
                    query_embedding=list(embedding),
                    similarity_top_k=min(k, total),
                    filters=filters if where else None,
                )
            )
        return list(zip(got.ids, got.similarities))
