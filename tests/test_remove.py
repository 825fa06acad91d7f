"""Removing articles (issue 17): ``claimtrace index remove ID...``, ``Engine.remove``.

On a copy of the seed index: a removal is one commit that questions see at once and whose
vectors are swept; an unknown id changes nothing and says where the ids are; an uploaded
article removed stays removed when the uploads folder is indexed again (as ``make chat``
does), while an article read from another folder keeps its file and is announced as such.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ARTICLES
from web_server import copy_engine

from assistant.web.uploads import add_uploads
from claimtrace.cli import cli
from index.errors import UnknownArticlesError

HOSTILE = Path(__file__).parent / "fixtures" / "hostile_bridge.txt"
PRIGOZHIN_ID = "002_e91c7a62ac189f98"
PRIGOZHIN = "What did Prigozhin accuse the Ukrainian brigade of?"


@pytest.fixture
def engine(seed_engine, engine_factory, tmp_path):
    """A writable copy of the seed index."""
    return copy_engine(seed_engine, tmp_path / "store", engine_factory)


def _cited(engine, question: str) -> set[str]:
    return {c.article_id for c in engine.ask(question).citations}


def test_a_removed_article_is_gone_from_answers_lists_and_vectors_in_one_commit(engine):
    assert PRIGOZHIN_ID in _cited(engine, PRIGOZHIN)
    before = engine.stats()
    removed = engine.remove([PRIGOZHIN_ID])
    assert removed.removed == [PRIGOZHIN_ID] and removed.deleted_files == []
    assert removed.kept_files == [str(ARTICLES / f"{PRIGOZHIN_ID}.txt")]
    after = engine.stats()
    assert after.articles == before.articles - 1 and after.chunks < before.chunks
    assert int(after.generation.split("-")[1]) == int(before.generation.split("-")[1]) + 1
    assert PRIGOZHIN_ID not in {a.article_id for a in engine.articles()}
    assert PRIGOZHIN_ID not in _cited(engine, PRIGOZHIN)
    assert engine.store.vectors.count() == after.chunks  # its vectors were swept


def test_an_unknown_id_removes_nothing_and_says_where_the_ids_are(engine):
    before = engine.stats()
    with pytest.raises(UnknownArticlesError, match="'nope'.*`claimtrace index list` shows the ids"):
        engine.remove([PRIGOZHIN_ID, "nope"])
    assert engine.stats() == before
    store = str(engine.store.root)
    result = CliRunner().invoke(cli, ["--store", store, "index", "remove", "nope"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "no article 'nope'" in result.output and "claimtrace index list" in result.output


def test_index_remove_prints_what_it_did_and_its_json_is_the_summary(engine):
    store = str(engine.store.root)
    result = CliRunner().invoke(cli, ["--store", store, "index", "remove", PRIGOZHIN_ID])
    assert result.exit_code == 0, result.output
    assert f"removed 1 article from {store}" in result.output
    assert "an update of its folder adds its articles back" in result.output
    other = "004_c5341ec74962319e"
    result = CliRunner().invoke(cli, ["--store", store, "index", "remove", other, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["removed"] == [other] and summary["deleted_files"] == []
    listed = CliRunner().invoke(cli, ["--store", store, "index", "list", "--json"])
    assert {a["article_id"] for a in json.loads(listed.output)}.isdisjoint({PRIGOZHIN_ID, other})


def test_a_removed_upload_is_deleted_and_does_not_come_back_at_the_next_update(engine):
    added = add_uploads(engine, [("springfield bridge.txt", HOSTILE)])
    (article_id,) = added.added
    uploads = Path(engine.settings.uploads_dir)
    assert [p.name for p in uploads.iterdir()] == ["springfield_bridge.txt"]
    removed = engine.remove([article_id])
    assert removed.deleted_files and removed.kept_files == []
    assert list(uploads.iterdir()) == []
    engine.update([ARTICLES, uploads])  # what `make chat` runs before serving
    ids = {a.article_id for a in engine.articles()}
    assert article_id not in ids and PRIGOZHIN_ID in ids
