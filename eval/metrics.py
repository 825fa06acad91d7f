"""Score answers against gold questions, then aggregate overall and per question type.

This is the measuring end of the flow: a suite asks the engine its gold
questions, ``score_answer`` turns each ``Answer`` into a ``QuestionScore`` and
``aggregate`` averages them into the metrics that ``claimtrace eval --json``
prints. Ranking metrics use the order of the citations (``[1]``, ``[2]`` ...).
Text is compared after folding case, curly quotes and whitespace.
"""

from __future__ import annotations

import re

from assistant.models import Answer, Citation
from eval.models import GoldQuestion, QuestionScore
from index.models import ARTICLE_VOICE
from index.names import mentions

__all__ = [
    "score_answer",
    "aggregate",
    "flatten",
    "percentile",
    "norm",
    "names_match",
]

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\xa0": " "})
#: A cited quote and a gold sentence match when one holds the other and the shorter
#: has at least this many characters (sentence splitting differs a little).
MIN_OVERLAP = 25


def norm(text: str) -> str:
    """Case, curly quotes and whitespace folded, for comparing sentences and names."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


def _same_sentence(quote: str, gold: str) -> bool:
    q, g = norm(quote), norm(gold)
    if q == g:
        return True
    short, long = (q, g) if len(q) <= len(g) else (g, q)
    return len(short) >= MIN_OVERLAP and short in long


def names_match(alternatives: str | list[str], text: str) -> bool:
    """Whether ``text`` holds any of the alternatives (case-insensitive substring)."""
    alts = [alternatives] if isinstance(alternatives, str) else alternatives
    text = norm(text)
    return any(norm(a) in text for a in alts)


def _rank_metrics(flags: list[bool]) -> tuple[float, float, float]:
    """hit@1, hit@5 and reciprocal rank of the first True in ``flags``."""
    first = next((i for i, f in enumerate(flags) if f), None)
    if first is None:
        return 0.0, 0.0, 0.0
    return float(first == 0), float(first < 5), 1.0 / (first + 1)


def _is_own_voice(c: Citation) -> bool:
    claimant = norm(c.claimant or "")
    return not claimant or claimant == ARTICLE_VOICE or claimant == norm(c.outlet or "")


def _around_marker(text: str, n: int) -> list[str]:
    """The paragraphs of ``text`` that hold the marker ``[n]`` (or ``[.., n, ..]``)."""
    marker = re.compile(rf"\[(?:\d+\s*,\s*)*{n}(?:\s*,\s*\d+)*\]")
    return [p for p in re.split(r"\n\s*\n", text) if marker.search(p)]


def _claimant_named(claimant: str, text: str) -> bool:
    """Loose name match (``index.names``): a word of four letters or more of ``claimant``."""
    return mentions(claimant, text, min_len=4)


def attribution_preservation(answer: Answer) -> float | None:
    """Share of attributed citations whose claimant is named where ``[n]`` stands."""
    checked = kept = 0
    for c in answer.citations:
        if _is_own_voice(c):
            continue
        places = _around_marker(answer.answer, c.n)
        if not places:
            continue
        checked += 1
        kept += any(_claimant_named(c.claimant, p) for p in places)
    return kept / checked if checked else None


def _claimant_accuracy(gold: GoldQuestion, answer: Answer) -> float | None:
    if not gold.gold_claimants:
        return None
    right = 0
    for item in gold.gold_claimants:
        alts = [item] if isinstance(item, str) else item
        in_text = names_match(alts, answer.answer) or (
            ARTICLE_VOICE in map(norm, alts) and bool(answer.citations)
        )
        cited = any(names_match(alts, c.claimant or "") for c in answer.citations)
        right += in_text and cited
    return right / len(gold.gold_claimants)


def score_answer(gold: GoldQuestion, answer: Answer, seconds: float) -> QuestionScore:
    """Score one answer; answer metrics are left None for an unanswerable question."""
    s = QuestionScore(
        gold.id, gold.type, gold.answerable, answer.abstained, seconds, answer.coverage
    )
    if not gold.answerable:
        return s
    cites = answer.citations
    from_article = [c.article_id in gold.gold_articles for c in cites]
    is_evidence = [any(_same_sentence(c.quote, g) for g in gold.gold_evidence) for c in cites]
    s.hit1_article, s.hit5_article, s.rr_article = _rank_metrics(from_article)
    if gold.gold_evidence:  # a gold set may name only the article (never copying its text)
        s.hit1_sentence, s.hit5_sentence, s.rr_sentence = _rank_metrics(is_evidence)
    if cites:
        if gold.gold_evidence:
            s.precision_evidence = sum(is_evidence) / len(cites)
        s.precision_article = sum(from_article) / len(cites)
    if gold.gold_evidence:
        found = [any(_same_sentence(c.quote, g) for c in cites) for g in gold.gold_evidence]
        s.recall_evidence = sum(found) / len(found)
    s.claimant_accuracy = _claimant_accuracy(gold, answer)
    s.attribution_preservation = attribution_preservation(answer)
    if gold.key_facts:
        s.fact_recall = sum(names_match(f, answer.answer) for f in gold.key_facts) / len(
            gold.key_facts
        )
    return s


def _mean(values: list[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def percentile(values: list[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) by linear interpolation; None for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def aggregate(scores: list[QuestionScore]) -> dict:
    """The suite's metrics over ``scores``: answer metrics over answerable questions only."""
    ans = [s for s in scores if s.answerable]

    def m(name: str) -> float | None:
        return _mean([getattr(s, name) for s in ans])

    should = [not s.answerable for s in scores]
    did = [s.abstained for s in scores]
    both = sum(a and b for a, b in zip(should, did, strict=True))
    return {
        "questions": len(scores),
        "answerable": len(ans),
        "hit@1": {"article": m("hit1_article"), "sentence": m("hit1_sentence")},
        "hit@5": {"article": m("hit5_article"), "sentence": m("hit5_sentence")},
        "mrr": {"article": m("rr_article"), "sentence": m("rr_sentence")},
        "citation_precision": {
            "evidence": m("precision_evidence"),
            "article": m("precision_article"),
        },
        "citation_recall": m("recall_evidence"),
        "claimant_accuracy": m("claimant_accuracy"),
        "attribution_preservation": m("attribution_preservation"),
        "abstention_accuracy": {
            "accuracy": _mean([float(a == b) for a, b in zip(should, did, strict=True)]),
            "precision": both / sum(did) if sum(did) else None,
            "recall": both / sum(should) if sum(should) else None,
        },
        "coverage": _coverage(scores),
        "fact_recall": m("fact_recall"),
        "latency": {
            "p50": percentile([s.seconds for s in scores], 50),
            "p95": percentile([s.seconds for s in scores], 95),
        },
    }


