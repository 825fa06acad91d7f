"""Follow-up questions: read "And what did Ukraine say?" in the light of the turns before.

The LLM backend condenses the question with ``prompts/condense.md``; the
extractive backend carries the previous question's names and numbers into the
retrieval query when the new question reads as a follow-up. Filters are an
argument of each question, never carried from turn to turn.
"""

from __future__ import annotations

import re

from .models import Turn

__all__ = ["is_follow_up", "carry_over"]

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


def carry_over(question: str, history: list[Turn] | None) -> str:
    """The retrieval query for ``question`` given earlier turns.

    A follow-up carries the previous question's names and numbers that it does not repeat.
    """
    if not is_follow_up(question, history):
        return question
    last = history[-1]
    carried = " ".join(w for w in entities(last.question) if w.lower() not in question.lower())
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
