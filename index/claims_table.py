"""The claims table: every attributed claim of the archive, one row each, kept in the catalogue.

A claim is an attribution with its speaker (``index.speaker_table`` gives the archive id), its
cue, its content, and the sentence that holds it, with the article's date and outlet, so that
``claimtrace claims`` and ``claimtrace speakers`` answer from indexes, never by reading
every article's record. Rows are written in the same transaction as their article
(``Catalogue.commit``) and deleted with it. A store built before the table existed gets it
empty; its next ``index update`` fills it (the analysis version changed, so every article is
re-analysed and re-committed, without re-embedding unchanged chunks).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass

from .attribution.speakers import voice_speaker
from .models import Article, IndexedArticle
from .names import fold
from .sql import marks, parts

__all__ = [
    "SCHEMA",
    "ClaimRow",
    "ClaimQuery",
    "SpeakerStats",
    "insert_claims",
    "delete_claims",
    "read_claims",
    "speaker_stats",
    "copies",
    "has_claims",
    "article_infos",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS claims(
    id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, speaker TEXT NOT NULL,
    name TEXT NOT NULL, role TEXT NOT NULL, speaker_kind TEXT NOT NULL,
    claimant TEXT NOT NULL, cue TEXT NOT NULL, kind TEXT NOT NULL,
    content_start INTEGER NOT NULL, content_end INTEGER NOT NULL, content TEXT NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, quote TEXT NOT NULL,
    date_key INTEGER NOT NULL, outlet TEXT NOT NULL, sentence_key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);
CREATE INDEX IF NOT EXISTS claims_speaker_date ON claims(speaker, date_key);
CREATE INDEX IF NOT EXISTS claims_date ON claims(date_key);
CREATE INDEX IF NOT EXISTS claims_sentence ON claims(sentence_key);
"""


#: A claim's content has at least this many words.
MIN_WORDS = 3
_WORD = re.compile(r"\w+")


@dataclass
class ClaimRow:
    """One claim as the table keeps it: ``quote == article_text[start:end]`` (its sentence),
    ``content == article_text[content_start:content_end]``."""

    id: int
    article_id: str
    speaker: str
    name: str  # the speaker as this article names them
    role: str
    speaker_kind: str
    claimant: str
    cue: str
    kind: str
    content: str
    content_start: int
    content_end: int
    quote: str
    start: int
    end: int
    date_key: int
    sentence_key: str


@dataclass(frozen=True)
class ClaimQuery:
    """Which claims to read: by speaker ids, a date range (``date_key`` values), an outlet
    (lower case), or a list of claim ids (kept in that order); newest first otherwise."""

    speakers: tuple[str, ...] | None = None
    since: int | None = None
    until: int | None = None
    outlet: str | None = None
    ids: tuple[int, ...] | None = None
    limit: int = 50
    offset: int = 0


@dataclass
class SpeakerStats:
    """How much a speaker claims: claims, articles, outlets, first and last ``date_key``."""

    claims: int
    articles: int
    outlets: list[str]
    first: int
    last: int


def sentence_key(text: str) -> str:
    """The same sentence printed in two articles has the same key (case and spacing folded)."""
    return hashlib.sha1(" ".join(fold(text).split()).encode()).hexdigest()[:16]


def _rows(item: IndexedArticle, date_key: int) -> list[tuple]:
    art = item.article
    outlet = (art.outlet or "").lower()
    voice = voice_speaker(art.voice).id
    rows = []
    for att in item.attributions:
        if att.speaker is None or att.speaker.id == voice:
            continue  # the article's own voice (a reporter's description) claims nothing
        if len(_WORD.findall(att.content.text)) < MIN_WORDS:
            continue  # "responding to it": a cue with no claim worth listing
        at = att.content.start
        sent = next((s for s in item.sentences if s.start <= at < s.end), None)
        if sent is None:
            continue
        rows.append(
            (
                art.article_id,
                att.speaker.id,
                att.speaker.name,
                att.speaker.role,
                att.speaker.kind,
                att.claimant,
                att.cue.text,
                att.kind,
                att.content.start,
                att.content.end,
                att.content.text,
                sent.start,
                sent.end,
                sent.text,
                date_key,
                outlet,
                sentence_key(sent.text),
            )
        )
    return rows


