"""The ``archive`` suite: answers that lead with the fact, and "not stated" over 504 articles.

The seeds set has five articles and ``polnear-coverage`` 233; this suite indexes
504 PolNeAR articles (the dev split and every second train article: 2016 US
election news from seven outlets, 2015-11-08 to 2016-10-07) and asks the
questions of ``eval/gold/archive_questions.jsonl`` — ours, written by reading the
articles; only article ids and short key facts are kept, never their text.

A question's ``type`` is what it asks for when answerable (``number``, ``date``,
``name``, ``place``, ``said``) and, when not, why the archive cannot answer it
(the ``KINDS``). Reported: not-stated-or-declined recall on the unanswerable
ones, overall and per kind; the share of answerable ones wrongly said not stated
or declined; the lead rate (an answered answer whose opening, ``answer.lead`` or
the text before its first ``[n]``, holds every key fact); and citation article
precision and recall.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path

from assistant.engine import Engine
from assistant.models import Answer
from assistant.settings import Settings
from eval.ask import ask_and_score, by_type
from eval.errors import SuiteSkipped
from eval.metrics import aggregate
from eval.models import GoldQuestion, QuestionScore, SuiteResult
from eval.paths import ROOT
from eval.suite_seeds import lead_of, leads_with, load_gold

__all__ = [
    "GOLD",
    "KINDS",
    "ANSWERABLE",
    "corpus",
    "lead_of",
    "score_extra",
    "summarise",
    "by_answer_type",
    "run",
]

GOLD = ROOT / "eval" / "gold" / "archive_questions.jsonl"
EVERY = 2  # every second train article joins the dev split
#: Why an unanswerable question cannot be answered (issue 19's five kinds).
KINDS = {
    "general": "general knowledge whose words occur in the archive",
    "unreported": "an event the archive never reports, or one after its last article",
    "wrong-speaker": "a speaker of the archive on a subject they never spoke on",
    "undisclosed": "a number or date the articles do not give, or say was not disclosed",
    "other-war": "another war or country",
}
#: What an answerable question asks for.
ANSWERABLE = ("number", "date", "name", "place", "said")
_WRONG = ("not_stated", "none")


def corpus(polnear: Path) -> list[Path]:
    """The article files of the suite's archive, in a fixed order: dev, then every second train."""
    if not (polnear / "dev" / "text").is_dir() or not (polnear / "train" / "text").is_dir():
        raise SuiteSkipped(
            f"PolNeAR not found at {polnear} — put the bench under ../shared/bench or set "
            "CLAIMTRACE_BENCH to the folder holding polnear/"
        )
    train = sorted((polnear / "train" / "text").glob("*.txt"))
    return sorted((polnear / "dev" / "text").glob("*.txt")) + train[::EVERY]


def score_extra(gold: GoldQuestion, answer: Answer) -> dict:
    """A row's own fields: the lead, whether it holds every key fact, cited-article recall."""
    lead = lead_of(answer)
    row: dict = {"lead": " ".join(lead.split()), "gold_articles": gold.gold_articles}
    if gold.answerable:
        row["lead_hit"] = leads_with(gold, answer)
        cited = {c.article_id for c in answer.citations}
        row["article_recall"] = len(cited & set(gold.gold_articles)) / len(gold.gold_articles)
        row["wrongly_not_stated"] = answer.coverage in _WRONG
    else:
        row["not_stated_or_declined"] = answer.coverage in _WRONG
    return row


def _mean(values: list) -> float | None:
    return sum(values) / len(values) if values else None


def summarise(rows: list[dict], scores: list[QuestionScore]) -> dict:
    """The suite's headline figures from its rows, beside ``eval.metrics.aggregate``'s."""
    ans = [r for r in rows if r["answerable"]]
    unans = [r for r in rows if not r["answerable"]]
    per_kind = {
        kind: _mean([r["not_stated_or_declined"] for r in unans if r["type"] == kind])
        for kind in KINDS
    }
    precision = [s.precision_article for s in scores if s.answerable]
    return {
        "questions": len(rows),
        "answerable": len(ans),
        "unanswerable": len(unans),
        "not_stated_recall": _mean([r["not_stated_or_declined"] for r in unans]),
        "not_stated_recall_by_kind": {k: v for k, v in per_kind.items() if v is not None},
        "wrongly_not_stated": _mean([r["wrongly_not_stated"] for r in ans]),
        "answered_answerable": _mean([not r["wrongly_not_stated"] for r in ans]),
        "lead_rate": _mean([r["lead_hit"] for r in ans]),
        # an answerable answer that cites nothing has precision 0
        "citation_article": {
            "precision": _mean([p or 0.0 for p in precision]),
            "recall": _mean([r["article_recall"] for r in ans]),
        },
        "fact_recall": _mean([s.fact_recall for s in scores if s.fact_recall is not None]),
    }


def by_answer_type(rows: list[dict]) -> dict[str, dict]:
    """Lead rate, answered share and cited-article recall per answerable type."""
    out = {}
    for kind in ANSWERABLE:
        group = [r for r in rows if r["answerable"] and r["type"] == kind]
        if group:
            out[kind] = {
                "questions": len(group),
                "lead_rate": _mean([r["lead_hit"] for r in group]),
                "answered_answerable": _mean([not r["wrongly_not_stated"] for r in group]),
                "article_recall": _mean([r["article_recall"] for r in group]),
            }
    return out


def _metrics(score: QuestionScore) -> dict:
    """A row's metrics: the score's fields that apply to the question (None left out)."""
    return {k: v for k, v in asdict(score).items() if v is not None}


def run(
    settings: Settings, work: Path, limit: int | None = None, progress: bool = False
) -> SuiteResult:
    """Index the archive into ``work/store`` (reused, by content) and ask every gold question.

    With ``limit``, only the articles the first ``limit`` questions name are indexed
    (at least one), into a store of their own, so a quick run stays quick and the full
    store is kept; the figures then are not the archive's.
    """
    files = corpus(Path(settings.bench_dir) / "polnear")
    gold = load_gold(GOLD)[:limit]
    if limit is not None:
        asked = {a for g in gold for a in g.gold_articles}
        files = [p for p in files if p.stem in asked] or files[:1]
    store = work / ("store" if limit is None else f"store-first-{limit}")  # keep the full one
    engine = Engine(settings.with_(store=str(store)))
    started = time.perf_counter()
    engine.update(files, progress=progress)
    index_seconds = time.perf_counter() - started
    started = time.perf_counter()
    scores, rows = ask_and_score(engine, gold, _metrics, score_extra)
    common = aggregate(scores)
    return SuiteResult(
        suite="archive",
        overall={
            **summarise(rows, scores),
            "hit@1": {"article": common["hit@1"]["article"]},
            "hit@5": {"article": common["hit@5"]["article"]},
            "claimant_accuracy": common["claimant_accuracy"],  # of the "said" questions
            "latency": common["latency"],
        },
        breakdown={"type": by_type(scores), "answer_type": by_answer_type(rows)},
        questions=rows,
        info={
            "backend": engine.settings.backend,
            "gold": str(GOLD),
            "articles": len(files),
            "store": str(store),
            "index_seconds": round(index_seconds, 1),
            "ask_seconds": round(time.perf_counter() - started, 1),
        },
    )
