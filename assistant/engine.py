"""The engine: one object the CLI, the web app and an API server share.

It owns the settings (frozen when it is made), the store, the (lazily loaded)
embedding model and attributor, and a retriever for the live generation of the
index. Nothing about a question is state of the Engine: backend, endpoint,
model, filters and history are arguments of ``ask``, so any number of threads
may ask at once. When an update switches the store to a new generation, the
next question sees it: ``retriever()`` notices the switch and rebuilds, while
questions already running finish on the generation they started with.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from index.errors import OldStoreError
from index.pipeline import RemoveSummary, UpdateSummary, remove_articles, update_index
from index.sentence_vectors import sentence_key
from index.store import Generation, Store

from .answering import Answerer
from .backends import BackendChoice, open_backend
from .claims import Claim, ClaimFilters, SpeakerSummary, find_claims, list_speakers
from .errors import UnknownArticleError
from .models import (
    Answer,
    ArticleDetail,
    ArticleInfo,
    ArticleMeta,
    ChunkInfo,
    IndexStats,
    Turn,
)
from .retrieve import Filters, Retriever
from .settings import Settings

__all__ = ["Engine"]


class Engine:
    """Settings, store, lazily loaded models and the live retriever, shared by every front end.

    Safe across threads: a question's backend, filters and history are arguments, not state.
    """

    def __init__(self, settings: Settings | None = None):
        self._settings = settings or Settings.load()
        self.store = Store(self._settings.store, chroma_url=self._settings.chroma_url)
        self._lock = threading.RLock()
        self._embedder = None
        self._attributor = None
        self._generation: Generation | None = None
        self._retriever: Retriever | None = None
        self._vectors: dict[str, list[float]] = {}

    @property
    def settings(self) -> Settings:
        """The settings the Engine was made with; they never change (read-only)."""
        return self._settings

    # -- models, loaded once and only when needed ---------------------------------
    @property
    def embedder(self):
        with self._lock:
            if self._embedder is None:
                self._embedder = _shared_embedder(self.settings.encoder, self.settings.device)
            return self._embedder

    @property
    def attributor(self):
        with self._lock:
            if self._attributor is None:
                self._attributor = _shared_attributor()
            return self._attributor

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Unit vectors for ``texts``: from this process's cache, then from the sentence
        vectors the index stored when it embedded their chunks, then from the encoder."""
        cache = self._vectors
        wanted = list(dict.fromkeys(texts))
        found = {t: cache[t] for t in wanted if t in cache}
        missing = [t for t in wanted if t not in found]
        if missing:
            found.update(self._stored_vectors(missing))
            missing = [t for t in missing if t not in found]
        if missing:
            found.update(zip(missing, self.embedder.embed_batch(missing)))
        new = {t: v for t, v in found.items() if t not in cache}
        if new:
            with self._lock:
                if len(cache) > 50_000:
                    cache.clear()
                cache.update(new)
        return [found[t] for t in texts]

    def _stored_vectors(self, texts: list[str]) -> dict[str, list[float]]:
        """The vectors the index holds for ``texts`` (sentences of indexed chunks)."""
        try:
            if not self.store.exists():
                return {}
            model = self.store.catalogue.meta().get("embed_model")
        except OldStoreError:
            return {}
        if not model:
            return {}
        keys = {sentence_key(model, t): t for t in texts}
        stored = self.store.catalogue.sentence_vectors(list(keys))
        return {keys[k]: v for k, v in stored.items()}

    # -- indexing -----------------------------------------------------------------
    def build(
        self, paths: list[str | Path], mapping=None, progress=False, fixed=None
    ) -> UpdateSummary:
        """Index ``paths`` from scratch; ``fixed`` fills fields files lack ({"outlet": …})."""
        return self._update(paths, mapping, fresh=True, progress=progress, fixed=fixed)

    def update(
        self, paths: list[str | Path], mapping=None, progress=False, fixed=None
    ) -> UpdateSummary:
        """Make the index match ``paths``; ``fixed`` fills fields files lack."""
        return self._update(paths, mapping, fresh=False, progress=progress, fixed=fixed)

    def add(
        self, paths: list[str | Path], mapping=None, progress=False, fixed=None
    ) -> UpdateSummary:
        """Add and update the articles under ``paths``; the other indexed articles stay."""
        return self._update(
            paths, mapping, fresh=False, progress=progress, keep_others=True, fixed=fixed
        )

    def remove(self, article_ids: list[str]) -> RemoveSummary:
        """Remove articles by id in one commit; their uploaded files go with them.

        Raises UnknownArticlesError, changing nothing, when an id is not indexed.
        """
        return remove_articles(self.store, article_ids, owned=self.settings.uploads_dir)

    def _update(
        self, paths, mapping, fresh, progress, keep_others=False, fixed=None
    ) -> UpdateSummary:
        return update_index(
            self.store,
            paths,
            self.embedder,
            self.attributor,
            mapping=mapping,
            fresh=fresh,
            progress=progress,
            keep_others=keep_others,
            fixed=fixed,
            max_file_mb=self.settings.max_file_mb,
        )

    def generation(self) -> Generation:
        """The live generation, opened once and again only after a switch."""
        with self._lock:
            if self._generation is None or self._generation.name != self.store.current_name():
                self._generation = self.store.current()
            return self._generation

    def retriever(self) -> Retriever:
        """The retriever of the live generation, rebuilt after a switch."""
        with self._lock:
            gen = self.generation()
            if self._retriever is None or self._retriever.generation is not gen:
                self._retriever = Retriever(gen, self.embed)
            return self._retriever

    # -- reading the index --------------------------------------------------------
    def articles(self) -> list[ArticleInfo]:
        infos = self.generation().infos()
        return [ArticleInfo(**ArticleMeta.of(art), chunks=n) for art, n in infos]

    def show(self, article_id: str) -> ArticleDetail:
        """An article's provenance, cleaned text, chunks and attributions (``index show``).

        Raises UnknownArticleError, listing some known ids, when the index has no ``article_id``.
        """
        gen = self.generation()
        item = gen.article(article_id)
        if item is None:
            known = [a.article_id for a, _ in gen.infos()[:10]]
            raise UnknownArticleError(article_id, str(self.store.root), known)
        chunks = [ChunkInfo(c.chunk_id, c.text, c.start, c.end, c.claimants) for c in item.chunks]
        return ArticleDetail(
            **ArticleMeta.of(item.article),
            path=item.article.path,
            text=item.article.text,
            chunks=chunks,
            attributions=[asdict(a) for a in item.attributions],
        )

    def stats(self) -> IndexStats:
        gen = self.generation()
        return IndexStats(
            articles=gen.article_count(),
            chunks=gen.chunk_count(),
            store=str(self.store.root),
            embed_model=gen.manifest.get("embed_model", ""),
            generation=gen.name,
            created=gen.manifest.get("created"),
        )

    # -- answering ----------------------------------------------------------------
    def speakers(self, search: str | None = None, min_claims: int = 1) -> list[SpeakerSummary]:
        """The archive's speakers, most claims first (``assistant.claims``)."""
        return list_speakers(self.generation().catalogue, search, min_claims)

    def claims(self, filters: ClaimFilters) -> list[Claim]:
        """The archive's claims ``filters`` asks for (``assistant.claims``)."""
        retriever = self.retriever() if filters.about else None
        return find_claims(self.generation().catalogue, filters, retriever)

    def no_claims_hint(self, asked: str | None = None) -> str:
        """Why a list of claims or speakers is empty, and what to do."""
        gen = self.generation()
        if gen.article_count() and not gen.catalogue.speaker_stats():
            return (
                f"this index ({self.store.root}) was built before claims were kept — run "
                "`claimtrace index update PATH` once to add them (nothing is re-embedded)"
            )
        if asked:
            return f"no claims match {asked!r} — `claimtrace speakers` lists who is quoted"
        return "no claims match — widen the dates or drop the outlet filter"

    def answerer(self, choice: BackendChoice = BackendChoice()) -> Answerer:
        """An Answerer for one question, given the collaborators it uses.

        ``choice`` overrides the settings' backend, endpoint and model for this question only.
        """
        backend = open_backend(self.settings.with_(**asdict(choice)))
        return Answerer(self.retriever(), self.embed, backend, self.settings.top_k)

    def ask(
        self,
        question: str,
        filters: Filters = Filters(),
        history: list[Turn] | None = None,
        choice: BackendChoice = BackendChoice(),
    ) -> Answer:
        """Answer ``question``; filters, history and backend choice are this question's own."""
        return self.answerer(choice).ask(question, filters, history)

    def ask_stream(
        self,
        question: str,
        filters: Filters = Filters(),
        history: list[Turn] | None = None,
        choice: BackendChoice = BackendChoice(),
    ) -> Iterator[str | Answer]:
        """Text deltas, then the final Answer; the options are this question's own."""
        return self.answerer(choice).stream(question, filters, history)


@functools.cache
def _shared_embedder(encoder: str, device: str):
    """One embedding model per process and choice, shared by every Engine."""
    from index.embed import make_embedder

    return make_embedder(encoder, device)


@functools.cache
def _shared_attributor():
    from index.attribution import Attributor

    return Attributor()
