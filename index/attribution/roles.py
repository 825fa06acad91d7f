"""Names and roles read from the words of a source phrase, for ``index.attribution.claimants``.

"Germany's foreign minister, Annalena Baerbock" → the role "Germany's foreign minister";
"President X of Ukraine" → "President of Ukraine"; a first name or a particle the NER
left out ("Oleksiy" Danilov, Ursula "von der Leyen"); capitalised names it missed
("Doctors Without Borders"); the words that tell a person's sex ("Mrs.", "his
daughter"). Plain string work on the phrase, no spaCy.
"""

from __future__ import annotations

import re

from index.attribution.lexicon import DETERMINERS, OFFICES, PERSON_NOUNS, ROLE_TAIL, TITLES

__all__ = [
    "strip_determiner",
    "first_name",
    "with_particles",
    "ends_with_particled",
    "proper_kind",
    "proper_run",
    "gender_of",
    "role_in",
    "office_in",
    "ends_with_word",
    "drop_role",
]

_MAX_ROLE_WORDS = 10
_OFFICE_WORDS = "|".join(sorted(OFFICES, key=len, reverse=True))
_OFFICE_OF = re.compile(
    rf"^(?:the |[a-z]+ )?((?:[A-Z]?[a-z-]+ ){{0,2}}?(?:{_OFFICE_WORDS}) of (?:the )?[^,;()]+)",
    re.IGNORECASE,
)
#: Words beside a name that tell a person's sex ("Mrs. Clinton", "his daughter Ivanka").
_MALE_WORDS = frozenset("mr mr. sir son husband father brother king prince man boy".split())
_FEMALE_WORDS = frozenset(
    "mrs mrs. ms ms. miss madam daughter wife mother sister queen princess woman girl lady".split()
)
#: Name particles the NER may leave out ("Ursula von der Leyen").
_PARTICLE_WORDS = "von van der den de la le du da di al bin ibn del dos das".split()
_PARTICLES = re.compile(rf"^((?:\s+(?:{'|'.join(_PARTICLE_WORDS)}))+\s+[A-Z][\w'’-]+)")
#: The surname after a name the NER cut after its particles ("Ursula von der" + " Leyen").
_SURNAME = re.compile(r"^(\s+[A-Z][\w'’-]+)")


_TITLES = TITLES


def first_name(text: str, person: str) -> str:
    """A surname the NER tagged alone, with the capitalised word just before it that is its
    first name ("…, Oleksiy Danilov" → "Oleksiy Danilov"); not an office ("President X")."""
    if len(person.split()) != 1:
        return person
    at = text.find(person)
    before = text[:at].split() if at > 0 else []
    if not before or text[at - 1] != " ":
        return person
    word = before[-1]
    plain = word.lower().rstrip(".")
    if (
        word[:1].isupper()
        and word[1:].islower()
        and word.isalpha()
        and plain not in OFFICES
        and plain not in _TITLES
        and plain not in DETERMINERS
    ):
        return f"{word} {person}"
    return person


def proper_kind(text: str) -> str:
    """Two or three capitalised words ("Jason Chaffetz") are taken for a person's name."""
    words = text.split()
    person = 2 <= len(words) <= 3 and all(
        w[:1].isupper() and w[1:].islower() and w.lower() not in _SMALL for w in words
    )
    return "person" if person else "organisation"


def with_particles(text: str, person: str) -> str:
    """A name with the particles and surname the NER left out: "Ursula von" or "Ursula von der"
    → "Ursula von der Leyen"."""
    at = text.find(person)
    if at < 0 or not person.split():
        return person
    more = _PARTICLES.match(text[at + len(person) :])
    if more is None and person.split()[-1].lower() in _PARTICLE_WORDS:
        more = _SURNAME.match(text[at + len(person) :])  # "Ursula von der" → "… der Leyen"
    return person + more.group(1) if more else person


def ends_with_particled(name: str, surname: str) -> bool:
    """Whether a person's ``name`` ends with a ``surname`` that opens with a particle
    ("Ursula von der Leyen" with "Von der Leyen")."""
    words = surname.split()
    first = words[0].lower() if words else ""
    ends = name.lower().endswith(f" {surname.lower()}")
    return len(words) > 1 and first in _PARTICLE_WORDS and ends


def gender_of(words: set[str]) -> str:
    return "m" if words & _MALE_WORDS else "f" if words & _FEMALE_WORDS else ""


_SMALL = frozenset("of for and the de without on".split())


def proper_run(text: str, head: str) -> str:
    """The capitalised words round a capitalised head, joined by small words ("Doctors Without
    Borders", "Bank of England"), when they are more than a sentence's first word."""
    words = text.split()
    bare = [w.rstrip(",;:") for w in words]
    if not head[:1].isupper() or head not in bare:
        return ""
    i = j = bare.index(head)  # "Recep Tayyip Erdogan, Turkey's president": the run ends at ","
    small = _SMALL
    while (
        i > 0
        and not words[i - 1].endswith(",")
        and (words[i - 1][:1].isupper() or words[i - 1].lower() in small)
    ):
        i -= 1
    while (
        j + 1 < len(words)
        and not words[j].endswith(",")
        and (words[j + 1][:1].isupper() or words[j + 1].lower() in small)
    ):
        j += 1
    while i < j and (not words[i][:1].isupper() or words[i].lower() in DETERMINERS):
        i += 1
    while j > i and not words[j][:1].isupper():
        j -= 1
    run = words[i : j + 1]
    if len(run) < 2 or any(w.endswith((",", "'s", "’s")) for w in run[:-1]):
        return ""
    return " ".join(run).strip(",;:")


