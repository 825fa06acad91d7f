"""The ``claimtrace`` entry point: the assistant's commands plus the eval layer's ``eval``.

It sits above every layer (index ← assistant ← eval ← claimtrace), so no layer
imports the one above it to register its commands.
"""

from __future__ import annotations

from assistant.cli.main import make_cli
from eval.cli import evaluate

__all__ = ["cli", "main"]

cli = make_cli(evaluate)


def main(argv: list[str] | None = None) -> None:
    """Run the ``claimtrace`` command on ``argv`` (None: the process's arguments) and exit."""
    cli.main(args=argv, prog_name="claimtrace")
