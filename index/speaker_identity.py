"""Which speaker of the archive a mention is: one identity per person across spellings.

A person is keyed by a transliteration-folded surname (``index.names.surname_key``:
"Zelenskyy", "Zelenskiy", "Zelensky" are one) and the first name's initial. ``link`` gives a
speaker of one article its archive id, read from the speakers table inside the commit's
transaction (``index.speaker_table``, which writes the rows): a full name is the person the
archive knows under its key; a surname alone, or a body named by it, is the person with
that surname (the only one, or the one in ``DOMINANT`` times as many articles); a name
written surname first, or a known person's name after a role, is that person; two names run
together ("Biden Putin") are no speaker; "the spokesman" of one article is that article's own.
A body named by fewer of its words ("Mountain Brigade") is the one body the archive knows
with all of them ("Separate Mountain Brigade"), and stays apart while it knows none or two.
"""

from __future__ import annotations

import json
from dataclasses import replace

from .attribution.speakers import make_speaker
from .models import Speaker
from .names import fold, surname_key, within

__all__ = [
    "link",
    "keys",
    "by_surname",
    "outweighs",
    "fuller_body",
    "shorter_bodies",
    "NAMED",
    "DOMINANT",
    "MIN_PERSON_ARTICLES",
]
BODIES = ("organisation", "group")

#: A surname alone is the person in this many times as many articles as any namesake.
DOMINANT = 3
#: Kinds of named speakers that may be one identity with a person of the same name.
NAMED = ("person", "organisation", "group")


def keys(name: str) -> tuple[str, str]:
    """(surname key, folded first name) of a name: "Volodymyr Zelenskyy" → ("zelenski",
    "volodymyr"); the first name is "" for a surname alone, "?" when it is no word of
    letters ("Ukraine's Zelenskyy", kept by a table made before possessives were read)."""
    words = name.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return surname_key(words[0]), ""
    given = fold(words[0])
    return surname_key(words[-1]), given if given.replace("-", "").isalpha() else "?"


def _persons(db, surname: str) -> list[tuple[str, str, int]]:
    """(id, first name, articles) of the fully named persons with this surname key."""
    return db.execute(
        "SELECT s.id, s.given, (SELECT count(*) FROM speaker_articles a WHERE a.speaker = s.id) "
        "FROM speakers s WHERE s.surname = ? AND s.kind = 'person' AND s.given NOT IN ('', '?')",
        (surname,),
    ).fetchall()


def _same_person(db, name: str) -> str | None:
    """The id of the person the archive knows under ``name``'s key (its first name's initial),
    most articles first."""
    surname, given = keys(name)
    found = [(n, i) for i, g, n in _persons(db, surname) if g[:1] == given[:1]]
    return max(found)[1] if found else None


def by_surname(db, surname: str) -> str | None:
    """The person a surname alone names: the only one, or the one in ``DOMINANT`` times as
    many articles as any other."""
    found = sorted(((n, i) for i, _, n in _persons(db, surname)), reverse=True)
    if len(found) == 1 or (found and found[0][0] >= DOMINANT * max(found[1][0], 1)):
        return found[0][1]
    return None


def _run_together(db, name: str) -> bool:
    """Two names run together ("Biden Putin", "Zelensky Emmanuel Macron"): the first and the
    last word are each the surname of another person the archive knows (in at least
    ``MIN_PERSON_ARTICLES``, by another initial: not "Charles Michel" once Charles Michel is
    known, nor "Zelensky Volodymyr") and calls by it alone, and the first is no first name."""
    words = name.split()
    if len(words) < 2 or surname_key(words[0]) == surname_key(words[-1]):
        return False
    first, last = words[0], words[-1]
    return (
        _someone_else(db, last, fold(first)[:1])
        and _someone_else(db, first, fold(last)[:1])
        and _called_alone(db, first)
        and _called_alone(db, last)
        and not _a_first_name(db, first)
    )


def _someone_else(db, surname: str, initial: str) -> bool:
    """Whether a person of this surname, whose first name has another initial, is known."""
    return any(
        g[:1] != initial and n >= MIN_PERSON_ARTICLES
        for _, g, n in _persons(db, surname_key(surname))
    )


def _called_alone(db, word: str) -> bool:
    """Whether someone of the archive is named by ``word`` alone, as a surname ("Putin")."""
    key = surname_key(word)
    alone = db.execute(
        "SELECT 1 FROM speakers WHERE surname = ? AND given = '' AND kind IN (?, ?, ?) LIMIT 1",
        (key, *NAMED),
    ).fetchone()
    if alone:
        return True
    rows = db.execute(
        "SELECT aliases FROM speakers WHERE surname = ? AND kind = 'person'", (key,)
    ).fetchall()
    return any(
        len(a.split()) == 1 and surname_key(a) == key for (al,) in rows for a in json.loads(al)
    )


