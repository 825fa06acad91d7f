"""A small archive of hand-written articles, indexed for a test module (``build_archive``)."""

from __future__ import annotations

import json
from pathlib import Path


def build_archive(engine_factory, root: Path, articles: list[dict]):
    """An Engine over ``articles`` (dicts with id, title, date, outlet, text), built in ``root``."""
    folder = root / "articles"
    folder.mkdir()
    lines = "\n".join(json.dumps(a) for a in articles) + "\n"
    (folder / "archive.jsonl").write_text(lines, encoding="utf-8")
    engine = engine_factory(root / "store")
    engine.build([folder])
    return engine
