"""The PolNeAR attribution suite, and where the PolNeAR bench is found.

PolNeAR (``polnear/{train,dev}`` in the bench folder) is a corpus of 2016 US
election news annotated with who says what (brat standoff, read by
``eval.polnear``). ``polnear-attribution`` scores ``index.attribution.Attributor``
on the dev split with ``eval.attribution_score``; the "who said that?" suite
over the same bench is ``eval.suite_whosaid``. PolNeAR is for measurement
only: nothing shipped is trained or tuned on it.
"""

from __future__ import annotations

from pathlib import Path

from assistant.settings import Settings
from eval.errors import SuiteSkipped
from eval.models import SuiteResult

__all__ = ["polnear_dir", "require", "run_attribution"]


def polnear_dir(settings: Settings) -> Path | None:
    """The PolNeAR folder of the bench, or None when no bench folder is set."""
    return Path(settings.bench_dir) / "polnear" if settings.bench_dir else None


def require(settings: Settings, *splits: str) -> Path:
    """The PolNeAR folder, holding ``splits``; the suite is skipped, saying where to put it,
    when it does not."""
    root = polnear_dir(settings)
    missing = [s for s in splits if root is None or not (root / s / "text").is_dir()]
    if missing:
        raise SuiteSkipped(
            f"PolNeAR not found at {root} (no {', '.join(missing)} split) — put the bench under "
            "../shared/bench or set CLAIMTRACE_BENCH to the folder holding polnear/"
        )
    return root


def run_attribution(
    settings: Settings, work: Path, limit: int | None = None, progress: bool = False
) -> SuiteResult:
    """Score the attributor on the PolNeAR dev split (token and relation F1)."""
    from eval.attribution_score import score_split
    from index.attribution import Attributor

    root = require(settings, "dev")
    result = score_split(root / "dev", Attributor(), limit)
    roles = {k: v for k, v in result.items() if isinstance(v, dict)}
    return SuiteResult(
        suite="polnear-attribution",
        overall={**roles, "articles": result.get("articles"), "seconds": result.get("seconds")},
        breakdown={"role": roles},
        info={"split": str(root / "dev")},
    )
