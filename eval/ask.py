"""Ask an engine a suite's gold questions and score each answer: the loop the gold suites share.

Sits between a suite (``eval.suite_seeds``, ``eval.suite_coverage``), which builds the
engine and its index, and ``eval.metrics``, which scores one answer and aggregates many.
Each question becomes a ``QuestionScore`` and a row of the report (what was asked, what
was answered and cited, its metrics); a suite chooses which metrics its rows keep and may
add fields of its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from assistant.engine import Engine
from assistant.models import Answer
from assistant.retrieve import Filters
from eval.metrics import aggregate, score_answer
from eval.models import GoldQuestion, QuestionScore

__all__ = ["ask_and_score", "by_type"]


def ask_and_score(
    engine: Engine,
    gold: list[GoldQuestion],
    metrics: Callable[[QuestionScore], dict],
    extra: Callable[[GoldQuestion, Answer], dict] | None = None,
) -> tuple[list[QuestionScore], list[dict]]:
    """Ask ``engine`` each gold question (no filters), score the answer, and make its row.

    A row holds the question, the answer, its claimants and articles, then the fields
    ``extra(gold, answer)`` adds, then ``metrics(score)`` under ``"metrics"``. Returns the
    scores and the rows, in the order of ``gold``.
    """
    scores, rows = [], []
    for g in gold:
        started = time.perf_counter()
        answer = engine.ask(g.question, Filters())
        score = score_answer(g, answer, time.perf_counter() - started)
        scores.append(score)
        rows.append(
            {
                "id": g.id,
                "type": g.type,
                "answerable": g.answerable,
                "question": g.question,
                "score": round(score.score, 4),
                "abstained": answer.abstained,
                "coverage": answer.coverage,
                "answer": answer.answer,
                "claimants": [c.claimant for c in answer.citations],
                "articles": [c.article_id for c in answer.citations],
                **(extra(g, answer) if extra else {}),
                "metrics": metrics(score),
            }
        )
    return scores, rows


def by_type(scores: list[QuestionScore]) -> dict[str, dict]:
    """The metrics of ``scores`` aggregated per question type, types in sorted order."""
    types = sorted({s.type for s in scores})
    return {t: aggregate([s for s in scores if s.type == t]) for t in types}
