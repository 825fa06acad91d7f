"""Load (issue 13): the served app under many conversations, an update and a stuck client.

Drives ``eval/bench/serve_load.py``: ``claimtrace chat`` in its own process over a copy of
the seed index, the official ``openai`` client, ``claimtrace index update`` in another
process. Latency and memory are written down in docs/RELIABILITY.md, not asserted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.bench.serve_load import run


@pytest.mark.slow
def test_sixteen_conversations_during_an_update_of_100_articles_are_all_answered(
    seed_engine, tmp_path
):
    figures = run(Path(seed_engine.store.root), 16, 10, 100, 0, tmp_path)
    print(json.dumps(figures))  # the figures for docs/RELIABILITY.md (pytest -s)
    assert figures["asked"] == 160
    assert figures["answered"] == 160, figures["failed"]
    assert figures["with_citations"] == 160
    # the update finished while the stuck client held its connections, and the new
    # articles are answered from once it switched
    assert figures["update"] == {"exit": 0, "added": 100, "new_article_cited": True}
