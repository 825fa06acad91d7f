"""What going through llama-index's ``ChromaVectorStore`` costs against Chroma's own calls.

    python -m eval.bench.vector_interface [--vectors 5000] [--queries 50] [--k 160]

The index writes and searches vectors through llama-index (``index/vectors.py``).
This times, on random unit vectors of the model's size, adding them in the
pipeline's batches through ``Vectors.add`` (llama-index nodes) and through the
collection's own ``upsert``, and a search with a date filter through
``Vectors.query`` (a ``VectorStoreQuery``) and through the collection's own
``query``, on the same collection: it prints a table, and whether both searches
return the same ids in the same order with the same cosine (llama-index reports
exp(-distance)).
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path

import numpy as np

from index.pipeline import EMBED_BATCH
from index.vectors import Vectors

DIM = 384  # all-MiniLM-L6-v2


def main(argv: list[str] | None = None) -> None:
    """Time adding and searching random vectors via llama-index and via Chroma; print a table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vectors", type=int, default=5000)
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--k", type=int, default=160)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(args.vectors, DIM)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = [f"v{i:07d}" for i in range(args.vectors)]
    metas = [
        {"chunk_id": f"a{i}#0", "date": 20220101 + i % 365, "outlet": "example.com"}
        for i in range(args.vectors)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        via_llama = Vectors("bench-llama", Path(tmp) / "a")
        direct = Vectors("bench-direct", Path(tmp) / "b").collection
        started = time.perf_counter()
        for i in range(0, args.vectors, EMBED_BATCH):
            via_llama.add(
                ids[i : i + EMBED_BATCH],
                vecs[i : i + EMBED_BATCH].tolist(),
                metas[i : i + EMBED_BATCH],
            )
        add_llama = time.perf_counter() - started
        started = time.perf_counter()
        for i in range(0, args.vectors, EMBED_BATCH):
            s = slice(i, i + EMBED_BATCH)
            direct.upsert(ids=ids[s], embeddings=vecs[s].tolist(), metadatas=metas[s])
        add_direct = time.perf_counter() - started

        queries = rng.normal(size=(args.queries, DIM)).tolist()
        since = (("date", ">=", 20220301),)
        started = time.perf_counter()
        got_llama = [via_llama.query(q, args.k, since) for q in queries]
        query_llama = (time.perf_counter() - started) / args.queries
        collection = via_llama.collection
        started = time.perf_counter()
        got_direct = [
            collection.query(
                query_embeddings=[q],
                n_results=args.k,
                where={"date": {"$gte": 20220301}},
                include=["distances"],
            )
            for q in queries
        ]
        query_direct = (time.perf_counter() - started) / args.queries

    same_order = all(
        [i for i, _ in a] == b["ids"][0] for a, b in zip(got_llama, got_direct, strict=True)
    )
    worst = max(
        abs((1.0 - d) - (1.0 + math.log(s)))
        for a, b in zip(got_llama, got_direct, strict=True)
        for (_, s), d in zip(a, b["distances"][0], strict=True)
    )
    print(f"| path | add {args.vectors} vectors (s) | search k={args.k}, date filter (ms) |")
    print("|---|---|---|")
    print(f"| llama-index ChromaVectorStore | {add_llama:.2f} | {query_llama * 1000:.1f} |")
    print(f"| Chroma collection directly | {add_direct:.2f} | {query_direct * 1000:.1f} |")
    print(f"\nsame ids in the same order: {same_order}; largest cosine difference: {worst:.1e}")


if __name__ == "__main__":
    main()
