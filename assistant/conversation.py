"""Follow-up questions: read "And what did Ukraine say?" in the light of the turns before.

The LLM backend condenses the question with ``prompts/condense.md``; the
extractive backend builds the retrieval query itself when the new question
reads as a follow-up. A follow-up that names a speaker, place or subject of its
own is about that: it keeps the earlier subject's names but never the earlier
speaker ("and what did the Ukrainians say?" after "what did Prigozhin say?"
asks the Ukrainians, not Prigozhin). One that names nothing ("and why?",
"when?") keeps the earlier question whole. Filters are an argument of each
question, never carried from turn to turn.
"""

from __future__ import annotations

import re

from .models import Turn
from .text import fold

__all__ = ["is_follow_up", "carry_over", "judged_question"]

_FOLLOW_START = re.compile(
    r"^\s*(and|but|also|what about|how about|then|so|why|and why|and what)\b", re.I
)
_BACK_REFERENCE = re.compile(
    r"\b(it|its|they|them|their|he|him|his|she|her|this|that|those|these|there|the same)\b", re.I
)


def is_follow_up(question: str, history: list[Turn] | None) -> bool:
    """Whether ``question`` leans on earlier turns (short, opens with "and", refers back)."""
    if not history:
        return False
    words = question.split()
    return bool(
        _FOLLOW_START.match(question) or _BACK_REFERENCE.search(question) or len(words) <= 4
    )


def carry_over(
    question: str, history: list[Turn] | None, speakers: frozenset[str] = frozenset()
) -> str:
    """The retrieval query for ``question`` given earlier turns.

    A follow-up with names of its own carries the previous question's other names
    and numbers (not its speaker: ``speakers`` holds the folded name words of the
    speakers the earlier questions asked about, ``Asked.speaker`` of each); one
    without carries the whole previous question. The previous question is itself
    read in the light of the turns before it.
    """
    if not is_follow_up(question, history):
        return question
    previous = carry_over(history[-1].question, history[:-1], speakers)
    if not entities(question):
        return f"{question} {previous}"
    speaker = speakers
    lowered = question.lower()
    carried = " ".join(
        w for w in entities(previous) if w.lower() not in lowered and fold(w) not in speaker
    )
    return f"{question} {carried}" if carried else question


def entities(question: str) -> list[str]:
    """The names and numbers of a question: capitalised words past its first, digits."""
    words = re.findall(r"[\w’'-]+", question)
    found = []
    for i, w in enumerate(words):
        name = w[:1].isupper() and (i > 0 or w.lower() not in _OPENERS)
        if (name or any(c.isdigit() for c in w)) and w not in found:
            found.append(w.removesuffix("’s").removesuffix("'s"))
    return found


_OPENERS = {
    "what",
    "why",
    "who",
    "when",
    "where",
    "how",
    "which",
    "did",
    "does",
    "is",
    "was",
    "and",
}


def judged_question(question: str, history: list[Turn] | None) -> str:
    """The question whose kind, names and speaker the evidence must answer.

    A follow-up with names of its own is judged on its own words (the carried
    names only steer retrieval); "and why?" is judged with the question it follows.
    """
    if not is_follow_up(question, history) or entities(question):
        return question
    return f"{question} {judged_question(history[-1].question, history[:-1])}"
