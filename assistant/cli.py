"""The ``claimtrace`` command: a thin click layer over the Engine.

Commands parse their options, call one library function and render the
result. Named errors become one-line messages with exit code 1 (2 for usage).
"""

from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass

import click

from .errors import ClaimtraceError, IndexingError
from .settings import Settings

__all__ = ["main", "cli", "emit_json"]


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
            from .engine import Engine

            self._engine = Engine(self.settings)
        return self._engine


class ClaimtraceGroup(click.Group):
    """Turns claimtrace's named errors into one-line messages with exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (ClaimtraceError, IndexingError, ValueError, FileNotFoundError) as exc:
            raise click.ClickException(str(exc)) from exc
        except KeyError as exc:
            raise click.ClickException(str(exc.args[0] if exc.args else exc)) from exc


@click.group(cls=ClaimtraceGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    envvar="CLAIMTRACE_STORE",
    default=None,
    help="Index directory (env CLAIMTRACE_STORE, default ./store).",
)
@click.option(
    "--chroma-url",
    default=None,
    help="A Chroma server for the vectors, e.g. http://127.0.0.1:8000 "
    "(env CLAIMTRACE_CHROMA_URL; default: embedded in the store).",
)
@click.version_option(package_name="claimtrace")
@click.pass_context
def cli(ctx: click.Context, store: str | None, chroma_url: str | None) -> None:
    """claimtrace: ask a news archive questions; every answer says who claims what."""
    try:
        ctx.obj = Context(Settings.load(store=store, chroma_url=chroma_url))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="claimtrace")


from . import cli_ask, cli_eval, cli_index  # noqa: E402, F401  (register the commands)
