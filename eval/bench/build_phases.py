"""Where a build's CPU goes, each part alone, against the bare encoders, on RUWA items.

    python -m eval.bench.build_phases [--start 6000] [--n 2000] [--bench ../shared/bench]

Takes N titled RUWA items from START and times, one after another in this process: the
parse (attribution, ``analyse_many`` in batches as a build does), the bare encoders on
the items' texts (ours on ONNX Runtime, and sentence-transformers'), and the two passes a
build makes through our encoder: the chunks' embedded texts, then their sentences alone.
Models are loaded before timing. Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eval.bench.llamaindex_baseline import encoder_seconds
from eval.suite_ruwa import csv_path, ruwa_records
from index.attribution import Attributor
from index.chunk import embed_text
from index.embed import make_embedder
from index.models import Article
from index.parallel import BATCH, _inputs, _items


def main(argv: list[str] | None = None) -> None:
    """Time each part on the same items and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=6000)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument(
        "--bench", default=str(Path(__file__).resolve().parents[3] / "shared/bench")
    )
    args = parser.parse_args(argv)
    records = ruwa_records(csv_path(Path(args.bench)))[args.start : args.start + args.n]
    articles = [
        Article(article_id=r["id"], title=r["title"], text=r["text"], date=r["date"],
                outlet=r["outlet"], url=r["url"])
        for r in records
    ]  # fmt: skip
    attributor, onnx, st = Attributor(), make_embedder("onnx", "cpu"), make_embedder("torch", "cpu")
    attributor.analyse("Warm-up, the model said.")
    for embedder in (onnx, st):
        embedder.embed_batch(["warm-up"])
    started, items = time.perf_counter(), []
    for i in range(0, len(articles), BATCH):
        part = articles[i : i + BATCH]
        items += _items(part, attributor.analyse_many(_inputs(part)))
    parse = time.perf_counter() - started
    texts = [r["text"] for r in records]
    chunks = [embed_text(it.article, c) for it in items for c in it.chunks]
    sentences = [s.text for it in items for c in it.chunks for s in c.sentences]
    rows = [
        ("parse (one core)", len(articles), parse),
        ("bare ONNX fp32, the items' texts", len(texts), encoder_seconds(texts, onnx)),
        ("bare sentence-transformers fp32, the same", len(texts), encoder_seconds(texts, st)),
        ("build pass 1: chunks (header + text)", len(chunks), encoder_seconds(chunks, onnx)),
        ("build pass 2: sentences alone", len(sentences), encoder_seconds(sentences, onnx)),
    ]
    print(f"RUWA items {args.start}–{args.start + len(records)}\n")
    print("| part | texts | s |\n|---|---|---|")
    for name, count, seconds in rows:
        print(f"| {name} | {count} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
