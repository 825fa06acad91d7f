"""The ``polnear-coverage`` suite: answerable and unanswerable questions over a larger archive.

The seeds set has five articles; a decision to decline that only holds there is
worthless in an archive. This suite indexes a fixed slice of PolNeAR (the whole
dev split, every sixth train article, and the train articles the gold set asks
about: 233 articles of 2016 US election news) and asks the questions of
``eval/gold/polnear_questions.jsonl`` — ours, written by reading the articles;
only their ids and short key facts are kept, never their text. Answerable
questions are scored like the seeds (article hit, key facts, claimants) and by
whether they were wrongly declined; unanswerable ones by whether the answer says
the articles do not give it (``not_stated``) or declines (``none``).
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

from assistant.engine import Engine
from assistant.settings import Settings
from eval.ask import ask_and_score, by_type
from eval.errors import SuiteSkipped
from eval.metrics import aggregate
from eval.models import QuestionScore, SuiteResult
from eval.paths import ROOT
from eval.suite_seeds import load_gold

__all__ = ["GOLD", "corpus", "run"]

GOLD = ROOT / "eval" / "gold" / "polnear_questions.jsonl"
EVERY = 6  # every sixth train article joins the dev split


def corpus(polnear: Path, gold: Path = GOLD) -> list[Path]:
    """The article files of the suite's archive, in a fixed order."""
    if not (polnear / "dev" / "text").is_dir() or not (polnear / "train" / "text").is_dir():
        raise SuiteSkipped(
            f"PolNeAR not found at {polnear} — put the bench under ../shared/bench or set "
            "CLAIMTRACE_BENCH to the folder holding polnear/"
        )
    asked = {a for line in gold.read_text().splitlines() for a in json.loads(line)["gold_articles"]}
    train = sorted((polnear / "train" / "text").glob("*.txt"))
    picked = [p for i, p in enumerate(train) if i % EVERY == 0 or p.stem in asked]
    return sorted((polnear / "dev" / "text").glob("*.txt")) + picked


def _metrics(score: QuestionScore) -> dict:
    """A row's metrics: the score's fields that apply to the question (None left out)."""
    return {k: v for k, v in asdict(score).items() if v is not None}


def run(
    settings: Settings, work: Path, limit: int | None = None, progress: bool = False
) -> SuiteResult:
    """Index the archive into ``work/store`` (reused) and ask every gold question."""
    files = corpus(Path(settings.bench_dir) / "polnear")
    engine = Engine(settings.with_(store=str(work / "store")))
    started = time.perf_counter()
    engine.update(files, progress=progress)
    index_seconds = time.perf_counter() - started
    gold = load_gold(GOLD)[:limit]
    started = time.perf_counter()
    scores, rows = ask_and_score(engine, gold, _metrics)
    return SuiteResult(
        suite="polnear-coverage",
        overall=aggregate(scores),
        breakdown={"type": by_type(scores)},
        questions=rows,
        info={
            "backend": engine.settings.backend,
            "gold": str(GOLD),
            "articles": len(files),
            "store": str(work / "store"),
            "index_seconds": round(index_seconds, 1),
            "ask_seconds": round(time.perf_counter() - started, 1),
        },
    )
