"""``claimtrace speakers`` and ``claimtrace claims``: the archive's claims by speaker, topic
and time (``assistant.claims``), as a table, JSON or CSV."""

from __future__ import annotations

import csv
import sys

import click

from ..claims import CSV_COLUMNS, ClaimFilters, claim_row
from .ask import is_iso_date
from .base import Context, emit_json

__all__ = ["speakers", "claims", "CSV_COLUMNS", "claim_row"]


def _date(ctx, param, value):
    if value and not is_iso_date(value):
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2022-09-11")
    return value


@click.command("speakers")
@click.option("--search", default=None, help="Only speakers whose name, alias or role matches.")
@click.option("--min-claims", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_obj
def speakers(obj: Context, search: str | None, min_claims: int, as_json: bool) -> None:
    """Every speaker of the archive, most claims first: name, roles, claims, articles, dates."""
    found = obj.engine.speakers(search=search, min_claims=min_claims)
    if as_json:
        emit_json(found)
        return
    if not found:
        click.echo(obj.engine.no_claims_hint(search))
        return
    for s in found:
        role = f" ({'; '.join(s.roles[:2])})" if s.roles else ""
        dates = " to ".join(dict.fromkeys(d for d in (s.first_date, s.last_date) if d))
        click.echo(
            f"{s.claims:5}  {s.name}{role}  [{s.kind}; {s.articles} articles"
            + (f"; {dates}" if dates else "")
            + f"]  {s.id}"
        )


@click.command("claims")
@click.option("--claimant", default=None, help="A speaker, matched loosely (a surname will do).")
@click.option(
    "--speaker-id", default=None, help="One speaker by the id `claimtrace speakers` prints."
)
@click.option("--about", default=None, help="A topic: claims by relevance to it.")
@click.option("--since", default=None, callback=_date, help="YYYY-MM-DD, inclusive.")
@click.option("--until", default=None, callback=_date, help="YYYY-MM-DD, inclusive.")
@click.option("--outlet", default=None, help="Only claims printed by this outlet.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV with a header row.")
@click.pass_obj
def claims(
    obj: Context,
    claimant: str | None,
    speaker_id: str | None,
    about: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """The archive's claims, newest first (by relevance with --about), each with its speaker,
    cue, content, the sentence quoted verbatim, and its article."""
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    filters = ClaimFilters(claimant, about, since, until, outlet, limit, speaker_id)
    found = obj.engine.claims(filters)
    if as_json:
        emit_json(found)
    elif as_csv:
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(CSV_COLUMNS)
        out.writerows(claim_row(c) for c in found)
    elif not found:
        click.echo(obj.engine.no_claims_hint(claimant or speaker_id))
    else:
        for c in found:
            click.echo(f"{c.speaker.name}" + (f" ({c.speaker.role})" if c.speaker.role else ""))
            click.echo(f"  {c.cue}: {c.content}")
            title = f"“{c.title}”, " if c.title and c.outlet else ""
            click.echo(f"  “{c.quote}” — {title}{c.label} ({c.article_id})")
