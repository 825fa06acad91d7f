"""The build's fast paths: sentence vectors stored with their chunks, parsing in a worker
process beside the encoder, and each chunk's words embedded once."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
from conftest import make_engine

from index import parallel
from index.attribution import Attributor
from index.chunk import embed_text
from index.models import Article, Chunk
from index.sentence_vectors import sentence_key
from index.sql import marks


def _rows(store, sql):
    with sqlite3.connect(store / "catalogue.sqlite") as db:
        return db.execute(sql).fetchall()


def _counting(engine):
    """Wrap the engine's encoder so a test sees how many texts reach it."""
    calls: list[list[str]] = []
    embedder = engine.embedder
    inner = embedder.embed_batch

    def counted(texts):
        calls.append(list(texts))
        return inner(texts)

    embedder.embed_batch = counted
    return calls, lambda: setattr(embedder, "embed_batch", inner)


def test_every_indexed_sentence_has_a_stored_vector(seed_engine):
    store = seed_engine.store.root
    stored = _rows(store, "SELECT count(DISTINCT vector_id) FROM sentence_vectors")[0][0]
    assert stored == _rows(store, "SELECT count(*) FROM chunks")[0][0]
    state = seed_engine.store.current()
    sentences = {s.text for aid in state.catalogue.hashes() for s in state.article(aid).sentences}
    assert len(seed_engine._stored_vectors(sorted(sentences))) == len(sentences)


def test_a_question_embeds_only_itself(seed_engine):
    calls, restore = _counting(seed_engine)
    try:
        question = "What did Prigozhin accuse the Ukrainian brigade of?"
        answer = seed_engine.ask(question)
    finally:
        restore()
    assert answer.citations
    assert [t for batch in calls for t in batch] == [question]


def test_stored_sentence_vectors_are_the_encoders(seed_engine):
    state = seed_engine.store.current()
    item = state.article(sorted(state.catalogue.hashes())[0])
    text = max((s.text for s in item.sentences), key=len)
    stored = seed_engine._stored_vectors([text])[text]
    fresh = seed_engine.embedder.embed_batch([text])[0]
    assert sum(a * b for a, b in zip(stored, fresh)) > 0.999


def test_an_update_gives_an_older_store_its_sentence_vectors_without_re_embedding(
    tmp_path, corpus_copy
):
    engine = make_engine(tmp_path / "store")
    engine.build([corpus_copy])
    store = engine.store.root
    with sqlite3.connect(store / "catalogue.sqlite") as db:  # as a store built before them
        db.execute("DROP TABLE sentence_vectors")
        db.execute("UPDATE meta SET value = 'before' WHERE key = 'analysis_version'")
    assert engine._stored_vectors(["anything at all"]) == {}  # still answers, encoding
    assert engine.ask("What did Prigozhin accuse the brigade of?").citations
    summary = make_engine(store).update([corpus_copy])
    assert summary.embedded_chunks == 0 and len(summary.changed) == 5
    stored = _rows(store, "SELECT count(DISTINCT vector_id) FROM sentence_vectors")[0][0]
    assert stored == _rows(store, "SELECT count(*) FROM chunks")[0][0]


def test_an_update_embeds_only_the_sentences_that_lack_vectors(tmp_path, corpus_copy):
    # as after a store upgrade whose analysis splits some sentences anew: their chunks'
    # texts, and so their vectors, are the same; the new sentences have no vectors yet
    engine = make_engine(tmp_path / "store")
    engine.build([corpus_copy])
    store = engine.store.root
    state = engine.store.current()
    chunks = [c for a in sorted(state.catalogue.hashes()) for c in state.article(a).chunks]
    texts = [s.text for c in chunks for s in c.sentences]
    lost = sorted({t for t in texts if texts.count(t) == 1}, key=texts.index)[2::25]
    model = engine.store.catalogue.meta()["embed_model"]
    keys = [sentence_key(model, t) for t in lost]
    rows = _rows(store, "SELECT count(*) FROM sentence_vectors")[0][0]
    with sqlite3.connect(store / "catalogue.sqlite") as db:
        db.execute(f"DELETE FROM sentence_vectors WHERE key IN ({marks(keys)})", keys)
        db.execute("UPDATE meta SET value = 'older-rules' WHERE key = 'analysis_version'")
    assert len(lost) >= 3 and engine._stored_vectors(lost) == {}
    calls, restore = _counting(engine)
    try:
        summary = engine.update([corpus_copy])
    finally:
        restore()
    assert len(summary.changed) == 5 and summary.embedded_chunks == 0
    assert sorted(t for batch in calls for t in batch) == sorted(lost)
    assert summary.embedded_sentences == len(lost)
    assert len(engine._stored_vectors(texts)) == len(set(texts))
    assert _rows(store, "SELECT count(*) FROM sentence_vectors")[0][0] == rows


