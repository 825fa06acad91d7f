"""The catalogue: articles, chunks, attributions and their search terms in SQLite.

``catalogue.sqlite`` (WAL) is the store's source of truth. An update changes
only the rows of the articles it adds, changes or removes, all in one
transaction: that commit is the switch to the new state. Readers never see half
an update (SQLite's snapshot isolation), and a killed writer leaves the last
committed state. Chunk texts are indexed for BM25 with FTS5 as the tokens of
``terms.tokens``; each chunk names the id of its vector in the Chroma
collection (``vectors.py``). ``pending`` lists vector ids that may be in the
collection without being referenced here; the next writer deletes them.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import asdict
from pathlib import Path

from . import claims_table, sentence_vectors, speaker_table
from .claims_table import ClaimQuery, ClaimRow, SpeakerStats
from .models import Article, IndexedArticle
from .records import from_record, to_record
from .speaker_table import SpeakerRow
from .sql import marks, parts

__all__ = ["Catalogue", "ChunkRow", "SCHEMA_VERSION", "date_key"]

SCHEMA_VERSION = "1"
_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
    article_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, path TEXT,
    info TEXT NOT NULL, n_chunks INTEGER NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks(
    id INTEGER PRIMARY KEY, chunk_id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL,
    vector_id TEXT NOT NULL UNIQUE, date_key INTEGER NOT NULL, outlet TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS claimants(chunk INTEGER NOT NULL, name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claimants_name ON claimants(name);
CREATE INDEX IF NOT EXISTS claimants_chunk ON claimants(chunk);
CREATE VIRTUAL TABLE IF NOT EXISTS terms
    USING fts5(body, tokenize="unicode61 remove_diacritics 0 tokenchars '''-_'");
CREATE VIRTUAL TABLE IF NOT EXISTS terms_vocab USING fts5vocab(terms, 'row');
CREATE TABLE IF NOT EXISTS pending(vector_id TEXT PRIMARY KEY);
"""
    + speaker_table.SCHEMA
    + claims_table.SCHEMA
    + sentence_vectors.SCHEMA
)


def date_key(date: str | None) -> int:
    """ISO date → sortable int (2022-03-06 → 20220306); 0 when unknown."""
    try:
        return int(date.replace("-", "")) if date else 0
    except ValueError:
        return 0


#: (chunk_id, article_id, vector_id, date_key, outlet)
ChunkRow = tuple[str, str, str, int, str]


