"""Speakers: what kind of speaker a source phrase names, their role, and their archive id.

``index.attribution.claimants`` resolves a source phrase to a name and a role; this
module says what the phrase names (a person, a body, a group, a document, an
outlet, someone unnamed — or nothing that can speak: "the gambit", "the tally"),
cleans names of markup ("00:42 Boris Johnson"), shows outlets' file tags by their
names ("nyt" → "The New York Times"), and gives a speaker the id that is the same
in every article (``speaker_id``; a body's in one spelling and word order: "Russian
Defense Ministry" is the "Russian Ministry of Defence"); the catalogue links surname-only
mentions across articles (``index.catalogue``).
"""

from __future__ import annotations

import re

from index.attribution.lexicon import (
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    OFFICES,
    ORGANISATION_NOUNS,
    PERSON_NOUNS,
    ROLE_SYNONYMS,
    TITLES,
    UNNAMED_PRONOUNS,
)
from index.models import Speaker
from index.names import body_key, fold, outlet_name

__all__ = [
    "kind_of_noun",
    "clean_name",
    "outlet_name",
    "speaker_id",
    "make_speaker",
    "voice_speaker",
    "role_words",
    "role_beside",
    "same_role_word",
]

#: Markup, timestamps and dates that may lead a name in live blogs and feeds ("00:42 Boris
#: Johnson", "27.09.22 12:25 - Boris Johnson").
_LEADING_JUNK = re.compile(
    r"^(?:[\W_]+|\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?\b)\s*", re.I
)
_SLUG = re.compile(r"[^a-z0-9]+")
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ent", "ant", "man", "woman", "ee", "eer")


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")) and len(word) > 5:
        return word[:-2]  # "witnesses", "churches"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def kind_of_noun(head: str) -> str | None:
    """The kind of speaker a common noun names, or None when it names none ("gambit").

    "the minister", "officials" → unnamed; "protesters" → group; "the report" → document;
    "the ministry" → organisation, "companies" → group (bodies not named). A noun that ends
    like one naming a person ("-er", "-ist", "-ian": "announcer", "economist") counts as one.
    """
    word = head.lower().strip(".,;:'’\"“”")
    one = _singular(word)
    if word in UNNAMED_PRONOUNS:
        return "unnamed"
    if one in PERSON_NOUNS or one in OFFICES or word in PERSON_NOUNS:
        return "unnamed"
    if one in GROUP_NOUNS or word in GROUP_NOUNS:
        return "group"
    if one in DOCUMENT_NOUNS or word in DOCUMENT_NOUNS:
        return "document"
    if word in ORGANISATION_NOUNS:
        return "organisation"
    if one in ORGANISATION_NOUNS:
        return "group"
    if len(one) > 4 and one.endswith(_PERSON_SUFFIXES):
        return "group" if one != word else "unnamed"
    return None


def clean_name(text: str) -> str:
    """A name without leading markup, bullets, numbers or timestamps."""
    before = None
    while before != text:
        before, text = text, _LEADING_JUNK.sub("", text, count=1)
    return text.strip(" \t\n,;:—-–\"“”‘’'()[]")


def speaker_id(name: str, kind: str) -> str:
    """The archive id of a named speaker: its kind's letter and its folded name
    ("person:annalena-baerbock"); the same wherever the same full name appears."""
    key = body_key(name) if kind in ("organisation", "group") else fold(name)
    slug = _SLUG.sub("-", key).strip("-") or "none"
    return f"{kind}:{slug}"


def make_speaker(name: str, role: str = "", kind: str = "unnamed") -> Speaker:
    """A Speaker with its id. A place in the possessive before a person's name is their role
    ("Ukraine's Zelenskiy" → "Zelenskiy", "Ukraine"); a role that only repeats the name, or
    that is a headline's fragment ("Appeal of", "Biden to", "hostilities continue"), is
    dropped."""
    name, role = clean_name(name), _plain_role(clean_name(role))
    owned = _OWNED_NAME.match(name) if kind == "person" else None
    if owned:
        name, role = owned.group(2), role or owned.group(1)
    if role and (fold(role) in fold(name) or fold(name) == fold(role) or _fragment(role)):
        role = ""
    return Speaker(speaker_id(name, kind), name, role, kind)


#: A person's name after one or two capitalised words in the possessive ("Ukraine's Zelenskiy").
_OWNED_NAME = re.compile(
    r"^((?:[A-Z][\w.-]* )?[A-Z][\w.-]*)['’]s ([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*)$"
)
#: Words a role does not end with: it was cut from a headline ("Appeal of", "Scholz and").
_OPEN_ENDS = frozenset("of to and about on with against over for from by in at the or".split())


