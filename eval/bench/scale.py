"""``make bench``: how claimtrace scales on RUWA, measured in one run on this machine.

    python -m eval.bench.scale [--sizes 1000 6000 15000] [--bench ../shared/bench] [--work DIR]

For each size N, the first N titled RUWA items are built into a fresh store
(attribution included) and the same texts are given to two bare fp32 encoders
(sentence-transformers', and ours on ONNX Runtime) and to llama-index's default
ingestion (``llamaindex_baseline.py``). Into the largest store: one new article, and an
update with nothing to do, in this process and through ``claimtrace index update`` in a
new one. Then questions: p50 and p95 latency in a warm process, a fresh process's first
answer and its peak memory, the ANN recall@10 of the Chroma index against exact search
over the same vectors, and the claims explorer's calls (``claims_explorer.py``).
Prints one Markdown table per part.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.engine import Engine
from assistant.settings import Settings
from eval.bench.build_time import Timed
from eval.bench.claims_explorer import explorer_times, print_table
from eval.bench.llamaindex_baseline import bare_encoder_seconds, llamaindex_seconds
from eval.suite_ruwa import EVENT_QUESTIONS, csv_path, ruwa_records, write_records
from index.attribution import Attributor
from index.embed import make_embedder
from index.pipeline import update_index
from index.store import Store

NEW_ARTICLE = {
    "id": "bench-new",
    "title": "Talks on grain exports resume in Istanbul",
    "text": "Talks on grain exports resume in Istanbul. Negotiators met on Monday, officials said.",
    "date": "2023-07-20",
    "outlet": "bench.example",
}


def build(records: list[dict], work: Path, embedder, attributor) -> dict:
    """Build a fresh store of ``records``: seconds in all, and in the encoder (chunks and
    their sentences). Attribution is part of the build's time (``index.parallel``: in a
    worker process beside the encoder on four or more cores, else in this process)."""
    jsonl = work / "items.jsonl"
    write_records(records, jsonl)
    timed = Timed(embedder, "embed_batch")
    started = time.perf_counter()
    summary = update_index(Store(work / "store"), [jsonl], timed, attributor, fresh=True)
    return {
        "build_s": time.perf_counter() - started,
        "embed_s": timed.seconds,
        "chunks": summary.embedded_chunks,
    }


def updates(work: Path, embedder, attributor) -> dict:
    """Seconds for an update with nothing to do, and for one with one new article."""
    store, paths = Store(work / "store"), [work / "items.jsonl"]
    started = time.perf_counter()
    update_index(store, paths, embedder, attributor)
    none = time.perf_counter() - started
    (work / "new.jsonl").write_text(json.dumps(NEW_ARTICLE) + "\n", encoding="utf-8")
    started = time.perf_counter()
    summary = update_index(store, [*paths, work / "new.jsonl"], embedder, attributor)
    assert summary.added == ["bench-new"], summary
    return {"no_change_s": none, "one_new_s": time.perf_counter() - started}


def cli_updates(work: Path) -> dict:
    """Seconds for ``claimtrace index update`` in a new process: nothing to do, then one new
    article (what a user waits for, loading included)."""
    store, items = work / "store", work / "items.jsonl"
    new = work / "new-cli.jsonl"
    new.write_text(json.dumps({**NEW_ARTICLE, "id": "bench-new-cli"}) + "\n", encoding="utf-8")
    base = [sys.executable, "-m", "claimtrace", "--store", str(store), "index", "update"]
    known = [str(items), str(work / "new.jsonl")]
    timed = {}
    for name, paths in (("cli_no_change_s", known), ("cli_one_new_s", [*known, str(new)])):
        started = time.perf_counter()
        subprocess.run([*base, *paths], capture_output=True, text=True, check=True)
        timed[name] = time.perf_counter() - started
    return timed


def questions(records: list[dict], n: int = 30) -> list[str]:
    """RUWA's event questions, then up to ``n`` titles taken evenly across ``records``."""
    titles = [r["title"] for r in records[:: max(1, len(records) // n)]][:n]
    return list(EVENT_QUESTIONS.values()) + titles


def latency(store: Path, asked: list[str]) -> dict:
    """Warm p50/p95 of ``ask`` in one process (one warm-up question first)."""
    engine = Engine(Settings.load(env={}, store=str(store)))
    engine.ask("What happened in Bucha?")
    times, cpu = [], []
    for q in asked:
        started, started_cpu = time.perf_counter(), time.process_time()
        engine.ask(q)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    times.sort()
    return {
        "p50_ms": 1000 * statistics.median(times),
        "p95_ms": 1000 * times[int(0.95 * len(times))],
        "cpu_p50_ms": 1000 * statistics.median(cpu),
    }


def fresh_process(store: Path, question: str) -> dict:
    """Wall time and peak memory of ``claimtrace ask`` in a new process."""
    cmd = ["/usr/bin/time", "-f", "%M %U %S", sys.executable, "-m", "claimtrace"]
    cmd += ["--store", str(store), "ask", question, "--json"]
    started = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    kb, user, system = run.stderr.strip().splitlines()[-1].split()
    return {"first_answer_s": wall, "cpu_s": float(user) + float(system), "peak_mb": int(kb) / 1024}


def ann_recall(store: Path, asked: list[str], embedder, k: int = 10) -> float:
    """Mean recall@k of the Chroma (HNSW) answers against exact search on the same vectors."""
    vectors = Store(store).vectors
    ids, matrix = [], []
    total = vectors.count()
    for offset in range(0, total, 5000):
        got = vectors.collection.get(include=["embeddings"], limit=5000, offset=offset)
        ids += got["ids"]
        matrix.append(np.asarray(got["embeddings"], dtype=np.float32))
    matrix = np.vstack(matrix)
    recalls = []
    for qvec in embedder.embed_batch(asked):
        exact = {ids[i] for i in np.argsort(-(matrix @ np.asarray(qvec)))[:k]}
        ann = {vid for vid, _ in vectors.query(qvec, k)}
        recalls.append(len(exact & ann) / k)
    return statistics.mean(recalls)


def main(argv: list[str] | None = None) -> None:
    """Build a store of each size, then time updates and questions on the largest; print tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 6000, 15000])
    parser.add_argument(
        "--bench", default=str(Path(__file__).resolve().parents[3] / "shared/bench")
    )
    parser.add_argument("--work", default=None, help="keep the stores here (default: a temp dir)")
    parser.add_argument("--encoder", default="onnx")
    args = parser.parse_args(argv)
    records = ruwa_records(csv_path(Path(args.bench)))
    embedder, attributor = make_embedder(args.encoder, "cpu"), Attributor()
    # the baselines always run a bare fp32 encoder, whatever encoder the build uses: ours
    # (ONNX Runtime) and sentence-transformers', the bare encoder issue 21 names
    bare_fp32 = embedder if args.encoder == "onnx" else make_embedder("onnx", "cpu")
    bare_st = make_embedder("torch", "cpu")
    attributor.analyse("Warm-up, the model said.")
    for warm in (embedder, bare_fp32, bare_st):
        warm.embed_batch(["warm-up"])
    root = Path(args.work or tempfile.mkdtemp(prefix="claimtrace-bench-"))
    print(f"encoder {args.encoder}; work {root}\n")
    print(
        "| items | chunks | build s | encoder s (in build) | bare ONNX s | bare ST s "
        "| llama-index s | build / bare ONNX | build / bare ST | build / llama-index |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        part, work = records[:n], root / f"ruwa-{n}"
        work.mkdir(parents=True, exist_ok=True)
        b = build(part, work, embedder, attributor)
        bare, st = bare_encoder_seconds(part, bare_fp32), bare_encoder_seconds(part, bare_st)
        li = llamaindex_seconds(part, bare_fp32)
        print(
            f"| {len(part)} | {b['chunks']} | {b['build_s']:.1f} | {b['embed_s']:.1f} "
            f"| {bare:.1f} | {st:.1f} | {li:.1f} | {b['build_s'] / bare:.2f}× "
            f"| {b['build_s'] / st:.2f}× | {b['build_s'] / li:.2f}× |",
            flush=True,
        )
    largest = root / f"ruwa-{args.sizes[-1]}"
    u = updates(largest, embedder, attributor)
    asked = questions(records[: args.sizes[-1]])
    lat, fresh = latency(largest / "store", asked), fresh_process(largest / "store", asked[0])
    recall = ann_recall(largest / "store", asked, embedder)
    print(f"\nlargest store: {min(args.sizes[-1], len(records))} items\n")
    print(
        "| no-change update s | one new article s | warm p50 ms (CPU ms) | warm p95 ms "
        "| fresh first answer s (CPU s) | peak MB (ask) | ANN recall@10 |"
    )
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {u['no_change_s']:.2f} | {u['one_new_s']:.2f} | {lat['p50_ms']:.0f} "
        f"({lat['cpu_p50_ms']:.0f}) | {lat['p95_ms']:.0f} | {fresh['first_answer_s']:.1f} "
        f"({fresh['cpu_s']:.1f}) | {fresh['peak_mb']:.0f} | {recall:.3f} |"
    )
    print("\nclaims explorer on the largest store (python -m eval.bench.claims_explorer)\n")
    print_table(explorer_times(largest / "store"))
    # last: another process writing the store leaves this process's Chroma client stale
    cli = cli_updates(largest)
    print("\nthrough the CLI (`claimtrace index update` in a new process) on the largest store\n")
    print("| no-change update s | one new article s | one new article − no change s |")
    print("|---|---|---|")
    print(
        f"| {cli['cli_no_change_s']:.2f} | {cli['cli_one_new_s']:.2f} "
        f"| {cli['cli_one_new_s'] - cli['cli_no_change_s']:.2f} |"
    )


if __name__ == "__main__":
    main()
