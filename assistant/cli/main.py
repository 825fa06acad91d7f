"""The ``claimtrace`` command group of the assistant layer: index, attribute, ask, chat.

``make_cli(*extra)`` builds the root group with these commands and any ``extra`` ones;
the ``claimtrace`` entry point (``claimtrace/cli.py``) adds the eval layer's command.
Commands parse their options, call one library function and render the result.
"""

from __future__ import annotations

import click

from ..errors import ConfigError
from ..settings import Settings
from .ask import ask
from .base import ClaimtraceGroup, Context
from .chat import chat
from .claims import claims, speakers
from .index import attribute, index_group

__all__ = ["make_cli"]


def make_cli(*extra: click.Command) -> click.Group:
    """The root ``claimtrace`` group: the assistant's commands, then ``extra``."""

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
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from exc

    for command in (index_group, attribute, ask, chat, speakers, claims, *extra):
        cli.add_command(command)
    return cli
