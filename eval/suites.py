"""The evaluation suites by name, and how to run one.

A suite is a function ``(settings, work, limit, progress) -> SuiteResult``; it
indexes what it needs into its own folder ``work/<suite>/`` (reused between
runs, so an unchanged corpus is not re-embedded) and measures. A suite whose
data is missing raises ``SuiteSkipped`` with a message saying where to get it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from assistant.settings import Settings
from eval import (
    suite_archive,
    suite_coverage,
    suite_polnear,
    suite_ruwa,
    suite_seeds,
    suite_whosaid,
)
from eval.errors import EvalError, SuiteSkipped
from eval.metrics import flatten
from eval.models import SuiteResult
from eval.paths import ROOT, default_bench

__all__ = ["SUITES", "DESCRIPTIONS", "run_suite", "check_thresholds", "THRESHOLDS", "SuiteSkipped"]

THRESHOLDS = ROOT / "eval" / "thresholds.json"

Suite = Callable[..., SuiteResult]

SUITES: dict[str, Suite] = {
    "seeds": suite_seeds.run,
    "polnear-attribution": suite_polnear.run_attribution,
    "polnear-whosaid": suite_whosaid.run_whosaid,
    "ruwa-events": suite_ruwa.run,
    "polnear-coverage": suite_coverage.run,
    "archive": suite_archive.run,
}

DESCRIPTIONS = {
    "seeds": "gold questions over the five seed articles (retrieval, citations, claimants)",
    "polnear-attribution": "attribution extraction scored on PolNeAR dev (source/cue/content F1)",
    "polnear-whosaid": "'Who said that ...?' questions from PolNeAR dev gold attributions",
    "ruwa-events": "event retrieval over ~15k RUWA news items (precision@10, recall@100)",
    "polnear-coverage": "answerable and unanswerable questions over 233 PolNeAR articles "
    "(declined / not stated)",
    "archive": "answerable and unanswerable questions over 504 PolNeAR articles "
    "(not stated per kind, lead rate, citation articles)",
}


def run_suite(
    name: str,
    settings: Settings,
    work: str | Path,
    limit: int | None = None,
    progress: bool = False,
) -> SuiteResult:
    """Run the suite ``name`` with its stores under ``work/<name>``.

    Raises ``ValueError`` for an unknown name (listing the known ones) and
    ``SuiteSkipped`` when the suite's data is missing.
    """
    if name not in SUITES:
        raise EvalError(
            f"unknown suite {name!r}; choose one of {', '.join(SUITES)} "
            "(`claimtrace eval --help` says what each measures)"
        )
    if limit is not None and limit < 1:
        raise EvalError(f"--limit must be at least 1, got {limit}")
    folder = Path(work) / name
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    result = SUITES[name](default_bench(settings), folder, limit, progress)
    result.info["seconds"] = round(time.perf_counter() - started, 1)
    result.info.setdefault("backend", settings.backend)
    return result


def check_thresholds(result: SuiteResult, backend: str, path: Path = THRESHOLDS) -> list[str]:
    """The metrics of ``result`` below their minimum in ``thresholds.json`` (empty: all pass).

    The file maps suite → backend → flattened metric name (``hit@1.article``) → minimum.
    A metric the result lacks is reported too, so a renamed metric cannot pass silently.
    """
    table = json.loads(Path(path).read_text(encoding="utf-8"))
    minimums = table.get(result.suite, {}).get(backend, {})
    have = flatten(result.overall)
    failures = []
    for metric, minimum in sorted(minimums.items()):
        value = have.get(metric)
        if value is None:
            failures.append(
                f"{metric}: missing from the {result.suite} results (minimum {minimum})"
            )
        elif value < minimum:
            failures.append(f"{metric}: {value:.3f} is below the minimum {minimum}")
    return failures
