"""Where the evaluation finds its data: the repository root and the bench folder."""

from __future__ import annotations

from pathlib import Path

from assistant.settings import Settings

__all__ = ["ROOT", "default_bench"]

ROOT = Path(__file__).resolve().parents[1]


def default_bench(settings: Settings) -> Settings:
    """Settings with ``bench_dir`` filled in: ``../shared/bench`` beside the repository."""
    if settings.bench_dir:
        return settings
    return settings.with_(bench_dir=str(ROOT.parent / "shared" / "bench"))
