"""Errors of the evaluation layer: bad gold files, baselines, suite names and options, and a
suite whose data is missing."""

from __future__ import annotations

from assistant.errors import ClaimtraceError

__all__ = ["EvalError", "SuiteSkipped"]


class EvalError(ClaimtraceError):
    """An evaluation input (suite name, gold file, baseline, option) is wrong; says what to do."""


class SuiteSkipped(Exception):
    """A suite's data is missing; the message says where to get it."""