def _a_first_name(db, word: str) -> bool:
    """Whether the archive knows ``word`` as someone's first name: the first of a full name
    whose surname is no other known person's (not "Biden" of "Biden Putin")."""
    rows = db.execute(
        "SELECT surname, given FROM speakers WHERE given = ? AND kind = 'person'", (fold(word),)
    ).fetchall()
    return any(not _someone_else(db, surname, given[:1]) for surname, given in rows)


def link(db, speaker: Speaker, article_id: str) -> Speaker | None:
    """``speaker`` with its archive id (and kind: a body named like a known person is them);
    None for two names run together."""
    if speaker.kind == "unnamed":  # "the spokesman" of one article is no one else's
        return replace(speaker, id=f"{speaker.id}@{article_id}")
    if speaker.kind not in NAMED:
        return speaker
    words = speaker.name.split()
    if speaker.kind == "person" and _run_together(db, speaker.name):
        return None
    if len(words) == 1:
        found = by_surname(db, surname_key(words[0]))
    elif speaker.kind == "person" or len(words) == 2:
        found = _same_person(db, speaker.name) or _reversed(db, words)
    else:
        found = None
    if found and (speaker.kind == "person" or outweighs(db, found, speaker.id)):
        return replace(speaker, id=found, kind="person")
    fuller = fuller_body(db, speaker.name) if speaker.kind in BODIES else None
    if fuller:
        return replace(speaker, id=fuller)
    return _named_last(db, speaker) or speaker


def _bodies(db, words: list[str]) -> list[tuple[str, str]]:
    """(id, folded name words) of the bodies whose name ends in the last of ``words``."""
    rows = db.execute(
        "SELECT id, name FROM speakers WHERE surname = ? AND kind IN (?, ?)",
        (surname_key(words[-1]), *BODIES),
    ).fetchall()
    return [(i, fold(n).split()) for i, n in rows]


def fuller_body(db, name: str) -> str | None:
    """The id of the one body the archive knows whose name has all the words of ``name`` in
    order, ending in the same word (``index.names.within``); None for none or several."""
    words = fold(name).split()
    if len(words) < 2:
        return None
    found = {i for i, long in _bodies(db, words) if within(words, long)}
    return found.pop() if len(found) == 1 else None


def shorter_bodies(db, body: Speaker) -> list[str]:
    """The ids of bodies named by fewer words of ``body``'s name whose one fuller body it is
    (met before it: re-pointed to it, so the order articles come in does not matter)."""
    words = fold(body.name).split()
    if body.kind not in BODIES or len(words) < 3:
        return []
    return [
        i
        for i, short in _bodies(db, words)
        if i != body.id and within(short, words) and fuller_body(db, " ".join(short)) == body.id
    ]


#: A body is taken for a person of its name only when the person speaks in this many articles
#: at least, and in as many as the body ("Russia" is no "Aggression Russia").
MIN_PERSON_ARTICLES = 3


def _articles(db, sid: str) -> int:
    return db.execute("SELECT count(*) FROM speaker_articles WHERE speaker = ?", (sid,)).fetchone()[
        0
    ]


def outweighs(db, person: str, body: str) -> bool:
    """Whether the archive knows a name as ``person`` rather than as the ``body`` named so."""
    count = _articles(db, person)
    return count >= MIN_PERSON_ARTICLES and count >= _articles(db, body)


def _reversed(db, words: list[str]) -> str | None:
    """The person a name with surname first names ("Zelensky Volodymyr"), when the archive
    knows them by that very first name."""
    if len(words) != 2 or not _a_first_name(db, words[1]):
        return None
    surname, given = surname_key(words[0]), fold(words[1])
    found = [(n, i) for i, g, n in _persons(db, surname) if g[:1] == given[:1]]
    return max(found)[1] if found else None


def _named_last(db, speaker: Speaker) -> Speaker | None:
    """A known person whose full name ends a longer one, the words before it their role
    ("President of Ukraine Volodymyr Zelensky", "Ukraine Volodymyr Zelensky")."""
    words = speaker.name.split()
    if not 3 <= len(words) <= 6 or "and" in words or not all(w[:1].isupper() for w in words[-2:]):
        return None
    found = _same_person(db, " ".join(words[-2:]))
    if not found or not _called_alone(db, words[-1]) or not outweighs(db, found, speaker.id):
        return None
    person = make_speaker(" ".join(words[-2:]), speaker.role or " ".join(words[:-2]), "person")
    return replace(person, id=found)
