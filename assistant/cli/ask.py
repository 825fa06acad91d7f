"""``claimtrace ask``: one question, or a batch of them, answered with citations."""

from __future__ import annotations

import json

import click

from ..answering import answer_dict
from ..backends import BackendChoice
from ..models import Answer
from ..plaintext import render_answer, render_sources
from ..retrieve import Filters
from ..settings import BACKENDS
from .base import Context

__all__ = ["ask", "is_iso_date"]


def _read_batch(path: str) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise click.BadParameter(
                    f"{path} line {n}: not JSON ({exc.msg}) — write one JSON object per line",
                    param_hint="--batch",
                ) from None
            if not isinstance(row, dict) or not str(row.get("question", "")).strip():
                raise click.BadParameter(
                    f"{path} line {n}: no 'question' field — each line needs id and question",
                    param_hint="--batch",
                )
            rows.append(row)
    return rows


@click.command("ask")
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@click.option(
    "--batch", type=click.Path(exists=True, dir_okay=False), help="JSONL of id, question."
)
@click.option("--backend", type=click.Choice(BACKENDS), default=None, help="Answer backend.")
@click.option(
    "--base-url", default=None, help="OpenAI-compatible endpoint (env CLAIMTRACE_BASE_URL)."
)
@click.option(
    "--model", default=None, help="Model name for --backend openai (env CLAIMTRACE_MODEL)."
)
@click.option("--since", default=None, help="Only articles dated on or after YYYY-MM-DD.")
@click.option("--until", default=None, help="Only articles dated on or before YYYY-MM-DD.")
@click.option("--outlet", default=None, help="Only articles from this outlet.")
@click.option("--claimant", default=None, help="Only claims made by this speaker.")
@click.pass_obj
def ask(
    obj: Context, question, as_json, batch, backend, base_url, model, since, until, outlet, claimant
):
    """Answer QUESTION from the indexed articles, citing who claims what."""
    if bool(question) == bool(batch):
        raise click.UsageError("give a QUESTION or --batch FILE.jsonl (one of the two)")
    for name, value in (("--since", since), ("--until", until)):
        if value and not is_iso_date(value):
            raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD", param_hint=name)
    choice = BackendChoice(backend, base_url, model)
    filters = Filters(since=since, until=until, outlet=outlet, claimant=claimant)
    engine = obj.engine
    if batch:
        for row in _read_batch(batch):
            answer = engine.ask(str(row["question"]), filters, choice=choice)
            if as_json:
                click.echo(json.dumps(answer_dict(answer, id=row.get("id")), ensure_ascii=False))
            else:
                click.echo(f"## {row.get('id')}: {row['question']}\n{render_answer(answer)}\n")
        return
    if as_json:
        answer = engine.ask(question, filters, choice=choice)
        click.echo(json.dumps(answer_dict(answer), ensure_ascii=False))
        return
    if (backend or engine.settings.backend) != "openai":
        click.echo(render_answer(engine.ask(question, filters, choice=choice)))
        return
    streamed, final = [], None
    for part in engine.ask_stream(question, filters, choice=choice):
        if isinstance(part, Answer):
            final = part
        else:
            streamed.append(part)
            click.echo(part, nl=False)
    click.echo()
    if final.answer.strip() != "".join(streamed).strip():
        # the checked text differs (a marker removed, sources renumbered): show it whole
        click.echo(f"\nchecked answer:\n{final.answer}")
    click.echo("\n" + render_sources(final))


def is_iso_date(value: str) -> bool:
    """True when ``value`` parses as a date with ``datetime.date.fromisoformat``."""
    import datetime

    try:
        datetime.date.fromisoformat(value)
        return True
    except ValueError:
        return False
