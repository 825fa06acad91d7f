"""``claimtrace index ...`` and ``claimtrace attribute``: building and reading the index."""

from __future__ import annotations

import sys
from dataclasses import asdict

import click

from index.formats import FIELDS

from .base import Context, emit_json

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


def parse_fixed(pairs: tuple[str, ...]) -> dict[str, str] | None:
    """``("outlet=Reuters", "date=2024-01-05")`` → {"outlet": "Reuters", "date": "2024-01-05"}."""
    fixed = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise click.BadParameter(
                f"bad value {pair!r}: write FIELD=VALUE, e.g. --set outlet=Reuters",
                param_hint="--set",
            )
        fixed[key.strip()] = value.strip()
    from index.checks import check_fixed

    return check_fixed(fixed) or None  # a field that cannot be set fails before models load


@click.group("index")
def index_group() -> None:
    """Build, update and inspect the index."""


def _run_update(
    obj: Context, paths, as_json: bool, mapping: str | None, fixed: tuple, fresh: bool
) -> None:
    engine = obj.engine
    run = engine.build if fresh else engine.update
    summary = run(
        list(paths), mapping=parse_mapping(mapping), progress=True, fixed=parse_fixed(fixed)
    )
    if as_json:
        emit_json(summary)
    else:
        click.echo(
            f"added {len(summary.added)}, changed {len(summary.changed)}, "
            f"removed {len(summary.removed)}, unchanged {summary.unchanged}; "
            f"embedded {summary.embedded_chunks} chunks and {summary.embedded_sentences} "
            f"sentences into {engine.store.root}"
        )
    for err in summary.errors:
        click.echo(f"skipped {_printable(err.file)}: {err.error}", err=True)
    if summary.errors:
        sys.exit(1)


def _printable(name: str) -> str:
    """A file name on one line: a newline or other control character in it is escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in name)


# exists=False: a missing path, a broken link or a link loop is reported by the reader with the
# others (exit code 1), not refused alone by click
_paths = click.argument("paths", nargs=-1, required=True, type=click.Path())
_json = click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
_map = click.option(
    "--map", "mapping", default=None, help="Column mapping for CSV/JSON: text=desc,date=Date,..."
)
_set = click.option(
    "--set",
    "fixed",
    multiple=True,
    metavar="FIELD=VALUE",
    help="A value for articles whose file lacks that field, e.g. --set outlet=Reuters "
    "(title, date, outlet, author, url, credit; repeatable).",
)


@index_group.command("build")
@_paths
@_json
@_map
@_set
@click.pass_obj
def build(obj: Context, paths, as_json, mapping, fixed) -> None:
    """Index the articles under PATHS from scratch."""
    _run_update(obj, paths, as_json, mapping, fixed, fresh=True)


@index_group.command("update")
@_paths
@_json
@_map
@_set
@click.pass_obj
def update(obj: Context, paths, as_json, mapping, fixed) -> None:
    """Make the index match PATHS: add new, re-embed changed, drop removed articles."""
    _run_update(obj, paths, as_json, mapping, fixed, fresh=False)


@index_group.command("remove")
@click.argument("article_ids", nargs=-1, required=True, metavar="ID...")
@_json
@click.pass_obj
def remove(obj: Context, article_ids, as_json: bool) -> None:
    """Remove the articles with these ids from the index (`index list` shows the ids).

    All or nothing: an unknown id changes nothing. A file uploaded on the chat page goes
    with its articles; any other file stays, and an update of its folder adds it back.
    """
    summary = obj.engine.remove(list(article_ids))
    if as_json:
        emit_json(summary)
        return
    n = len(summary.removed)
    click.echo(f"removed {n} article{'s' if n != 1 else ''} from {obj.engine.store.root}")
    for name in summary.deleted_files:
        click.echo(f"deleted the uploaded file {_printable(name)}")
    for name in summary.kept_files:
        click.echo(
            f"kept {_printable(name)}: an update of its folder adds its articles back "
            "(delete the file, or leave its folder out of `index update`)"
        )


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
