"""Reading a question: what it asks for, its subject, the names it holds, the speaker asked about.

A question is read once, where it enters (``assistant.answering``), and the ``Asked`` is
passed down: to ``assistant.coverage`` (does the evidence hold what is asked?), to
``assistant.conversation`` (whose words a follow-up drops) and to ``assistant.compose``
(how an answer opens). Pure text: no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.attribution.lexicon import (
    OFFICES,
    ORGANISATION_NOUNS,
    PERSON_NOUNS,
    ROLE_SYNONYMS,
    ROLE_TAIL,
)

from .kinds import asked_kind, asked_target
from .text import fold, tokens

__all__ = ["Asked", "Office", "read_question", "name_in", "words_of"]

_FRAME = frozenset(
    tokens(
        "exactly exact precisely total number figure amount date day year month time kind type "
        "name named happen happened happening know known report reported claim claimed claims "
        "describe described mention mentioned give given make made take place think thought "
        "source sources article articles news recent latest currently current really get got "
        "still well just actually approximately roughly around happen occur first "
        "announce announced state stated side sides each"
    )
)
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_COMMON = frozenset(
    "what why who whom when where how which did does do is was were are has have had can could "
    "would should will and but so then also according in on at for of to the a an give across "
    "over during after before since if whether".split()
)
#: Capitalised words that are never names: a pronoun opening a quotation ("''We've shown
#: the world …''"), a contraction ("Don't", "It's").
_NOT_A_NAME = re.compile(
    r"^(?:I|We|You|They|He|She|It|This|That|These|Those|Our|My|Your|Their|There|Here)$|"
    r"^\w+['’](?:ve|m|re|ll|d|t|s)$(?<!['’]s)|^\w+n['’]t$|^(?:It|That|There|Here|What)['’]s$"
)
_ACCORDING = re.compile(r"^\s*according to (?P<the>the\s+)?(?P<who>[^,?]{2,50}),", re.I)
#: "what did X say": the verb in lower case ("Secretary of State Jon Husted say" → the name)
_SPEAKER = re.compile(
    r"\b(?:did|does|do|has|have|had)\s+(?P<the>the\s+)?(?P<who>[\w’'.\- ]{2,50}?)\s+"
    r"(?-i:say|said|claim|claimed|report|reported|tell|told|announce|state|allege|deny|admit|"
    r"warn|accuse|argue|insist|think|write|tweet|call|describe|estimate|predict|forecast|"
    r"promise|pledge|vow|suggest|propose|confirm|threaten|urge|blame|concede|acknowledge|"
    r"explain|respond|react|justify|characteri[sz]e)\b",
    re.I,
)


#: "which Manhattan street", "what Ukrainian region": names between "which" and the thing
_WHICH_NAMED = re.compile(
    r"\b(?:[Ww]hich|[Ww]hat)\s+((?:[A-Z][\w’'-]*\s+){1,3})(?:street|avenue|town|city|village|region|"
    r"province|district|country|state|port|base|area|neighbou?rhood|oblast)\b"
)
_WHO_CLAIMS = re.compile(
    r"^\s*(?:and\s+)?(?:who|which \w+)\s+(?:\w+\s+)?(?:says?|said|claims?|claimed|reports?|"
    r"reported|alleges?|alleged|told|tells|announced|stated|insists?|insisted)\s+(?:that\s+)?"
    r"(?P<x>[^?]+)",
    re.I,
)
_GENERIC = frozenset("the a an of its his her their own each both side sides reports".split())
#: Where a question asking two things splits: ", and how much …", " and by how much …".
_PART = re.compile(
    r",?\s+and\s+(?=(?:(?:by|in|on|at|for|to|from|with|of)\s+)?(?:how|what|when|which|who|where)\b)",
    re.I,
)
_PUBLISHED = re.compile(
    r"\b(when|what date|which day|what day)\b.*\b(share|shared|post|posted|release|released|"
    r"publish|published|report|reported|announce|announced|tweet|tweeted|air|aired|"
    r"broadcast|say|said)\b",
    re.I,
)


#: Words naming an office or a body that speaks ("minister", "ministry", "chief", "brigade").
OFFICE_WORDS = OFFICES | PERSON_NOUNS | ORGANISATION_NOUNS | ROLE_TAIL | frozenset(ROLE_SYNONYMS)


@dataclass(frozen=True)
class Office:
    """A speaker asked about by office or body ("Russia's defence ministry", "the IAEA chief",
    "Wagner boss Prigozhin"), its folded words sorted by what they do: the office words
    (``OFFICE_WORDS``: "ministry", "chief"), the owners written with a capital or an "'s"
    ("russia", "iaea"), the qualifiers written in lower case ("defence"), and the name of the
    person holding it, written after the office ("prigozhin")."""

    words: tuple[str, ...]
    owners: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    name: tuple[str, ...] = ()


@dataclass(frozen=True)
class Asked:
    """What a question asks: its kind and target, subject words, names and speaker."""

    kind: str | None
    target: tuple[str, ...]  # the words of what is counted/asked for ("russian", "soldiers")
    subject: frozenset[str]  # stemmed words of the subject
    names: tuple[str, ...]  # folded name words ("prigozhin", "bakhmut")
    speaker: tuple[str, ...]  # folded name words of the speaker asked about
    published: bool = False  # "when did RT share …": the article's own date answers
    year: bool = False  # "in what year …": only a year answers
    words: frozenset[str] = frozenset()  # every folded word of the question
    claim: tuple[str, ...] = ()  # "who claims that X": X's stemmed words, in order
    text: str = ""  # the question as it was asked
    years: tuple[int, ...] = ()  # the years the question names ("in 2024" → 2024)
    #: names that describe the thing asked for ("which Manhattan street"), not its subject
    describing: tuple[str, ...] = ()
    #: the question's last word when it is a plain word ("born", "election"), not a name
    last: str = ""
    #: two capitalised words standing alone as one name ("World Cup"), folded
    pairs: tuple[tuple[str, str], ...] = ()
    #: two questions joined by "and" ("how many X …, and how much Y …"), each read alone
    parts: tuple[Asked, ...] = ()
    #: the speaker asked about as the question writes it ("the IAEA chief"), for the answer
    speaker_text: str = ""
    #: the speaker's office or body, when the question names one (``Office``)
    office: Office | None = None
    #: a claim the question opens with, read as "what did X say about it" ("Western media
    #: say Russia's front line has collapsed. Does Moscow accept that?"): the other side
    premise: Asked | None = None


def _name_words(text: str) -> list[str]:
    """Folded capitalised words, skipping a sentence's first word unless it is a name for sure."""
    names: list[str] = []
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        for i, raw in enumerate(re.findall(r"[\w’'.-]+", sentence)):
            w = raw.strip(".'’-")
            if not w[:1].isupper() or len(w) < 2:
                continue
            first_sure = w.isupper() or raw.endswith(("’s", "'s"))
            if (i == 0 and not first_sure) or w.lower() in _COMMON or _NOT_A_NAME.match(w):
                continue
            if "-" in w and w.rsplit("-", 1)[1][:1].islower():  # "American-made": a description
                continue
            name = fold(w).removesuffix("'s")
            if (len(name) >= 3 or w.isupper()) and name not in _MONTHS_DAYS and name not in names:
                names.append(name)
    return names


