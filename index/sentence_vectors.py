"""Sentence vectors, computed when a chunk is embedded and kept in the catalogue.

A question's evidence is chosen among the sentences of the chunks it retrieves, by their
similarity to the question (``assistant.evidence``). Embedding those ~60 sentences at
question time was most of a warm question's cost; a build embeds each chunk's sentences
once instead, and a question embeds only itself.

Rows are keyed by a hash of the model and the sentence's text (``sentence_key``), so a
sentence is found whatever chunk it came from, and belong to the chunk vector they were
made with (``vector_id``): they go when the sweep deletes that vector. A store built
before this table has none; its next ``index update`` fills them for every chunk, keeping
the chunk vectors, and until then the sentences are embedded when asked, as before. A
re-analysis that splits sentences anew keeps a chunk whose text is the same, and embeds
only its sentences that no row holds (``index.pipeline``).
"""

from __future__ import annotations

import hashlib
import sqlite3

import numpy as np

from .sql import marks, parts

__all__ = ["SCHEMA", "sentence_key", "lookup", "add", "lacking", "drop"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS sentence_vectors(
    vector_id TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS sentence_vectors_key ON sentence_vectors(key);
CREATE INDEX IF NOT EXISTS sentence_vectors_chunk ON sentence_vectors(vector_id);
"""


def sentence_key(model: str, text: str) -> str:
    """The row key of ``text``'s vector under ``model``."""
    return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()[:32]


def lookup(db: sqlite3.Connection, keys: list[str]) -> dict[str, list[float]]:
    """The stored vectors of those ``keys`` that have one (none on a store built before)."""
    found: dict[str, list[float]] = {}
    try:
        for part in parts(keys):
            rows = db.execute(
                f"SELECT key, vector FROM sentence_vectors WHERE key IN ({marks(part)})", part
            ).fetchall()
            found.update((k, np.frombuffer(v, dtype=np.float32).tolist()) for k, v in rows)
    except sqlite3.OperationalError as err:  # a store not yet upgraded: no such table
        if "no such table" not in str(err):
            raise
    return found


def add(db: sqlite3.Connection, rows: list[tuple[str, str, list[float]]]) -> None:
    """Store (chunk vector id, sentence key, vector) rows."""
    db.executemany(
        "INSERT INTO sentence_vectors VALUES (?, ?, ?)",
        [(vid, key, np.asarray(vec, dtype=np.float32).tobytes()) for vid, key, vec in rows],
    )


def lacking(db: sqlite3.Connection, vector_ids: list[str]) -> set[str]:
    """Those chunk ``vector_ids`` whose sentences have no rows."""
    have: set[str] = set()
    for part in parts(vector_ids):
        rows = db.execute(
            f"SELECT DISTINCT vector_id FROM sentence_vectors WHERE vector_id IN ({marks(part)})",
            part,
        ).fetchall()
        have.update(v for (v,) in rows)
    return set(vector_ids) - have


def drop(db: sqlite3.Connection, vector_ids: list[str]) -> None:
    """Delete the rows of chunk vectors that are gone."""
    for part in parts(vector_ids):
        db.execute(f"DELETE FROM sentence_vectors WHERE vector_id IN ({marks(part)})", part)
