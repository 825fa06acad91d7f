"""Kinds of answer: what a question asks for, and whether a sentence holds one.

"How many/much" asks for a quantity, "when" for a date, "who" for a person or
body, "where" for a place. ``holds_kind`` reads a sentence's words (and the
claimant the index found for it) for a thing of that kind: digits and number
words, month and weekday names and years, capitalised names and attributed
speakers, places after a locative preposition. Used by ``assistant.coverage``.
"""

from __future__ import annotations

import re

from .offices import held_elsewhere, holds_office_asked
from .text import content_words, fold, tokens

__all__ = ["KINDS", "asked_kind", "asked_target", "holds_kind", "has_figure"]

KINDS = ("quantity", "date", "place", "name", "person")

_ASKS = [
    (
        "quantity",
        r"\bhow (many|much|large|big|long|far|often|old)\b|\bwhat (number|percentage|share|"
        r"proportion|amount|figure|toll|size|population|price|score|death toll|rate|"
        r"growth rate|percent)\b|"
        r"\b(number|toll|count|tally|population|price|cost) of\b",
    ),
    (
        "date",
        r"^\s*(and )?when\b|\b(on|in|by|since|from|until) (what|which) (date|day|year|month)s?\b|"
        r"\b(what|which) (date|day|year|month|time)s?\b|\bwhen (did|was|were|is|will|had|has)\b",
    ),
    (
        "place",
        r"^\s*(and )?where\b|\b(which|what) (city|town|village|region|country|province|place|"
        r"area|location|oblast|district|port|base)\b|\bwhere (did|was|were|is|are|had)\b|"
        r"\b(which|what) (\w+ )?(street|avenue|neighbou?rhood|borough)\b",
    ),
    (
        "name",
        r"\b(which|what)\s+(?!(?:did|does|do|has|have|had|is|was|were|are|will|would)\b)"
        r"(\w+\s+){0,2}?(person|official|minister|spokesman|spokesperson|"
        r"commander|general|governor|leader|president|company|organi[sz]ation|group|unit|"
        r"brigade|agency|agencies|outlet|newspaper|politician|candidate|senator|lawmaker|judge|"
        r"country|countries|allies|ally|city|cities|town|towns|village|region|regions|province|"
        r"provinces|state|states|place|area|oblast|district|port|base|song|play|show|station|"
        r"programme|program|channel|union|party|theater|theatre|reporter|writer|team)\b",
    ),
    (
        "person",
        r"^\s*(and )?(who|whom)\b|\b(which|what) (person|official|minister|spokesman|"
        r"spokesperson|commander|general|governor|leader|president|company|organi[sz]ation|"
        r"group|unit|agency|outlet|newspaper|politician|candidate|senator|lawmaker|judge|"
        r"country|side)\b|\bname of\b|\bwho (is|was|said|says|claimed|told|confirmed)\b|"
        r"\baccording to whom\b",
    ),
]
_ASKS = [(kind, re.compile(pattern, re.I)) for kind, pattern in _ASKS]

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_MONTH = r"\b(" + "|".join(_MONTHS.split()) + r")\b\.?"
_WEEKDAY = r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
_YEAR = r"\b(1[89]\d\d|20\d\d)\b"
_RELATIVE = (
    r"\b(yesterday|today|tonight|this (week|month|year|morning)|last (week|month|year|night)|"
    r"(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several) "
    r"(days?|weeks?|months?|years?|hours?) (ago|earlier|later|before|after)|"
    r"the (next|following|previous) (day|week|month))\b"
)
_DATE = re.compile("|".join((_MONTH, _WEEKDAY, _YEAR, _RELATIVE)), re.I)

_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion billions trillion dozen "
    "dozens lakh lakhs crore half quarter percent"
)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS.split()) + r")\b", re.I)
# a number that is a count: not a year, not inside a name like Ka-52, not an ordinal (72nd)
_DIGITS = re.compile(r"(?<![\w-])\d[\d,.]*(?!\w)(?!-\w)")
_YEAR_ONLY = re.compile(r"(1[89]\d\d|20\d\d)[.,]?")

