"""The speakers table: one identity per speaker across the archive, kept in the catalogue.

Attribution gives each speaker an id made from its kind and full name
(``index.attribution.speakers.speaker_id``). When an article is committed
(``Catalogue.commit``, inside its transaction) its speakers are linked here, a
person by a key that spelling variants share: the surname folded for its
transliterations (``index.names.surname_key``: "Zelenskyy", "Zelenskiy" and
"Zelensky" are one) and the first name's initial. A full name takes the id of
the person the archive already knows under its key. A surname alone, or a body
named by it ("Zelenskiy" tagged as an organisation), is the person with that
surname: the only one, or the one in three times as many articles as any other;
when that person is named only later, the earlier speaker is re-pointed to them
(its rows here, its claims and its articles' records), so the order articles come
in does not matter. Two names run together ("Biden Putin", from a headline) are
no speaker. Someone an article does not name ("the spokesman") is that article's
own. Each row keeps its canonical name, kind, and the roles and names (aliases)
the articles gave it; ``speaker_articles`` says which articles name it, so rows no
article names any more are dropped.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace

from .attribution.speakers import make_speaker, voice_speaker
from .models import ARTICLE_VOICE, IndexedArticle, Speaker
from .names import PREFIX, fold, surname_key

__all__ = [
    "SCHEMA",
    "create",
    "SpeakerRow",
    "link_speakers",
    "unlink_articles",
    "prune",
    "read_speakers",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS speakers(
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    roles TEXT NOT NULL, aliases TEXT NOT NULL, surname TEXT NOT NULL,
    given TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS speaker_articles(speaker TEXT NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS speaker_articles_article ON speaker_articles(article_id);
CREATE INDEX IF NOT EXISTS speaker_articles_speaker ON speaker_articles(speaker);
"""

#: A surname alone is the person in this many times as many articles as any namesake.
DOMINANT = 3
#: Kinds of named speakers that may be one identity with a person of the same name.
_NAMED = ("person", "organisation", "group")


def _keys(name: str) -> tuple[str, str]:
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


def create(db) -> None:
    """Make the tables, and key a speakers table made before the keys were kept."""
    db.executescript(SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(speakers)")}
    if "surname" not in columns:
        db.execute("ALTER TABLE speakers ADD COLUMN surname TEXT NOT NULL DEFAULT ''")
    if "given" not in columns:
        db.execute("ALTER TABLE speakers ADD COLUMN given TEXT NOT NULL DEFAULT ''")
        rows = db.execute("SELECT id, name, kind, roles FROM speakers").fetchall()
        for sid, name, kind, roles in rows:  # and no headline's fragment kept as a role
            roles = json.dumps(_roles(name, kind, json.loads(roles)), ensure_ascii=False)
            db.execute(
                "UPDATE speakers SET surname = ?, given = ?, roles = ? WHERE id = ?",
                (*_keys(name), roles, sid),
            )
    db.execute("CREATE INDEX IF NOT EXISTS speakers_surname ON speakers(surname, kind)")
    db.execute("CREATE INDEX IF NOT EXISTS speakers_given ON speakers(given)")


@dataclass
class SpeakerRow:
    """A speaker of the archive: canonical name, kind, the roles and names articles gave it,
    and in how many articles it speaks."""

    id: str
    name: str
    kind: str
    roles: list[str]
    aliases: list[str]
    articles: int = 0


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
    surname, given = _keys(name)
    found = [(n, i) for i, g, n in _persons(db, surname) if g[:1] == given[:1]]
    return max(found)[1] if found else None


def _by_surname(db, surname: str) -> str | None:
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
        (key, *_NAMED),
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


def _link(db, speaker: Speaker, article_id: str) -> Speaker | None:
    """``speaker`` with its archive id (and kind: a body named like a known person is them);
    None for two names run together."""
    if speaker.kind == "unnamed":  # "the spokesman" of one article is no one else's
        return replace(speaker, id=f"{speaker.id}@{article_id}")
    if speaker.kind not in _NAMED:
        return speaker
    words = speaker.name.split()
    if speaker.kind == "person" and _run_together(db, speaker.name):
        return None
    if len(words) == 1:
        found = _by_surname(db, surname_key(words[0]))
    elif speaker.kind == "person" or len(words) == 2:
        found = _same_person(db, speaker.name) or _reversed(db, words)
    else:
        found = None
    if found and (speaker.kind == "person" or _outweighs(db, found, speaker.id)):
        return replace(speaker, id=found, kind="person")
    return _named_last(db, speaker) or speaker


#: A body is taken for a person of its name only when the person speaks in this many articles
#: at least, and in as many as the body ("Russia" is no "Aggression Russia").
MIN_PERSON_ARTICLES = 3


def _articles(db, sid: str) -> int:
    return db.execute("SELECT count(*) FROM speaker_articles WHERE speaker = ?", (sid,)).fetchone()[
        0
    ]


def _outweighs(db, person: str, body: str) -> bool:
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
    if not found or not _called_alone(db, words[-1]) or not _outweighs(db, found, speaker.id):
        return None
    person = make_speaker(" ".join(words[-2:]), speaker.role or " ".join(words[:-2]), "person")
    return replace(person, id=found)


def _upsert(db, speaker: Speaker) -> None:
    sid = speaker.id
    row = db.execute("SELECT roles, aliases FROM speakers WHERE id = ?", (sid,)).fetchone()
    if row is None:
        roles = [speaker.role] if speaker.role else []
        db.execute(
            "INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                sid,
                speaker.name,
                speaker.kind,
                json.dumps(roles, ensure_ascii=False),
                json.dumps([speaker.name], ensure_ascii=False),
                *_keys(speaker.name),
            ),
        )
        return
    _merge(db, sid, [speaker.role] if speaker.role else [], [speaker.name])


