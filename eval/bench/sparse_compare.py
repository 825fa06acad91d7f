"""SQLite FTS5 bm25 against bm25s for the sparse half of retrieval, on the RUWA events.

    python -m eval.bench.sparse_compare STORE_OF_RUWA [--bench ../shared/bench]

STORE is a store holding the RUWA items (the ``ruwa-events`` suite leaves one
under ``<work>/ruwa-events/store``). Both run over the same tokens (the
catalogue's FTS5 rows, made by ``index.terms.tokens``) and the same dense half;
printed per engine: the suite's precision@10 and recall@100 (hybrid, and sparse
alone), mean sparse query time, and what keeping the index costs: for bm25s a
whole rebuild and save per state (it cannot add or remove a document), for
FTS5 nothing beyond the rows each update commits.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import bm25s
import numpy as np

from assistant.engine import Engine
from assistant.retrieve import Retriever
from assistant.settings import Settings
from eval.suite_ruwa import EVENT_QUESTIONS, csv_path, ruwa_records
from index.sparse import ChunkFilter
from index.terms import tokens


class Bm25sGeneration:
    """A committed state whose sparse search is bm25s over the catalogue's terms."""

    def __init__(self, generation):
        self.inner = generation
        rows = generation.catalogue.rows(
            "SELECT c.chunk_id, c.outlet, t.body FROM terms t JOIN chunks c ON c.id = t.rowid"
        )
        self.ids = [r[0] for r in rows]
        self.outlet = np.array([r[1] for r in rows])
        started = time.perf_counter()
        self.bm25 = bm25s.BM25()
        self.bm25.index([r[2].split() for r in rows], show_progress=False)
        with tempfile.TemporaryDirectory() as tmp:
            self.bm25.save(tmp)
            self.build_s = time.perf_counter() - started
            started = time.perf_counter()
            bm25s.BM25.load(tmp)
            self.load_s = time.perf_counter() - started

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def sparse(self, text: str, k: int, where: ChunkFilter = ChunkFilter()):
        """The ``k`` best (chunk id, bm25s score) pairs with a positive score for ``text``.

        Of ``where``, only the outlet is applied.
        """
        mask = None
        if where.outlet:
            mask = (self.outlet == where.outlet.lower()).astype(float)
        scores = self.bm25.get_scores(tokens(text), weight_mask=mask)
        order = [int(i) for i in np.argsort(-scores)[:k] if scores[i] > 0]
        return [(self.ids[i], float(scores[i])) for i in order]


def score(retriever: Retriever, records: list[dict], sparse_only: bool = False) -> dict:
    """Mean precision@10 and recall@100 over the event questions."""
    by_event: dict[str, set[str]] = {}
    for r in records:
        by_event.setdefault(r["event"], set()).add(r["id"])
    p10, r100, times = [], [], []
    for event, question in EVENT_QUESTIONS.items():
        relevant = by_event.get(event, set())
        started = time.perf_counter()
        sparse = retriever.generation.sparse(question, 100)
        times.append(time.perf_counter() - started)
        if sparse_only:
            ranked = list(dict.fromkeys(cid.rsplit("#", 1)[0] for cid, _ in sparse))
        else:
            hits = retriever.search(question, k=100)
            ranked = list(dict.fromkeys(h.chunk.article_id for h in hits))
        p10.append(sum(a in relevant for a in ranked[:10]) / 10)
        r100.append(sum(a in relevant for a in ranked[:100]) / max(1, min(100, len(relevant))))
    return {
        "p@10": statistics.mean(p10),
        "r@100": statistics.mean(r100),
        "sparse_ms": 1000 * statistics.mean(times),
    }


def main() -> None:
    """Score the RUWA events with FTS5 and with bm25s as the sparse half; print one table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store")
    parser.add_argument(
        "--bench", default=str(Path(__file__).resolve().parents[3] / "shared/bench")
    )
    args = parser.parse_args()
    records = ruwa_records(csv_path(Path(args.bench)))
    engine = Engine(Settings.load(store=args.store))
    fts = Retriever(engine.generation(), engine.embed)
    other = Bm25sGeneration(engine.generation())
    bm = Retriever(engine.generation(), engine.embed)
    bm.generation = other
    print(f"chunks: {fts.size}")
    print(
        "| sparse | P@10 hybrid | R@100 hybrid | P@10 sparse only | R@100 sparse only "
        "| sparse query ms | cost per state |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, retriever, cost in (
        ("SQLite FTS5 bm25", fts, "rows of the changed chunks, in the commit"),
        ("bm25s", bm, f"rebuild+save {other.build_s:.1f} s, load {other.load_s:.1f} s"),
    ):
        hybrid, alone = score(retriever, records), score(retriever, records, sparse_only=True)
        print(
            f"| {name} | {hybrid['p@10']:.3f} | {hybrid['r@100']:.3f} | {alone['p@10']:.3f} "
            f"| {alone['r@100']:.3f} | {alone['sparse_ms']:.1f} | {cost} |"
        )


if __name__ == "__main__":
    main()
