"""Score an ``Attributor`` against PolNeAR: token-level role F1 and relation F1.

Token level: a whitespace-separated token counts for a role when it overlaps a
span of that role; gold and predicted token sets are compared, micro-averaged
over articles. Relation level: a predicted attribution matches a gold one when
their cues overlap (one-to-one); ``relation_with_source`` also needs the sources
to overlap. Run: ``python -m eval.attribution_score --split dev``.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from eval.polnear import ROLES, GoldArticle, GoldRelation, read_split
from index.models import ARTICLE_VOICE

__all__ = ["score_split", "score_articles", "score_predictions", "default_bench_dir"]

_TOKEN = re.compile(r"\S+")


def default_bench_dir() -> Path:
    """PolNeAR in the bench folder: ``CLAIMTRACE_BENCH`` (via Settings) or ``../shared/bench``."""
    from assistant.settings import Settings
    from eval.paths import default_bench

    return Path(default_bench(Settings.load()).bench_dir) / "polnear"


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _tokens(text: str, spans: list[tuple[int, int]], tokens: list[tuple[int, int]]) -> set[int]:
    return {i for i, (s, e) in enumerate(tokens) if any(a < e and s < b for a, b in spans)}


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _match(gold: list[GoldRelation], pred: list[GoldRelation], with_source: bool) -> int:
    """Greedy one-to-one matching on overlapping cues (and sources)."""
    used: set[int] = set()
    hits = 0
    for p in pred:
        for i, g in enumerate(gold):
            if i in used or not _overlap(p.cue, g.cue):
                continue
            if with_source and not _overlap(p.source, g.source):
                continue
            used.add(i)
            hits += 1
            break
    return hits


def score_articles(articles: list[GoldArticle], attributor) -> dict:
    """Score an attributor on already-read gold articles."""
    start = time.perf_counter()
    analyses = attributor.analyse_many([(a.text, ARTICLE_VOICE) for a in articles])
    seconds = time.perf_counter() - start
    predictions = [
        [
            GoldRelation(
                (a.cue.start, a.cue.end),
                (a.source.start, a.source.end) if a.source else None,
                (a.content.start, a.content.end),
            )
            for a in analysis.attributions
        ]
        for analysis in analyses
    ]
    result = score_predictions(articles, predictions)
    result["seconds"] = seconds
    return result


def score_predictions(articles: list[GoldArticle], predictions: list[list[GoldRelation]]) -> dict:
    """Token precision/recall/F1 per role and relation F1 of ``predictions`` (one list each)."""
    counts = {role: [0, 0, 0] for role in (*ROLES, "relation", "relation_with_source")}
    for article, pred_rel in zip(articles, predictions, strict=True):
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(article.text)]
        for role in ROLES:
            pred_spans = [getattr(r, role) for r in pred_rel if getattr(r, role)]
            gold = _tokens(article.text, article.spans[role], tokens)
            pred = _tokens(article.text, pred_spans, tokens)
            counts[role][0] += len(gold & pred)
            counts[role][1] += len(pred)
            counts[role][2] += len(gold)
        gold_rel = [g for g in article.relations if g.cue]
        for key, with_source in (("relation", False), ("relation_with_source", True)):
            counts[key][0] += _match(gold_rel, pred_rel, with_source)
            counts[key][1] += len(pred_rel)
            counts[key][2] += len(gold_rel)
    result: dict = {key: _prf(*c) for key, c in counts.items()}
    result["articles"] = len(articles)
    result["seconds"] = 0.0
    return result


def score_split(split_dir: str | Path, attributor, limit: int | None = None) -> dict:
    """Read a PolNeAR split directory and score ``attributor`` on it."""
    return score_articles(read_split(split_dir, limit), attributor)


def _table(result: dict) -> str:
    lines = [f"{'':22}{'precision':>10}{'recall':>10}{'f1':>10}"]
    for key in (*ROLES, "relation", "relation_with_source"):
        row = result[key]
        lines.append(f"{key:22}{row['precision']:10.3f}{row['recall']:10.3f}{row['f1']:10.3f}")
    rate = result["articles"] / result["seconds"] if result["seconds"] else 0.0
    lines.append(f"{result['articles']} articles in {result['seconds']:.1f} s ({rate:.1f}/s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command line: score the attributor on a PolNeAR split and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", help="train or dev")
    parser.add_argument("--bench", type=Path, default=None, help="PolNeAR directory")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N")
    args = parser.parse_args(argv)
    from index.attribution import Attributor

    attributor = Attributor()
    attributor.analyse("Warm up, he said.")
    split_dir = (args.bench or default_bench_dir()) / args.split
    print(_table(score_split(split_dir, attributor, args.limit)))


if __name__ == "__main__":
    main()
