"""Evidence selection: the sentences, inside the retrieved chunks, that answer.

Each candidate sentence is scored by its meaning (cosine to the question),
its words (the question's content words it holds, weighted by how rare they
are in the index), the rank of its chunk, and, when the question names a
speaker, whether that speaker makes it. Picking is greedy with caps per
article and per claimant first, so one long article or one voice cannot
crowd out the others that also bear on the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from index.attribution.lexicon import SAYING_VERBS, verb_forms
from index.attribution.speakers import voice_speaker
from index.models import IndexedArticle, Sentence, Speaker
from index.names import mentions, name_words, speaker_parts

from .labels import article_label, claimant_name, copy_name
from .models import Evidence
from .retrieve import ChunkHit, claimant_matches
from .text import content_words, fold

__all__ = ["Weights", "select_evidence", "named_claimants"]

_WHO = re.compile(r"^\s*(who|whom|according to whom|which \w+ (said|say|claimed|reported))\b", re.I)

_SIDES = re.compile(
    r"\b(each|both|sides?|versus|vs\.?|disagree\w*|dispute\w*|contradict\w*|deny|denies|"
    r"or just|or not|agree\w*|differ\w*)\b",
    re.I,
)

#: A question asking for each side's account, or for two things at once ("…, and how many …").
ASKS_SIDES = re.compile(_SIDES.pattern + r"|\band (?:how|what|when|which|who|where)\b|\?.+\?", re.I)

#: Words that ask about a speaker: the verbs of saying, and a few more.
SPEECH_WORDS = verb_forms(SAYING_VERBS) | {"according", "who", "whom", "statement"}


@dataclass(frozen=True)
class Weights:
    """How evidence sentences are scored and picked.

    ``dense``, ``lexical``, ``rank`` and ``claimant`` weigh a sentence's cosine to the question,
    the (rarity-weighted) question words it holds, its chunk's rank, and whether a speaker the
    question names makes it.
    """

    dense: float = 0.70
    lexical: float = 0.45
    rank: float = 0.15
    claimant: float = 0.25
    who: float = 0.08  # "who said…" questions want sentences that name a speaker
    kind: float = 0.05  # a sentence holding the count or date asked for ("5,300 employees")
    per_article: int = 2  # first-pass cap of sentences from one article
    per_claimant: int = 2  # first-pass cap of sentences from one claimant (both sides get heard)
    keep_ratio: float = 0.70  # keep sentences scoring at least this share of the best
    keep_ratio_sides: float = 0.55  # … when the question asks for each side's account


@dataclass(eq=False)
class _Candidate:
    sentence: Sentence
    item: IndexedArticle
    chunk_id: str
    score: float = 0.0
    also_in: list[str] = field(default_factory=list)  # other articles printing the sentence
    also_in_names: list[str] = field(default_factory=list)  # … by title and outlet


#: A live-blog entry's time and byline before its text: "27 Jul 2022 14.48 Peter Beaumont …"
_STAMP = re.compile(
    r"^\s*(\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}\s+)?\d{1,2}[.:]\d{2}\s*"
    r"(?:[AaPp]\.?[Mm]\.?\s+)?(?:BST|GMT|CET|CEST|EDT|EST|UTC|ET)?\s*"
    r"(?P<byline>(?:[A-Z][a-z’'-]+\s+){2,3}(?=[A-Z“\"‘']))?"
)


def _without_stamp(text: str) -> tuple[int, str]:
    """``(cut, rest)``: ``text`` without a leading live-blog timestamp and byline."""
    m = _STAMP.match(text)
    if not m or not m.group(0).strip() or not re.search(r"\d[.:]\d", m.group(0)):
        return 0, text
    return m.end(), text[m.end() :]


def _question_words(question: str) -> list[str]:
    return [w.strip(".,;:!?\"'“”‘’") for w in fold(question).split()]


def named_claimants(question: str, claimants: set[str], window: int = 4) -> dict[str, float]:
    """Claimants the question names, weighted by how much it names them as speakers.

    The weight is the share of the claimant's words the question holds; it is
    cut to a third when none of them stands within ``window`` words of a speech
    word ("what did Prigozhin say" names a speaker, "crossed into Russia" a place).
    """
    words = _question_words(question)
    speech_at = [i for i, w in enumerate(words) if w in SPEECH_WORDS]
    found = {}
    for name in claimants:
        for part in speaker_parts(name):  # a speaker is named by name or by role
            parts = name_words(part, min_len=3)
            where = {
                p: [i for i, w in enumerate(words) if len(w) >= 3 and mentions(p, w)] for p in parts
            }
            at = [i for found in where.values() for i in found]
            hit = sum(1 for found in where.values() if found)
            if hit:
                near = any(abs(i - j) <= window for i in at for j in speech_at)
                weight = hit / len(parts) * (1.0 if near else 0.3)
                found[name] = max(found.get(name, 0.0), weight)
    return found


def select_evidence(
    question: str,
    hits: list[ChunkHit],
    embed,
    k: int = 6,
    weights: Weights = Weights(),
    claimant_filter: str | None = None,
    idf=None,
    holds=None,
) -> list[Evidence]:
    """The best ``k`` sentences for ``question`` from ``hits``, best first.

    ``embed(texts)`` returns unit vectors (the engine caches them); ``idf(word)``
    weighs the question's words, so a rare word shared counts for more; ``holds(text)``
    says whether a sentence holds the thing asked for (a count, a date), which counts too.
    """
    cands: list[_Candidate] = []
    seen = set()
    by_text: dict[str, _Candidate] = {}
    for hit in hits:
        for sent in hit.chunk.sentences:
            key = (hit.item.article.article_id, sent.start)
            if claimant_filter and not any(
                claimant_matches(claimant_filter, n) for n in sent.claimants
            ):
                continue
            if key in seen or len(sent.text.split()) < 3:
                continue
            seen.add(key)
            same = " ".join(fold(_without_stamp(sent.text)[1]).split())
            if same in by_text:  # a syndicated copy or a repeated live-blog paragraph
                first = by_text[same]
                aid = hit.item.article.article_id
                if aid != first.item.article.article_id and aid not in first.also_in:
                    first.also_in.append(aid)
                    other = hit.item.article
                    name = copy_name(other.title, other.outlet, other.credit, other.text)
                    first.also_in_names.append(name)
                continue
            cand = _Candidate(sent, hit.item, hit.chunk.chunk_id)
            by_text[same] = cand
            cands.append(cand)
    if not cands:
        return []
    qvec = np.asarray(embed([question])[0])
    svecs = np.asarray(embed([c.sentence.text for c in cands]))
    dense = svecs @ qvec
    qwords = content_words(question)
    weigh = idf or (lambda w: 1.0)
    total = sum(weigh(w) for w in qwords)
    rank = {h.chunk.chunk_id: 1.0 - i / max(len(hits), 1) for i, h in enumerate(hits)}
    asks_who = bool(_WHO.match(question))
    named = named_claimants(question, {n for c in cands for n in c.sentence.claimants})
    for c, d in zip(cands, dense):
        words = content_words(c.sentence.text)
        lexical = sum(weigh(w) for w in qwords & words) / total if qwords else 0.0
        boost = max((named.get(n, 0.0) for n in c.sentence.claimants), default=0.0)
        c.score = (
            weights.dense * float(d)
            + weights.lexical * lexical
            + weights.rank * rank[c.chunk_id]
            + weights.claimant * boost
            + (weights.who if asks_who and c.sentence.claimants != [c.item.article.voice] else 0.0)
            + (weights.kind if holds and holds(c.sentence.text) else 0.0)
        )
    cands.sort(key=lambda c: -c.score)
    best = cands[0].score
    sides = _SIDES.search(question) is not None
    floor = best * (weights.keep_ratio_sides if sides else weights.keep_ratio)
    picked: list[_Candidate] = []
    per_article: dict[str, int] = {}
    per_claimant: dict[str, int] = {}
    for second_pass in (False, True):
        for c in cands:
            if len(picked) >= k or c.score < floor:
                break
            aid, who = c.item.article.article_id, tuple(c.sentence.claimants)
            full = (
                per_article.get(aid, 0) >= weights.per_article
                or per_claimant.get(who, 0) >= weights.per_claimant
            )
            if c in picked or (full and not second_pass):
                continue
            picked.append(c)
            per_article[aid] = per_article.get(aid, 0) + 1
            per_claimant[who] = per_claimant.get(who, 0) + 1
    picked.sort(key=lambda c: -c.score)
    return [_evidence(c, qwords) for c in picked]


def _claim_of(c: _Candidate, qwords: set[str]) -> tuple[list[str], str | None, str]:
    """The claimant(s), cue and claim of a sentence, the one whose claim fits the question first.

    A sentence can hold several claims ("an official said X as the army claimed
    Y"); the claimant whose content shares most words with the question leads. The
    claim is that claimant's content span inside the sentence ("" when none is known).
    """
    sent = c.sentence
    fits: dict[str, tuple[int, str, str]] = {}
    for a in c.item.attributions:
        if (
            a.claimant in sent.claimants
            and a.content.start < sent.end
            and sent.start < a.content.end
        ):
            fit = len(content_words(a.content.text) & qwords)
            if a.claimant not in fits or fit > fits[a.claimant][0]:
                start, end = max(a.content.start, sent.start), min(a.content.end, sent.end)
                claim = sent.text[start - sent.start : end - sent.start]
                fits[a.claimant] = (fit, a.cue.text, claim)
    if len(sent.claimants) < 2:
        first = fits.get(sent.claimants[0], (0, "", "")) if sent.claimants else (0, "", "")
        return sent.claimants, sent.cue, first[2]
    order = sorted(sent.claimants, key=lambda n: -fits.get(n, (-1, "", ""))[0])
    _, cue, claim = fits.get(order[0], (0, sent.cue, ""))
    return order, cue, claim


def _evidence(c: _Candidate, qwords: set[str]) -> Evidence:
    art = c.item.article
    claimants, cue, claim = _claim_of(c, qwords)
    claimants = claimants or [art.voice]
    speaker = _speaker_of(c, claimants[0])
    shown = [claimant_name(n) for n in claimants]  # "he" is shown as an unnamed speaker
    if speaker and shown[0] != claimants[0]:
        speaker = replace(speaker, name=claimant_name(speaker.name))
    cut, quote = _without_stamp(c.sentence.text)
    return Evidence(
        article_id=art.article_id,
        chunk_id=c.chunk_id,
        quote=quote,
        start=c.sentence.start + cut,
        end=c.sentence.end,
        claimant="; ".join(shown),
        cue=cue,
        title=art.title,
        outlet=art.outlet,
        date=art.date,
        score=c.score,
        attributed=claimants != [art.voice],
        also_in=list(c.also_in),
        also_in_names=list(c.also_in_names),
        label=article_label(art.title, art.outlet, art.credit, art.date, art.text),
        speaker=speaker,
        claim=claim.strip(),
    )


def _speaker_of(c: _Candidate, claimant: str) -> Speaker | None:
    """The speaker of the sentence's leading claimant: its attribution's, or the outlet's."""
    sent = c.sentence
    for a in c.item.attributions:
        if a.claimant == claimant and a.content.start < sent.end and sent.start < a.content.end:
            return a.speaker
    if claimant == c.item.article.voice:
        return voice_speaker(claimant)
    return None
