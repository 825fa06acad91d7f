"""Errors of the evaluation layer: bad gold files, baselines, suite names and options."""

from __future__ import annotations

from assistant.errors import ClaimtraceError

__all__ = ["EvalError"]


class EvalError(ClaimtraceError):
    """An evaluation input (suite name, gold file, baseline, option) is wrong; says what to do."""
