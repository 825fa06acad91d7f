"""The ``polnear-whosaid`` suite: "who said that?" questions from PolNeAR gold attributions.

Dev attributions with a named source, a speech verb and a long enough content
become "Who said that <content>?"; the suite asks them of an index of all
PolNeAR articles (``eval.suite_polnear`` finds the bench) and checks that the
first citation is from the gold article and that the answer and that
citation's claimant both name the speaker. The questions a run asks are pinned
as relation ids in ``eval/gold/polnear_whosaid.txt`` (drawn once by
``whosaid_questions``), so that a change to the word lists or name matcher the
sampler uses cannot change the sample. A stricter score asks for the person
the gold source names (the last word of its longest PERSON entity, read by the
attribution's spaCy model) in the first citation's speaker: "Clinton campaign
spokesman Brian Fallon" is Fallon, not Clinton. PolNeAR is for measurement only.
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.engine import Engine
from assistant.retrieve import Filters
from assistant.settings import Settings
from eval.errors import EvalError
from eval.metrics import percentile
from eval.models import SuiteResult
from eval.paths import ROOT
from eval.polnear import read_split
from eval.suite_polnear import require
from index.attribution.lexicon import SAYING_VERBS, verb_forms
from index.attribution.nlp import load_model
from index.names import fold, mentions

__all__ = [
    "WhoSaid",
    "whosaid_questions",
    "pinned_questions",
    "speaker_named",
    "gold_person",
    "run_whosaid",
]

SEED = 2016
DEFAULT_LIMIT = 150
#: The suite's questions as relation ids, so that a change to the sampler's word lists or
#: name matcher cannot change which questions a run asks (drawn by ``whosaid_questions``).
PINNED = ROOT / "eval" / "gold" / "polnear_whosaid.txt"
SPEECH_VERBS = verb_forms(SAYING_VERBS)
GENERIC_SOURCES = frozenset(
    "he she they it i we you one this that these those there who his her their its our some "
    "many others officials sources aides critics experts analysts supporters observers people "
    "reports polls a an the".split()
)
_LOWER_FIRST = frozenset("We It They There This That The A An He She Our My Their His Her".split())
#: Generational suffixes, never the word a person is known by ("Joseph R. Biden Jr.").
_SUFFIXES = frozenset("jr sr ii iii iv".split())
_CAPITALISED = re.compile(r"\b[A-Z][\w’'.-]*")


@dataclass(frozen=True)
class WhoSaid:
    """One generated question with its gold speaker and article."""

    id: str
    question: str
    article_id: str
    source: str
    cue: str
    content: str
    person: str = ""  # the last word of the source's longest PERSON entity ("" when none)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _is_named(source: str) -> bool:
    words = source.split()
    if not words or len(words) > 6 or not source[0].isupper():
        return False
    if len(words) == 1 and words[0].lower().strip(".,") in GENERIC_SOURCES:
        return False
    names = [w for w in _CAPITALISED.findall(source) if w.lower() not in GENERIC_SOURCES]
    return bool(names)


def _is_speech(cue: str) -> bool:
    if re.search(r"n[’']t\b|\bnot\b|\bnever\b", cue, re.IGNORECASE):
        return False
    return any(w.strip(".,;:").lower() in SPEECH_VERBS for w in cue.split())


def _question(content: str) -> str:
    """ "Who said that <content>?" with the content's quotes kept balanced."""
    content = re.sub(r"^that\s+", "", content.strip(" ,.:;—-"), flags=re.IGNORECASE)
    content = content.removesuffix("”").rstrip(" ,.:;—-")
    if content[:1] in '"“' and content.count(content[0]) % 2 and not content.endswith("”"):
        content = content[1:]
    if content.count("“") > content.count("”"):
        content += "”"
    first, _, rest = content.partition(" ")
    if first in _LOWER_FIRST:
        content = f"{first.lower()} {rest}"
    return f"Who said that {content}?"


def _who_said(article, rel, doc=None) -> WhoSaid:
    """The "who said that" question of one gold relation (which has a source, cue and
    content), its id ``article@cue-offset``; with the article's parse ``doc``, also the
    person its source names."""
    source, cue, content = (
        _clean(article.text[slice(*span)]) for span in (rel.source, rel.cue, rel.content)
    )
    person = gold_person(doc, *rel.source) if doc is not None else ""
    return WhoSaid(
        f"{article.name}@{rel.cue[0]}",
        _question(content),
        article.name,
        source,
        cue,
        content,
        person,
    )


def gold_person(doc, start: int, end: int) -> str:
    """The last word of the longest PERSON entity of ``doc`` inside ``start:end`` (clipped
    to it, a possessive dropped), or "" when the span names no person."""
    best = ""
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end_char <= start or ent.start_char >= end:
            continue
        text = _clean(doc.text[max(ent.start_char, start) : min(ent.end_char, end)])
        if len(text) > len(best):
            best = text
    words = [w.strip(".,;:") for w in re.sub(r"[’']s?$", "", best).split()]
    words = [w for w in words if w.lower() not in _SUFFIXES]
    return words[-1] if words else ""


def _order(q: WhoSaid) -> tuple:
    """Article, then cue offset as a number, then the texts: the sampler's fixed order."""
    return (q.article_id, int(q.id.rsplit("@", 1)[1]), q.source, q.cue, q.content, q.question)


