"""How much attribution adds to ``index build``: time per phase on a real corpus.

    python -m eval.bench.build_time data/articles ../shared/bench/polnear/dev/text

Builds a fresh index of each PATH in a temporary store and prints, per corpus,
the seconds spent reading and cleaning, attributing (spaCy parse and rules,
sentence split included), embedding, and storing, and attribution's share
of the rest of the build. Models are loaded before timing starts.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from index.attribution import Attributor
from index.embed import LocalEmbedder
from index.pipeline import update_index
from index.store import Store


class Timed:
    """Wraps an analyser or embedder and adds up the seconds its methods take."""

    def __init__(self, inner, *methods: str):
        self.inner, self.seconds = inner, 0.0
        for name in methods:
            setattr(self, name, self._timed(getattr(inner, name)))

    def _timed(self, fn):
        def call(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        return call

    def __getattr__(self, name):
        return getattr(self.inner, name)


def measure(path: str, embedder, attributor) -> dict:
    """Build ``path`` into a temporary store and time it.

    Returns the article and chunk counts, the seconds in all, attributing, embedding and the
    rest, and attribution's time as a share of the rest of the build.
    """
    analyser = Timed(attributor, "analyse_many")
    timed_embedder = Timed(embedder, "embed_batch")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        summary = update_index(Store(Path(tmp) / "store"), [path], timed_embedder, analyser)
        total = time.perf_counter() - start
    attribute, embed = analyser.seconds, timed_embedder.seconds
    return {
        "corpus": path,
        "articles": len(summary.added),
        "chunks": summary.embedded_chunks,
        "total_s": total,
        "attribute_s": attribute,
        "embed_s": embed,
        "other_s": total - attribute - embed,
        "attribution_share": attribute / (total - attribute),
    }


def main(argv: list[str] | None = None) -> None:
    """Load the models, time a fresh build of each PATH and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    embedder, attributor = LocalEmbedder(), Attributor()
    attributor.analyse("Warm-up, the model said.")  # load spaCy before timing
    embedder.embed_batch(["warm-up"])
    rows = [measure(p, embedder, attributor) for p in args.paths]
    print(
        "| corpus | articles | chunks | build s | attribute s | embed s | other s "
        "| attribution adds |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['corpus']} | {r['articles']} | {r['chunks']} | {r['total_s']:.1f} "
            f"| {r['attribute_s']:.1f} | {r['embed_s']:.1f} | {r['other_s']:.1f} "
            f"| {r['attribution_share']:.0%} |"
        )


if __name__ == "__main__":
    main()
