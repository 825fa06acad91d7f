"""The store: a catalogue (SQLite) and a vector collection (Chroma), switched atomically.

Layout of a store directory::

    store/catalogue.sqlite   articles, chunks, attributions, BM25 terms (WAL)
    store/chroma/            the embedded Chroma collection (absent with a server)
    store/.lock              held by the one writer

An update writes the vectors of new chunks first (under content-derived ids,
so nothing a reader uses is overwritten), then commits the catalogue in one
transaction (the switch), then deletes the vectors no chunk uses any more.
Readers use only vector ids the committed catalogue knows, so a process killed
at any moment leaves the previous state answering, and the next writer sweeps
what a killed run left (``pending`` in the catalogue).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .catalogue import Catalogue, date_key
from .errors import NoIndexError, OldStoreError, StoreBusyError
from .models import Article, IndexedArticle
from .sparse import ChunkFilter, passing
from .sparse import search as sparse_search
from .speaker_table import SpeakerRow
from .vectors import Vectors

__all__ = ["Store", "Generation", "date_key"]

CATALOGUE = "catalogue.sqlite"


class Generation:
    """One committed state of the store, read from the catalogue as needed."""

    def __init__(self, store: Store, state: int, meta: dict[str, str]):
        self.store, self.state, self.manifest = store, state, meta
        self.catalogue, self.vectors = store.catalogue, store.vectors

    @property
    def name(self) -> str:
        return f"state-{self.state:06d}"

    def article(self, article_id: str) -> IndexedArticle | None:
        return self.catalogue.article(article_id)

    def articles_for(self, ids: list[str]) -> dict[str, IndexedArticle]:
        return self.catalogue.articles(ids)

    def infos(self) -> list[tuple[Article, int]]:
        return self.catalogue.infos()

    def claimant_counts(self) -> dict[str, int]:
        """Each claimant name and the number of chunks it claims in."""
        return self.catalogue.claimant_counts()

    def speakers(self) -> list[SpeakerRow]:
        """Every speaker of the archive, one entry each (``index.speaker_table``), most
        articles first; none on a store not yet upgraded by ``index update``."""
        return self.catalogue.speakers()

    def article_count(self) -> int:
        return self.catalogue.counts()[0]

    def chunk_count(self) -> int:
        return self.catalogue.counts()[1]

    def query(
        self, embedding: list[float], k: int, where: ChunkFilter = ChunkFilter()
    ) -> list[tuple[str, float]]:
        """Nearest committed chunks as (chunk_id, similarity), best first."""
        conds = []
        if where.since:
            conds.append(("date", ">=", date_key(where.since)))
        if where.until:
            conds.append(("date", "<=", date_key(where.until)))
        if where.outlet:
            conds.append(("outlet", "==", where.outlet.lower()))
        hits = self.vectors.query(embedding, k, tuple(conds))
        known = self.catalogue.chunks_by_vector([v for v, _ in hits])
        found = [(known[v][0], s) for v, s in hits if v in known]
        if where.names is not None or where.until:
            ok = passing(self.catalogue, [c for c, _ in found], where)
            found = [(c, s) for c, s in found if c in ok]
        return found

    def sparse(self, text: str, k: int, where: ChunkFilter = ChunkFilter()):
        """The ``k`` best chunks by BM25 as (chunk_id, score)."""
        return sparse_search(self.catalogue, text, k, where)


class Store:
    """A store directory; ``chroma_url`` puts its vectors on a Chroma server."""

    def __init__(self, root: str | Path, chroma_url: str | None = None):
        self.root = Path(root)
        self.chroma_url = chroma_url
        self._catalogue: Catalogue | None = None
        self._vectors: Vectors | None = None
        self._seen_state = -1
        self._switching = threading.Lock()

    def exists(self) -> bool:
        if (self.root / CATALOGUE).is_file():
            return self.catalogue.state() > 0
        if (self.root / "CURRENT").is_file():
            raise OldStoreError(str(self.root))
        return False

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self.root.mkdir(parents=True, exist_ok=True)
            self._catalogue = Catalogue(self.root / CATALOGUE)
        return self._catalogue

    @property
    def vectors(self) -> Vectors:
        if self._vectors is None:
            name = self.catalogue.meta().get("collection")
            if name is None:
                raise NoIndexError(str(self.root))
            self._vectors = Vectors(name, self.root / "chroma", self.chroma_url)
        return self._vectors

    def current_name(self) -> str | None:
        return f"state-{self.catalogue.state():06d}" if self.exists() else None

    def current(self) -> Generation:
        """The committed state; an embedded collection is reopened after another
        process has written to it (an open client would not see the new vectors)."""
        if not self.exists():
            raise NoIndexError(str(self.root))
        meta = self.catalogue.meta()
        state = int(meta["state"])
        with self._switching:  # one request thread reopens; the others see it done
            if state != self._seen_state:
                if self._seen_state >= 0 and meta.get("writer") != str(os.getpid()):
                    self.vectors.reopen()
                self._seen_state = state
        return Generation(self, state, meta)

    @contextmanager
    def writing(self, replace_old: bool = False) -> Iterator[None]:
        """Hold the writer lock; a second writer fails at once with StoreBusyError.

        An old-format store is refused unless ``replace_old`` (a build replaces it).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        if not replace_old:
            self.exists()
        with open(self.root / ".lock", "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise StoreBusyError(str(self.root)) from exc
            try:
                self.catalogue.create()
                if "collection" not in self.catalogue.meta():
                    name = f"claimtrace-{uuid.uuid4().hex[:12]}"
                    with self.catalogue.db:
                        self.catalogue.db.execute(
                            "INSERT INTO meta VALUES ('collection', ?)", (name,)
                        )
                self.sweep()
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def sweep(self) -> int:
        """Delete vectors that no committed chunk uses (a killed run's, the last
        update's obsolete ones); returns how many. Only the writer calls this."""
        pending = self.catalogue.pending()
        if not pending:
            return 0
        live = self.catalogue.chunks_by_vector(pending)
        stale = [v for v in pending if v not in live]
        self.vectors.delete(stale)
        self.catalogue.drop_sentence_vectors(stale)
        self.catalogue.clear_pending(pending)
        return len(stale)

    def drop_old_layout(self) -> None:
        """Remove an old-format index (``CURRENT``, ``gen-*/``) once a build replaced it."""
        (self.root / "CURRENT").unlink(missing_ok=True)
        for old in self.root.glob("gen-*"):
            shutil.rmtree(old, ignore_errors=True)