def whosaid_questions(dev_dir: Path, limit: int | None = DEFAULT_LIMIT) -> list[WhoSaid]:
    """A fixed, seeded sample of "who said that" questions from the dev gold attributions."""
    candidates, seen = [], set()
    for article in read_split(dev_dir):
        for rel in article.relations:
            if not (rel.source and rel.cue and rel.content):
                continue
            q = _who_said(article, rel)
            if not _is_named(q.source) or not _is_speech(q.cue) or len(q.content.split()) < 6:
                continue
            if speaker_named(q.source, q.content):  # "..., Trump said. ..." would give it away
                continue
            if q.question in seen:
                continue
            seen.add(q.question)
            candidates.append(q)
    candidates.sort(key=_order)
    picked = random.Random(SEED).sample(candidates, min(limit or len(candidates), len(candidates)))
    return sorted(picked, key=_order)


def pinned_questions(dev_dir: Path, pinned: Path = PINNED) -> list[WhoSaid]:
    """The questions of the relation ids listed in ``pinned`` (``article@cue-offset``)."""
    ids = [
        line.strip()
        for line in pinned.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    wanted, pinned_ids = {i.rsplit("@", 1)[0] for i in ids}, set(ids)
    found: dict[str, WhoSaid] = {}
    nlp = load_model()
    for article in read_split(dev_dir, names=wanted):
        doc = None
        for rel in article.relations:
            if not (rel.cue and rel.source and rel.content):
                continue
            if f"{article.name}@{rel.cue[0]}" in pinned_ids:
                doc = doc or nlp(article.text)  # parsed once, only for a pinned article
                q = _who_said(article, rel, doc)
                found[q.id] = q
    missing = [i for i in ids if i not in found]
    if missing:
        raise EvalError(
            f"{pinned}: {len(missing)} pinned question(s) have no attribution with a source and "
            f"content in {dev_dir}, first {missing[0]} — check that the bench holds the PolNeAR "
            "dev split the questions were drawn from, or draw a new sample with "
            "eval.suite_whosaid.whosaid_questions and write its ids there"
        )
    return [found[i] for i in ids]


def speaker_named(source: str, text: str) -> bool:
    """Loose match (``index.names``): the source's last capitalised word, or any word of 4+
    letters, is in text."""
    caps = [w for w in _CAPITALISED.findall(source) if w.lower() not in GENERIC_SOURCES]
    last = caps[-1].strip(".’'") if caps else ""
    return mentions(source, text, min_len=4) or bool(last and mentions(last, text))


def run_whosaid(
    settings: Settings, work: Path, limit: int | None = None, progress: bool = False
) -> SuiteResult:
    """Index all PolNeAR articles under ``work`` and ask the "who said that" questions."""
    root = require(settings, "train", "dev")
    questions = pinned_questions(root / "dev")[:limit]
    engine = Engine(settings.with_(store=str(work / "store")))
    started = time.perf_counter()
    summary = engine.update([root / "train" / "text", root / "dev" / "text"], progress=progress)
    index_seconds = time.perf_counter() - started
    rows, seconds = [], []
    for q in questions:
        started = time.perf_counter()
        answer = engine.ask(q.question, Filters())
        seconds.append(time.perf_counter() - started)
        first = answer.citations[0] if answer.citations else None
        hit = first is not None and first.article_id == q.article_id
        in_text = speaker_named(q.source, answer.answer)
        in_claimant = first is not None and speaker_named(q.source, first.claimant or "")
        person = None
        if q.person:
            named = (first.speaker.name if first and first.speaker else "") or (
                first.claimant if first else ""
            )
            person = float(hit and _has_word(named, q.person))
        rows.append(
            {
                "id": q.id,
                "question": q.question,
                "outlet": q.article_id.split("_", 1)[0],
                "gold_source": q.source,
                "gold_person": q.person,
                "person_score": person,
                "score": float(hit and in_text and in_claimant),
                "hit@1": float(hit),
                "named_in_answer": float(in_text),
                "named_by_claimant": float(in_claimant),
                "abstained": answer.abstained,
                "answer": answer.answer,
                "claimants": [c.claimant for c in answer.citations],
                "speakers": [c.speaker.name if c.speaker else None for c in answer.citations],
                "articles": [c.article_id for c in answer.citations],
            }
        )
    by_outlet = {
        o: _summary([r for r in rows if r["outlet"] == o])
        for o in sorted({r["outlet"] for r in rows})
    }
    return SuiteResult(
        suite="polnear-whosaid",
        overall={
            **_summary(rows),
            "latency": {"p50": percentile(seconds, 50), "p95": percentile(seconds, 95)},
        },
        breakdown={"outlet": by_outlet},
        questions=rows,
        info={
            "backend": engine.settings.backend,
            "store": str(work / "store"),
            "articles_added": len(summary.added) + len(summary.changed),
            "articles_unchanged": summary.unchanged,
            "index_seconds": round(index_seconds, 1),
            "ask_seconds": round(sum(seconds), 1),
            "questions": str(PINNED.relative_to(ROOT)),
        },
    )


def _has_word(text: str, word: str) -> bool:
    """Every word of ``word`` is a whole word of ``text``, case and accents aside
    (``index.names.fold``): "Geun-hye" in "Park Geun-hye", "O'Neill" in "Tip O'Neill"."""
    have = set(re.findall(r"\w+", fold(text)))
    return all(w in have for w in re.findall(r"\w+", fold(word)))


def _summary(rows: list[dict]) -> dict:
    n = len(rows) or 1
    persons = [r["person_score"] for r in rows if r["person_score"] is not None]
    return {
        "person_questions": len(persons),
        "person_accuracy": sum(persons) / (len(persons) or 1),
        "questions": len(rows),
        "accuracy": sum(r["score"] for r in rows) / n,
        "hit@1": sum(r["hit@1"] for r in rows) / n,
        "named_in_answer": sum(r["named_in_answer"] for r in rows) / n,
        "named_by_claimant": sum(r["named_by_claimant"] for r in rows) / n,
        "abstained": sum(r["abstained"] for r in rows) / n,
    }