#: A dateline's dash: "WASHINGTON -- President" is the role "President".
_DATELINE = re.compile(r"\s(?:--|—|–)\s")
#: Words after which a title before the name begins: "top adviser for President X" gives X
#: "President"; "rival Sen.", "Clinton and Sen." give nothing but the honorific.
_LINKS = frozenset("for of against and to with by from about on who that which whose".split())
_PREPOSITION = re.compile(r" (?:of|at|for|in|with|to|from|on) ")
_ACRONYM = re.compile(r"^[A-Z][A-Z.&-]{1,5}$")


def _names_someone(word: str) -> bool:
    """Whether a role's head word says what someone is: an office, a person or group noun, a
    body noun ("campaign"), a title ("Sen.")."""
    plain = word.lower().strip(".,;:'’")
    return plain in TITLES or kind_of_noun(plain) in ("unnamed", "group", "organisation")


def _a_title(word: str) -> bool:
    """An office, person noun or honorific: the word just before a name it describes; not a
    word only ending like one ("Center")."""
    plain = word.lower().strip(".,;:'’").split("-")[-1]  # "then-President", "ex-minister"
    one = _singular(plain)
    return plain in TITLES or one in OFFICES or one in PERSON_NOUNS or plain in PERSON_NOUNS


def _plain_role(role: str) -> str:
    """A role without what is not the person's: a dateline before it, the description of
    someone else it ends in ("top adviser for President" → "President"), a lone honorific
    ("Sen."), or words that say what nobody is: one capitalised word that is no office, body
    noun or acronym ("Poll", "Trump"), or a phrase of common words whose head names no one
    ("private email server", "high-tax, big-government agenda")."""
    words = _DATELINE.split(role)[-1].split()
    if len(words) > 1 and _a_title(words[-1]):
        cut = [i for i, w in enumerate(words[:-1]) if w.lower().strip(",") in _LINKS]
        if cut:
            words = words[cut[-1] + 1 :]
    if not words:
        return ""
    if len(words) == 1:
        word = words[0]
        keep = _ACRONYM.match(word) or (
            word.lower().strip(".") not in TITLES and _names_someone(word)
        )
        return word if keep else ""
    if any(w[:1].islower() for w in words):  # a description, not a body's name
        head = _PREPOSITION.split(" ".join(words))[0].split()  # "aide now teaching at X"
        listed = OFFICES | PERSON_NOUNS
        if not _names_someone(head[-1]) and not any(w.lower() in listed for w in head):
            return ""
    return " ".join(words)


def _fragment(role: str) -> bool:
    """A headline's fragment, not what someone is: a role ending in a word that leads on
    ("Appeal of"), holding a colon, or of small words only, none naming someone
    ("hostilities continue")."""
    words = role.split()
    if ":" in role or words[-1].lower() in _OPEN_ENDS:
        return True
    return all(w.islower() for w in words) and not any(kind_of_noun(w) == "unnamed" for w in words)


def voice_speaker(voice: str) -> Speaker:
    """The speaker of sentences nobody is cited for: the outlet (or "the article")."""
    return make_speaker(voice, "", "outlet")


def role_words(text: str) -> set[str]:
    """The folded content words of a role ("Germany's foreign minister" → germany, foreign,
    minister), with the synonyms of each office word ("head" → chief, secretary, …)."""
    words = {w.removesuffix("'s") for w in re.findall(r"[\w'’-]+", fold(text))}
    words -= {"the", "a", "an", "of", "and", "for", "in", "s"}
    return words | {syn for w in words for syn in ROLE_SYNONYMS.get(w, ())}


def same_role_word(a: str, b: str) -> bool:
    """Whether two office words name the same office ("spokesman" and "spokeswoman")."""
    a, b = _singular(a.lower()), _singular(b.lower())
    return a == b or b in ROLE_SYNONYMS.get(a, ())


def _is_role(words: list[str]) -> bool:
    return 0 < len(words) <= 8 and kind_of_noun(words[-1]) == "unnamed"


def role_beside(sentence: str, person: str) -> str:
    """The role a sentence gives a person it names, read from its words alone (for sentences
    that are not parsed): "Israel's prime minister, X," / "X, Israel's prime minister," /
    "Kremlin spokesman X" → the role; "" when none ends in an office or person noun."""
    at = sentence.find(person)
    if at < 0:
        return ""
    before = sentence[:at].rstrip()
    after = sentence[at + len(person) :]
    if before.endswith(","):  # "Israel's prime minister, X"
        words = before[:-1].split(",")[-1].split()
        while words and words[0].lower() in _OPENERS | {"the", "a", "an"}:
            words = words[1:]
        if _is_role(words):
            return " ".join(words)
    if after.startswith(","):  # "X, Israel's prime minister,"
        words = after[1:].split(",")[0].split()
        while words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        if _is_role(words):
            return " ".join(words)
    words = before.split()[-3:]  # "Kremlin spokesman X"
    while words and not _is_role(words):
        words = words[1:]
    return " ".join(words) if words and not any(w.endswith(",") for w in words) else ""


_OPENERS = frozenset("on in at when while after before but and as meanwhile".split())