def read_question(question: str, whole: bool = True) -> Asked:
    """The kind, target, subject, names and speaker of ``question``; with ``whole``, the
    parts of a question asking two or three things, each read alone (``Asked.parts``)."""
    names = _name_words(question)
    m = _ACCORDING.search(question) or _SPEAKER.search(question)
    speaker, speaker_text, office = (), "", None
    if m and m.group("who").lower().split()[0] not in ("whom", "who", "it", "they"):
        speaker = tuple(w for w in words_of(m.group("who")) if len(w) >= 2 and w not in _GENERIC)
        speaker_text = f"{(m.group('the') or '').lower()}{m.group('who').strip()}"
        office = _office(m.group("who"))
    subject = frozenset(w for w in tokens(question) if w not in _FRAME)
    kind = asked_kind(question)
    published = kind == "date" and bool(_PUBLISHED.search(question))
    year = kind == "date" and bool(re.search(r"\b(what|which) years?\b", question, re.I))
    return Asked(
        kind,
        asked_target(question),
        subject,
        tuple(names),
        speaker,
        published,
        year,
        frozenset(words_of(question)),
        tuple(tokens(m.group("x"))) if (m := _WHO_CLAIMS.search(question)) else (),
        question,
        tuple(int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", question)),
        tuple(n for m in _WHICH_NAMED.finditer(question) for n in _name_words(f"x {m.group(1)}")),
        _last_plain_word(question),
        _two_word_names(question, names),
        _parts(question) if whole else (),
        speaker_text,
        office,
        _premise(question) if whole else None,
    )


def _office(who: str) -> Office | None:
    """The office or body of a speaker as written ("Russia's defence ministry"), or None when
    no word of it names one ("Zelensky", "Russia", "RT")."""
    raw = re.findall(r"[\w’'.-]+", who)
    folded = [next(iter(words_of(w)), "") for w in raw]
    at = [i for i, w in enumerate(folded) if w in OFFICE_WORDS or w[:-1] in OFFICE_WORDS]
    if not at:
        return None
    last = at[-1]
    named = last + 1 < len(raw) and folded[last + 1] != "of"  # "boss Prigozhin", not "of State"
    owners, qualifiers, name = [], [], []
    for i, (w, f) in enumerate(zip(raw, folded)):
        if i in at or len(f) < 2 or f in _GENERIC:
            continue
        if named and i > last:
            name.append(f)
        elif w[:1].isupper() or re.search(r"['’]s$", w):
            owners.append(f)
        else:
            qualifiers.append(f)
    office = tuple(folded[i] for i in at)
    return Office(office, tuple(owners), tuple(qualifiers), tuple(name))


def _two_word_names(question: str, names: list[str]) -> tuple[tuple[str, str], ...]:
    """Names of exactly two capitalised words, neither a sentence's first word: "the 2022
    World Cup", not "Secretary of State Jon Husted" (three in a row) nor "Ohio's Secretary"."""
    pairs = []
    for sentence in re.split(r"(?<=[.?!])\s+", question):
        runs = re.findall(r"(?<=\s)[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*", sentence)
        for run in runs:
            raw = run.split()
            if len(raw) != 2 or re.search(r"['’]s$", raw[0]):  # "Ohio's Secretary": two names
                continue
            words = [fold(w.strip(".'’-?")).removesuffix("'s") for w in raw]
            if all(w in names for w in words):
                pairs.append((words[0], words[1]))
    return tuple(pairs)


def _parts(question: str) -> tuple[Asked, ...]:
    """The parts of "How many X …, and how much Y …?", each read alone; none for one question."""
    pieces = [p.strip() for p in _PART.split(question.strip()) if p.strip()]
    if not 2 <= len(pieces) <= 3:
        return ()
    return tuple(read_question(p[0].upper() + p[1:], whole=False) for p in pieces)


#: A question opening with someone's claim: "X says P. What does Y …?", "X says P, but …".
_PREMISE = re.compile(
    r"^\s*(?P<who>[\w’'.-]+(?:\s+[\w’'.-]+){0,4}?)\s+(?:says?|said|claims?|claimed|insists?|"
    r"insisted|reports?|reported|shows?|showed|announced|maintains?)\s+(?:that\s+)?"
    r"(?P<claim>[^.?!;]+?)(?:\.\s+|,\s+but\s+|;\s+)(?P<rest>[^.]+\?)\s*$"
)


def _premise(question: str) -> Asked | None:
    """The claim a question opens with, read as a question of its own about its speaker."""
    m = _PREMISE.match(question)
    if not m or m.group("who").split()[0].lower() in _COMMON:
        return None
    return read_question(f"What did {m.group('who')} say about {m.group('claim')}?", whole=False)


def _last_plain_word(question: str) -> str:
    """The last word of the question's first sentence, folded, when written in lower case."""
    words = re.findall(r"[^\W\d_][\w’'-]*", question.split("?")[0])
    return fold(words[-1]) if words and words[-1][:1].islower() else ""


_INITIALS = re.compile(r"\b(?:[a-z]\.){2,}")


def words_of(text: str) -> list[str]:
    """Folded words, a possessive ending dropped as in the question's names ("RT's" → "rt")."""
    text = _INITIALS.sub(lambda m: m.group(0).replace(".", ""), fold(text))  # U.S. → us
    words = (w.removesuffix("'s").rstrip("'") for w in re.findall(r"[\w'-]+", text))
    return [w for w in words if w]


def name_in(name: str, words) -> bool:
    """Whether ``name`` is among ``words``, allowing other spellings (Izyum/Izium, Russia/n)."""
    for w in words:
        if w == name or (len(name) >= 5 and len(w) >= 5 and w[:5] == name[:5]):
            return True
        if len(name) >= 5 and abs(len(w) - len(name)) <= 1 and _one_edit(w, name):
            return True
    return False


def _one_edit(a: str, b: str) -> bool:
    """At most one substitution, insertion or deletion apart."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]
