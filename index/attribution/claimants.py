"""Claimant resolution: turn the source of an attribution into a readable name.

``index.attribution.context`` describes each source phrase as a plain ``Mention`` (no spaCy
objects) and feeds mentions to a ``ClaimantResolver`` in text order. The
resolver remembers the names it has seen, so that a pronoun ("he", "they"), a
short form ("the ministry", "the spokesperson", a bare surname) or a title
resolves to the full name given earlier, and an apposition naming both a person
and a body reads "Person (Body)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.attribution.lexicon import (
    CARRIER_NOUNS,
    DETERMINERS,
    GROUP_PRONOUNS,
    OFFICES,
    PART_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLATFORMS,
    ROLE_TAIL,
)

__all__ = ["Mention", "Publisher", "ClaimantResolver", "strip_determiner"]

_MAX_NAME_WORDS = 8
_OFFICE_WORDS = "|".join(sorted(OFFICES, key=len, reverse=True))
_OFFICE_OF = re.compile(
    rf"^(?:the |[a-z]+ )?((?:[A-Z]?[a-z-]+ ){{0,2}}?(?:{_OFFICE_WORDS}) of (?:the )?[^,;()]+)",
    re.IGNORECASE,
)
_CARRIERS = "|".join(sorted(CARRIER_NOUNS))
#: "statement of the Ukrainian brigade" → its owner, "the Ukrainian brigade".
_OWNER = re.compile(
    rf"^(?:[\w-]+ )?(?:{_CARRIERS})s? (?:of|by|from) ((?:the )?[\w' -]+)$", re.IGNORECASE
)
#: "Lavrov's comments" → their owner, "Lavrov".
_POSSESSOR = re.compile(rf"^(.+?)['’]s? (?:[\w-]+ )?(?:{_CARRIERS})s?$", re.IGNORECASE)
_NUMBER = re.compile(r"[\d.,]+")


@dataclass
class Mention:
    """A source phrase, or a named entity seen in passing, described without spaCy."""

    text: str
    head: str = ""  # the head word
    base: str = ""  # the head with its modifiers, without prepositions or appositions
    persons: list[str] = field(default_factory=list)  # PERSON entities inside
    bodies: list[str] = field(default_factory=list)  # ORG/NORP/GPE entities inside
    orgs: list[str] = field(default_factory=list)  # the ORG entities among them


@dataclass(frozen=True)
class Publisher:
    """Who the article says released a clip, video or report (``carrier``) at offset ``at``."""

    at: int
    carrier: str
    name: str


@dataclass
class _Known:
    name: str
    raw: str
    is_person: bool


def strip_determiner(text: str) -> str:
    """Drop leading determiners, a trailing possessive and surrounding punctuation:
    "the BBC," → "BBC", "Donald Trump’s" → "Donald Trump"."""
    words = text.strip(" \t\n,;:—-–\"“”‘’'()").split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    if words and len(words[-1]) > 2 and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]
    return " ".join(words)


class ClaimantResolver:
    """Resolves the sources of one article, in order; keep one per article."""

    def __init__(self, publishers: list[Publisher] | None = None) -> None:
        self._publishers = publishers or []  # who released which clip, in text order
        self._known: list[_Known] = []
        self._recent: list[str] = []  # organisations named in the last sentence observed
        self._orgs: list[str] = []  # every organisation named so far

    def observe(self, mention: Mention) -> None:
        """Remember the named entities of a sentence once its attributions are resolved."""
        self._recent = [strip_determiner(o) for o in mention.orgs]
        self._orgs += self._recent
        for person in mention.persons:
            self._remember(strip_determiner(person), person, True)
        for body in mention.bodies:
            self._remember(strip_determiner(body), body, False)

    def resolve(
        self,
        mention: Mention,
        nearby: list[str] | None = None,
        at: int = 0,
        following: list[str] | None = None,
    ) -> str:
        """The readable claimant name for a source mention at offset ``at``; remembers it.

        ``nearby`` lists the organisations named in the mention's sentence, ``following``
        those of the next sentence (a clip's publisher may be named just after it).
        """
        head = mention.head.lower()
        words = mention.text.split()
        if len(words) <= 2 and (head in PERSON_PRONOUNS or head in GROUP_PRONOUNS):
            person = head in PERSON_PRONOUNS  # "he" is never a place; "they" may be a body
            found = self._find(lambda k: k.is_person == person)
            return found.name if found else mention.text.strip()
        words_lower = {_singular(w.lower().strip(",.")) for w in words}
        carrier = _singular(head) in CARRIER_NOUNS or (
            head in PART_NOUNS and words_lower & CARRIER_NOUNS
        )
        if carrier:
            owner = _OWNER.match(strip_determiner(mention.text)) or _POSSESSOR.match(
                strip_determiner(mention.text)
            )
            if owner:
                return self._owner(owner.group(1))
        if not mention.persons and carrier:
            return self._publisher(mention, nearby, at, following)
        name, is_person = self._name(mention)
        self._remember(name, mention.text, is_person)
        return name

    def _name(self, mention: Mention) -> tuple[str, bool]:
        persons = [p for p in (strip_determiner(x) for x in mention.persons) if p]
        bodies = [b for b in (strip_determiner(x) for x in mention.bodies) if b]
        if persons:
            person = max(persons, key=len)
            orgs = {strip_determiner(o) for o in mention.orgs}
            bodies = [  # "Lavrov (Russian)": a nationality is not the body a person speaks for
                b
                for b in bodies
                if b not in person and person not in b and (b in orgs or len(b.split()) > 1)
            ]
            if len(person.split()) == 1:
                earlier = self._find(lambda k: k.is_person and _ends_with_word(k.name, person))
                if earlier:
                    return earlier.name, True
            role = _office(mention.text, person)
            if role:
                return f"{person} ({role})", True
            return (f"{person} ({_drop_role(bodies[0])})" if bodies else person), True
        head = mention.head.lower()
        for body in bodies:
            if head and head in body.lower().split():
                return _drop_role(body), False
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
        words = text.split()
        while len(words) > 1 and _NUMBER.fullmatch(words[0]):
            words = words[1:]  # "299 deputies": a number is no part of a name
        return " ".join(words), head in PERSON_NOUNS or head in OFFICES

    def _owner(self, text: str) -> str:
        name, _ = self._name(Mention(text=text, head=text.split()[-1], base=text))
        return name

    def _publisher(
        self, mention: Mention, nearby: list[str] | None, at: int, following: list[str] | None
    ) -> str:
        """A clip or report without an owner: whoever the article says released it (a clip
        of the same kind first, before or after it), else a body named in this, the last
        or the next sentence, else the last body named; "unknown source" when none is."""
        kind = _singular(mention.head.lower())
        same = [p for p in self._publishers if p.carrier == kind and p.name]
        before = [p for p in same if p.at < at]
        after = [p for p in same if p.at > at]
        if before or after:
            return (before[-1] if before else after[0]).name
        own = mention.text.lower()
        earlier = [p.name for p in self._publishers if p.at < at and p.name]
        for body in [
            *(nearby or []),
            *self._recent,
            *mention.orgs,
            *earlier[-1:],
            *(following or []),
        ]:
            body = strip_determiner(body)
            if body and body.lower() not in own and body.lower() not in PLATFORMS:
                return _drop_role(body)
        return _drop_role(self._orgs[-1]) if self._orgs else "unknown source"

    def _remember(self, name: str, raw: str, is_person: bool) -> None:
        if name and name.lower() not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            self._known.append(_Known(name, raw.lower(), is_person))

    def _find(self, test) -> _Known | None:
        for known in reversed(self._known):
            if test(known):
                return known
        return None


def _office(text: str, person: str) -> str:
    """The office a source phrase gives a person, read as "Title of Place".

    "President X of Ukraine" and "Ukraine's President X" → "President of Ukraine";
    "X, the governor of the Belgorod region" → "governor of the Belgorod region".
    A spokesperson's body is named by the caller instead.
    """
    at = text.find(person)
    if at < 0:
        return ""
    before = text[:at].strip(" ,")
    after = text[at + len(person) :].strip()
    words = before.split()
    title = words[-1] if words else ""
    if title.lower() in OFFICES:  # "President X of Ukraine", "Ukraine's President X"
        if after.lower().startswith("of "):
            place = re.split(r"[,;(]| and | in | on ", after[3:])[0].strip()
            return f"{title} of {place}" if place else ""
        owner = " ".join(words[:-1])
        if owner.endswith(("'s", "’s")) and len(owner.split()) <= 3:
            return f"{title} of {strip_determiner(owner[:-2])}"
        return ""
    if after.startswith(","):  # "X, the governor of the region"
        found = _OFFICE_OF.match(after[1:].strip())
        if found:
            role = re.split(r" in | on | at | who | said", found.group(1))[0].strip()
            return strip_determiner(role)
    return ""


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and word[:-1] in CARRIER_NOUNS else word


def _ends_with_word(name: str, word: str) -> bool:
    parts = name.split(" (")[0].split()
    return len(parts) > 1 and parts[-1].lower() == word.lower()


def _drop_role(name: str) -> str:
    words = name.split()
    while len(words) > 2 and words[-1].lower() in ROLE_TAIL:
        words = words[:-1]
    return " ".join(words)
