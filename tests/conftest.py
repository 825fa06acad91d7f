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
#: Text of the seed articles that is not article: none of it may reach the index.
SEED_BOILERPLATE = [
    "Watch the video here",
    "pic.twitter.com",
    "हिंदी",
    "Click below to express",
    "More Stories",
    "Ronaldo",
    "Khawaja",
    "Get the latest Tap posts",
    "With information from",
    "RT (@RT_com)",
    "🔱",
    "date 2022-03-06",
]
BENCH = Path(os.environ.get("CLAIMTRACE_BENCH", ROOT.parent / "shared" / "bench"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ARTICLES


def make_engine(store: Path, **settings):
    """An Engine on ``store``; Engines in one process share the loaded models."""
    from assistant.engine import Engine
    from assistant.settings import Settings

    return Engine(Settings.load(env={}, store=str(store), **settings))


@pytest.fixture(scope="session")
def engine_factory():
    return make_engine


@pytest.fixture(scope="session")
def seed_engine(tmp_path_factory):
    """An Engine over the five seed articles, built once (tests must not change it)."""
    engine = make_engine(tmp_path_factory.mktemp("seedstore") / "store")
    engine.build([ARTICLES])
    return engine


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the seed articles."""
    dest = tmp_path / "articles"
    shutil.copytree(ARTICLES, dest)
    return dest
