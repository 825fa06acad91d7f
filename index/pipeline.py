"""Build, update and remove: make the index match the articles under some paths.

Read → attribute → chunk → embed → store, for new and changed articles only
(an article is changed when its content hash is); a large update parses the next
batches beside embedding the last (``parallel.py``). Only the changed articles'
rows and the new chunks' vectors are written; the new state becomes live in one
catalogue commit (see ``store.py``), so a killed run loses nothing. Removing
articles by id goes through the same commit.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tqdm import tqdm

from .attribution import attribution_version
from .catalogue import date_key
from .chunk import embed_text, search_text
from .embed import Embedder
from .errors import NoIndexError, UnknownArticlesError
from .find import DEFAULT_MAX_FILE_MB
from .models import Article, IndexedArticle, ReadError
from .parallel import analysed_batches
from .read import read_paths
from .sentence_vectors import sentence_key
from .store import Store
from .terms import stemmer_version, tokens
from .vectors import vector_id

__all__ = ["UpdateSummary", "RemoveSummary", "update_index", "remove_articles", "Analyser"]

EMBED_BATCH = 128


#: The modules of ``index`` whose code decides what an update stores besides the attributions:
#: chunks, speakers, claims, and the search terms (``terms.py`` and its stemmer).
ANALYSED_BY = (
    "chunk.py",
    "names.py",
    "terms.py",
    "speaker_identity.py",
    "speaker_table.py",
    "claims_table.py",
)


def analysis_version() -> str:
    """A hash of what turns an article into sentences, claims, chunks and search terms: the
    whole ``index.attribution`` package with its spaCy model, the modules ``ANALYSED_BY``
    and the stemmer's version, so that a store built before a change to any of them is
    re-analysed at its next update (its unchanged vectors are kept)."""
    digest = hashlib.sha256(attribution_version().encode())
    for name in ANALYSED_BY:
        digest.update((Path(__file__).parent / name).read_bytes())
    digest.update(stemmer_version().encode())
    return digest.hexdigest()[:16]


class Analyser(Protocol):
    """Splits texts into sentences and finds who says what (``index.attribution``)."""

    def analyse_many(self, texts_and_voices: list[tuple[str, str]]): ...


@dataclass
class UpdateSummary:
    """What a build or update did; ``asdict`` of it is the CLI's ``--json``.

    ``embedded_chunks`` and ``embedded_sentences``: the chunk and sentence texts it embedded
    (an update that only re-analyses embeds the sentences it splits anew, nothing else).
    """

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    embedded_chunks: int = 0
    embedded_sentences: int = 0
    errors: list[ReadError] = field(default_factory=list)


@dataclass
class RemoveSummary:
    """What a removal did; ``asdict`` of it is ``index remove --json``.

    ``deleted_files``: files of the owned folder (the page's uploads) deleted with their
    articles; ``kept_files``: files of removed articles still on disk, which an update of
    their folder indexes again.
    """

    removed: list[str] = field(default_factory=list)
    deleted_files: list[str] = field(default_factory=list)
    kept_files: list[str] = field(default_factory=list)


def _same_file(a: str | None, b: str) -> bool:
    return a is not None and Path(a).resolve() == Path(b).resolve()


def update_index(
    store: Store,
    paths: list[str | Path],
    embedder: Embedder,
    analyser: Analyser,
    mapping: dict[str, str] | None = None,
    fresh: bool = False,
    progress: bool = False,
    on_step: Callable[[str], None] | None = None,
    keep_others: bool = False,
    fixed: dict[str, str] | None = None,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
) -> UpdateSummary:
    """Make the index in ``store`` match the articles under ``paths``.

    ``fresh`` rebuilds from scratch (``index build``). Files that fail to read
    are reported in ``errors`` and the articles indexed from them are kept.
    ``on_step(name)`` is called at each step of the write ("read", "analysed", "vectors"
    after each batch of vectors, "vectors-written", "committed"): tests use it
    to kill the process at a chosen point. ``keep_others`` adds and updates
    only: articles not under ``paths`` stay (the chat page's uploads).
    ``mapping``, ``fixed`` and ``max_file_mb`` are the reader's (``read_paths``).
    """
    step = on_step or (lambda name: None)
    articles, errors = read_paths(paths, mapping, fixed, max_file_mb)
    step("read")
    summary = UpdateSummary(errors=errors)
    with store.writing(replace_old=fresh):
        cat = store.catalogue
        meta = cat.meta()
        exists = "state" in meta
        version = analysis_version()
        same_model = exists and meta.get("embed_model") == embedder.name
        # another model's vectors or stale attributions: re-analyse everything
        rebuild = fresh or (exists and (not same_model or meta.get("analysis_version") != version))
        old = cat.hashes() if exists else {}
        todo, again = _plan(summary, articles, old, rebuild, keep_others)
        todo += [item.article for item in cat.articles(again).values()]
        if fresh:  # a build reports every article it embeds as added
            summary.added = sorted(summary.added + summary.changed)
            summary.changed = []
        if exists and not todo and not summary.removed:
            return summary

        reuse = same_model and not fresh
        batches: list[tuple[int, list[IndexedArticle], list]] = []
        bar = None
        for n, part in analysed_batches(todo, analyser, progress):
            if bar is None:
                step("analysed")  # the first batch: nothing is written yet
                bar = tqdm(desc="embedding", unit="chunk", disable=not progress)
            part_rows = [_vector_rows(embedder.name, item) for item in part]
            chunks, sentences = _write_vectors(store, part, part_rows, embedder, reuse, bar, step)
            summary.embedded_chunks += chunks
            summary.embedded_sentences += sentences
            batches.append((n, part, part_rows))
        if bar is None:
            step("analysed")
        else:
            bar.close()
        batches.sort(key=lambda b: b[0])  # the worker's and this process's, in article order
        items = [item for _, part, _ in batches for item in part]
        rows = [row for _, _, part_rows in batches for row in part_rows]
        step("vectors-written")
        done = {item.article.article_id for item in items}
        drop = sorted(set(old) - done) if fresh else summary.removed
        new_meta = {
            "embed_model": embedder.name,
            "analysis_version": version,
            "writer": str(os.getpid()),
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        cat.commit([(i, r[0], r[3]) for i, r in zip(items, rows)], drop, new_meta)
        step("committed")
        store.sweep()
        if fresh:
            store.drop_old_layout()
    return summary


def remove_articles(
    store: Store, article_ids: list[str], owned: str | Path | None = None
) -> RemoveSummary:
    """Remove the articles ``article_ids`` from the index in one catalogue commit.

    Atomic like an update: under the writer lock, visible in one commit, their vectors
    swept after it. An id the index does not hold fails the whole call with
    UnknownArticlesError before anything changes. A file under ``owned`` (the chat page's
    uploads folder) from which no indexed article remains is deleted, so the next update
    of that folder does not bring its articles back.
    """
    ids = list(dict.fromkeys(article_ids))
    summary = RemoveSummary()
    if not store.exists():
        raise NoIndexError(str(store.root))
    with store.writing():
        cat = store.catalogue
        known = cat.hashes()
        unknown = [a for a in ids if a not in known]
        if unknown:
            raise UnknownArticlesError(unknown, str(store.root), sorted(known)[:10])
        if not ids:
            return summary
        meta = {
            "writer": str(os.getpid()),
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        cat.commit([], ids, meta)
        store.sweep()
        summary.removed = sorted(ids)
        left = {_resolved(path) for _, path in cat.hashes().values() if path}
        files = sorted({known[a][1] for a in ids if known[a][1]})
        root = Path(owned).resolve() if owned else None
        for name in files:
            path = _resolved(name)
            if path in left or not Path(path).exists():
                continue
            if root and Path(path).is_relative_to(root):
                Path(path).unlink()
                summary.deleted_files.append(name)
            else:
                summary.kept_files.append(name)
    return summary


def _resolved(path: str) -> str:
    return str(Path(path).resolve())


def _plan(
    summary: UpdateSummary,
    articles: list[Article],
    old: dict[str, tuple[str, str | None]],
    rebuild: bool,
    keep_others: bool = False,
) -> tuple[list[Article], list[str]]:
    """Sort articles into added, changed, unchanged and removed (in ``summary``).

    Returns the articles to (re-)analyse and embed, and the ids of indexed
    articles to re-analyse from the catalogue: on a rebuild, those from a file
    that failed to read (which are otherwise kept as they are).
    """
    failed = [e.file for e in summary.errors]
    seen: set[str] = set()
    todo: list[Article] = []
    again: list[str] = []
    for article in articles:
        before = old.get(article.article_id)
        seen.add(article.article_id)
        if before is None:
            summary.added.append(article.article_id)
            todo.append(article)
        elif rebuild or before[0] != article.content_hash:
            summary.changed.append(article.article_id)
            todo.append(article)
        else:
            summary.unchanged += 1
    for aid, (_, path) in old.items():
        if aid in seen:
            continue
        if keep_others or any(_same_file(path, f) for f in failed):
            if rebuild:
                again.append(aid)
        else:
            summary.removed.append(aid)
    for ids in (summary.added, summary.changed, summary.removed):
        ids.sort()
    return todo, again


def _vector_rows(model: str, item: IndexedArticle):
    """(vector ids, embedded texts, Chroma metadatas, search terms) of ``item``'s chunks."""
    art = item.article
    date, outlet = date_key(art.date), (art.outlet or "").lower()
    texts = [embed_text(art, c) for c in item.chunks]
    vids = [vector_id(model, c.chunk_id, t, date, outlet) for c, t in zip(item.chunks, texts)]
    metas = [{"chunk_id": c.chunk_id, "date": date, "outlet": outlet} for c in item.chunks]
    terms = [" ".join(tokens(search_text(art, c))) for c in item.chunks]
    return vids, texts, metas, terms


def _write_vectors(
    store: Store, items, rows, embedder: Embedder, reuse: bool, bar, step
) -> tuple[int, int]:
    """Write the vectors the collection lacks, and the sentence vectors of their chunks;
    returns how many chunk texts and sentence texts were embedded.

    With ``reuse``, vectors already stored stay, and a chunk whose embedded text
    is unchanged takes its old vector (an edit re-embeds only what it touched). A kept
    chunk's sentences that have no vectors yet get them (``_lacking_sentences``).
    """
    vectors = store.vectors
    flat = [
        (vid, text, m) for vids, texts, metas, _ in rows for vid, text, m in zip(vids, texts, metas)
    ]
    sentences = {
        vid: [s.text for s in chunk.sentences]
        for item, (vids, *_) in zip(items, rows)
        for chunk, vid in zip(item.chunks, vids)
    }
    have = vectors.existing([f[0] for f in flat]) if reuse else set()
    need = [f for f in flat if f[0] not in have]
    unfilled = _lacking_sentences(store, embedder.name, {v: sentences[v] for v in sorted(have)})
    if need:
        store.catalogue.mark_pending([f[0] for f in need])
    known = (
        _old_vectors(store, embedder.name, items, {f[1] for f in need}) if reuse and need else {}
    )
    embedded = embedded_sentences = 0
    for i in range(0, len(need), EMBED_BATCH):
        part = need[i : i + EMBED_BATCH]
        texts = list(dict.fromkeys(t for _, t, _ in part if t not in known))
        fresh = dict(zip(texts, embedder.embed_batch(texts))) if texts else {}
        embedded += len(texts)
        vecs = [fresh.get(t) or known[t] for _, t, _ in part]
        vectors.add([f[0] for f in part], vecs, [f[2] for f in part])
        embedded_sentences += _add_sentence_vectors(
            store, embedder, [(f[0], sentences[f[0]]) for f in part]
        )
        bar.update(len(part))
        step("vectors")
    for i in range(0, len(unfilled), EMBED_BATCH):
        embedded_sentences += _add_sentence_vectors(store, embedder, unfilled[i : i + EMBED_BATCH])
    return embedded, embedded_sentences


def _lacking_sentences(
    store: Store, model: str, kept: dict[str, list[str]]
) -> list[tuple[str, list[str]]]:
    """The sentences without a stored vector of the kept chunks ``kept`` (vector id →
    sentence texts), as (vector id, texts): all of a chunk with no sentence rows (a store
    built before them), else those whose key no row holds (a re-analysis that splits a
    sentence anew). A sentence whose vector is stored stays as it is."""
    if not kept:
        return []
    bare = store.catalogue.lacking_sentence_vectors(list(kept))
    keys = {t: sentence_key(model, t) for v, texts in kept.items() if v not in bare for t in texts}
    stored = store.catalogue.sentence_vectors(sorted(set(keys.values()))) if keys else {}
    lacking = [
        (vid, texts if vid in bare else [t for t in texts if keys[t] not in stored])
        for vid, texts in kept.items()
    ]
    return [(vid, texts) for vid, texts in lacking if texts]


def _add_sentence_vectors(
    store: Store, embedder: Embedder, chunks: list[tuple[str, list[str]]]
) -> int:
    """Store the vectors of the sentences of ``chunks`` (vector id, sentence texts); a
    sentence already stored under another chunk is not embedded again. Returns how many
    texts were embedded."""
    model = embedder.name
    keyed = [(vid, sentence_key(model, text), text) for vid, texts in chunks for text in texts]
    known = store.catalogue.sentence_vectors(list(dict.fromkeys(k for _, k, _ in keyed)))
    todo = list(dict.fromkeys(t for _, k, t in keyed if k not in known))
    fresh = dict(zip(todo, embedder.embed_batch(todo))) if todo else {}
    store.catalogue.add_sentence_vectors(
        [(vid, key, known.get(key) or fresh[text]) for vid, key, text in keyed]
    )
    return len(todo)


def _old_vectors(store: Store, model: str, items, texts: set[str]) -> dict[str, list[float]]:
    """Stored vectors of the old chunks of ``items`` whose embedded text is in ``texts``."""
    old = store.catalogue.articles([i.article.article_id for i in items])
    by_vid = {}
    for item in old.values():
        vids, chunk_texts, _, _ = _vector_rows(model, item)
        by_vid.update((v, t) for v, t in zip(vids, chunk_texts) if t in texts)
    return {by_vid[v]: vec for v, vec in store.vectors.embeddings(list(by_vid)).items()}
