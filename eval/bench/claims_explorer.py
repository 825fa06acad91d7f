"""How fast the claims explorer answers from the catalogue: speakers, and a page of claims.

    python -m eval.bench.claims_explorer --store DIR [--repeat 5]

Times, in one warm process on ``DIR`` (a store ``make bench`` built, or any other): the
whole speakers list, a speaker search, the newest page of claims, a page by the busiest
speaker, a page in a date range, and a page by topic (hybrid retrieval; the encoder loaded
first). Each row is the median of ``--repeat`` calls after one untimed call, and that first
call's time. ``make bench`` prints the same table for its largest store.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from assistant.claims import ClaimFilters
from assistant.engine import Engine
from assistant.settings import Settings

__all__ = ["explorer_times", "print_table"]


def _timed(call, repeat: int) -> tuple[float, float, int]:
    started = time.perf_counter()
    got = call()
    first = time.perf_counter() - started
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return 1000 * first, 1000 * statistics.median(times), len(got)


def explorer_times(store: Path, repeat: int = 5) -> list[tuple[str, float, float, int]]:
    """(what, first call ms, median ms, rows) for each of the explorer's calls on ``store``."""
    engine = Engine(Settings.load(env={}, store=str(store)))
    engine.embed(["warm-up"])  # the topic search encodes its query; load the model first
    rows = []
    first, median, n = _timed(lambda: engine.speakers(), repeat)
    rows.append(("speakers: the whole list", first, median, n))
    top = engine.speakers()
    busiest = top[0].name if top else "nobody"
    surname = busiest.split()[-1]
    calls = [
        (f"speakers --search {surname}", lambda: engine.speakers(search=surname)),
        ("claims: newest 50", lambda: engine.claims(ClaimFilters(limit=50))),
        (f"claims --claimant {busiest}", lambda: engine.claims(ClaimFilters(busiest, limit=50))),
        (
            "claims --since 2022-06-01 --until 2022-06-30",
            lambda: engine.claims(ClaimFilters(since="2022-06-01", until="2022-06-30")),
        ),
        (
            "claims --about 'grain exports'",
            lambda: engine.claims(ClaimFilters(about="grain exports")),
        ),
    ]
    for what, call in calls:
        rows.append((what, *_timed(call, repeat)))
    return rows


def print_table(rows: list[tuple[str, float, float, int]]) -> None:
    """The times as a Markdown table."""
    print("| call | first ms | median ms | rows |")
    print("|---|---|---|---|")
    for what, first, median, n in rows:
        print(f"| {what} | {first:.1f} | {median:.1f} | {n} |")


def main(argv: list[str] | None = None) -> None:
    """Command line: time the explorer's calls on a store and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print_table(explorer_times(args.store, args.repeat))


if __name__ == "__main__":
    main()
