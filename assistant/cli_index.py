"""``claimtrace index ...`` and ``claimtrace attribute``: building and reading the index."""

from __future__ import annotations

import sys
from dataclasses import asdict

import click

from index.formats import FIELDS

from .cli_base import Context, emit_json

__all__ = ["index_group", "attribute", "parse_mapping"]


def parse_mapping(text: str | None) -> dict[str, str] | None:
    """``text=desc,date=Date`` → {"text": "desc", "date": "Date"}."""
    if not text:
        return None
    mapping = {}
    for pair in text.split(","):
        key, sep, column = pair.partition("=")
        key, column = key.strip(), column.strip()
        if not sep or not column or key not in FIELDS:
            raise click.BadParameter(
                f"bad mapping {pair!r}: write FIELD=COLUMN pairs, FIELD one of {', '.join(FIELDS)}",
                param_hint="--map",
            )
        mapping[key] = column
    return mapping


@click.group("index")
def index_group() -> None:
    """Build, update and inspect the index."""


def _run_update(obj: Context, paths, as_json: bool, mapping: str | None, fresh: bool) -> None:
    engine = obj.engine
    run = engine.build if fresh else engine.update
    summary = run(list(paths), mapping=parse_mapping(mapping), progress=True)
    if as_json:
        emit_json(summary)
    else:
        click.echo(
            f"added {len(summary.added)}, changed {len(summary.changed)}, "
            f"removed {len(summary.removed)}, unchanged {summary.unchanged}; "
            f"embedded {summary.embedded_chunks} chunks into {engine.store.root}"
        )
    for err in summary.errors:
        click.echo(f"skipped {err.file}: {err.error}", err=True)
    if summary.errors:
        sys.exit(1)


_paths = click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
_json = click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
_map = click.option(
    "--map", "mapping", default=None, help="Column mapping for CSV/JSON: text=desc,date=Date,..."
)


@index_group.command("build")
@_paths
@_json
@_map
@click.pass_obj
def build(obj: Context, paths, as_json, mapping) -> None:
    """Index the articles under PATHS from scratch."""
    _run_update(obj, paths, as_json, mapping, fresh=True)


@index_group.command("update")
@_paths
@_json
@_map
@click.pass_obj
def update(obj: Context, paths, as_json, mapping) -> None:
    """Make the index match PATHS: add new, re-embed changed, drop removed articles."""
    _run_update(obj, paths, as_json, mapping, fresh=False)


@index_group.command("list")
@_json
@click.pass_obj
def list_(obj: Context, as_json: bool) -> None:
    """List the indexed articles."""
    infos = obj.engine.articles()
    if as_json:
        emit_json(infos)
        return
    for a in infos:
        date, outlet, title = a.date or "-" * 10, a.outlet or "-", a.title or "(untitled)"
        click.echo(f"{a.article_id}  {date}  {outlet}  {title}")


@index_group.command("show")
@click.argument("article_id")
@_json
@click.pass_obj
def show(obj: Context, article_id: str, as_json: bool) -> None:
    """Show one article: metadata, cleaned text, chunks and their claimants."""
    detail = obj.engine.show(article_id)
    if as_json:
        emit_json(detail)
        return
    for key in ("article_id", "title", "date", "outlet", "credit", "author", "url", "path"):
        click.echo(f"{key:>10}: {getattr(detail, key) or '-'}")
    for c in detail.chunks:
        click.echo(f"\n[{c.chunk_id}] {c.start}-{c.end}  claimants: {'; '.join(c.claimants)}")
        click.echo(c.text)


@index_group.command("stats")
@_json
@click.pass_obj
def stats(obj: Context, as_json: bool) -> None:
    """Counts of articles and chunks, the store and the embedding model."""
    s = obj.engine.stats()
    if as_json:
        emit_json(s)
    else:
        for key, value in asdict(s).items():
            click.echo(f"{key:>12}: {value}")


@click.command("attribute")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@_json
@click.pass_obj
def attribute(obj: Context, files, as_json: bool) -> None:
    """Who says what in each FILE (needs no index)."""
    from index.attribution import attribute_file

    for path in files:
        found, errors = attribute_file(path, obj.engine.attributor)
        for error in errors:
            click.echo(f"{error.file}: {error.error}", err=True)
        for item in found:
            if as_json:
                emit_json(asdict(item))
                continue
            click.echo(f"== {path}: {len(item.attributions)} attributions")
            for a in item.attributions:
                text = a.content.text
                content = text if len(text) < 160 else text[:157] + "..."
                click.echo(f"  {a.claimant} — {a.cue.text} — {content}  [{a.kind}]")
