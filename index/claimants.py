"""Claimant resolution: turn the source of an attribution into a readable name.

``index.attribute`` describes each source phrase as a plain ``Mention`` (no spaCy
objects) and feeds mentions to a ``ClaimantResolver`` in text order. The
resolver remembers the names it has seen, so that a pronoun ("he", "they"), a
short form ("the ministry", "the spokesperson", a bare surname) or a title
resolves to the full name given earlier, and an apposition naming both a person
and a body reads "Person (Body)".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.cues import DETERMINERS, GROUP_PRONOUNS, PERSON_PRONOUNS

__all__ = ["Mention", "ClaimantResolver", "strip_determiner"]

_MAX_NAME_WORDS = 8


@dataclass
class Mention:
    """A source phrase, or a named entity seen in passing, described without spaCy."""

    text: str
    head: str = ""  # the head word
    base: str = ""  # the head with its modifiers, without prepositions or appositions
    persons: list[str] = field(default_factory=list)  # PERSON entities inside
    bodies: list[str] = field(default_factory=list)  # ORG/NORP/GPE entities inside


@dataclass
class _Known:
    name: str
    raw: str
    is_person: bool


def strip_determiner(text: str) -> str:
    """Drop leading determiners and surrounding punctuation: "the BBC," → "BBC"."""
    words = text.strip(" \t\n,;:—-–\"“”‘’'()").split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


class ClaimantResolver:
    """Resolves the sources of one article, in order; keep one per article."""

    def __init__(self) -> None:
        self._known: list[_Known] = []

    def observe(self, mention: Mention) -> None:
        """Remember the named entities of a sentence that attributes nothing."""
        for person in mention.persons:
            self._remember(strip_determiner(person), person, True)
        for body in mention.bodies:
            self._remember(strip_determiner(body), body, False)

    def resolve(self, mention: Mention) -> str:
        """The readable claimant name for a source mention; remembers it for later."""
        head = mention.head.lower()
        words = mention.text.split()
        if len(words) <= 2 and (head in PERSON_PRONOUNS or head in GROUP_PRONOUNS):
            found = self._latest(person=head in PERSON_PRONOUNS)
            return found.name if found else mention.text.strip()
        name, is_person = self._name(mention)
        self._remember(name, mention.text, is_person)
        return name

    def _name(self, mention: Mention) -> tuple[str, bool]:
        persons = [p for p in (strip_determiner(x) for x in mention.persons) if p]
        bodies = [b for b in (strip_determiner(x) for x in mention.bodies) if b]
        if persons:
            person = max(persons, key=len)
            bodies = [b for b in bodies if b not in person and person not in b]
            if len(person.split()) == 1:
                earlier = self._find(lambda k: k.is_person and _ends_with_word(k.name, person))
                if earlier:
                    return earlier.name, True
            return (f"{person} ({bodies[0]})" if bodies else person), True
        head = mention.head.lower()
        is_short = len(strip_determiner(mention.text).split()) <= 3
        if head and is_short:
            raw = mention.text.lower()
            earlier = self._find(lambda k: head in k.raw.split() and k.raw != raw)
            if earlier:
                return earlier.name, earlier.is_person
        for body in bodies:
            if head and head in body.lower().split():
                return body, False
        text = strip_determiner(mention.base or mention.text)
        if len(text.split()) > _MAX_NAME_WORDS:
            text = strip_determiner(text.split(",")[0])
            text = " ".join(text.split()[:_MAX_NAME_WORDS])
        return text, False

    def _remember(self, name: str, raw: str, is_person: bool) -> None:
        if name and name.lower() not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            self._known.append(_Known(name, raw.lower(), is_person))

    def _latest(self, person: bool) -> _Known | None:
        return self._find(lambda k: k.is_person == person) or self._find(lambda k: True)

    def _find(self, test) -> _Known | None:
        for known in reversed(self._known):
            if test(known):
                return known
        return None


def _ends_with_word(name: str, word: str) -> bool:
    parts = name.split(" (")[0].split()
    return len(parts) > 1 and parts[-1].lower() == word.lower()
