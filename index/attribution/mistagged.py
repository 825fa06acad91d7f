"""Names the NER got wrong in a source phrase, put right from the phrase's words.

``index.attribution.claimants`` asks here which words of a source phrase name a
person before it resolves them: a body the NER took for a person's name ("Nice
Mayor Christian Estrosi" tagged as an organisation), a place before an office
taken for a person ("Zaporizhzhia governor Ivan Fedorov"), an occasion word run
into a name ("Zelensky Address"), a role that holds another person's name, and
whether a body stands beside a person (the body they speak for) or is only an
object of the sentence ("X told Wells Fargo"). Plain string work, no spaCy.
"""

from __future__ import annotations

import re

from index.attribution.lexicon import CARRIER_NOUNS, OFFICES, PERSON_NOUNS, RANKS, TITLES
from index.attribution.roles import office_in, proper_kind, role_in
from index.attribution.speakers import kind_of_noun

__all__ = [
    "OCCASIONS",
    "named_persons",
    "named_like_a_person",
    "drop_nickname",
    "own_role",
    "beside",
    "person_in_body",
]

#: Words that say what someone did, not who they are, when a name ends with them
#: ("Zelensky Address: …" in a headline is Zelensky).
OCCASIONS = CARRIER_NOUNS | frozenset("address interview talks briefing visit".split())
#: Words that may stand between a body and a person for the body to be who they speak for,
#: with offices: "Wells Fargo's John Stumpf", "John Stumpf of Wells Fargo", "Wells Fargo CEO
#: John Stumpf".
_LINKS = frozenset("of at from for with the s".split())


def named_persons(text: str, persons: list[str]) -> list[str]:
    """The persons a source phrase names: a name's closing occasion word dropped ("Zelensky
    Address" → "Zelensky"); not, beside another name, a word before an office ("Zaporizhzhia
    governor Ivan Fedorov") or words ending in one ("Charlotte Mayor" Jennifer Roberts)."""
    found = []
    for person in persons:
        person = _with_nickname(text, person)
        words = person.split()
        while len(words) > 1 and words[-1].lower() in OCCASIONS:
            words = words[:-1]
        person = " ".join(words)
        at = text.find(person)
        after = text[at + len(person) :].split() if at >= 0 else []
        office = after[:1] and after[0].islower() and after[0].strip(",") in OFFICES | PERSON_NOUNS
        titled = words[-1].lower() in OFFICES  # "Charlotte Mayor" tagged as a person
        if person and not ((office or titled) and len(persons) > 1):
            found.append(person)
    return found


#: The rest of a name after a nickname's opening quote mark: "Tig” Tiegen".
_NICKNAME_END = re.compile(r"[\w.'’-]*[”\"]\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
_NICKNAME = re.compile(r"\s*[“\"][^”\"]*[”\"]")


def _with_nickname(text: str, person: str) -> str:
    """A name the NER cut at a nickname's opening quote mark, whole: "Marine John “Tig" in
    "Marine John “Tig” Tiegen" → "Marine John “Tig” Tiegen" (``drop_nickname`` shows it
    without)."""
    marks = person.count("“") + person.count('"') - person.count("”")
    at = text.find(person)
    if marks <= 0 or at < 0:
        return person
    rest = _NICKNAME_END.match(text, at + len(person))
    return text[at : rest.end()] if rest else person


def drop_nickname(name: str) -> str:
    """A name without a nickname in quote marks: "John “Tig” Tiegen" → "John Tiegen"."""
    return " ".join(_NICKNAME.sub("", name).replace("“", "").replace('"', "").split())


def own_role(role: str, person: str, persons: list[str]) -> str:
    """A role, unless it holds another person's full name ("Federal Chancellor of Germany Olaf
    Scholz" is no role of Macron's; "Clinton spokesman" stays Nick Merrill's)."""
    others = [p for p in persons if len(p.split()) > 1 and p != person and p not in person]
    return "" if any(p in role for p in others) else role


def beside(text: str, body: str, person: str) -> bool:
    """Whether ``body`` stands right beside ``person`` in ``text``, only linking words and
    offices between: the body they speak for, not an object of the sentence ("Elizabeth
    Warren Hammers Wells Fargo CEO")."""
    b, p = text.find(body), text.find(person)
    if b < 0 or p < 0:
        return False
    gap = text[b + len(body) : p] if b < p else text[p + len(person) : b]
    words = re.findall(r"\w+", gap.lower())
    return all(w in _LINKS or w in OFFICES or w in PERSON_NOUNS for w in words)


def person_in_body(text: str, body: str, org: bool = True) -> str:
    """The person's name in a body the NER mistook for one, or "": after an office inside it
    ("Nice Mayor Christian Estrosi"), or a name of two or three words with a title before it
    ("German Chancellor Olaf Scholz") or, tagged as an organisation (``org``), an office
    beside it ("X, a former mayor of Nice,")."""
    words = body.split()
    for i, word in enumerate(words[:-1]):
        rest = " ".join(words[i + 1 :])
        if word[:1].isupper() and word.lower() in OFFICES and proper_kind(rest) == "person":
            return rest
        if _ranks(words[: i + 1]) and not _ranks(words[i + 1 : i + 2]):
            if proper_kind(rest) == "person":  # "Lieutenant General Kyrylo Budanov"
                return rest
    before = text[: max(text.find(body), 0)].split()
    if len(words) == 1 and before and _a_title(before[-1]) and body[1:].islower():
        return body  # "Chancellor Scholz", "Mr. Scholz": a surname the NER took for a place
    if proper_kind(body) != "person":
        return ""
    if before and kind_of_noun(before[-1].strip(",")) == "unnamed":
        return body
    if not org:  # a place or a people ("United States") is read by its title alone
        return ""
    role = office_in(text, body) or role_in(text, body)  # "a journalist", "mayor of Nice"
    return body if any(_a_person_word(w) for w in role.split()) else ""


def _ranks(words: list[str]) -> bool:
    """Whether capitalised words are all military ranks ("Lieutenant General")."""
    return bool(words) and all(w[:1].isupper() and w.lower() in RANKS for w in words)


def _a_title(word: str) -> bool:
    """A capitalised office or honorific just before a name: "Chancellor", "Mr.", "Gen."."""
    plain = word.lower().rstrip(".")
    return word[:1].isupper() and (plain in OFFICES or plain in TITLES)


def named_like_a_person(name: str) -> bool:
    """Whether a name the NER took for a body reads as a person's: two or three capitalised
    words, the last no body noun ("Volodymyr Zelenskiy"; not "Security Council")."""
    return proper_kind(name) == "person" and kind_of_noun(name.split()[-1]) is None


def _a_person_word(word: str) -> bool:
    """An office, a person noun, or a word made like one only a person can be ("journalist",
    "historian", "chairwoman"); not "lender" or "carrier", which a company can be."""
    word = word.lower().strip(",.;:")
    return word in OFFICES or word in PERSON_NOUNS or word.endswith(("ist", "ian", "man"))