class Catalogue:
    """One SQLite file; a connection per object, shared by threads under a lock."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.RLock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=30000")

    def create(self) -> None:
        with self._lock:
            self.db.executescript(_SCHEMA)
            speaker_table.create(self.db)

    def close(self) -> None:
        self.db.close()

    def rows(self, sql: str, args=()) -> list[tuple]:
        with self._lock:
            return self.db.execute(sql, args).fetchall()

    # -- reading ---------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self.rows("SELECT key, value FROM meta"))

    def state(self) -> int:
        rows = self.rows("SELECT value FROM meta WHERE key = 'state'")
        return int(rows[0][0]) if rows else 0

    def hashes(self) -> dict[str, tuple[str, str | None]]:
        """article_id → (content hash, file it was read from), for planning an update."""
        return {
            a: (h, p)
            for a, h, p in self.rows("SELECT article_id, content_hash, path FROM articles")
        }

    def article(self, article_id: str) -> IndexedArticle | None:
        rows = self.rows("SELECT record FROM articles WHERE article_id = ?", (article_id,))
        return from_record(json.loads(rows[0][0])) if rows else None

    def articles(self, ids: list[str]) -> dict[str, IndexedArticle]:
        return {a: item for a in dict.fromkeys(ids) if (item := self.article(a)) is not None}

    def infos(self) -> list[tuple[Article, int]]:
        """Every article's provenance (text left empty) and chunk count, by id."""
        rows = self.rows("SELECT info, n_chunks FROM articles ORDER BY article_id")
        return [(Article(**json.loads(info)), n) for info, n in rows]

    def counts(self) -> tuple[int, int]:
        (a,), (c,) = self.rows(
            "SELECT count(*) FROM articles UNION ALL SELECT count(*) FROM chunks"
        )
        return a, c

    def vector_ids(self, article_ids: list[str] | None = None) -> list[str]:
        """The vector ids of these articles' chunks (of every chunk when None)."""
        if article_ids is None:
            return [v for (v,) in self.rows("SELECT vector_id FROM chunks")]
        out: list[str] = []
        for part in parts(article_ids):
            sql = f"SELECT vector_id FROM chunks WHERE article_id IN ({marks(part)})"
            out += [v for (v,) in self.rows(sql, part)]
        return out

    def chunks_by_vector(self, vector_ids: list[str]) -> dict[str, ChunkRow]:
        """The committed chunks behind ``vector_ids`` (ids it does not know are left out)."""
        found: dict[str, ChunkRow] = {}
        for part in parts(vector_ids):
            sql = (
                "SELECT chunk_id, article_id, vector_id, date_key, outlet FROM chunks "
                f"WHERE vector_id IN ({marks(part)})"
            )
            found.update((r[2], r) for r in self.rows(sql, part))
        return found

    def claimant_names(self) -> list[str]:
        return [n for (n,) in self.rows("SELECT DISTINCT name FROM claimants")]

    def claimant_counts(self) -> dict[str, int]:
        return dict(self.rows("SELECT name, count(DISTINCT chunk) FROM claimants GROUP BY name"))

    def claims(self, query: ClaimQuery) -> list[ClaimRow]:
        """The claims ``query`` asks for (``index.claims_table``), newest first."""
        with self._lock:
            return claims_table.read_claims(self.db, query)

    def claim_copies(self, rows: list[ClaimRow]) -> dict[int, list[str]]:
        """For each claim, the other articles printing its sentence."""
        with self._lock:
            return claims_table.copies(self.db, rows)

    def speaker_stats(self) -> dict[str, SpeakerStats]:
        """Per speaker id: claims, articles, outlets, first and last date."""
        with self._lock:
            return claims_table.speaker_stats(self.db)

    def article_infos(self, article_ids: list[str]) -> dict[str, Article]:
        """The provenance of these articles (text left empty), by id."""
        with self._lock:
            return claims_table.article_infos(self.db, article_ids)

    def speakers(self) -> list[SpeakerRow]:
        """Every speaker of the archive (``index.speaker_table``), most articles first."""
        with self._lock:
            return speaker_table.read_speakers(self.db)

    def outlets(self) -> list[str]:
        rows = self.rows("SELECT DISTINCT json_extract(info, '$.outlet') FROM articles")
        return sorted(o for (o,) in rows if o)

    def doc_freq(self, words: list[str]) -> dict[str, int]:
        """In how many chunks each of ``words`` occurs (those that occur at all)."""
        if not words:
            return {}
        sql = f"SELECT term, doc FROM terms_vocab WHERE term IN ({marks(words)})"
        return dict(self.rows(sql, words))

    def pending(self) -> list[str]:
        return [v for (v,) in self.rows("SELECT vector_id FROM pending")]

    def sentence_vectors(self, keys: list[str]) -> dict[str, list[float]]:
        """Stored sentence vectors by key (``index.sentence_vectors``)."""
        with self._lock:
            return sentence_vectors.lookup(self.db, keys)

    def lacking_sentence_vectors(self, vector_ids: list[str]) -> set[str]:
        """The chunk vectors among ``vector_ids`` whose sentences have no stored vectors."""
        with self._lock:
            return sentence_vectors.lacking(self.db, vector_ids)

    # -- writing (the caller holds the store's writer lock) --------------------------
    def mark_pending(self, vector_ids: list[str]) -> None:
        """Record vectors about to be written, so a killed run's can be swept."""
        with self._lock, self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO pending VALUES (?)", [(v,) for v in vector_ids]
            )

    def clear_pending(self, vector_ids: list[str]) -> None:
        with self._lock, self.db:
            self.db.executemany(
                "DELETE FROM pending WHERE vector_id = ?", [(v,) for v in vector_ids]
            )

    def add_sentence_vectors(self, rows: list[tuple[str, str, list[float]]]) -> None:
        """Store (chunk vector id, sentence key, vector) rows; the chunk's vector id is
        pending until a commit uses it, so a killed run's rows are swept with it."""
        with self._lock, self.db:
            sentence_vectors.add(self.db, rows)

    def drop_sentence_vectors(self, vector_ids: list[str]) -> None:
        with self._lock, self.db:
            sentence_vectors.drop(self.db, vector_ids)

    def commit(
        self,
        items: list[tuple[IndexedArticle, list[str], list[str]]],
        drop: list[str],
        meta: dict[str, str],
    ) -> list[str]:
        """Switch to the new state in one transaction; returns the vector ids now unused.

        ``items`` are (article, its chunks' vector ids, their search terms);
        ``drop`` the ids of articles to remove besides those being replaced.
        The unused vector ids are also recorded in ``pending``.
        """
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                ids = list(dict.fromkeys([i.article.article_id for i, _, _ in items] + drop))
                before = set(self.vector_ids(ids))
                self._delete(ids)
                speaker_table.prune(self.db)  # re-analysed speakers start afresh, not stale roles
                for item, vids, terms in items:
                    self._insert(item, vids, terms)
                speaker_table.prune(self.db)
                unused = sorted(before - {v for _, vids, _ in items for v in vids})
                self.db.executemany(
                    "INSERT OR IGNORE INTO pending VALUES (?)", [(v,) for v in unused]
                )
                meta = {**meta, "schema": SCHEMA_VERSION, "state": str(self.state() + 1)}
                self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return unused

    def _delete(self, ids: list[str]) -> None:
        for part in parts(ids):
            inner = f"SELECT id FROM chunks WHERE article_id IN ({marks(part)})"
            self.db.execute(f"DELETE FROM terms WHERE rowid IN ({inner})", part)
            self.db.execute(f"DELETE FROM claimants WHERE chunk IN ({inner})", part)
            self.db.execute(f"DELETE FROM chunks WHERE article_id IN ({marks(part)})", part)
            self.db.execute(f"DELETE FROM articles WHERE article_id IN ({marks(part)})", part)
        speaker_table.unlink_articles(self.db, ids)
        claims_table.delete_claims(self.db, ids)

    def _insert(self, item: IndexedArticle, vids: list[str], terms: list[str]) -> None:
        item = speaker_table.link_speakers(self.db, item)
        art = item.article
        claims_table.insert_claims(self.db, item, date_key(art.date))
        info = {k: v for k, v in asdict(art).items() if k != "text"} | {"text": ""}
        self.db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)",
            (
                art.article_id,
                art.content_hash,
                art.path,
                json.dumps(info, ensure_ascii=False),
                len(item.chunks),
                json.dumps(to_record(item), ensure_ascii=False),
            ),
        )
        for chunk, vid, body in zip(item.chunks, vids, terms):
            cur = self.db.execute(
                "INSERT INTO chunks(chunk_id, article_id, vector_id, date_key, outlet) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    chunk.chunk_id,
                    art.article_id,
                    vid,
                    date_key(art.date),
                    (art.outlet or "").lower(),
                ),
            )
            rowid = cur.lastrowid
            self.db.execute("INSERT INTO terms(rowid, body) VALUES (?, ?)", (rowid, body))
            self.db.executemany(
                "INSERT INTO claimants VALUES (?, ?)", [(rowid, n) for n in chunk.claimants]
            )
