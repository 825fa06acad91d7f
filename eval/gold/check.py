"""Validate the gold question set (stdlib only).

    python -m eval.gold.check [--seeds PATH] [--articles DIR]

Checks every record of seeds.jsonl:
  * fields present with the right JSON types; ids unique (q01, q02, ...);
  * type is one of TYPES and the per-type minimum counts are met;
  * unanswerable <=> answerable is false and all gold lists are empty;
  * answerable questions name existing articles, have evidence, claimants and 1-3 key facts;
  * every gold_evidence string is an exact substring of one of its gold_articles' raw text;
  * every claimant group has a name found in the gold articles (except "the article");
  * every key fact has a variant found in the gold evidence (the evidence supports the answer).
Prints the counts per type; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from index.models import ARTICLE_VOICE

ROOT = Path(__file__).resolve().parents[2]
TYPES = ("factual", "attribution", "conflict", "date", "multi", "unanswerable")
MINIMUM = {
    "factual": 10,
    "attribution": 10,
    "conflict": 6,
    "date": 5,
    "multi": 5,
    "unanswerable": 8,
}
MIN_TOTAL = 48
FIELDS = {
    "id": str,
    "question": str,
    "type": str,
    "answerable": bool,
    "gold_articles": list,
    "gold_evidence": list,
    "gold_claimants": list,
    "key_facts": list,
}


def _strs(x) -> bool:
    return isinstance(x, list) and len(x) > 0 and all(isinstance(s, str) and s.strip() for s in x)


def claimant_group(c) -> list[str] | None:
    """A claimant is a string or a non-empty list of alternative strings."""
    if isinstance(c, str) and c.strip():
        return [c]
    if _strs(c):
        return c
    return None


def check(seeds: Path, articles: Path) -> tuple[list[str], Counter]:
    """Check the gold questions in ``seeds`` against the articles (``*.txt``) in ``articles``.

    Returns the errors, each naming its question and what is wrong, and the questions per type.
    """
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(articles.glob("*.txt"))}
    errors: list[str] = []
    counts: Counter = Counter()
    ids: set[str] = set()
    questions: set[str] = set()
    if not texts:
        errors.append(f"no articles under {articles}")

    for lineno, line in enumerate(seeds.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"line {lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: bad JSON ({exc})")
            continue
        if not isinstance(rec, dict):
            errors.append(f"{where}: not an object")
            continue
        bad = [k for k, t in FIELDS.items() if not isinstance(rec.get(k), t)]
        if bad:
            errors.append(f"{where}: missing or mistyped field(s) {bad}")
            continue
        qid = rec["id"]
        where = f"{qid} (line {lineno})"
        if not re.fullmatch(r"q\d{2,}", qid):
            errors.append(f"{where}: id should look like q01")
        if qid in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(qid)
        q = rec["question"].strip()
        if not q:
            errors.append(f"{where}: empty question")
        if q.lower() in questions:
            errors.append(f"{where}: duplicate question")
        questions.add(q.lower())
        typ = rec["type"]
        if typ not in TYPES:
            errors.append(f"{where}: type {typ!r} not in {TYPES}")
            continue
        counts[typ] += 1

        golds = ("gold_articles", "gold_evidence", "gold_claimants", "key_facts")
        if typ == "unanswerable" or not rec["answerable"]:
            if typ != "unanswerable" or rec["answerable"]:
                errors.append(f"{where}: answerable=false iff type=unanswerable")
            for k in golds:
                if rec[k]:
                    errors.append(f"{where}: {k} must be empty for an unanswerable question")
            continue

        for k in golds:
            if not rec[k]:
                errors.append(f"{where}: {k} is empty")
        arts = rec["gold_articles"]
        missing = [a for a in arts if a not in texts]
        if missing:
            errors.append(f"{where}: unknown article(s) {missing}")
        arts = [a for a in arts if a in texts]
        if len(set(arts)) != len(arts):
            errors.append(f"{where}: repeated gold_articles")

        used: set[str] = set()
        for ev in rec["gold_evidence"]:
            if not isinstance(ev, str) or not ev.strip():
                errors.append(f"{where}: evidence must be a non-empty string")
                continue
            if ev != ev.strip():
                errors.append(f"{where}: evidence has leading/trailing whitespace: {ev[:50]!r}")
            hits = [a for a in arts if ev in texts[a]]
            if not hits:
                errors.append(f"{where}: evidence not found verbatim in {arts}: {ev[:80]!r}")
            used.update(hits)
        unused = [a for a in arts if a not in used]
        if unused:
            errors.append(f"{where}: gold article(s) with no evidence: {unused}")
        if typ == "multi" and len(used) < 2:
            errors.append(f"{where}: a multi question needs evidence from 2+ articles")

        art_text = "\n".join(texts[a] for a in arts).lower()
        for c in rec["gold_claimants"]:
            group = claimant_group(c)
            if group is None:
                errors.append(f"{where}: claimant must be a string or a list of strings: {c!r}")
            elif not any(g.lower() == ARTICLE_VOICE or g.lower() in art_text for g in group):
                errors.append(f"{where}: claimant {group} not named in its articles")

        facts = rec["key_facts"]
        if not 1 <= len(facts) <= 3:
            errors.append(f"{where}: key_facts should hold 1-3 facts, has {len(facts)}")
        ev_text = "\n".join(e for e in rec["gold_evidence"] if isinstance(e, str)).lower()
        for fact in facts:
            if not _strs(fact):
                errors.append(f"{where}: key fact must be a non-empty list of strings: {fact!r}")
            elif not any(v.lower() in ev_text for v in fact):
                errors.append(f"{where}: key fact {fact} not supported by the gold evidence")

    for typ, n in MINIMUM.items():
        if counts[typ] < n:
            errors.append(f"type {typ}: {counts[typ]} questions, need at least {n}")
    if sum(counts.values()) < MIN_TOTAL:
        errors.append(f"{sum(counts.values())} questions in all, need at least {MIN_TOTAL}")
    return errors, counts


def main(argv: list[str] | None = None) -> int:
    """Print the questions per type and any errors; return 1 on an error, else 0."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parent / "seeds.jsonl")
    ap.add_argument("--articles", type=Path, default=ROOT / "data" / "articles")
    args = ap.parse_args(argv)
    errors, counts = check(args.seeds, args.articles)
    for typ in TYPES:
        print(f"{typ:13s} {counts[typ]:3d}  (min {MINIMUM[typ]})")
    print(f"{'total':13s} {sum(counts.values()):3d}  (min {MIN_TOTAL})")
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    print("FAIL" if errors else "OK", f"({len(errors)} errors)" if errors else "")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