def role_in(text: str, person: str, others: list[str] = ()) -> str:
    """What a source phrase says a person is, beside their name: "Kremlin spokesman Dmitry
    Peskov" → "Kremlin spokesman"; "X, Germany's foreign minister" → "Germany's foreign
    minister"; never words holding one of ``others``, the other persons it names."""
    at = text.find(person)
    if at < 0:
        return ""
    parts = [strip_determiner(_before(p)) for p in text[:at].split(",")]
    rest = text[at + len(person) :].lstrip()
    if rest.startswith(",") and not _CONJUNCT.match(rest):  # "X, Germany's foreign minister,"
        parts.append(strip_determiner(_RELATIVE.sub("", rest[1:].split(",")[0])))
    parts = [d for p in parts for d in _descriptions(p)]
    roles = [
        p
        for p in parts
        if 0 < len(p.split()) <= _MAX_ROLE_WORDS
        and any(c.isalpha() for c in p)
        and p.lower().rstrip(".") not in _TITLES  # an honorific is no role
        and not _circumstance(p)
        and _describes_someone(p)
        and not any(o in p for o in others)
    ]
    return max(roles, key=lambda p: len(p.split()), default="")


#: "… and an associate professor at …": the next of two descriptions joined in one apposition.
_AND_ANOTHER = re.compile(r",? and (?:an?|the) ")


def _descriptions(part: str) -> list[str]:
    """A long apposition of descriptions joined by "and a": the first naming a body ("an
    outside adviser to the campaign … and an associate professor at New York University
    School of Law" → the professorship), else the first short enough; others whole."""
    if len(part.split()) <= _MAX_ROLE_WORDS:
        return [part]
    found = [strip_determiner(p) for p in _AND_ANOTHER.split(part)]
    if len(found) < 2:
        return [part]
    found = [p for p in found if len(p.split()) <= _MAX_ROLE_WORDS]
    named = [p for p in found if any(w[:1].isupper() for w in p.split()[1:])]
    return (named or found)[:1]


#: A dateline's dash ("WASHINGTON -- President X") and a relative clause ("X, the mayor who
#: …"): a role is the words after the one and before the other.
#: ", and …" after a name opens the next of a list of names, not what the name is.
_CONJUNCT = re.compile(r",\s*(?:and|or)\b")
_DATELINE = re.compile(r"\s(?:--|—|–)\s")
_RELATIVE = re.compile(r"\s(?:that|who|whom|which|whose)\s.*$", re.IGNORECASE)


def _before(part: str) -> str:
    """Words before a name after any dateline; none when a relative clause holds the name
    ("companies that had insured X": X is what they insured, not what they are)."""
    part = re.sub(r"^\s*(?:and|or)\s+", "", _DATELINE.split(part)[-1])  # a list's last
    return "" if _RELATIVE.search(part) else part


#: Words that open a phrase about a person's circumstances, not what they are ("under fire
#: over his taxes", "speaking in Berlin", "who …").
_NOT_ROLE = frozenset(
    """under over in on at after before during with without while when who which whose that
    speaking asked writing said says according also however meanwhile""".split()
)


def _describes_someone(part: str) -> bool:
    """A role has a common word or an office ("Kremlin spokesman", "Senate Majority Leader");
    capitalised words alone are another name ("Bill Clinton, Don Fowler, …")."""
    words = [w.strip(".,()").lower() for w in part.split()]
    office = any(w in OFFICES or w in PERSON_NOUNS or w in _TITLES for w in words)
    if len(words) == 1:  # "Rival", "memorable", "DNC": one word is a role only as an office
        return office
    return office or any(w[:1].islower() for w in part.split())


def _circumstance(part: str) -> bool:
    first = part.split()[0].lower()
    return first in _NOT_ROLE or (first.endswith("ing") and first.islower())


def office_in(text: str, person: str) -> str:
    """The office a source phrase gives a person, read as "Title of Place".

    "President X of Ukraine" and "Ukraine's President X" → "President of Ukraine";
    "X, the governor of the Belgorod region" → "governor of the Belgorod region".
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
        return ""
    if after.startswith(",") and not _CONJUNCT.match(after):
        found = _OFFICE_OF.match(after[1:].strip())  # "X, the governor of the region"
        if found:
            role = re.split(r" in | on | at | who | said", found.group(1))[0]
            role = _AND_ANOTHER.split(role)[0].strip()  # "director of X and a professor"
            return strip_determiner(role)
    return ""


def ends_with_word(name: str, word: str) -> bool:
    parts = name.split()
    return len(parts) > 1 and parts[-1].lower() == word.lower()


def drop_role(name: str) -> str:
    words = name.split()
    while len(words) > 2 and words[-1].lower() in ROLE_TAIL:
        words = words[:-1]
    return " ".join(words)


def strip_determiner(text: str) -> str:
    """Drop leading determiners, a trailing possessive and surrounding punctuation:
    "the BBC," → "BBC", "Donald Trump’s" → "Donald Trump"."""
    words = text.strip(" \t\n,;:—-–\"“”‘’'()").split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    if words and len(words[-1]) > 2 and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]
    return " ".join(words)
