"""The speakers table: one identity per speaker across the archive, kept in the catalogue.

Attribution gives each speaker an id made from its kind and full name
(``index.attribution.speakers.speaker_id``). When an article is committed
(``Catalogue.commit``, inside its transaction) its speakers are linked here
(``index.speaker_identity`` says which archive speaker each mention is), a
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
from .names import PREFIX, surname_key
from .speaker_identity import NAMED, by_surname, keys, link, outweighs, shorter_bodies
from .sql import marks, parts

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
                (*keys(name), roles, sid),
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
                *keys(speaker.name),
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
    if not surname:  # a name whose last word holds no letter ("Dr. 2"): nothing to gather by
        return
    if by_surname(db, surname) != person:
        alone = []
    else:
        alone = db.execute(
            "SELECT id FROM speakers WHERE surname = ? AND given = '' "
            f"AND kind IN ({marks(NAMED)})",
            (surname, *NAMED),
        ).fetchall()
    spelt = db.execute(
        "SELECT id, name, kind FROM speakers WHERE surname = ? AND substr(given, 1, 1) = ? "
        f"AND kind IN ({marks(NAMED)})",
        (surname, given[:1], *NAMED),
    ).fetchall()
    spelt = [(i,) for i, n, k in spelt if k == "person" or len(n.split()) == 2]
    alone = [(i,) for (i,) in alone if i.startswith("person:") or outweighs(db, person, i)]
    spelt = [(i,) for (i,) in spelt if i.startswith("person:") or outweighs(db, person, i)]
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


def _repoint(db, old: str, new: str, kind: str = "person") -> None:
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
            "UPDATE claims SET speaker = ?, speaker_kind = ? WHERE speaker = ?", (new, kind, old)
        )
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
        return
    for aid in articles:
        found = db.execute("SELECT record FROM articles WHERE article_id = ?", (aid,)).fetchone()
        if found:
            record = _renamed(json.loads(found[0]), old, new, kind)
            db.execute(
                "UPDATE articles SET record = ? WHERE article_id = ?",
                (json.dumps(record, ensure_ascii=False), aid),
            )


def _renamed(record: dict, old: str, new: str, kind: str) -> dict:
    """An article record (``index.records``) with speaker ``old`` read as ``new`` of ``kind``."""
    for att in record["attributions"]:
        if att.get("speaker") and att["speaker"]["id"] == old:
            att["speaker"] |= {"id": new, "kind": kind}
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
        found = linked[sp.id] = link(db, sp, aid)
        if found is None:
            continue
        _upsert(db, found)
        if found.kind == "person" and len(found.name.split()) > 1:
            _gather(db, found.id, moved)
        for old in shorter_bodies(db, found):  # "Mountain Brigade" met before its full name
            _repoint(db, old, found.id, found.kind)
            moved[old] = found.id
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
    for part in parts(article_ids):
        db.execute(f"DELETE FROM speaker_articles WHERE article_id IN ({marks(part)})", part)


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
