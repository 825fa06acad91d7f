"""Offices a question names with their owner: "the Donetsk governor", "China's finance minister".

Used by ``assistant.kinds`` when a person is asked for: a sentence giving the holder of
another owner's office ("the governor of the Luhansk region") does not answer, nor one that
holds no such office at all.
"""

from __future__ import annotations

import re

from index.attribution.lexicon import OFFICES
from index.names import body_key

from .text import fold

__all__ = ["held_elsewhere", "holds_office_asked"]

_OFFICE = "|".join(sorted(OFFICES, key=len, reverse=True))
#: An office with its owner before it: "the Donetsk governor", "Russia's defence minister".
_OWNED_BEFORE = re.compile(
    rf"\b(?P<owner>[A-Z][\w’'-]+?)(?:['’]s)?\s+(?:[a-z]+\s+)?(?P<office>{_OFFICE})\b"
)


#: Capitalised words before an office that do not own it ("The finance minister").
_NOT_OWNERS = frozenset(
    "the a an this that its his her their our which what who whose when former acting then "
    "mr mrs ms dr".split()
)


def _owners(pattern: re.Pattern, text: str, office: str | None = None) -> set[str]:
    """The owner of each office ``pattern`` finds (of ``office`` when given), in one
    spelling (``body_key``: "Chinese" and "China's" are one)."""
    return {
        body_key(m.group("owner"))
        for m in pattern.finditer(text)
        if (office is None or m.group("office") == office)
        and fold(m.group("owner")) not in _NOT_OWNERS
    }


def held_elsewhere(question: str, text: str) -> bool:
    """The question asks for the holder of an office owned by a place or body ("the
    Donetsk governor") and ``text`` gives that office only with other owners ("Sergei
    Heidai, the governor of the Luhansk region"): another office's holder."""
    for m in _OWNED_BEFORE.finditer(question):
        office, owner = m.group("office"), fold(m.group("owner"))
        if owner in _NOT_OWNERS:
            continue
        after = re.compile(rf"\b(?P<office>{office})s? of (?:the )?(?P<owner>[A-Z][\w’'-]+)")
        owners = _owners(after, text) | _owners(_OWNED_BEFORE, text, office)
        owner = body_key(owner)
        if owners and owner not in owners:
            return True
    return False


#: The person asked for named by office: "the name of the Donetsk governor", "who is the …".
_ASKED_BY_OFFICE = re.compile(
    rf"\b(?:name of|who (?:is|was)|which)\s+(?:the\s+)?(?:[A-Z][\w’'-]+?(?:['’]s)?\s+)?"
    rf"(?:[a-z]+\s+)?(?P<office>{_OFFICE})\b",
    re.I,
)


def holds_office_asked(question: str, text: str, claimant: str) -> bool:
    """A person asked for by office ("the name of the Donetsk governor") is given only by
    a sentence or claimant holding that office word, not by any name near the subject."""
    m = _ASKED_BY_OFFICE.search(question)
    if not m:
        return True
    office = m.group("office").lower()
    return bool(re.search(rf"\b{office}", f"{text} {claimant}", re.I))
