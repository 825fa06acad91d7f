"""Sentence fit: how one evidence sentence fits the question, the facts coverage judges by.

Sits inside ``assistant.coverage`` (question → retrieve → evidence → coverage): for
each evidence sentence, the share of the question's names its article holds, the
subject words it holds (weighted by rarity), its closeness in meaning, whether it
holds the asked kind and is claimed by the asked speaker (``Fit``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from index.attribution import split_sentences

from .kinds import has_figure, holds_kind
from .models import Evidence
from .names_asked import (
    _ALSO,
    _acronyms,
    _capitalised,
    _found_names,
    _of,
    _pairs,
    by_speaker,
)
from .question import Asked, name_in, words_of
from .text import tokens

__all__ = ["Fit", "fit"]


@dataclass
class Fit:
    """How one evidence sentence fits the question."""

    names: float  # share of the question's names its article holds
    names_missing: int  # how many of them it lacks
    subject: float  # share of the subject words the sentence holds, weighted by rarity
    distinct: int  # how many subject words the sentence holds
    meaning: float  # cosine of the sentence to the question (0 without ``similar``)
    kind: bool  # holds a thing of the asked kind tied to the subject (True when none asked)
    speaker: bool  # claimed by the speaker asked about (True when none asked)
    pairs: int = 0  # "who claims X": X's neighbouring word pairs the sentence holds together
    #: "what did X say about Y": X's own sentence in an article that says each word of Y
    #: at least three times or in its title (an article about Y); it answers when close in
    #: meaning to the question (not "Elsewhere, Macron said …" in an article about Olenivka)
    topic: bool = False
    #: its article is about the question's names (in its title or said three times)
    about: bool = True
    digits: bool = False  # holds a figure in digits


#: How much a subject word counts when only the sentence before holds it.
CONTEXT_WEIGHT = 0.5


def _before(article_text: str, ev: Evidence) -> str:
    """The sentence before ``ev`` in its paragraph ("" at a paragraph's start)."""
    if article_text[ev.start : ev.end] != ev.quote:
        return ""
    return _sentence_before(article_text, ev.start)


@functools.lru_cache(maxsize=512)
def _sentence_before(article_text: str, start: int) -> str:
    """The sentence ending before ``start`` in its paragraph: looked up once for the passes
    and parts that judge the same sentence again."""
    head = article_text[max(0, start - 400) : start]
    head = head.rsplit("\n\n", 1)[-1]
    spans = split_sentences(head)
    return head[spans[-1][0] : spans[-1][1]] if spans else ""


@functools.lru_cache(maxsize=512)
def _setting(article_text: str, title: str | None) -> frozenset[str]:
    """The names an article is about: in its title, or said at least three times."""
    counts: dict[str, int] = {}
    for w in words_of(article_text):
        counts[w] = counts.get(w, 0) + 1
    return frozenset({w for w, n in counts.items() if n >= 3} | set(words_of(title or "")))


@functools.lru_cache(maxsize=512)
def _said_often(article_text: str) -> frozenset[str]:
    """The stemmed words an article says at least three times."""
    counts: dict[str, int] = {}
    for w in tokens(article_text):
        counts[w] = counts.get(w, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 3)


def fit(
    asked: Asked,
    ev: Evidence,
    weigh,
    seen,
    article_text: str = "",
    similar=None,
) -> Fit:
    """How ``ev`` fits ``asked``; ``seen(stem)`` says whether the index holds the word.

    A name of the question counts when the sentence or its claimant holds it, or when
    the article is about it (``_setting``); ``similar(a, b)`` compares two phrases.
    """
    previous = _before(article_text, ev) if article_text else ""
    around = set(words_of(f"{ev.claimant} {ev.quote} {previous}")) | _setting(
        article_text, ev.title
    )
    short = _acronyms(asked)
    if short:  # "US" counts where written "U.S.", "United States" or "America", even once
        written = _capitalised(f"{ev.claimant} {ev.quote} {ev.title} {article_text}")
        around = (around - short) | {
            n for n in short if n in written or _ALSO.get(n, set()) & written
        }
    found = _found_names(asked, around, f"{ev.claimant} {ev.quote}", article_text)
    # a name describing the thing asked for ("which Manhattan street") need not be there
    found += [n for n in asked.describing if n not in found]
    names = len(found) / len(asked.names) if asked.names else 1.0
    name_stems = set(tokens(" ".join(asked.names)))
    # what a speaker is asked about is the subject less the speaker's own name; it must be
    # in their sentence: the article's title counts only once the sentence holds some of it
    # (a live blog's title names every subject of the day)
    speaker_stems = set(tokens(" ".join(asked.speaker)))
    counted = [s for s in asked.subject if (seen(s) or s in name_stems) and s not in speaker_stems]
    have = set(tokens(f"{ev.quote} {ev.claimant}"))
    if ev.title and (not asked.speaker or have & set(counted)):
        have |= set(tokens(ev.title))
    # the deed or thing asked for ("invented", "capital") is not the subject: a sentence
    # must hold the question's other words ("telephone"), not only the asked one
    deed = set(tokens(asked.target[0])) if asked.target and asked.kind != "quantity" else set()
    counted = [s for s in counted if s not in deed] or counted
    if short:
        have = (have - short) | (short & _capitalised(f"{ev.claimant} {ev.quote}"))
    stems = [s for s in counted if s in have or (s in name_stems and name_in(s, have))]
    # the sentence before, in the same paragraph, says what "the claims", "he" or "it" is:
    # its words count at half weight once the sentence holds one of the subject's own or
    # is the asked speaker's (its names count too: "British intelligence confirmed the claims")
    speaker = not asked.speaker or by_speaker(asked, ev)
    anchored = stems or (asked.speaker and speaker)  # the asked speaker's next claim
    before = set(tokens(previous)) if anchored else set()
    context = [s for s in counted if s not in stems and s in before]
    total = sum(weigh(s) for s in counted)
    held = sum(weigh(s) for s in stems) + CONTEXT_WEIGHT * sum(weigh(s) for s in context)
    subject = held / total if total else 1.0
    if asked.kind is None:  # "what is the capital of X" needs X's capital, not "capital" and X
        kind = not asked.target or _of(asked.target[0], asked.names, ev.quote)
    else:
        kind = (asked.published and ev.date is not None) or holds_kind(
            ev.quote, asked, ev.claimant, ev.attributed, similar
        )
    meaning = similar(asked.text, ev.quote) if similar and asked.text else 0.0
    pairs = _pairs(asked.claim, tokens(ev.quote))
    topic = bool(asked.speaker and counted and speaker and ev.attributed) and set(
        counted
    ) <= _said_often(article_text) | set(tokens(ev.title or ""))
    return Fit(
        names,
        len(asked.names) - len(found),
        subject,
        len(stems) + len(context),
        meaning,
        kind,
        speaker,
        pairs,
        topic,
        all(name_in(n, _setting(article_text, ev.title)) for n in asked.names),
        has_figure(ev.quote),
    )