def _coverage(scores: list[QuestionScore]) -> dict:
    """How often an answer says the articles do not give it, or declines.

    ``recall``: unanswerable questions answered "not stated" or declined;
    ``declined_answerable`` and ``not_stated_answerable``: answerable questions
    wrongly declined, or wrongly said not to be answered (lower is better);
    ``kept_answerable`` and ``answered_answerable``: their complements, so that a
    minimum in ``thresholds.json`` can guard them.
    """
    unans = [s for s in scores if not s.answerable]
    ans = [s for s in scores if s.answerable]

    def share(group: list[QuestionScore], states: tuple[str, ...]) -> float | None:
        return sum(s.coverage in states for s in group) / len(group) if group else None

    return {
        "recall": share(unans, ("not_stated", "none")),
        "declined_answerable": share(ans, ("none",)),
        "not_stated_answerable": share(ans, ("not_stated",)),
        "kept_answerable": share(ans, ("answered", "not_stated")),
        "answered_answerable": share(ans, ("answered",)),
    }


def flatten(metrics: dict, prefix: str = "") -> dict[str, float | int]:
    """``{"hit@1": {"article": x}}`` → ``{"hit@1.article": x}``; numbers only, None kept out."""
    flat: dict[str, float | int] = {}
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            flat[name] = value
    return flat
