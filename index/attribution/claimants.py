"""Claimant resolution: turn the source of an attribution into a ``Speaker``.

``index.attribution.context`` describes each source phrase as a plain ``Mention`` (no spaCy
objects) and feeds mentions to a ``ClaimantResolver`` in text order. A mention that
names a person gives their fullest name and the role the phrase gives them
("Germany's foreign minister, Annalena Baerbock", "Kremlin spokesman Dmitry
Peskov"). The resolver remembers the speakers it has seen, so that a later
mention — a surname alone, "the minister", "the spokesman", "he", "she", "they" —
resolves to the earlier one by its name, its role words, the pronouns the
article uses for it and number; a mention it cannot resolve keeps its words and
is ``unnamed``. A phrase naming nothing that can speak ("the gambit") resolves to
None (``index.attribution.speakers``).
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
    PERSON_PRONOUNS,
    PLATFORMS,
    ROLE_SYNONYMS,
    UNNAMED_PRONOUNS,
)
from index.attribution.mistagged import (
    OCCASIONS,
    beside,
    drop_nickname,
    named_like_a_person,
    named_persons,
    own_role,
    person_in_body,
)
from index.attribution.roles import (
    drop_role,
    ends_with_particled,
    ends_with_word,
    first_name,
    gender_of,
    office_in,
    proper_kind,
    proper_run,
    role_in,
    strip_determiner,
    with_particles,
)
from index.attribution.speakers import kind_of_noun, make_speaker, same_role_word
from index.models import Speaker
from index.names import body_key

__all__ = ["Mention", "Publisher", "ClaimantResolver", "strip_determiner"]

_MAX_NAME_WORDS = 8
_CARRIERS = "|".join(sorted(CARRIER_NOUNS))
#: "statement of the Ukrainian brigade" → its owner, "the Ukrainian brigade".
_OWNER = re.compile(
    rf"^(?:[\w-]+ )?(?:{_CARRIERS})s? (?:of|by|from) ((?:the )?[\w' -]+)$", re.IGNORECASE
)
#: "Lavrov's comments" → their owner, "Lavrov".
_POSSESSOR = re.compile(rf"^(.+?)['’]s? (?:[\w-]+ )?(?:{_CARRIERS})s?$", re.IGNORECASE)
_NUMBER = re.compile(r"[\d.,]+")
#: An age that describes someone: "the 46-year-old", "the 33-year-old commander".
_AGE = re.compile(r"\b\d+-year-old\b")
_WORDS = re.compile(r"[\w'’-]+")
_MALE = frozenset("he him his".split())
_FEMALE = frozenset("she her hers".split())
#: Bodies a "the agency" may stand for when no earlier body is named with the word ("the
#: nuclear watchdog", "the Washington-based think tank").
_GENERIC_BODIES = frozenset(
    """agency organisation organization group company firm charity body watchdog tank
    institute""".split()
)
_PLURAL = frozenset("they them their we us".split())
#: Words that put a named person inside someone else's description ("a spokeswoman for X").
_OWNED_BY = frozenset("for of to with".split())
#: Heads whose number is the name: "7 percent [of voters] said", "half said".
_SHARES = frozenset("percent half third quarter".split())


@dataclass
class Mention:
    """A source phrase, or a named entity seen in passing, described without spaCy."""

    text: str
    head: str = ""  # the head word
    base: str = ""  # the head with its modifiers, without prepositions or appositions
    persons: list[str] = field(default_factory=list)  # PERSON entities inside
    bodies: list[str] = field(default_factory=list)  # ORG/NORP/GPE entities inside
    orgs: list[str] = field(default_factory=list)  # the ORG entities among them
    groups: list[str] = field(default_factory=list)  # the NORP entities among them
    roles: list[str] = field(default_factory=list)  # the role given each of ``persons``
    before: list[str] = field(default_factory=list)  # possessors earlier in its sentence


@dataclass(frozen=True)
class Publisher:
    """Who the article says released a clip, video or report (``carrier``) at offset ``at``."""

    at: int
    carrier: str
    name: str
    #: named as the message's sender ("a note from X"): only for that message, not as the
    #: last publisher for any other
    sender: bool = False


@dataclass
class _Known:
    speaker: Speaker
    raw: set[str]  # the lower-cased words it was named with
    gender: str = ""  # "m" or "f" once the article's words tell
    owners: frozenset[str] = frozenset()  # its phrase's capitalised words but the last

    @property
    def is_person(self) -> bool:
        return self.speaker.kind == "person"

    @property
    def is_one(self) -> bool:
        """A person, named or not ("the governor"), whom "he" or "she" may stand for."""
        if self.speaker.kind == "unnamed":
            last = self.speaker.name.split()[-1].lower() if self.speaker.name else ""
            return not last.endswith("s") and last not in UNNAMED_PRONOUNS
        return self.is_person


def _another_office(head: str, speaker: Speaker) -> bool:
    """Whether ``speaker``'s role names an office and ``head``, another, names a different one
    ("the governor" is not "Lisa Hart (Mayor)"); a generic "leader" or "head" may be anyone's."""
    if head not in OFFICES or head in _ANY_OFFICE:
        return False
    offices = {w for w in _words(speaker.role) if w in OFFICES}
    return bool(offices) and not any(same_role_word(head, w) for w in offices)