def _roles(name: str, kind: str, roles: list[str]) -> list[str]:
    """The roles a speaker keeps: not a headline's fragment ("Appeal of"), not its name."""
    return [r for r in roles if make_speaker(name, r, kind).role == r]


def _merge(db, sid: str, more_roles: list[str], more_names: list[str]) -> None:
    row = db.execute("SELECT name, kind, roles, aliases FROM speakers WHERE id = ?", (sid,))
    name, kind, roles, aliases = row.fetchone()
    roles, aliases = json.loads(roles), json.loads(aliases)
    more_roles = _roles(name, kind, more_roles)
    roles += [r for r in dict.fromkeys(more_roles) if r not in roles]
    aliases += [n for n in dict.fromkeys(more_names) if n not in aliases]
    db.execute(
        "UPDATE speakers SET roles = ?, aliases = ? WHERE id = ?",
        (json.dumps(roles, ensure_ascii=False), json.dumps(aliases, ensure_ascii=False), sid),
    )


def _gather(db, person: str, moved: dict[str, str]) -> None:
    """Re-point to ``person`` the speakers named before them by their surname alone, as a body
    by their name, or by another spelling: rows, claims and the articles' records."""
    surname, given = db.execute(
        "SELECT surname, given FROM speakers WHERE id = ?", (person,)
    ).fetchone()
    if _by_surname(db, surname) != person:
        alone = []
    else:
        alone = db.execute(
            "SELECT id FROM speakers WHERE surname = ? AND given = '' AND kind IN (?, ?, ?)",
            (surname, *_NAMED),
        ).fetchall()
    spelt = db.execute(
        "SELECT id, name, kind FROM speakers WHERE surname = ? AND substr(given, 1, 1) = ? "
        "AND kind IN (?, ?, ?)",
        (surname, given[:1], *_NAMED),
    ).fetchall()
    spelt = [(i,) for i, n, k in spelt if k == "person" or len(n.split()) == 2]
    alone = [(i,) for (i,) in alone if i.startswith("person:") or _outweighs(db, person, i)]
    spelt = [(i,) for (i,) in spelt if i.startswith("person:") or _outweighs(db, person, i)]
    stem = surname[:PREFIX]  # "Zelenskyi Vladimir": the surname first, then the first name
    backwards = db.execute(
        "SELECT id, given, surname FROM speakers WHERE given >= ? AND given < ? AND kind = ?",
        (stem, stem[:-1] + chr(ord(stem[-1]) + 1), "person"),
    ).fetchall()
    backwards = [(i,) for i, g, n in backwards if surname_key(g) == surname and n[:1] == given[:1]]
    for (old,) in dict.fromkeys([*alone, *spelt, *backwards]):
        if old != person:
            _repoint(db, old, person)
            moved[old] = person


