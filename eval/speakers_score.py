"""Score who the attributor names as speaker: the speakers dev set, and non-speakers on PolNeAR.

``eval/gold/speakers_dev.jsonl`` holds hand-written wire-style paragraphs and
offsets into PolNeAR dev articles, each with attributions whose speaker is
named by role, by surname only, by "the minister" / "he" / "she", across a
paragraph break, beside a place that must not become a claimant, or not at all.
An attribution is found by a piece of its claim (``find``, at or after ``at``);
its claimant is right when it holds one of ``speaker`` and none of ``not``
(case-insensitive). A claim that no attribution holds is the article's own voice
("the article"): right where the gold says so (a reporter's description, "X, who led
the talks,"). ``non_speaker`` says whether a claimant names no speaker at
all (``--non-speakers`` reports their share on PolNeAR dev). PolNeAR is for
measurement only. ``eval/gold/speakers_heldout.jsonl`` is a second set of hand-written
paragraphs no rule was tuned on (``--gold``). Run:
``python -m eval.speakers_score [--gold PATH] [--non-speakers]``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from eval.paths import ROOT
from eval.polnear import read_split

__all__ = ["DEV", "HELDOUT", "score_speakers", "non_speaker", "non_speaker_share"]

DEV = ROOT / "eval" / "gold" / "speakers_dev.jsonl"
HELDOUT = ROOT / "eval" / "gold" / "speakers_heldout.jsonl"
#: The voice the articles are analysed with: the speaker of what nobody is cited for.
VOICE = "the article"

#: Common nouns that name someone or something that can speak; the measure's own list, so
#: that it does not grade the attributor by the attributor's word lists.
_SPEAKER_HEADS = frozenset(
    """official officials spokesman spokeswoman spokesperson minister president governor
    senator lawmaker lawmakers aide aides adviser advisers analyst analysts expert experts
    source sources diplomat diplomats general officer police army military ministry
    government administration campaign committee agency council party court company group
    report study poll polls survey statement letter document documents data records
    article newspaper paper website people residents voters critics supporters protesters
    democrats republicans economists researchers scientists attorney attorneys lawyer
    lawyers prosecutor prosecutors judge doctor doctors witness witnesses leader leaders
    chief head secretary director chairman candidate nominee someone anyone everyone
    nobody you we i friend wife husband mother father daughter son woman man women men
    reporter reporters host user users members member staff team union bank""".split()
)
_MARKUP = re.compile(r"^\W|^\d")


def non_speaker(claimant: str) -> bool:
    """Whether a claimant names no person, body, group, document or outlet: "unknown source",
    markup or a timestamp in front ("00:42 Boris Johnson"), or words without a proper name
    none of which names a speaker ("gambit", "tally", "many reasons"; not "governor of the
    region")."""
    name = claimant.split(" (")[0].strip()
    if not name or name.lower() == "unknown source" or _MARKUP.match(name):
        return True
    if any(w[:1].isupper() for w in name.split()):
        return False
    words = [re.sub(r"[^a-z]", "", w.lower()) for w in name.split()]
    return not any(_singular(w) & _SPEAKER_HEADS for w in words)


def _singular(word: str) -> set[str]:
    """A word and its singular forms ("companies": "company"; "officials": "official")."""
    return {word, word.rstrip("s"), re.sub(r"ies$", "y", word)}


def non_speaker_share(claimants: list[str]) -> float:
    """The share of claimants (each "; "-part counted) that name no speaker."""
    parts = [p for c in claimants for p in c.split("; ")]
    return sum(map(non_speaker, parts)) / len(parts) if parts else 0.0


def _texts(rows: list[dict], bench: Path) -> dict[str, str]:
    names = {r["polnear"].split("/", 1)[1] for r in rows if "polnear" in r}
    gold = {a.name: a.text for a in read_split(bench / "dev", names=names)} if names else {}
    return {
        r["id"]: r["text"] if "text" in r else gold[r["polnear"].split("/", 1)[1]] for r in rows
    }


def score_speakers(attributor, bench: Path, path: Path = DEV) -> dict:
    """Claimant accuracy on the dev set, overall and by pattern, with the misses."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    texts = _texts(rows, bench)
    analyses = attributor.analyse_many([(texts[r["id"]], VOICE) for r in rows])
    right, by_pattern, misses = 0, defaultdict(lambda: [0, 0]), []
    total = 0
    for row, analysis in zip(rows, analyses, strict=True):
        text = texts[row["id"]]
        for want in row["attributions"]:
            at = text.find(want["find"], want.get("at", 0))
            found = [a for a in analysis.attributions if a.content.start <= at < a.content.end]
            # a claim no attribution holds is the article's own ("who led the talks")
            claimant = found[0].claimant if found else f"{VOICE} (no attribution)"
            ok = _names(claimant, want["speaker"], want.get("not", []))
            total += 1
            right += ok
            by_pattern[want["pattern"]][0] += ok
            by_pattern[want["pattern"]][1] += 1
            if not ok:
                misses.append((row["id"], want["find"], want["speaker"], claimant))
    return {
        "accuracy": right / total if total else 0.0,
        "attributions": total,
        "by_pattern": {p: (r / n, n) for p, (r, n) in sorted(by_pattern.items())},
        "misses": misses,
    }


def _names(claimant: str, speaker: list[str], avoid: list[str]) -> bool:
    low = claimant.lower()
    return any(s.lower() in low for s in speaker) and not any(n.lower() in low for n in avoid)


def main(argv: list[str] | None = None) -> None:
    """Command line: the dev set's accuracy (and, with ``--non-speakers``, PolNeAR dev's share
    of claimants naming no speaker)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=None, help="PolNeAR directory")
    parser.add_argument("--gold", type=Path, default=DEV, help="gold set (JSON lines)")
    parser.add_argument("--non-speakers", action="store_true", help="also PolNeAR dev's share")
    args = parser.parse_args(argv)
    from eval.attribution_score import default_bench_dir
    from index.attribution import Attributor

    bench = args.bench or default_bench_dir()
    attributor = Attributor()
    result = score_speakers(attributor, bench, args.gold)
    label = args.gold.stem.replace("_", " ")
    print(f"{label}: {result['accuracy']:.3f} of {result['attributions']} attributions")
    for pattern, (share, n) in result["by_pattern"].items():
        print(f"  {pattern:14}{share:7.3f}  ({n})")
    for miss in result["misses"]:
        print("  miss:", *miss, sep=" | ")
    if args.non_speakers:
        articles = read_split(bench / "dev")
        found = attributor.analyse_many([(a.text, "the article") for a in articles])
        claimants = [att.claimant for an in found for att in an.attributions]
        share = non_speaker_share(claimants)
        print(f"PolNeAR dev non-speaker claimants: {share:.3f} of {len(claimants)}")


if __name__ == "__main__":
    main()
