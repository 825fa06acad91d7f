"""What every ``claimtrace`` command shares: its Context, JSON output, and errors at the edge.

Named errors (``ClaimtraceError``, ``IndexingError``) become one-line messages with exit
code 1 (2 for usage). Anything else is a bug, not bad input: it is reported as such with
exit code 70, and ``CLAIMTRACE_DEBUG=1`` shows its traceback.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, is_dataclass

import click

from ..errors import ClaimtraceError, IndexingError
from ..settings import Settings

__all__ = ["Context", "ClaimtraceGroup", "InternalError", "emit_json", "pass_context"]


def emit_json(obj) -> None:
    """Print ``obj`` (a dataclass, or a list/dict of them) as JSON on stdout."""
    if is_dataclass(obj):
        obj = asdict(obj)
    elif isinstance(obj, list):
        obj = [asdict(o) if is_dataclass(o) else o for o in obj]
    click.echo(json.dumps(obj, ensure_ascii=False))


class Context:
    """What every command gets: the settings, and an Engine made on first use."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._engine = None

    @property
    def engine(self):
        if self._engine is None:
            from ..engine import Engine

            self._engine = Engine(self.settings)
        return self._engine


pass_context = click.make_pass_decorator(Context)


class InternalError(click.ClickException):
    """An unexpected exception: a bug in claimtrace, reported as one."""

    exit_code = 70

    def __init__(self, exc: BaseException):
        super().__init__(
            f"unexpected error ({type(exc).__name__}: {exc}) — this is a bug in claimtrace, "
            "not your input; rerun with CLAIMTRACE_DEBUG=1 to see the traceback, and report it"
        )


class ClaimtraceGroup(click.Group):
    """Turns named errors into one-line messages, and anything else into an InternalError."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (ClaimtraceError, IndexingError) as exc:
            raise click.ClickException(str(exc)) from exc
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away (`claimtrace ... | head`): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except Exception as exc:
            obj = ctx.obj
            if isinstance(obj, Context) and obj.settings.debug:
                raise
            raise InternalError(exc) from exc