def _repoint(db, old: str, new: str) -> None:
    roles, aliases = db.execute(
        "SELECT roles, aliases FROM speakers WHERE id = ?", (old,)
    ).fetchone()
    _merge(db, new, json.loads(roles), json.loads(aliases))
    db.execute("DELETE FROM speakers WHERE id = ?", (old,))
    articles = [
        a
        for (a,) in db.execute(
            "SELECT DISTINCT article_id FROM speaker_articles WHERE speaker = ?", (old,)
        )
    ]
    db.execute("UPDATE speaker_articles SET speaker = ? WHERE speaker = ?", (new, old))
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'claims'").fetchone():
        db.execute(
            "UPDATE claims SET speaker = ?, speaker_kind = 'person' WHERE speaker = ?", (new, old)
        )
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
        return
    for aid in articles:
        found = db.execute("SELECT record FROM articles WHERE article_id = ?", (aid,)).fetchone()
        if found:
            record = _renamed(json.loads(found[0]), old, new)
            db.execute(
                "UPDATE articles SET record = ? WHERE article_id = ?",
                (json.dumps(record, ensure_ascii=False), aid),
            )


def _renamed(record: dict, old: str, new: str) -> dict:
    """An article record (``index.records``) with speaker ``old`` read as person ``new``."""
    for att in record["attributions"]:
        if att.get("speaker") and att["speaker"]["id"] == old:
            att["speaker"] |= {"id": new, "kind": "person"}
    for sent in record["sentences"]:
        sent["speakers"] = [new if s == old else s for s in sent.get("speakers", [])]
    return record


def link_speakers(db, item: IndexedArticle) -> IndexedArticle:
    """Give ``item``'s speakers their archive ids and record them; returns the item with its
    attributions and sentences carrying those ids. Runs inside the caller's transaction."""
    aid = item.article.article_id
    said = {a.speaker.id: a.speaker for a in item.attributions if a.speaker is not None}
    # full names first, so "Peskov" later in the article finds "Dmitry Peskov"
    order = sorted(said.values(), key=lambda s: (s.kind != "person", len(s.name.split()) < 2))
    linked: dict[str, Speaker | None] = {}
    moved: dict[str, str] = {}
    for sp in order:
        found = linked[sp.id] = _link(db, sp, aid)
        if found is None:
            continue
        _upsert(db, found)
        if found.kind == "person" and len(found.name.split()) > 1:
            _gather(db, found.id, moved)
    ids = {k: (moved.get(v.id, v.id) if v else None) for k, v in linked.items()}
    voice = voice_speaker(item.article.voice)
    named = item.article.voice != ARTICLE_VOICE  # "the article" of one is not another's
    if named and any(voice.id in s.speakers for s in item.sentences):  # the outlet's own
        ids.setdefault(voice.id, voice.id)
        _upsert(db, voice)
    db.executemany(
        "INSERT INTO speaker_articles VALUES (?, ?)",
        [(s, aid) for s in dict.fromkeys(v for v in ids.values() if v)],
    )
    atts = []
    for a in item.attributions:
        if a.speaker is not None:
            found = linked.get(a.speaker.id)
            a = replace(a, speaker=replace(found, id=ids[a.speaker.id]) if found else None)
        atts.append(a)
    for sent in item.sentences:
        sent.speakers = [ids.get(s, s) for s in sent.speakers if ids.get(s, s)]
    return replace(item, attributions=atts)


def unlink_articles(db, article_ids: list[str]) -> None:
    """Forget which speakers these articles name (before they are removed or replaced)."""
    for i in range(0, len(article_ids), 500):
        part = article_ids[i : i + 500]
        marks = ", ".join("?" * len(part))
        db.execute(f"DELETE FROM speaker_articles WHERE article_id IN ({marks})", part)


def prune(db) -> None:
    """Drop the speakers no article names any more."""
    db.execute("DELETE FROM speakers WHERE id NOT IN (SELECT speaker FROM speaker_articles)")


def read_speakers(db) -> list[SpeakerRow]:
    """Every speaker of the archive, most articles first; none on a store built before
    speakers were kept (its next ``index update`` fills the table)."""
    try:
        rows = db.execute(
            "SELECT s.id, s.name, s.kind, s.roles, s.aliases, count(DISTINCT a.article_id) "
            "FROM speakers s LEFT JOIN speaker_articles a ON a.speaker = s.id "
            "GROUP BY s.id ORDER BY count(DISTINCT a.article_id) DESC, s.name"
        ).fetchall()
    except sqlite3.OperationalError:  # no such table: a store not yet upgraded
        return []
    return [SpeakerRow(i, n, k, json.loads(r), json.loads(al), c) for i, n, k, r, al, c in rows]
