"""Shared fixtures: the seed articles, one index built once per session, the engine."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.pop("CLAIMTRACE_STORE", None)

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
BENCH = Path(os.environ.get("CLAIMTRACE_BENCH", ROOT.parent / "shared" / "bench"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ARTICLES


@pytest.fixture(scope="session")
def engine_factory():
    """Make Engines that share one loaded embedding model and attributor."""
    from assistant.engine import Engine
    from assistant.settings import Settings

    shared = {}

    def make(store: Path, **settings) -> Engine:
        engine = Engine(Settings.load(env={}, store=str(store), **settings))
        if shared:
            engine._embedder, engine._attributor = shared["embedder"], shared["attributor"]
        else:
            shared["embedder"], shared["attributor"] = engine.embedder, engine.attributor
        return engine

    return make


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store with the five seed articles, built once (tests must not change it)."""
    from assistant.engine import Engine  # noqa: F401

    return tmp_path_factory.mktemp("seedstore") / "store"


@pytest.fixture(scope="session")
def seed_engine(engine_factory, seed_store):
    engine = engine_factory(seed_store)
    engine.build([ARTICLES])
    return engine


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the seed articles."""
    dest = tmp_path / "articles"
    shutil.copytree(ARTICLES, dest)
    return dest