_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z][\w’'-]+")
#: A name where something happens or goes: "in Lisichansk", "on West 23rd Street",
#: "the premises of Hofstra University".
_PLACE = re.compile(
    r"\b(?:in|at|on|off|from|near|to|into|outside|across|around|towards?|(?:premises|"
    r"outskirts|centre|center|city|town|village|streets|port) of)\s+(?:the\s+)?"
    r"(?P<n>[A-Z][\w’'-]+)"
)
_NOT_NAMES = frozenset(
    (_MONTHS + " monday tuesday wednesday thursday friday saturday sunday the a an this that "
     "these those it they he she we i but and or however meanwhile").split()
)  # fmt: skip


def asked_kind(question: str) -> str | None:
    """``quantity``, ``date``, ``place`` or ``person`` when the question asks for one."""
    for kind, pattern in _ASKS:
        if pattern.search(question):
            return kind
    return None


_AUX = frozenset(
    "did do does were was are is have has had will would could can should must may might "
    "shall been be being "
    "and or that which who of in on at to for by from per".split()
)
_TARGET = re.compile(r"\bhow (?:many|much)\s+(?P<t>[^,.?;:]*)", re.I)
_WHO_VERB = re.compile(r"\bwho\s+(?:has\s+|had\s+|will\s+|would\s+)?(?P<v>[a-z]+)", re.I)
#: "who was arrested", "who has been charged": the deed, a past participle
_WHO_DONE = re.compile(
    r"^\s*(?:and\s+)?who\s+(?:was|were|is|are|has been|had been)\s+(?P<v>[a-z]+ed)\b", re.I
)
#: "which team won", "which company bought": the deed asked about, a verb in the past tense
#: (a phrasal verb, "turned down", is not its first word and is left alone)
_WHICH_VERB = re.compile(
    r"^\s*(?:and\s+)?which\s+[a-z]+\s+(?P<v>[a-z]+)\b(?!\s+(?:down|up|out|off|over|back)\b)",
    re.I,
)  # a phrasal verb ("turned down") is not its first word
_PAST = frozenset(
    "won lost wrote led beat took made gave sent built bought sold shot struck ran left became "
    "held paid broke chose drew fought found got hid hit kept knew meant met put rose sank "
    "sought spent stole swore threw tore wore".split()
)
#: "what is the capital of Australia", "what currency does Switzerland use": the thing asked for
_WHAT_OF = re.compile(
    r"^\s*what\s+(?:(?:is|was|are|were)\s+(?:the|a|an)\s+(?P<t>[a-z]+)\s+of\b|"
    r"(?P<u>[a-z]+)\s+(?:does|do|did)\s+[\w' ]+?\s+use\b)",
    re.I,
)
_GENERAL = frozenset("name kind type number date result cause reason purpose goal".split())
_LINKING = frozenset(
    "is was are were has have had will would could can did does do the a an been being be".split()
)


def asked_target(question: str) -> tuple[str, ...]:
    """The folded words naming what is counted ("russian soldiers") or done ("commands")."""
    m = _TARGET.search(question)
    if m:
        words = []
        for w in m.group("t").split():
            if w.lower() in _AUX:
                break
            words.append(w.strip("\"'’“”").lower())
        return tuple(words)
    m = _WHO_DONE.search(question) or _WHO_VERB.search(question)
    if m and m.group("v").lower() not in _LINKING:
        return (m.group("v").lower(),)
    m = _WHICH_VERB.search(question)
    verb = m and m.group("v").lower()
    if verb and verb not in _LINKING and (verb.endswith("ed") or verb in _PAST):
        return (verb,)
    m = _WHAT_OF.search(question)
    thing = m and (m.group("t") or m.group("u")).lower()
    if thing and thing not in _GENERAL:
        return (thing,)
    return ()


def _stem(word: str) -> str:
    found = tokens(word)
    return found[0] if found else word.lower()


_SPEECH = frozenset(
    "said says say claimed claims claim told tells reported reports announced stated wrote "
    "tweeted argued insisted warned alleged accused suggested".split()
)


def _counts(
    text: str,
    target: tuple[str, ...],
    names: tuple[str, ...],
    similar=None,
    subject: frozenset[str] = frozenset(),
) -> bool:
    """A count in ``text`` of what ``target`` names, not of something else named otherwise.

    People counted by their name ("1.5 million Armenians") count as the "people" asked
    for only beside a word of the question's ``subject`` ("killed"), not "admitted"."""
    numbers = [m for m in _DIGITS.finditer(text) if not _YEAR_ONLY.fullmatch(m.group(0))]
    numbers += list(_NUMBER_WORD.finditer(text))
    if not numbers:
        return False
    if not target:
        return True
    things = [w for w in target if w not in names and w not in _NOT_THINGS]
    if not things:
        return True
    heads = {_stem(things[-1])}  # "how many people live": a count of people living
    wanted = {w for w in target[:-1] if w in names}
    for m in numbers:
        phrase = text[m.end() : m.end() + 60].split()[:5]
        unit = phrase and _stem(phrase[0].strip(",.;:")) in _UNIT_STEMS
        if unit and not heads & _UNIT_STEMS:
            continue  # "in the last 48 hours": a span of time, not a count of soldiers
        stems = {_stem(w.strip(",.;:“”\"'’")) for w in phrase}
        if heads & _PEOPLE and _counts_a_people(phrase):
            around = text[max(0, m.start() - 40) : m.end() + 60].split()
            done = subject - heads - {_stem(n) for n in names}
            if done & {_stem(w.strip(",.;:“”\"'’")) for w in around}:
                stems |= heads  # "killed 1.5 million Armenians": a count of people by name
        if not heads & stems and not (
            similar and similar(" ".join(target), " ".join(phrase)) >= _SAME_THING
        ):
            continue
        named = {w.strip(",.;:“”\"'’").lower() for w in phrase if w[:1].isupper()}
        if wanted and named and not (wanted & named):
            continue  # "750 Ukrainian soldiers" does not count Russian soldiers
        return True
    return False


#: Counted words that ask for people of any kind ("how many people were killed").
_PEOPLE = frozenset({"peopl", "person"})


#: "how much did X pay": an amount of money; "how long/far/often": a figure with its unit
_PAYING = (
    "pay paid cost costs spend spent earn earned raise raised charge charged donate donated "
    "sell sold buy bought worth fee fees price"
)
_MONEY_ASKED = re.compile(r"(?i)\bhow much\b.*\b(" + "|".join(_PAYING.split()) + r")\b")
_UNIT_ASKED = re.compile(r"(?i)\bhow (long|far|often)\b")
_MONEY = re.compile(
    r"(?i)[$£€]\s?\d|\b\d[\d,.]*\s*(?:million|billion|thousand|trillion)?\s*"
    r"(?:dollars|pounds|euros|cents|bucks)\b"
)
_UNIT_WORDS = (
    "seconds? minutes? hours? days? weeks? months? years? decades? centuries miles? "
    "kilomet(?:er|re)s? km met(?:er|re)s? feet foot yards? inches times"
)
#: Stems of the units (the words above as written in the plural).
_UNIT_STEMS = frozenset(
    _stem(w) for w in "seconds minutes hours days weeks months years decades centuries".split()
)
_UNITS = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|"
    r"hundreds of|thousands of)[\s-]+(?:" + "|".join(_UNIT_WORDS.split()) + r")\b",
    re.I,
)


