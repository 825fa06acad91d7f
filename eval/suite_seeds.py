"""The ``seeds`` suite: the hand-written gold questions over the five seed articles.

The seed articles (``data/articles``) are indexed into the suite's own store,
every question of ``eval/gold/seeds.jsonl`` is asked, and each answer is scored
by ``eval.metrics``: overall, and per question type (factual, attribution,
conflict, date, multi, unanswerable).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict
from pathlib import Path

from assistant.engine import Engine
from assistant.models import Answer
from assistant.settings import Settings
from eval.ask import ask_and_score, by_type
from eval.errors import EvalError
from eval.metrics import aggregate, names_match, norm
from eval.models import GoldQuestion, QuestionScore, SuiteResult

__all__ = [
    "ARTICLES",
    "GOLD",
    "load_gold",
    "lead_of",
    "leads_with",
    "index_seeds",
    "evaluate",
    "run",
]

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
GOLD = ROOT / "eval" / "gold" / "seeds.jsonl"
_SAME = ("id", "type", "answerable", "abstained", "coverage")  # already in the question's row
_MARKER = re.compile(r"\[\d+(?:\s*,\s*\d+)*\]")


def load_gold(path: str | Path) -> list[GoldQuestion]:
    """Read a gold JSONL file; a bad line is a ValueError naming the file and line."""
    questions = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            questions.append(GoldQuestion(**json.loads(line)))
        except (json.JSONDecodeError, TypeError) as exc:
            raise EvalError(
                f"{path} line {n}: not a gold question ({exc}) — check it with eval.gold.check"
            ) from None
    return questions


def index_seeds(engine: Engine, progress: bool = False) -> float:
    """Bring the engine's store up to date with the seed articles; returns the seconds taken."""
    if not ARTICLES.is_dir():
        raise EvalError(f"no seed articles at {ARTICLES} — restore data/articles from git")
    started = time.perf_counter()
    engine.update([ARTICLES], progress=progress)
    return time.perf_counter() - started


def _metrics(score: QuestionScore) -> dict:
    """A row's metrics: the score's fields less those already in the row."""
    return {k: v for k, v in asdict(score).items() if k not in _SAME}


def lead_of(answer: Answer) -> str:
    """The answer's opening: ``answer.lead`` when the backend gives one, else the text
    before the first ``[n]`` (the whole answer when it cites nothing)."""
    lead = getattr(answer, "lead", None)
    if isinstance(lead, str) and lead.strip():
        return lead
    found = _MARKER.search(answer.answer)
    return answer.answer[: found.start()] if found else answer.answer


def leads_with(gold: GoldQuestion, answer: Answer) -> bool:
    """The answer is "answered" and its opening holds every key fact (case and spacing
    folded); an opening that says "not stated" and then quotes the fact does not lead."""
    lead = norm(lead_of(answer))
    return (
        answer.coverage == "answered"
        and bool(gold.key_facts)
        and all(names_match(fact, lead) for fact in gold.key_facts)
    )


def _details(gold: GoldQuestion, answer: Answer) -> dict:
    """What a seeds row adds: the answer's warnings, the claimants the gold set expects and,
    for an answerable question, whether the answer leads with its key facts."""
    row = {"warnings": answer.warnings, "gold_claimants": gold.gold_claimants}
    if gold.answerable:
        row["lead_hit"] = leads_with(gold, answer)
    return row


def evaluate(engine: Engine, gold_path: Path = GOLD, limit: int | None = None) -> SuiteResult:
    """Ask every gold question of an engine whose store holds the seeds, and score."""
    gold = load_gold(gold_path)[:limit]
    scores, rows = ask_and_score(engine, gold, _metrics, _details)
    leads = [r["lead_hit"] for r in rows if "lead_hit" in r]
    return SuiteResult(
        suite="seeds",
        overall={**aggregate(scores), "lead_rate": sum(leads) / len(leads) if leads else None},
        breakdown={"type": by_type(scores)},
        questions=rows,
        info={"backend": engine.settings.backend, "gold": str(gold_path)},
    )


def run(
    settings: Settings, work: Path, limit: int | None = None, progress: bool = False
) -> SuiteResult:
    """Index the seeds into ``work/store`` and evaluate them."""
    engine = Engine(settings.with_(store=str(work / "store")))
    index_seconds = index_seeds(engine, progress)
    started = time.perf_counter()
    result = evaluate(engine, limit=limit)
    result.info.update(
        store=str(work / "store"),
        index_seconds=round(index_seconds, 1),
        ask_seconds=round(time.perf_counter() - started, 1),
    )
    return result