def insert_claims(db: sqlite3.Connection, item: IndexedArticle, date_key: int) -> None:
    """Write ``item``'s claims (its attributions carry archive speaker ids by now)."""
    db.executemany(
        "INSERT INTO claims(article_id, speaker, name, role, speaker_kind, claimant, cue, kind, "
        "content_start, content_end, content, start, end, quote, date_key, outlet, sentence_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _rows(item, date_key),
    )


def delete_claims(db: sqlite3.Connection, article_ids: list[str]) -> None:
    """Forget the claims of these articles (before they are removed or replaced)."""
    for part in parts(article_ids):
        db.execute(f"DELETE FROM claims WHERE article_id IN ({marks(part)})", part)


def has_claims(db: sqlite3.Connection) -> bool:
    """Whether the table exists (a store built before it has none until its next update)."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'claims'").fetchone()
    return found is not None


_COLUMNS = (
    "id, article_id, speaker, name, role, speaker_kind, claimant, cue, kind, content, "
    "content_start, content_end, quote, start, end, date_key, sentence_key"
)


def read_claims(db: sqlite3.Connection, q: ClaimQuery) -> list[ClaimRow]:
    """The claims ``q`` asks for: newest first, or in the order of ``q.ids``."""
    if not has_claims(db):
        return []
    where, args = [], []
    if q.speakers is not None:
        if not q.speakers:
            return []
        where.append(f"speaker IN ({', '.join('?' * len(q.speakers))})")
        args += list(q.speakers)
    if q.ids is not None:
        if not q.ids:
            return []
        where.append(f"id IN ({', '.join('?' * len(q.ids))})")
        args += list(q.ids)
    if q.since is not None:
        where.append("date_key >= ?")
        args.append(q.since)
    if q.until is not None:
        where.append("date_key <= ?")
        args.append(q.until)
    if q.outlet:
        where.append("outlet = ?")
        args.append(q.outlet.lower())
    sql = f"SELECT {_COLUMNS} FROM claims"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if q.ids is None:
        sql += " ORDER BY date_key DESC, article_id, start LIMIT ? OFFSET ?"
        args += [q.limit, q.offset]
    rows = [ClaimRow(*r) for r in db.execute(sql, args).fetchall()]
    if q.ids is not None:
        order = {cid: n for n, cid in enumerate(q.ids)}
        rows.sort(key=lambda r: order[r.id])
        rows = rows[q.offset : q.offset + q.limit]
    return rows


def speaker_stats(db: sqlite3.Connection) -> dict[str, SpeakerStats]:
    """Per speaker id: claims, articles, outlets, first and last date (0 = undated)."""
    if not has_claims(db):
        return {}
    rows = db.execute(
        "SELECT speaker, count(*), count(DISTINCT article_id), group_concat(DISTINCT outlet), "
        "min(nullif(date_key, 0)), max(date_key) FROM claims GROUP BY speaker"
    ).fetchall()
    return {
        s: SpeakerStats(n, a, sorted(o for o in (outs or "").split(",") if o), lo or 0, hi or 0)
        for s, n, a, outs, lo, hi in rows
    }


def copies(db: sqlite3.Connection, rows: list[ClaimRow]) -> dict[int, list[str]]:
    """For each claim, the other articles that print the same sentence (``also_in``)."""
    keys = sorted({r.sentence_key for r in rows})
    if not keys or not has_claims(db):
        return {}
    found: dict[str, set[str]] = {}
    for part in parts(keys):
        for key, aid in db.execute(
            "SELECT DISTINCT sentence_key, article_id FROM claims "
            f"WHERE sentence_key IN ({marks(part)})",
            part,
        ):
            found.setdefault(key, set()).add(aid)
    return {r.id: sorted(found.get(r.sentence_key, set()) - {r.article_id}) for r in rows}


def article_infos(db: sqlite3.Connection, article_ids: list[str]) -> dict[str, Article]:
    """The provenance of these articles (title, outlet, date; text left empty), by id."""
    found = {}
    for part in parts(article_ids):
        sql = f"SELECT article_id, info FROM articles WHERE article_id IN ({marks(part)})"
        for aid, info in db.execute(sql, part):
            found[aid] = Article(**json.loads(info))
    return found
