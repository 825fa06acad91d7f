"""The speakers table: one identity per speaker across the archive, kept in the catalogue.

Attribution gives each speaker an id made from its kind and full name
(``index.attribution.speakers.speaker_id``), so the same full name is the same
speaker in every article. When an article is committed (``Catalogue.commit``,
inside its transaction) its speakers are linked here: a person the article
names by surname alone takes the id of the one person of the archive with that
surname, when there is exactly one; two people who share a surname but not a
first name stay apart. Someone an article does not name ("the spokesman") is
that article's own. Each speaker row keeps its canonical name, kind, and the
roles and names (aliases) the articles gave it; ``speaker_articles`` says
which articles name it, so rows no article names any more are dropped.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace

from .attribution.speakers import voice_speaker
from .models import ARTICLE_VOICE, IndexedArticle, Speaker

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
    roles TEXT NOT NULL, aliases TEXT NOT NULL, surname TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS speaker_articles(speaker TEXT NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS speaker_articles_article ON speaker_articles(article_id);
CREATE INDEX IF NOT EXISTS speaker_articles_speaker ON speaker_articles(speaker);
"""


def create(db) -> None:
    """Make the tables, and give a speakers table made before ``surname`` was kept one."""
    db.executescript(SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(speakers)")}
    if "surname" not in columns:
        db.execute("ALTER TABLE speakers ADD COLUMN surname TEXT NOT NULL DEFAULT ''")
        for sid, name in db.execute("SELECT id, name FROM speakers").fetchall():
            last = name.split()[-1].lower() if name.split() else ""
            db.execute("UPDATE speakers SET surname = ? WHERE id = ?", (last, sid))
    db.execute("CREATE INDEX IF NOT EXISTS speakers_surname ON speakers(surname, kind)")


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


def _surname_match(db, surname: str) -> str | None:
    """The id of the one person of the archive whose name ends with ``surname``."""
    rows = db.execute(
        "SELECT id FROM speakers WHERE surname = ? AND kind = 'person'", (surname.lower(),)
    ).fetchall()
    full = [i for (i,) in rows if i != f"person:{surname.lower()}"]
    return full[0] if len(full) == 1 else None


def _canonical(db, speaker: Speaker, article_id: str) -> str:
    if speaker.kind == "unnamed":
        return f"{speaker.id}@{article_id}"  # "the spokesman" of one article is no one else's
    if speaker.kind == "person" and len(speaker.name.split()) == 1:
        return _surname_match(db, speaker.name) or speaker.id
    return speaker.id


def _upsert(db, sid: str, speaker: Speaker) -> None:
    row = db.execute("SELECT roles, aliases FROM speakers WHERE id = ?", (sid,)).fetchone()
    if row is None:
        roles = [speaker.role] if speaker.role else []
        last = speaker.name.split()[-1].lower() if speaker.name else ""
        db.execute(
            "INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?)",
            (
                sid,
                speaker.name,
                speaker.kind,
                json.dumps(roles, ensure_ascii=False),
                json.dumps([speaker.name], ensure_ascii=False),
                last,
            ),
        )
        return
    roles, aliases = json.loads(row[0]), json.loads(row[1])
    if speaker.role and speaker.role not in roles:
        roles.append(speaker.role)
    if speaker.name not in aliases:
        aliases.append(speaker.name)
    db.execute(
        "UPDATE speakers SET roles = ?, aliases = ? WHERE id = ?",
        (json.dumps(roles, ensure_ascii=False), json.dumps(aliases, ensure_ascii=False), sid),
    )


def link_speakers(db, item: IndexedArticle) -> IndexedArticle:
    """Give ``item``'s speakers their archive ids and record them; returns the item with its
    attributions and sentences carrying those ids. Runs inside the caller's transaction."""
    aid = item.article.article_id
    ids: dict[str, str] = {}
    for att in item.attributions:
        sp = att.speaker
        if sp is None or sp.id in ids:
            continue
        # full names first, so "Peskov" later in the article finds "Dmitry Peskov"
        ids[sp.id] = _canonical(db, sp, aid)
        _upsert(db, ids[sp.id], sp)
    voice = voice_speaker(item.article.voice)
    named = item.article.voice != ARTICLE_VOICE  # "the article" of one is not another's
    if named and any(voice.id in s.speakers for s in item.sentences):  # the outlet's own
        ids.setdefault(voice.id, voice.id)
        _upsert(db, voice.id, voice)
    db.executemany(
        "INSERT INTO speaker_articles VALUES (?, ?)",
        [(s, aid) for s in dict.fromkeys(ids.values())],
    )
    atts = [
        replace(a, speaker=replace(a.speaker, id=ids[a.speaker.id])) if a.speaker else a
        for a in item.attributions
    ]
    for sent in item.sentences:
        sent.speakers = [ids.get(s, s) for s in sent.speakers]
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