def _measure(question: str) -> re.Pattern | None:
    """What a "how much/long" question with nothing counted asks for: money or a unit."""
    if _MONEY_ASKED.search(question):
        return _MONEY
    if _UNIT_ASKED.search(question):
        return _UNITS
    return None


def _counts_a_people(phrase: list[str]) -> bool:
    """The words after a number name a people: "million Armenians, Assyrians" (a capitalised
    plural right after the number or its "million"/"thousand")."""
    words = [w.strip(",.;:“”\"'’") for w in phrase[:2]]
    if words and words[0].lower() in ("million", "thousand", "hundred", "billion"):
        words = words[1:]
    return bool(words) and words[0][:1].isupper() and words[0].endswith("s")


def has_figure(text: str) -> bool:
    """``text`` holds a figure in digits that is not a year ("5,300", not "thousands", "2016")."""
    return any(not _YEAR_ONLY.fullmatch(m.group(0)) for m in _DIGITS.finditer(text))


def _names(text: str) -> list[str]:
    return [m.group(0) for m in _CAPITAL.finditer(text) if m.group(0).lower() not in _NOT_NAMES]


#: Words after "how much" that are not what is counted ("how much more did X give").
_NOT_THINGS = frozenset("more less fewer further longer extra exactly roughly about".split())

