"""``claimtrace eval``: run an evaluation suite, print its metrics, write a report.

Thin: the suites live in ``eval.suites``, the scoring in ``eval.metrics`` and
the report in ``eval.report``. Each suite keeps its index under
``<work>/<suite>/`` where ``<work>`` is ``--store`` when given, else
``--out DIR/store``, else a temporary folder.
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

import click

from assistant.cli.base import Context
from assistant.settings import BACKENDS

__all__ = ["evaluate"]


def _work_root(ctx: click.Context, out: str | None, stack: list) -> Path:
    """``--store`` when the user gave one (option or env), else ``OUT/store``, else a temp dir."""
    if ctx.find_root().params.get("store"):
        return Path(ctx.find_root().params["store"])
    if out:
        return Path(out) / "store"
    tmp = tempfile.TemporaryDirectory(prefix="claimtrace-eval-")
    stack.append(tmp)
    return Path(tmp.name)


def _summary(result) -> str:
    from eval.metrics import flatten

    lines = [
        f"{result.suite}: "
        + ", ".join(f"{k} {v}" for k, v in result.info.items() if not isinstance(v, dict))
    ]
    lines += [
        f"  {k:42} {v:8.3f}" if isinstance(v, float) else f"  {k:42} {v:8}"
        for k, v in flatten(result.overall).items()
    ]
    return "\n".join(lines)


@click.command("eval")
@click.option(
    "--suite",
    required=True,
    help="seeds, polnear-attribution, polnear-whosaid, ruwa-events, polnear-coverage, archive.",
)
@click.option("--backend", type=click.Choice(BACKENDS), default=None, help="Answer backend.")
@click.option(
    "--base-url", default=None, help="OpenAI-compatible endpoint (env CLAIMTRACE_BASE_URL)."
)
@click.option(
    "--model", default=None, help="Model name for --backend openai (env CLAIMTRACE_MODEL)."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default=None,
    help="Write report.md, metrics.json and PNG charts here.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON on stdout.")
@click.option(
    "--baseline",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="A previous metrics.json: report the change per metric.",
)
@click.option("--limit", type=int, default=None, help="Ask at most N questions / use N items.")
@click.option("--check", is_flag=True, help="Exit 1 when a metric is below eval/thresholds.json.")
@click.pass_context
def evaluate(
    ctx: click.Context, suite, backend, base_url, model, out, as_json, baseline, limit, check
):
    """Run an evaluation suite and report its metrics.

    \b
    Suites:
      seeds                gold questions over the five seed articles
      polnear-attribution  attribution extraction on PolNeAR dev (F1)
      polnear-whosaid      "Who said that ...?" from PolNeAR dev attributions
      ruwa-events          event retrieval over ~15k RUWA items (P@10, R@100)
      polnear-coverage     declined / not stated over 233 PolNeAR articles
      archive              not stated per kind, lead rate, citations over 504
                           PolNeAR articles

    Each suite keeps its index in <work>/<suite>/store and reuses it next time;
    <work> is --store when given, else OUT/store, else a temporary folder.
    PolNeAR and RUWA are read from the bench folder (CLAIMTRACE_BENCH,
    default ../shared/bench).
    """
    from eval.report import load_baseline, write_report
    from eval.suites import SuiteSkipped, check_thresholds, run_suite

    obj: Context = ctx.obj
    settings = obj.settings.with_(backend=backend, base_url=base_url, model=model)
    previous = load_baseline(baseline) if baseline else None
    temps: list = []
    try:
        work = _work_root(ctx, out, temps)
        progress = not as_json and sys.stderr.isatty()
        try:
            result = run_suite(suite, settings, work, limit=limit, progress=progress)
        except SuiteSkipped as skipped:
            click.echo(f"skipped {suite}: {skipped}", err=True)
            if as_json:
                click.echo(json.dumps({"suite": suite, "skipped": str(skipped)}))
            return
    finally:
        for tmp in temps:
            tmp.cleanup()
    if out:
        written = write_report(result, out, previous)
        click.echo(f"wrote {', '.join(p.name for p in written)} to {out}", err=as_json)
    if as_json:
        click.echo(json.dumps(asdict(result), ensure_ascii=False))
    else:
        click.echo(_summary(result))
    if check:
        failures = check_thresholds(result, settings.backend)
        if failures:
            raise click.ClickException("below thresholds: " + "; ".join(failures))
