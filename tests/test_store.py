"""The store's promises: atomic updates that cost what changed, killed runs that lose nothing."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrace.cli import cli

HERE = Path(__file__).resolve().parent


def run_json(store: Path, *args: str):
    result = CliRunner().invoke(cli, ["--store", str(store), *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def catalogue(store: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(store / "catalogue.sqlite") as db:
        return db.execute(sql).fetchall()


def chroma_ids(store: Path) -> set[str]:
    from index.store import Store

    s = Store(store)
    s.vectors.reopen()
    return set(s.vectors.all_ids())


def write_reports(folder: Path, first: int, count: int, sentences: int = 40) -> None:
    for i in range(first, first + count):
        body = " ".join(
            f"Officials said convoy {i} reached town {j} on day {j} of the march."
            for j in range(sentences)
        )
        (folder / f"extra_{i:03d}.txt").write_text(f"Convoy report {i}\n\n{body}\n")


def test_an_update_of_one_article_rewrites_no_other(tmp_path, corpus_copy):
    store = tmp_path / "store"
    run_json(store, "index", "build", str(corpus_copy))
    sql = (
        "SELECT a.article_id, a.rowid, c.id, c.vector_id "
        "FROM articles a JOIN chunks c USING (article_id)"
    )
    before = catalogue(store, sql)
    vectors_before = chroma_ids(store)
    edited = corpus_copy / "004_c5341ec74962319e.txt"
    edited.write_text(edited.read_text() + "\nThe governor said more buses would come.\n")

    summary = run_json(store, "index", "update", str(corpus_copy))

    assert summary["changed"] == ["004_c5341ec74962319e"] and summary["unchanged"] == 4
    after = catalogue(store, sql)
    others = [r for r in before if not r[0].startswith("004_")]
    # the other articles' rows were not deleted and re-inserted: same rowids, same vector ids
    assert others and set(others) <= set(after)
    assert len({r[3] for r in after} - {r[3] for r in before}) == summary["embedded_chunks"]
    # the collection holds exactly the catalogue's vectors: obsolete ones were deleted
    assert chroma_ids(store) == {r[3] for r in after}
    assert {r[3] for r in others} <= vectors_before
    assert not catalogue(store, "SELECT * FROM pending")
    assert sorted(p.name for p in store.iterdir() if not p.name.startswith("catalogue")) == [
        ".lock",
        "chroma",
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "mode,step,nth,live",
    [
        ("update", "read", 1, 45),
        ("update", "analysed", 1, 45),
        ("update", "vectors", 1, 45),
        ("update", "vectors-written", 1, 45),
        ("update", "committed", 1, 84),
        ("build", "vectors", 2, 45),
        ("build", "committed", 1, 84),
    ],
)
def test_killed_update_leaves_a_whole_state_and_the_rerun_completes(
    tmp_path, corpus_copy, mode, step, nth, live
):
    store = tmp_path / "store"
    write_reports(corpus_copy, 0, 40)
    run_json(store, "index", "build", str(corpus_copy))
    write_reports(corpus_copy, 40, 40)  # 40 more articles: several batches of vectors
    (corpus_copy / "000_470992e293d06b9a.txt").unlink()
    committed = catalogue(store, "SELECT vector_id FROM chunks")

    cmd = [
        sys.executable,
        str(HERE / "kill_update.py"),
        str(store),
        str(corpus_copy),
        step,
        str(nth),
        mode,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    assert proc.stdout.strip() == f"killed at {step} {nth}"

    stats = run_json(store, "index", "stats")
    assert stats["articles"] == live  # the previous state, or the new one when committed
    listed = run_json(store, "index", "list")
    assert len(listed) == live and sum(a["chunks"] for a in listed) == stats["chunks"]
    used = {v for (v,) in catalogue(store, "SELECT vector_id FROM chunks")}
    if step in ("read", "analysed"):  # killed before writing: nothing but the previous state
        assert chroma_ids(store) == used
    elif mode == "update":  # the kill landed inside the write: unused vectors are in Chroma
        assert chroma_ids(store) - used
    # (a build re-writes the old articles' vectors under the same content-derived ids, so
    # only the printed kill point shows where it landed)
    if step != "committed":
        assert {v for (v,) in committed} == used
    answer = run_json(store, "ask", "What did Prigozhin accuse the 72nd brigade of?")
    assert answer["citations"][0]["article_id"].startswith("002_")

    final = run_json(store, "index", mode, str(corpus_copy))
    assert not final["errors"]
    assert run_json(store, "index", "stats")["articles"] == 84
    used = {v for (v,) in catalogue(store, "SELECT vector_id FROM chunks")}
    assert chroma_ids(store) == used and not catalogue(store, "SELECT * FROM pending")


def test_an_old_format_store_is_refused_with_the_way_out(tmp_path, corpus_copy):
    store = tmp_path / "store"
    (store / "gen-000001").mkdir(parents=True)
    (store / "CURRENT").write_text("gen-000001\n")
    result = CliRunner().invoke(cli, ["--store", str(store), "index", "update", str(corpus_copy)])
    assert result.exit_code == 1
    assert "old layout" in result.output and "index build" in result.output
    summary = run_json(store, "index", "build", str(corpus_copy))
    assert len(summary["added"]) == 5
    assert not (store / "CURRENT").exists() and not (store / "gen-000001").exists()


def test_a_question_reads_only_the_articles_of_its_hits(seed_engine):
    statements: list[str] = []
    catalogue = seed_engine.store.catalogue
    catalogue.db.set_trace_callback(statements.append)
    try:
        answer = seed_engine.ask("What did Prigozhin accuse the 72nd brigade of?")
    finally:
        catalogue.db.set_trace_callback(None)
    reads = [s for s in statements if "SELECT record FROM articles" in s]
    assert answer.citations and reads
    assert all("WHERE article_id = " in s for s in reads)  # one named article at a time
    assert {c.article_id for c in answer.citations} <= {s.split("'")[-2] for s in reads}


def update_in_this_process(store: Path, corpus: Path, engine_factory) -> None:
    assert engine_factory(store).update([corpus]).added == ["talks"]


def update_in_another_process(store: Path, corpus: Path, engine_factory) -> None:
    cmd = [sys.executable, str(HERE / "kill_update.py"), str(store), str(corpus), "-", "1"]
    assert subprocess.run(cmd, capture_output=True, text=True, timeout=600).stdout == "finished\n"


@pytest.mark.parametrize(
    "update",
    [update_in_this_process, update_in_another_process],
    ids=["by-this-process", "by-another-process"],
)
def test_an_engine_sees_an_update_made_while_it_is_open(
    tmp_path, corpus_copy, engine_factory, update
):
    store = tmp_path / "store"
    reader = engine_factory(store)
    reader.build([corpus_copy])
    question = "Where did the ceasefire negotiators meet?"
    assert not any(c.article_id == "talks" for c in reader.ask(question).citations)
    (corpus_copy / "talks.txt").write_text(
        "Ceasefire talks resume\n\nThe negotiators met in Istanbul on Monday, officials said.\n"
    )
    update(store, corpus_copy, engine_factory)
    answer = reader.ask(question)
    assert answer.citations[0].article_id == "talks"
    assert any("Istanbul" in c.quote for c in answer.citations)


def test_the_vector_search_keeps_to_date_and_outlet_filters(seed_engine):
    """The dense half alone (llama-index's VectorStoreQuery with MetadataFilters on Chroma)."""
    from index.sparse import ChunkFilter
    from index.store import Store

    live = Store(seed_engine.settings.store).current()
    meta = {a.article_id: a for a, _ in live.infos()}
    query = seed_engine.embed(["Ukrainian troops left their positions"])[0]
    everything = live.query(query, 200)
    assert len(everything) == live.catalogue.counts()[1]  # every chunk, nearest first
    assert [s for _, s in everything] == sorted((s for _, s in everything), reverse=True)

    def articles(hits):
        return [meta[c.rsplit("#", 1)[0]] for c, _ in hits]

    outlet = next(a.outlet for a in meta.values() if a.outlet)
    by_outlet = live.query(query, 200, ChunkFilter(outlet=outlet))
    assert by_outlet and {a.outlet for a in articles(by_outlet)} == {outlet}
    newest = max(a.date for a in meta.values() if a.date)
    recent = live.query(query, 200, ChunkFilter(since=newest))
    assert recent and {a.date for a in articles(recent)} == {newest}
    until = live.query(query, 200, ChunkFilter(until=newest))
    dated = [c for c, _ in everything if meta[c.rsplit("#", 1)[0]].date]
    assert sorted(c for c, _ in until) == sorted(dated)  # articles without a date are left out


def test_more_vectors_than_chroma_takes_at_once_are_added_in_pages(tmp_path):
    """llama-index hands Chroma every node at once; embedded Chroma takes about 5,400."""
    from index.vectors import Vectors

    vectors = Vectors("many-vectors", tmp_path / "chroma")
    n = vectors.collection._client.get_max_batch_size() + 100
    ids = [f"v{i}" for i in range(n)]
    vecs = [[1.0, float(i % 7), float(i % 11)] for i in range(n)]
    vectors.add(ids, vecs, [{"date": i} for i in range(n)])
    assert vectors.count() == n
    assert vectors.query([1.0, 3.0, 5.0], 5, (("date", "<=", 10),))[0][0] in ids[:11]