#: Offices that describe the holder of any other ("the Ukrainian leader" is its president).
_ANY_OFFICE = ROLE_SYNONYMS["head"] | {"head"}


def _words(text: str) -> set[str]:
    return {w.lower().removesuffix("'s").removesuffix("’s") for w in _WORDS.findall(text)}


class ClaimantResolver:
    """Resolves the sources of one article, in order; keep one per article."""

    def __init__(self, publishers: list[Publisher] | None = None) -> None:
        self._publishers = publishers or []  # who released which clip, in text order
        self._known: list[_Known] = []
        self._said: list[Speaker] = []  # the speakers resolved so far, in order
        self._recent: list[str] = []  # organisations named in the last sentence observed
        self._orgs: list[str] = []  # every organisation named so far
        self._sexes: dict[str, str] = {}  # speaker id → sex shown by "X and his/her …"

    def observe(self, mention: Mention, speakers: list[Speaker] = ()) -> None:
        """Remember the named entities of a sentence once its attributions are resolved,
        then its ``speakers`` again, so that a later "he" finds a speaker before a person
        the speaker talked about. Entities go in from last to first: a sentence's subject
        comes before what follows it."""
        self._recent = [strip_determiner(o) for o in mention.orgs]
        self._orgs += self._recent
        for body in reversed(mention.bodies):
            name = strip_determiner(body)
            person = person_in_body(mention.text, name, body in mention.orgs)
            if person:  # "Christian Estrosi, a former mayor of Nice," tagged as a body
                role = office_in(mention.text, person) or role_in(mention.text, person)
                self._person_seen(person, role, mention.text)
                continue
            if any(name in s.name and s.kind != "person" for s in speakers):
                continue  # "defence ministry" in "Ukraine's defence ministry said": that body
            kind = "group" if body in mention.groups else "organisation"
            self._remember(make_speaker(name, "", kind), body)
        roles = mention.roles or [""] * len(mention.persons)
        for person, role in reversed(list(zip(mention.persons, roles))):
            role = own_role(strip_determiner(role), person, mention.persons)
            self._person_seen(strip_determiner(person), role, mention.text)
        if len(set(mention.persons)) == 1:  # "Lynch … her career": the pronouns tell her sex
            said = set(re.findall(r"[a-z]+", mention.text.lower()))
            sex = "m" if said & _MALE and not said & _FEMALE else ""
            sex = sex or ("f" if said & _FEMALE and not said & _MALE else "")
            known = self._find(lambda k: k.is_person)
            if sex and known and not known.gender:
                known.gender = sex
        for person in {strip_determiner(p) for p in mention.persons} - {""}:
            sex = _sex_beside(mention.text, person)  # "X and his counterpart, Y": X is a man
            known = self._find(
                lambda k, p=person: k.is_person and ends_with_word(k.speaker.name, p.split()[-1])
            )
            if sex and known and not known.gender:
                known.gender = sex
                self._sexes[known.speaker.id] = sex
        for speaker in speakers:
            known = self._find(lambda k, s=speaker: k.speaker.id == s.id)
            if known:
                self._known.remove(known)
                self._known.append(known)

    def resolve(
        self,
        mention: Mention,
        nearby: list[str] | None = None,
        at: int = 0,
        following: list[str] | None = None,
    ) -> Speaker | None:
        """The speaker of a source mention at offset ``at`` (None when it names nothing that
        can speak); remembers it. ``nearby`` lists the organisations named in the mention's
        sentence, ``following`` those of the next sentence (a clip's publisher may be
        named just after it)."""
        head = mention.head.lower()
        words = mention.text.split()
        pronoun = head in PERSON_PRONOUNS or head in GROUP_PRONOUNS
        if pronoun and len(words) <= 2:
            return self._pronoun(head, mention.text, mention.before)
        if pronoun and words[0].lower().strip(",") == head and not mention.persons + mention.bodies:
            # "He and his aides", "she and another reporter": unnamed, never an organisation
            return make_speaker(strip_determiner(mention.text), "", "unnamed")
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
        speaker = self._name(mention)
        if speaker is not None and not speaker.name:
            return None  # punctuation only
        if speaker is not None:
            self._remember(speaker, mention.text)
            self._said.append(speaker)
        return speaker

    def _pronoun(self, head: str, text: str, owners: list[str] = ()) -> Speaker:
        """ "he"/"she": a person named in the possessive before it in the sentence, whom the
        article has called so before ("Oz's advice earned him a hearing, where he said …"),
        else the last person the article may call so; "they"/"it": the last body."""
        if head in PERSON_PRONOUNS:
            gender = "m" if head in _MALE else "f" if head in _FEMALE else ""
            for owner in reversed(owners if head in ("he", "she") else []):
                known = self._find(
                    lambda k, o=owner: (
                        k.is_person
                        and (k.speaker.name == o or ends_with_word(k.speaker.name, o))
                        and k.gender == gender  # the article has called them so before
                    )
                )
                if known:
                    return known.speaker
            found = self._find(lambda k: k.is_one and (not gender or self._sex(k) in ("", gender)))
            if found:
                found.gender = found.gender or gender
                return found.speaker
            return make_speaker(text.strip(), "", "unnamed")
        if head in _PLURAL:  # "they": the last group, body or people the article quoted
            said = [s for s in self._said if s.kind in ("group", "organisation") or _many(s)]
            if said:
                return said[-1]
        found = self._find(lambda k: not k.is_person and k.speaker.kind != "unnamed")
        if found:
            return found.speaker
        return make_speaker(text.strip(), "", "unnamed")

    def _sex(self, known: _Known) -> str:
        """The sex the article has shown for a speaker: by the mention remembered, else by a
        possessive after their name, whichever mention came later ("David Lammy and his
        counterpart", then "Lammy said")."""
        return known.gender or self._sexes.get(known.speaker.id, "")

    def sex_of(self, person: str) -> str:
        """ "m" or "f" when the article's pronouns have shown the sex of ``person``, else ""."""
        known = self._find(
            lambda k: (
                k.is_person and (k.speaker.name == person or ends_with_word(k.speaker.name, person))
            )
        )
        return known.gender if known else ""

    def _person_seen(self, person: str, role: str = "", text: str = "") -> None:
        """A person named in passing: the one named so before comes forward, else a new one;
        never a platform the NER took for a person ("blamed them on Twitter")."""
        if not person or person.lower() in PLATFORMS:
            return
        person = with_particles(text, person)
        earlier = self._find(
            lambda k: (
                k.is_person and (k.speaker.name == person or ends_with_word(k.speaker.name, person))
            )
        )
        if earlier:
            self._known.remove(earlier)
            self._known.append(earlier)
            return
        self._remember(make_speaker(person, role, "person"), f"{role} {person}")

    def _name(self, mention: Mention) -> Speaker | None:
        persons = named_persons(mention.text, [strip_determiner(x) for x in mention.persons])
        bodies = [b for b in (strip_determiner(x) for x in mention.bodies) if b]
        if (
            len(persons) == 1
            and persons[0] == mention.head
            and self._a_thing(mention.text, persons[0])
        ):
            return None  # "the Patriot showed": a thing's name
        if persons:  # the phrase's head ("Gonzalez, 55, of Brigantine"), else the fullest
            heads = [p for p in persons if p.split()[-1] == mention.head]
            person = max(heads or persons, key=lambda p: (len(p.split()), len(p)))
            before = mention.text[: max(mention.text.find(person), 0)].split()
            if before and before[-1].lower() in _OWNED_BY and mention.head.islower():
                # "a spokeswoman for Hillary Clinton" speaks for her; she is not the speaker
                kind = kind_of_noun(mention.head)
                name = strip_determiner(mention.text.split(",")[0])
                return make_speaker(name, "", kind) if kind else None
            return self._person(mention, first_name(mention.text, person), bodies)
        head, common = mention.head.lower(), mention.head.islower()
        if head in _SHARES:  # "only 7 percent", "27 percent of those polled": the number names them
            words = mention.text.split()
            first = next((i for i, w in enumerate(words) if _NUMBER.fullmatch(w)), 0)
            return make_speaker(" ".join(words[first : first + _MAX_NAME_WORDS]), "", "group")
        text = strip_determiner(mention.text)
        is_short = len(text.split()) <= 4
        kind = kind_of_noun(head) if head else None  # "Officials", "Police" open sentences
        short = _before_comma(mention)  # "the former comedian, elected in 2019,"
        if kind is None and _AGE.search(short):
            kind = "unnamed"  # "the 46-year-old": a person
        earlier = self._find(lambda k: k.is_person and ends_with_particled(k.speaker.name, text))
        if earlier:  # "Von der Leyen" tagged as a body: "Ursula von der Leyen" named before
            return earlier.speaker
        for body in bodies:  # "German Chancellor Olaf Scholz" tagged as a body
            orgs = {strip_determiner(o) for o in mention.orgs}
            person = person_in_body(mention.text, body, body in orgs)
            if person:
                return self._person(mention, person, [])
        words = text.split()
        if len(words) > 1 and words[-1].istitle() and words[-1].lower() in OCCASIONS:
            return self._owner(" ".join(words[:-1]))  # a headline's "Scholz Interview"
        if head and not common and text.split()[0].strip(",").lower() == head:
            # a surname, maybe mistagged, maybe before a clause ("Hollande, who returned …")
            earlier = self._find(lambda k: k.is_person and ends_with_word(k.speaker.name, head))
            if earlier:
                return earlier.speaker
        definite = mention.text.lower().startswith("the ")
        if kind == "unnamed" and len(short.split()) <= 4:
            earlier = self._by_role(head, _words(short) - {head})
            if earlier:
                return earlier.speaker
            plain = len(short.split()) <= 3 and " of " not in short and short.islower()
            last = self._last_person() if definite and plain else None
            if last and not _another_office(head, last):  # "the retired general", "the
                return last  # 46-year-old", "the former comedian": the last person quoted
        if len(bodies) > 1 and _only(text, bodies):  # "China and the United States" vowed
            return make_speaker(text, "", "group")
        run = proper_run(mention.text, mention.head)
        if run and person_in_body(mention.text, run):  # "Nice Mayor Christian Estrosi", untagged,
            return self._person(mention, person_in_body(mention.text, run), [])  # or "Erdogan"
        for body in bodies:
            if head and head in body.lower().split():
                base = mention.base or mention.text
                name = _with_owner(base, body, bodies, definite) if kind else body
                return make_speaker(drop_role(name), "", _body_kind(body, mention))
        if run:  # "Medical charity Doctors Without Borders": NER missed the name
            return make_speaker(run, "", proper_kind(run))
        if head and is_short and kind != "unnamed":
            own, owners = _words(mention.text), _owners(mention.text)
            earlier = self._find(
                lambda k: (
                    head in k.raw
                    and not k.is_person
                    and k.raw != own
                    and not _other_owner(owners, k.owners)
                )
            )
            if earlier:
                return earlier.speaker
            if definite and head in _GENERIC_BODIES:  # "the agency": the last body quoted
                last = [s for s in self._said if s.kind == "organisation"]
                if last:
                    return last[-1]
        text = strip_determiner(mention.base or mention.text)
        if len(text.split()) > _MAX_NAME_WORDS:
            text = strip_determiner(text.split(",")[0])
            text = " ".join(text.split()[:_MAX_NAME_WORDS])
        words = text.split()
        while len(words) > 1 and _NUMBER.fullmatch(words[0]):
            words = words[1:]  # "299 deputies": a number is no part of a name
        text = " ".join(words)
        if kind is None:
            if head and not common:  # a proper name the NER did not tag
                return make_speaker(text, "", proper_kind(text))
            if bodies:  # "the UN human rights wing"
                return make_speaker(text, "", "organisation")
            return None  # "the gambit", "the tally": nothing that can speak
        if bodies and kind == "unnamed":  # "a Kremlin spokesman"
            return make_speaker(strip_determiner(mention.text.split(",")[0]), "", "unnamed")
        return make_speaker(text, "", kind)

    def _last_person(self) -> Speaker | None:
        """The last person the article quoted, for a description of one ("the 46-year-old");
        a name of two or three words the NER took for a body is that person from now on."""
        for said in reversed(self._said):
            if said.kind == "person":
                return said
            if said.kind == "organisation" and named_like_a_person(said.name):
                person = make_speaker(said.name, said.role, "person")
                self._said.append(person)
                self._remember(person, said.name)
                return person
        return None

    def _a_thing(self, text: str, name: str) -> bool:
        """Whether one word tagged as a person's name follows "the" ("The Patriot, a US-made
        system,"): a thing's name (a weapon, a ship), unless a person the article named in
        full has it as their surname."""
        if len(name.split()) != 1 or not re.search(rf"\bthe {re.escape(name)}\b", text, re.I):
            return False
        return not self._find(lambda k: k.is_person and ends_with_word(k.speaker.name, name))

    def _person(self, mention: Mention, person: str, bodies: list[str]) -> Speaker:
        """A named person, with the role the phrase gives them."""
        person = with_particles(mention.text, person)
        if len(person.split()) == 1:
            earlier = self._find(lambda k: k.is_person and ends_with_word(k.speaker.name, person))
            if earlier:
                return earlier.speaker
        name = drop_nickname(person)  # "John “Tig” Tiegen" is John Tiegen
        earlier = self._find(lambda k: k.speaker.name == name and k.is_person)
        if earlier and earlier.speaker.role:  # one person, one label in an article
            return earlier.speaker
        named = named_persons(mention.text, mention.persons)
        others = [p for p in named if len(p.split()) > 1 and p not in person]
        role = office_in(mention.text, person) or role_in(mention.text, person, others)
        role = own_role(role, person, named)
        if not role:
            orgs = {strip_determiner(o) for o in mention.orgs}
            bodies = [  # "Lavrov (Russian)": a nationality is not the body a person speaks for
                b
                for b in bodies
                if b not in person
                and person not in b
                and (b in orgs or len(b.split()) > 1)
                and beside(mention.text, b, person)
            ]
            role = drop_role(bodies[0]) if bodies else ""
        if not role and earlier:
            return earlier.speaker
        return make_speaker(name, role, "person")

    def _by_role(self, head: str, others: set[str]) -> _Known | None:
        """The last named person whose role has ``head`` ("the minister" → "Germany's foreign
        minister"), and ``others`` when given ("the foreign minister")."""

        def fits(known: _Known) -> bool:
            role = _words(known.speaker.role)
            if not known.is_person or not any(same_role_word(head, w) for w in role | known.raw):
                return False
            return not others or bool(others & (role | known.raw))

        return self._find(fits)

    def _owner(self, text: str) -> Speaker | None:
        return self._name(Mention(text=text, head=text.split()[-1], base=text))

    def _publisher(
        self, mention: Mention, nearby: list[str] | None, at: int, following: list[str] | None
    ) -> Speaker:
        """A clip or report without an owner: whoever the article says released it (a clip
        of the same kind first, before or after it), else a body named in this, the last
        or the next sentence, else the last body named; else the document itself, unnamed."""
        kind = _singular(mention.head.lower())
        same = [p for p in self._publishers if p.carrier == kind and p.name]
        before = [p for p in same if p.at < at]
        after = [p for p in same if p.at > at]
        if before or after:
            chosen = before[-1] if before else after[0]
            if chosen.sender:  # "a note from Donald J. Trump": a person when the article says
                return self._owner(chosen.name) or make_speaker(chosen.name, "", "organisation")
            return make_speaker(chosen.name, "", "organisation")
        own = mention.text.lower()
        earlier = [p.name for p in self._publishers if p.at < at and p.name and not p.sender]
        for body in [
            *(nearby or []),
            *self._recent,
            *mention.orgs,
            *earlier[-1:],
            *(following or []),
        ]:
            body = strip_determiner(body)
            if body and body.lower() not in own and body.lower() not in PLATFORMS:
                return make_speaker(drop_role(body), "", "organisation")
        if self._orgs:
            return make_speaker(drop_role(self._orgs[-1]), "", "organisation")
        return make_speaker(strip_determiner(mention.text), "", "document")

    def _remember(self, speaker: Speaker, raw: str) -> None:
        if speaker.name and speaker.name.lower() not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            words = _words(raw)
            known = _Known(speaker, words, gender_of(words), _owners(raw))
            self._known.append(known)

    def _find(self, test) -> _Known | None:
        for known in reversed(self._known):
            if test(known):
                return known
        return None


