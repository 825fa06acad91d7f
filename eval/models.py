"""The evaluation's data: a gold question, what one answer scored, and what a suite measured.

Small dataclasses, like ``index.models`` and ``assistant.models``: a suite reads
``GoldQuestion`` lines from ``eval/gold/``, ``eval.metrics.score_answer`` turns each
answer into a ``QuestionScore``, and the suite returns a ``SuiteResult``, whose ``asdict``
is the ``metrics.json`` that ``eval.report`` writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["GoldQuestion", "QuestionScore", "SuiteResult"]


@dataclass
class GoldQuestion:
    """One line of a gold set (see ``eval/gold/README.md``)."""

    id: str
    question: str
    type: str
    answerable: bool
    gold_articles: list[str] = field(default_factory=list)
    gold_evidence: list[str] = field(default_factory=list)
    gold_claimants: list[str | list[str]] = field(default_factory=list)
    key_facts: list[list[str]] = field(default_factory=list)


@dataclass
class QuestionScore:
    """What one answer earned; ``None`` marks a metric that does not apply to it."""

    id: str
    type: str
    answerable: bool
    abstained: bool
    seconds: float
    coverage: str = "answered"  # the answer's own verdict: answered, not_stated or none
    hit1_article: float | None = None
    hit5_article: float | None = None
    rr_article: float | None = None
    hit1_sentence: float | None = None
    hit5_sentence: float | None = None
    rr_sentence: float | None = None
    precision_evidence: float | None = None
    precision_article: float | None = None
    recall_evidence: float | None = None
    claimant_accuracy: float | None = None
    attribution_preservation: float | None = None
    fact_recall: float | None = None

    @property
    def score(self) -> float:
        """One number for ranking the worst answers: the mean of the answer's metrics."""
        if not self.answerable:
            return 1.0 if self.abstained else 0.0
        parts = [
            self.hit1_article,
            self.hit5_sentence,
            self.recall_evidence,
            self.claimant_accuracy,
            self.fact_recall,
        ]
        return sum(p or 0.0 for p in parts) / len(parts)


@dataclass
class SuiteResult:
    """What a suite measured; ``asdict`` of it is ``metrics.json``."""

    suite: str
    overall: dict
    breakdown: dict[str, dict[str, dict]] = field(default_factory=dict)
    questions: list[dict] = field(default_factory=list)
    info: dict = field(default_factory=dict)