#: cosine above which a counted phrase names the question's target ("troops" / "soldiers")
_SAME_THING = 0.5


def holds_kind(
    text: str, asked, claimant: str = "", attributed: bool = False, similar=None
) -> bool:
    """Whether ``text`` holds a thing of ``asked.kind`` tied to what the question asks.

    A count must count the question's target ("how many soldiers" → "750 soldiers",
    or a phrase ``similar`` finds close: "how many troops" → "750 soldiers");
    a person must not be one the question already names, and "who commands" needs
    "command" in the sentence; a claimant the index found counts as a person or body.
    """
    kind, target = asked.kind, asked.target
    if kind == "quantity":
        if not target and (measure := _measure(asked.text)):
            return bool(measure.search(text))  # "$48,000", "every 72 minutes"; not "one of"
        return _counts(text, target, asked.names, similar, asked.subject)
    if kind == "date":
        if asked.year:
            return bool(re.search(_YEAR, text))
        return bool(_DATE.search(text))
    if kind == "place":  # a name after "in", "at", "from" …, not "the Donetsk region's"
        places = (fold_name(m.group("n")) for m in _PLACE.finditer(text))
        return any(p not in asked.words and p not in _NOT_NAMES for p in places)
    if kind in ("name", "person") and not _does(asked, text):
        return False  # "who invented the telephone": the deed and what it was done to
    if kind == "name":
        return any(fold_name(n) not in asked.words for n in _names(text))
    if kind == "person":
        if held_elsewhere(asked.text, text) or not holds_office_asked(asked.text, text, claimant):
            return False
        people = [fold_name(n) for n in _names(text)]
        if attributed:
            people += [fold_name(w) for w in claimant.replace(";", " ").split() if w[:1].isupper()]
        return any(p not in asked.words for p in people if p)
    raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")


#: Saying verbs that also ask who made a thing ("who wrote the anthem"): the deed must be there.
_AUTHORED = frozenset({"wrote", "writes", "write"})


def _does(asked, text: str) -> bool:
    """``text`` holds the deed a "who"/"which" question asks about (any saying verb will do)
    and, unless it is a name, the question's last word, what the deed was done to ("won …
    the election", not "won … the caucuses")."""
    verb = asked.target[0] if asked.target else ""
    if not verb or (verb in _SPEECH and verb not in _AUTHORED):
        return True
    words = content_words(text)
    thing = asked.last if asked.last != verb else ""
    return _stem(verb) in words and (not thing or _stem(thing) in words)


def fold_name(word: str) -> str:
    """A capitalised word as the question's names are kept: folded, no possessive."""
    return fold(word).strip(".,;:()").removesuffix("'s")
