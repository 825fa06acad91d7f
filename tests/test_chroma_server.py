"""The vectors on a real Chroma server (``--chroma-url``): index, update, answer, move a store."""

from __future__ import annotations

import json
from pathlib import Path

from chroma_server import chroma_server
from click.testing import CliRunner

from claimtrace.cli import cli

QUESTION = "Where did the ceasefire negotiators meet?"


def run_json(store: Path, url: str | None, *args: str):
    opts = ["--store", str(store)] + (["--chroma-url", url] if url else [])
    result = CliRunner().invoke(cli, [*opts, *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_chroma_server_indexes_updates_and_answers(tmp_path, corpus_copy):
    store = tmp_path / "store"
    with chroma_server(tmp_path / "chroma-data") as url:
        assert len(run_json(store, url, "index", "build", str(corpus_copy))["added"]) == 5
        assert not (store / "chroma").exists()  # the vectors are on the server
        (corpus_copy / "talks.txt").write_text(
            "Ceasefire talks resume\n\nThe negotiators met in Istanbul on Monday, officials said.\n"
        )
        (corpus_copy / "000_470992e293d06b9a.txt").unlink()
        summary = run_json(store, url, "index", "update", str(corpus_copy))
        assert summary["added"] == ["talks"] and summary["removed"] == ["000_470992e293d06b9a"]
        answer = run_json(store, url, "ask", QUESTION)
        assert answer["citations"][0]["article_id"] == "talks"
        filtered = run_json(store, url, "ask", QUESTION, "--since", "2023-01-01")
        assert all(c["article_id"] != "talks" for c in filtered["citations"])  # it has no date


def test_an_embedded_store_moves_onto_a_server(tmp_path, corpus_copy):
    store = tmp_path / "store"
    run_json(store, None, "index", "build", str(corpus_copy))
    before = run_json(store, None, "ask", "What did Prigozhin accuse the 72nd brigade of?")
    with chroma_server(store / "chroma") as url:  # the README's recipe: serve store/chroma
        after = run_json(store, url, "ask", "What did Prigozhin accuse the 72nd brigade of?")
        assert after == before
        (corpus_copy / "talks.txt").write_text(
            "Ceasefire talks resume\n\nThe negotiators met in Istanbul on Monday, officials said.\n"
        )
        assert run_json(store, url, "index", "update", str(corpus_copy))["added"] == ["talks"]
        assert run_json(store, url, "ask", QUESTION)["citations"][0]["article_id"] == "talks"
