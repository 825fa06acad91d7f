"""Build and update: make the index match the articles under some paths.

Read → attribute → chunk → embed → store, for new and changed articles only
(an article is changed when its content hash is). The new state becomes live
in one atomic switch (see ``store.py``), so a killed run loses nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tqdm import tqdm

from .attribution import attribution_version
from .chunk import chunk_article, embed_text
from .embed import Embedder
from .find import DEFAULT_MAX_FILE_MB
from .models import Article, IndexedArticle, ReadError
from .read import read_paths
from .store import Store, add_chunks, open_vectors

__all__ = ["UpdateSummary", "update_index", "Analyser"]

EMBED_BATCH = 128


def analysis_version() -> str:
    """A hash of what turns an article into sentences, claims and chunks: the whole
    ``index.attribution`` package with its spaCy model, and ``index.chunk``."""
    digest = hashlib.sha256(attribution_version().encode())
    digest.update((Path(__file__).parent / "chunk.py").read_bytes())
    return digest.hexdigest()[:16]


class Analyser(Protocol):
    """Splits texts into sentences and finds who says what (``index.attribution``)."""

    def analyse_many(self, texts_and_voices: list[tuple[str, str]]): ...


@dataclass
class UpdateSummary:
    """What a build or update did; ``asdict`` of it is the CLI's ``--json``."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    embedded_chunks: int = 0
    errors: list[ReadError] = field(default_factory=list)


def _same_file(a: str | None, b: str) -> bool:
    return a is not None and Path(a).resolve() == Path(b).resolve()


def analyse_articles(
    articles: list[Article], analyser: Analyser, progress: bool = False
) -> list[IndexedArticle]:
    """Sentences, attributions and chunks for each article."""
    items = []
    batch = 32
    bar = tqdm(total=len(articles), desc="attributing", unit="article", disable=not progress)
    for i in range(0, len(articles), batch):
        part = articles[i : i + batch]
        analyses = analyser.analyse_many([(a.text, a.voice) for a in part])
        for article, analysis in zip(part, analyses):
            chunks = chunk_article(article, analysis.sentences)
            items.append(IndexedArticle(article, analysis.sentences, analysis.attributions, chunks))
        bar.update(len(part))
    bar.close()
    return items


def update_index(
    store: Store,
    paths: list[str | Path],
    embedder: Embedder,
    analyser: Analyser,
    mapping: dict[str, str] | None = None,
    fresh: bool = False,
    progress: bool = False,
    keep_others: bool = False,
    fixed: dict[str, str] | None = None,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
) -> UpdateSummary:
    """Make the index in ``store`` match the articles under ``paths``.

    ``fresh`` rebuilds from scratch (``index build``). Files that fail to read
    are reported in ``errors`` and the articles indexed from them are kept.
    ``keep_others`` adds and updates only: articles not under ``paths`` stay
    (the chat page's uploads). ``mapping``, ``fixed`` and ``max_file_mb`` are the
    reader's (``read_paths``).
    """
    articles, errors = read_paths(paths, mapping, fixed, max_file_mb)
    summary = UpdateSummary(errors=errors)
    with store.writing():
        old = store.current() if store.exists() else None
        version = analysis_version()
        same_model = old is not None and old.manifest.get("embed_model") == embedder.name
        # another model's vectors or stale attributions: re-analyse everything
        rebuild = fresh or (
            old is not None and (not same_model or old.manifest.get("analysis_version") != version)
        )
        old_items = old.articles if old is not None else {}
        keep, todo = _plan(summary, articles, old_items, rebuild, keep_others)
        if fresh:  # a build reports every article it embeds as added
            summary.added = sorted(summary.added + summary.changed)
            summary.changed = []
        if old is not None and not rebuild and not todo and not summary.removed:
            return summary

        path = store.new_generation(copy_current=not rebuild)
        vectors = open_vectors(path)
        for aid in summary.changed + summary.removed:
            vectors.delete(ref_doc_id=aid)
        items = analyse_articles(todo, analyser, progress)
        before = [old_items[a.article_id] for a in todo if a.article_id in old_items]
        reuse = _reusable(old, before) if same_model and not fresh else {}
        summary.embedded_chunks = _embed(vectors, items, embedder, progress, reuse)
        keep.update((item.article.article_id, item) for item in items)
        store.write(
            path,
            keep,
            {
                "embed_model": embedder.name,
                "analysis_version": version,
                "articles": len(keep),
                "chunks": sum(len(i.chunks) for i in keep.values()),
            },
        )
        store.switch(path)
    return summary


def _plan(
    summary: UpdateSummary,
    articles: list[Article],
    old_items: dict[str, IndexedArticle],
    rebuild: bool,
    keep_others: bool = False,
) -> tuple[dict[str, IndexedArticle], list[Article]]:
    """Sort articles into added, changed, unchanged and removed (in ``summary``).

    Returns the indexed articles to keep as they are, and the articles to
    (re-)analyse and embed. Articles from a file that failed to read are kept:
    as they are, or re-analysed on a rebuild.
    """
    failed = [e.file for e in summary.errors]
    keep: dict[str, IndexedArticle] = {}
    todo: list[Article] = []
    for article in articles:
        before = old_items.get(article.article_id)
        if before is None:
            summary.added.append(article.article_id)
            todo.append(article)
        elif rebuild or before.article.content_hash != article.content_hash:
            summary.changed.append(article.article_id)
            todo.append(article)
        else:
            summary.unchanged += 1
            keep[article.article_id] = before
    for aid, item in old_items.items():
        if aid in keep or aid in summary.changed:
            continue
        if keep_others or any(_same_file(item.article.path, f) for f in failed):
            if rebuild:
                todo.append(item.article)
            else:
                keep[aid] = item
        else:
            summary.removed.append(aid)
    for ids in (summary.added, summary.changed, summary.removed):
        ids.sort()
    return keep, todo


def _reusable(old, items: list[IndexedArticle]) -> dict[str, list[float]]:
    """Vectors already computed for the embedded texts of ``items``' old chunks."""
    if old is None or not items:
        return {}
    by_id = {c.chunk_id: embed_text(i.article, c) for i in items for c in i.chunks}
    return {by_id[cid]: vec for cid, vec in old.embeddings(list(by_id)).items()}


def _embed(
    vectors,
    items: list[IndexedArticle],
    embedder: Embedder,
    progress: bool,
    reuse: dict[str, list[float]],
) -> int:
    """Add every chunk of ``items`` to ``vectors``; returns how many were embedded.

    A chunk whose embedded text is unchanged keeps its vector from ``reuse``
    (an edit re-embeds only the chunks it touched).
    """
    total = sum(len(i.chunks) for i in items)
    bar = tqdm(total=total, desc="embedding", unit="chunk", disable=not progress)
    pending: list[tuple[IndexedArticle, list[str]]] = []
    size = embedded = 0
    for pos, item in enumerate(items):
        pending.append((item, [embed_text(item.article, c) for c in item.chunks]))
        size += len(item.chunks)
        if size >= EMBED_BATCH or pos == len(items) - 1:
            texts = list(dict.fromkeys(t for _, ts in pending for t in ts if t not in reuse))
            vecs = dict(zip(texts, embedder.embed_batch(texts))) if texts else {}
            embedded += len(texts)
            batch = [(it, ts, [vecs.get(t) or reuse[t] for t in ts]) for it, ts in pending]
            add_chunks(vectors, batch)
            bar.update(size)
            pending, size = [], 0
    bar.close()
    return embedded