def test_removed_articles_take_their_sentence_vectors_with_them(tmp_path, corpus_copy):
    engine = make_engine(tmp_path / "store")
    engine.build([corpus_copy])
    store = engine.store.root
    before = _rows(store, "SELECT count(*) FROM sentence_vectors")[0][0]
    gone = sorted(engine.store.catalogue.hashes())[0]
    engine.remove([gone])
    after = _rows(store, "SELECT count(*) FROM sentence_vectors")[0][0]
    live = {v for (v,) in _rows(store, "SELECT vector_id FROM chunks")}
    assert 0 < after < before
    assert {v for (v,) in _rows(store, "SELECT DISTINCT vector_id FROM sentence_vectors")} == live


def _wire(n: int) -> list[dict]:
    """``n`` short wire items, each with a claim, in the JSON Lines record format."""
    people = ["Anna Berg", "Tomas Kral", "Lena Ivanova", "Omar Haddad"]
    return [
        {
            "id": f"wire-{i:03d}",
            "title": f"Council votes on budget item {i}",
            "text": (
                f"Council votes on budget item {i}. {people[i % 4]}, the council's treasurer, "
                f"said the item would cost {100 + i} thousand euros. "
                f"\u201cWe cannot wait,\u201d {people[(i + 1) % 4]} told reporters."
            ),
            "date": f"2023-0{1 + i % 9}-1{i % 10}",
            "outlet": "wire.example",
        }
        for i in range(n)
    ]


@pytest.mark.slow
def test_a_build_parsed_in_a_worker_process_is_the_build_parsed_here(tmp_path, monkeypatch):
    items = tmp_path / "items.jsonl"
    items.write_text("".join(json.dumps(r) + "\n" for r in _wire(80)), encoding="utf-8")
    here = make_engine(tmp_path / "here")
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10**9)
    here.build([items])
    worker = make_engine(tmp_path / "worker")
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1)
    monkeypatch.setattr(parallel, "MIN_CORES", 1)  # a worker whatever the machine
    monkeypatch.setattr(parallel, "BATCH", 8)  # ten batches, shared by both processes
    worker.build([items])
    for sql in (
        "SELECT article_id, record FROM articles ORDER BY article_id",
        "SELECT chunk_id, vector_id FROM chunks ORDER BY chunk_id",
        "SELECT * FROM claims ORDER BY 1, 2, 3",
        "SELECT * FROM speakers ORDER BY 1",
    ):
        assert _rows(here.store.root, sql) == _rows(worker.store.root, sql), sql


def test_a_worker_that_fails_names_the_error(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1)
    monkeypatch.setattr(parallel, "MIN_CORES", 1)
    monkeypatch.setattr(parallel, "BATCH", 1)
    articles = [Article(article_id=f"a{i}", title="", text="Text.") for i in range(4)]
    # the worker's error, or this process's when it took a batch itself: both name the model
    with pytest.raises((RuntimeError, OSError), match="no_such_spacy_model"):
        list(parallel.analysed_batches(articles, Attributor(model="no_such_spacy_model")))


def test_a_chunk_that_opens_with_its_title_embeds_the_title_once():
    article = Article(
        article_id="a",
        title="Talks on grain exports resume",
        text="Talks on grain exports resume. Negotiators met on Monday.",
        outlet="wire.example",
        date="2023-07-20",
    )
    first = Chunk("a#0", "a", 0, len(article.text), article.text)
    assert embed_text(article, first) == f"wire.example — 2023-07-20\n\n{article.text}"
    later = Chunk("a#1", "a", 31, len(article.text), "Negotiators met on Monday.")
    assert embed_text(article, later).startswith("Talks on grain exports resume — wire.example")


def test_spacy_is_imported_without_torch_and_torch_still_imports_after():
    # thinc imports torch when it can: 0.7 s of CPU on every update that parses
    probe = (
        "import sys\n"
        "from index.attribution.nlp import load_model\n"
        "doc = load_model()('Kremlin spokesman Dmitry Peskov said the talks failed.')\n"
        "assert 'torch' not in sys.modules, 'spaCy pulled torch in'\n"
        "import torch\n"
        "print([t.dep_ for t in doc][:4], torch.zeros(1).shape)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "compound" in run.stdout
