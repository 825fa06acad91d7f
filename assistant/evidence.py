"""Evidence selection: the sentences, inside the retrieved chunks, that answer.

Each candidate sentence is scored by its meaning (cosine to the question),
its words (share of the question's content words it holds), the rank of its
chunk, and, when the question names a speaker, whether that speaker makes
it. Picking is greedy with a per-article cap first, so one long article
cannot crowd out the others that also bear on the question.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.models import IndexedArticle, Sentence

from .models import Evidence
from .retrieve import ChunkHit, claimant_matches
from .text import content_words, fold

__all__ = ["Weights", "select_evidence", "named_claimants"]

SPEECH_WORDS = frozenset(
    "say said says claim claimed claims accuse accused accuses tell told report reported "
    "announce announced state stated deny denied confirm confirmed warn warned according "
    "who whom allege alleged insist insisted admit admitted statement".split()
)


@dataclass(frozen=True)
class Weights:
    dense: float = 0.70
    lexical: float = 0.30
    rank: float = 0.15
    claimant: float = 0.25
    per_article: int = 2  # first-pass cap of sentences from one article
    keep_ratio: float = 0.70  # keep sentences scoring at least this share of the best


@dataclass
class _Candidate:
    sentence: Sentence
    item: IndexedArticle
    chunk_id: str
    score: float = 0.0


def named_claimants(question: str, claimants: set[str]) -> dict[str, float]:
    """Claimants the question names, with the share of their words it names."""
    qwords = [w[:6] for w in fold(question).replace("?", " ").split() if len(w) >= 3]
    found = {}
    for name in claimants:
        words = [w for w in fold(name).replace(",", " ").split() if len(w) >= 3 and w != "the"]
        if not words:
            continue
        hit = sum(1 for w in words if w[:6] in qwords)
        if hit:
            found[name] = hit / len(words)
    return found


def select_evidence(
    question: str,
    hits: list[ChunkHit],
    embed,
    k: int = 6,
    weights: Weights = Weights(),
    claimant_filter: str | None = None,
) -> list[Evidence]:
    """The best ``k`` sentences for ``question`` from ``hits``, best first.

    ``embed(texts)`` returns unit vectors (the engine caches them).
    """
    cands: list[_Candidate] = []
    seen = set()
    for hit in hits:
        for sent in hit.chunk.sentences:
            key = (hit.item.article.article_id, sent.start)
            if claimant_filter and not any(
                claimant_matches(claimant_filter, n) for n in sent.claimants
            ):
                continue
            if key not in seen and len(sent.text.split()) >= 3:
                seen.add(key)
                cands.append(_Candidate(sent, hit.item, hit.chunk.chunk_id))
    if not cands:
        return []
    qvec = np.asarray(embed([question])[0])
    svecs = np.asarray(embed([c.sentence.text for c in cands]))
    dense = svecs @ qvec
    qwords = content_words(question)
    rank = {h.chunk.chunk_id: 1.0 - i / max(len(hits), 1) for i, h in enumerate(hits)}
    speech = bool(SPEECH_WORDS & set(fold(question).replace("?", " ").split()))
    named = named_claimants(question, {n for c in cands for n in c.sentence.claimants})
    for c, d in zip(cands, dense):
        words = content_words(c.sentence.text)
        lexical = len(qwords & words) / len(qwords) if qwords else 0.0
        boost = max((named.get(n, 0.0) for n in c.sentence.claimants), default=0.0)
        c.score = (
            weights.dense * float(d)
            + weights.lexical * lexical
            + weights.rank * rank[c.chunk_id]
            + weights.claimant * boost * (1.0 if speech else 0.4)
        )
    cands.sort(key=lambda c: -c.score)
    best = cands[0].score
    floor = best * weights.keep_ratio
    picked: list[_Candidate] = []
    per_article: dict[str, int] = {}
    for second_pass in (False, True):
        for c in cands:
            if len(picked) >= k or c.score < floor:
                break
            aid = c.item.article.article_id
            if c in picked or (not second_pass and per_article.get(aid, 0) >= weights.per_article):
                continue
            picked.append(c)
            per_article[aid] = per_article.get(aid, 0) + 1
    picked.sort(key=lambda c: -c.score)
    return [_evidence(c) for c in picked]


def _evidence(c: _Candidate) -> Evidence:
    art = c.item.article
    claimants = c.sentence.claimants or [art.voice]
    claimant = " and ".join(claimants)
    return Evidence(
        article_id=art.article_id,
        chunk_id=c.chunk_id,
        quote=c.sentence.text,
        start=c.sentence.start,
        end=c.sentence.end,
        claimant=claimant,
        cue=c.sentence.cue,
        title=art.title,
        outlet=art.outlet,
        date=art.date,
        score=c.score,
        attributed=claimants != [art.voice],
    )