def _only(text: str, bodies: list[str]) -> bool:
    """Whether ``text`` is the ``bodies`` alone, listed with commas and "and"."""
    rest = text
    for body in bodies:
        rest = rest.replace(body, " ")
    return not re.sub(r"\b(?:and|the)\b|[,\s]", "", rest)


def _before_comma(mention: Mention) -> str:
    """A source phrase without what follows its base phrase after a comma ("the former
    comedian, elected in 2019,"); the whole phrase when more follows without one ("the Tax
    Policy Center at the Urban Institute")."""
    base, text = mention.base, mention.text
    after = text[len(base) :] if base and text.startswith(base) else ""
    return strip_determiner(base if after.startswith(",") else text)


def _sex_beside(text: str, person: str) -> str:
    """ "m" or "f" when a possessive pronoun follows a person's name with "and" or "with"
    between ("X and his French counterpart", "X, with her deputy"), else ""."""
    last = re.escape(person.split()[-1])
    found = re.search(rf"\b{last},? (?:and|with) (his|her)\b", text)
    return "" if not found else "m" if found.group(1) == "his" else "f"


def _with_owner(base: str, body: str, named: list[str], definite: bool = False) -> str:
    """A body named by a common noun with the owner its phrase puts before it, when the NER
    tagged the owner (one of ``named``) apart: "Russia's defence ministry", "the Ukrainian
    defence ministry" (not "defence ministry"); or, after "the" (``definite``), capitalised
    words the NER left out: "the Liberal Democrats", "the Senate Republicans"; not "Many
    Democrats"."""
    base = strip_determiner(base)
    owner = strip_determiner(base[: -len(body)]) if base.endswith(body) else ""
    proper = definite and all(w[:1].isupper() for w in owner.split())
    return base if owner and owner != body and (owner in named or proper) else body


