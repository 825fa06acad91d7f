"""The index end to end: build, update, list, show, stats over the real Chroma and model."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED_BOILERPLATE as BOILERPLATE

from claimtrace.cli import cli


def run(store: Path, *args: str, ok: bool = True):
    result = CliRunner().invoke(cli, ["--store", str(store), *args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


def run_json(store: Path, *args: str):
    return json.loads(run(store, *args, "--json").stdout)


@pytest.fixture(scope="module")
def built(tmp_path_factory, seeds_dir):
    store = tmp_path_factory.mktemp("idx") / "store"
    summary = run_json(store, "index", "build", str(seeds_dir))
    return store, summary


def test_build_indexes_the_five_seeds(built):
    store, summary = built
    assert len(summary["added"]) == 5 and summary["errors"] == []
    assert summary["embedded_chunks"] > 5
    assert summary["added"] == sorted(summary["added"])


def test_provenance_of_the_seeds(built):
    store, _ = built
    arts = {a["article_id"][:3]: a for a in run_json(store, "index", "list")}
    assert arts["000"]["date"] == "2022-03-06"
    assert arts["002"]["date"] == "2023-05-11"
    assert arts["002"]["credit"] == "La Razón"
    assert arts["004"]["date"] == "2022-09-11"
    assert arts["004"]["outlet"] == "Press TV"
    title = "Russia admits to partial withdrawal from Kharkiv to fulfil goals in Donbas"
    assert arts["001"]["title"] == title
    text = run_json(store, "index", "show", arts["001"]["article_id"])["text"]
    assert text.count(title) == 1


def test_no_boilerplate_in_any_chunk(built):
    store, _ = built
    for art in run_json(store, "index", "list"):
        shown = run_json(store, "index", "show", art["article_id"])
        assert shown["chunks"], art["article_id"]
        for chunk in shown["chunks"]:
            for junk in BOILERPLATE:
                assert junk not in chunk["text"], (art["article_id"], junk)


def test_chunks_keep_offsets_and_claimants(built):
    store, _ = built
    shown = run_json(store, "index", "show", "002_e91c7a62ac189f98")
    for chunk in shown["chunks"]:
        assert shown["text"][chunk["start"] : chunk["end"]] == chunk["text"]
        assert chunk["claimants"]
    names = " ".join(n for c in shown["chunks"] for n in c["claimants"])
    assert "Prigozhin" in names


def test_stats_agree_with_list(built):
    store, summary = built
    stats = run_json(store, "index", "stats")
    assert stats["articles"] == 5
    assert stats["chunks"] == summary["embedded_chunks"]
    assert stats["embed_model"] == "all-MiniLM-L6-v2"


def test_update_adds_changes_and_removes_exactly_one_each(tmp_path, corpus_copy):
    store = tmp_path / "store"
    run_json(store, "index", "build", str(corpus_copy))
    again = run_json(store, "index", "update", str(corpus_copy))
    assert again["embedded_chunks"] == 0 and again["unchanged"] == 5
    assert again["added"] == again["changed"] == again["removed"] == []

    (corpus_copy / "new_story.txt").write_text(
        "Ceasefire talks resume\n\nNegotiators met in Istanbul on Monday, officials said.\n"
    )
    edited = corpus_copy / "003_f22856542dea74fa.txt"
    edited.write_text(edited.read_text() + "\nThe governor said more buses would come.\n")
    (corpus_copy / "000_470992e293d06b9a.txt").unlink()
    summary = run_json(store, "index", "update", str(corpus_copy))
    assert summary["added"] == ["new_story"]
    assert summary["changed"] == ["003_f22856542dea74fa"]
    assert summary["removed"] == ["000_470992e293d06b9a"]
    assert summary["unchanged"] == 3
    stats = run_json(store, "index", "stats")
    listed = run_json(store, "index", "list")
    assert stats["articles"] == len(listed) == 5
    assert stats["chunks"] == sum(a["chunks"] for a in listed)


def test_unreadable_file_is_reported_and_the_rest_indexed(tmp_path, corpus_copy):
    (corpus_copy / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    store = tmp_path / "store"
    result = run(store, "index", "build", str(corpus_copy), "--json", ok=False)
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert [e["file"].endswith("broken.txt") for e in summary["errors"]] == [True]
    assert len(summary["added"]) == 5
    assert "broken.txt" in result.stderr


def test_asking_a_store_without_index_says_how_to_build(tmp_path):
    result = run(tmp_path / "empty", "index", "stats", ok=False)
    assert result.exit_code == 1
    assert "index build" in result.output


def test_unknown_article_names_the_way_out(built):
    store, _ = built
    result = run(store, "index", "show", "nope", ok=False)
    assert result.exit_code == 1 and "index list" in result.output


def test_reopened_store_gives_identical_results(built, engine_factory):
    store, _ = built
    first = engine_factory(store).ask("Who is Vyacheslav Gladkov?")
    second = engine_factory(store).ask("Who is Vyacheslav Gladkov?")
    assert first == second and first.citations


def test_csv_with_column_mapping(tmp_path):
    rows = [
        "Site,Date,desc,src",
        'bbc.co.uk,04/04/2022,"Bodies were found in Bucha, officials said.",https://x/1',
        'reuters.com,04/13/2022,"A missile hit the Kramatorsk station.",https://x/2',
    ]
    (tmp_path / "items.csv").write_text("\n".join(rows) + "\n")
    store = tmp_path / "store"
    summary = run_json(
        store,
        "index",
        "build",
        str(tmp_path / "items.csv"),
        "--map",
        "text=desc,date=Date,outlet=Site,url=src",
    )
    assert len(summary["added"]) == 2 and not summary["errors"]
    listed = run_json(store, "index", "list")
    assert {a["date"] for a in listed} == {"2022-04-04", "2022-04-13"}
    assert {a["outlet"] for a in listed} == {"bbc.co.uk", "reuters.com"}


def test_a_second_writer_is_refused_while_one_writes(tmp_path, corpus_copy):
    from index.errors import StoreBusyError
    from index.store import Store

    store = Store(tmp_path / "store")
    with store.writing():
        with pytest.raises(StoreBusyError, match="wait for it to finish"):
            with store.writing():
                pass


def test_changed_attribution_code_reanalyses_all_but_reuses_unchanged_vectors(
    tmp_path, corpus_copy
):
    store = tmp_path / "store"
    run_json(store, "index", "build", str(corpus_copy))
    with sqlite3.connect(store / "catalogue.sqlite") as db:
        db.execute("UPDATE meta SET value = 'older-code' WHERE key = 'analysis_version'")
    summary = run_json(store, "index", "update", str(corpus_copy))
    assert len(summary["changed"]) == 5 and summary["added"] == []
    assert summary["embedded_chunks"] == 0  # same chunk texts: their vectors are reused
    assert summary["embedded_sentences"] == 0  # the same sentences: theirs too
    assert run_json(store, "index", "stats")["articles"] == 5
    answer = run_json(store, "ask", "What did Prigozhin accuse the 72nd brigade of?")
    assert answer["citations"][0]["article_id"].startswith("002_")


def test_a_change_to_the_search_terms_tokenizer_changes_the_analysis_version(monkeypatch):
    # a store's BM25 terms are the tokens of index/terms.py: a new tokenizer re-indexes them
    import index.terms
    from index import pipeline

    before = pipeline.analysis_version()
    terms, read = Path(index.terms.__file__).resolve(), Path.read_bytes

    def edited(path: Path) -> bytes:
        data = read(path)
        return data + b"\n# a new stopword\n" if path.resolve() == terms else data

    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_bytes", edited)
        assert pipeline.analysis_version() != before
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "stemmer_version", lambda: "0.0")  # a new stemmer stems anew
        assert pipeline.analysis_version() != before
    assert pipeline.analysis_version() == before


def test_an_edit_reembeds_only_the_chunks_it_touched(tmp_path, corpus_copy):
    store = tmp_path / "store"
    run_json(store, "index", "build", str(corpus_copy))
    chunks = len(run_json(store, "index", "show", "004_c5341ec74962319e")["chunks"])
    edited = corpus_copy / "004_c5341ec74962319e.txt"
    edited.write_text(edited.read_text() + "\nThe governor said more buses would come.\n")
    summary = run_json(store, "index", "update", str(corpus_copy))
    assert summary["changed"] == ["004_c5341ec74962319e"]
    assert 1 <= summary["embedded_chunks"] < chunks
