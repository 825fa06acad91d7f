"""Loose name matching, the one rule used everywhere a name is looked for.

A name is found in a text when a word of the name — its first ``PREFIX``
letters — begins a word of the text, after folding case, accents and quote
marks: "Prigozhin" finds "Yevgeny Prigozhin", "Zelenskyy" finds "Zelensky",
"Russian" finds "Russia's". Used by the claimant filter and evidence selection
(``assistant``) and by the scorers (``eval``).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "PREFIX",
    "fold",
    "name_words",
    "mentions",
    "surname_key",
    "speaker_parts",
    "speaker_matches",
    "speaker_stems",
    "within",
    "body_key",
    "outlet_name",
    "OUTLET_NAMES",
]

#: Letters of a name word compared: enough to tell names apart, few enough for
#: spelling variants and endings ("Zelenskyy"/"Zelensky", "Ukraine"/"Ukrainian").
PREFIX = 6

_WORD = re.compile(r"\w+")
_LABEL = re.compile(r"^(.*?) \((.*)\)$")
#: Words of a question's speaker that name no one: "the head of the council".
_GLUE = frozenset("the of s a an and".split())


def fold(text: str) -> str:
    """Lowercase, strip accents, and unify quote marks: for matching, never for display."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().replace("’", "'").replace("‘", "'")


def name_words(name: str, min_len: int = 1) -> list[str]:
    """The folded words of ``name`` with at least ``min_len`` letters ("the" never counts)."""
    return [w for w in _WORD.findall(fold(name)) if len(w) >= min_len and w != "the"]


def mentions(name: str, text: str, *, every: bool = False, min_len: int = 1) -> bool:
    """Whether ``text`` names ``name`` loosely: any word of the name (every word, with
    ``every``) of ``min_len`` letters or more begins a word of ``text``."""
    words = name_words(name, min_len)
    have = _WORD.findall(fold(text))
    found = [any(h.startswith(w[:PREFIX]) for h in have) for w in words]
    return bool(words) and (all(found) if every else any(found))


def surname_key(word: str) -> str:
    """A surname folded for the spellings of one transliteration: letters only, "y" read as
    "i" after the first letter, a doubled letter as one ("Zelenskyy", "Zelenskiy",
    "Zelenskyi", "Zelensky" → "zelenski"; "Zelenska" stays apart)."""
    letters = "".join(c for c in fold(word) if c.isalpha())
    if not letters:
        return ""
    letters = letters[0] + letters[1:].replace("y", "i")
    return _DOUBLE.sub(r"\1", letters)


_DOUBLE = re.compile(r"(.)\1+")


def within(short: list[str], long: list[str]) -> bool:
    """Whether the words of ``short`` are some of ``long``'s, in order, ending in the same
    word: a body named by fewer of its words ("mountain brigade" in "separate mountain
    brigade")."""
    if not 2 <= len(short) < len(long) or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(w in rest for w in short)


#: Words of a body's name with more than one spelling or that may go: "Defense"/"Defence".
_SPELLINGS = {"defense": "defence", "ministery": "ministry", "affairs": ""}
_OFFICES_OF = "ministry|department|office|secretariat|commissariat"
#: "Ministry of Defence of Russia", "Russian Ministry of Defence": the office, its field, its
#: country ("Russia's Defence Ministry", "Russian Defence Ministry" are written so).
_OF_FIELD = re.compile(rf"^(.*?)\b({_OFFICES_OF}) of (?:the )?([\w' ]+?)(?: of (?:the )?(.+))?$")


def body_key(name: str) -> str:
    """A body's name in one spelling and word order, for telling that two names are one body:
    "Russian Ministry of Defence", "Russian Defense Ministry", "Russia's Defence Ministry" and
    "Ministry of Defense of Russia" → "russia defenc minist" (words cut to ``PREFIX``
    letters, as names are matched: "Russian" and "Russia's" are one)."""
    from index.attribution.lexicon import DEMONYMS  # index.attribution imports this module

    text = fold(name).strip()
    text = re.sub(r"^the ", "", text)
    found = _OF_FIELD.match(text)
    if found:
        owner, office, field, country = found.groups()
        text = f"{country or ''} {owner} {field} {office}"
    words = []
    for word in _WORD.findall(text.replace("'s ", " ")):
        word = _SPELLINGS.get(word, word)
        if not word or word == "s":
            continue
        word = min({word, *DEMONYMS.get(word, ())})  # "polish" and "poland" → "poland"
        words.append(word[:PREFIX])  # "russian" and "russia", "ukrainian" and "ukraine"
    return " ".join(words)


def speaker_parts(label: str) -> list[str]:
    """A claimant label's name and role: "A B (C's minister)" → ["A B", "C's minister"]."""
    found = _LABEL.match(label.strip())
    return [found.group(1), found.group(2)] if found else [label]


def speaker_matches(wanted: str, label: str) -> bool:
    """Whether a claimant ``label`` ("Oleksiy Danilov (secretary of Ukraine's national
    security council)") is the speaker ``wanted`` names, by name or by role: every word of
    ``wanted`` but glue words begins a word of the label, an office word also through its
    synonyms ("head of the council" finds "secretary of the council") and a people's
    adjective through its country ("Polish" finds "Poland's")."""
    stems = speaker_stems(wanted)
    have = _WORD.findall(fold(label))
    return bool(stems) and all(any(h.startswith(s) for s in group for h in have) for group in stems)


def speaker_stems(wanted: str) -> list[frozenset[str]]:
    """For each word of ``wanted`` but glue words, the beginnings a word of a speaker's name
    or role may start with: its own, and those of its office synonyms ("head" → "secret")."""
    from index.attribution.lexicon import DEMONYMS, ROLE_SYNONYMS  # it imports this module

    words = [w for w in name_words(wanted) if w not in _GLUE] or name_words(wanted)
    return [
        frozenset(x[:PREFIX] for x in (w, *ROLE_SYNONYMS.get(w, ()), *DEMONYMS.get(w, ())))
        for w in words
    ]


#: File tags that stand for outlets (PolNeAR's publishers and common short forms).
OUTLET_NAMES = {
    "nyt": "The New York Times",
    "huff-post": "HuffPost",
    "huffpost": "HuffPost",
    "wash-post": "The Washington Post",
    "wapo": "The Washington Post",
    "usa-today": "USA Today",
    "west-journal": "Western Journal",
    "breitbart": "Breitbart",
    "politico": "Politico",
    "guardian": "The Guardian",
    "bbc": "BBC",
    "rt": "RT",
    "ap": "The Associated Press",
}


def outlet_name(tag: str) -> str:
    """An outlet's name for its file tag ("nyt" → "The New York Times"); other names as given."""
    return OUTLET_NAMES.get(tag.strip().lower(), tag.strip())