def _owners(text: str) -> frozenset[str]:
    """The capitalised words of a body's phrase but its head, in one spelling ("Ukrainian"
    and "Ukraine's" are one, "Defense" and "Defence"): what tells "the Ukrainian ministry"
    from "Russia's Defence Ministry"."""
    words = _WORDS.findall(text)
    last = words[-1].lower() if words else ""
    stems = {
        body_key(w)
        for w in words
        if w[:1].isupper() and w.lower() != last and w.lower() not in DETERMINERS
    }
    return frozenset(stems) - {""}


def _other_owner(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether two bodies' capitalised words show two owners: each has one the other lacks
    ("Ukraine's Defence Ministry", "Russian Defence Ministry"); not "the Defence Ministry"."""
    return bool(mine and theirs) and not (mine <= theirs or theirs <= mine)


def _many(speaker: Speaker) -> bool:
    """Unnamed people in the plural ("officials", "Israeli officials")."""
    last = speaker.name.split()[-1].lower() if speaker.name else ""
    return speaker.kind == "unnamed" and last.endswith("s") and not last.endswith("ss")


def _body_kind(body: str, mention: Mention) -> str:
    return "group" if body in {strip_determiner(g) for g in mention.groups} else "organisation"


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and word[:-1] in CARRIER_NOUNS else word
