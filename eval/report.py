"""Write a suite's results: ``metrics.json``, ``report.md`` and PNG charts.

The last step of an evaluation: a ``SuiteResult`` becomes a Markdown report
(overall metrics, one table per breakdown such as question type, the five
worst-answered questions with what came back), a bar chart per breakdown and,
given a previous ``metrics.json`` as baseline, a chart and table of the change
per metric. matplotlib is imported only here, with the Agg backend.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from eval.errors import EvalError
from eval.metrics import flatten
from eval.models import SuiteResult

__all__ = ["write_report", "load_baseline", "deltas", "render_markdown", "LOWER_IS_BETTER"]

#: Flattened metric names where a smaller value is an improvement.
LOWER_IS_BETTER = ("latency", "seconds")  # marked in the delta table; kept off the 0–1 charts
#: Flattened names holding counts or times, kept out of 0–1 bar charts.
_NOT_RATES = (
    "latency",
    "seconds",
    "questions",
    "answerable",
    "relevant",
    "articles",
    "queries",
    "abstained",
)


def _is_rate(name: str) -> bool:
    return not any(part in name for part in _NOT_RATES)


def load_baseline(path: str | Path) -> dict:
    """A previous ``metrics.json``; anything else is a ValueError saying what is expected."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EvalError(f"baseline {path} is not JSON ({exc.msg}) — pass a metrics.json") from None
    if not isinstance(data, dict) or not isinstance(data.get("overall"), dict):
        raise EvalError(
            f"baseline {path} has no 'overall' metrics — pass the metrics.json that "
            "`claimtrace eval --out DIR` wrote"
        )
    return data


def deltas(current: dict, baseline: dict) -> dict[str, tuple[float, float, float]]:
    """Metric → (baseline, current, change) for metrics present in both overall tables."""
    new, old = flatten(current), flatten(baseline)
    return {k: (old[k], new[k], new[k] - old[k]) for k in new if k in old}


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(v) for v in row) + " |" for row in rows]
    return lines


def _verdict(name: str, change: float) -> str:
    """ "better"/"worse" for a change of a metric (latency: lower is better; counts: blank)."""
    if abs(change) < 1e-9 or not (_is_rate(name) or any(p in name for p in LOWER_IS_BETTER)):
        return ""
    lower = any(p in name for p in LOWER_IS_BETTER)
    return "better" if (change < 0) == lower else "worse"


def _breakdown_table(groups: dict[str, dict]) -> list[str]:
    """Metrics as rows, groups as columns (keeps many metrics readable)."""
    flat = {g: flatten(m) for g, m in groups.items()}
    names = list(dict.fromkeys(k for m in flat.values() for k in m))
    return _table(["metric", *groups], [[n, *(flat[g].get(n) for g in groups)] for n in names])


def _shorten(text: str, limit: int = 600) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_markdown(result: SuiteResult, baseline: dict | None = None) -> str:
    """The report as Markdown."""
    lines = [f"# claimtrace eval: {result.suite}", ""]
    info = ", ".join(f"{k} {v}" for k, v in result.info.items() if not isinstance(v, dict))
    lines += [f"Run: {info}", "", "## Overall", ""]
    lines += _table(["metric", "value"], [[k, v] for k, v in flatten(result.overall).items()])
    for dimension, groups in result.breakdown.items():
        lines += ["", f"## By {dimension}", ""] + _breakdown_table(groups)
        lines += ["", f"![metrics by {dimension}](metrics_by_{dimension}.png)"]
    if baseline is not None:
        change = deltas(result.overall, baseline["overall"])
        lines += ["", "## Change against the baseline", ""]
        lines += _table(
            ["metric", "baseline", "now", "change", ""],
            [[k, old, new, f"{d:+.3f}", _verdict(k, d)] for k, (old, new, d) in change.items()],
        )
        lines += ["", "![change per metric](change_vs_baseline.png)"]
    scored = [q for q in result.questions if q.get("score") is not None]
    answerable = [q for q in scored if q.get("answerable", True)]
    if answerable:
        lines += ["", "## The 5 worst-answered questions", ""]
        for q in sorted(answerable, key=lambda q: (q["score"], q["id"]))[:5]:
            lines += _question_block(q, result.suite)
    missed = [q["id"] for q in scored if q.get("answerable") is False and not q.get("abstained")]
    if missed:
        lines += ["", f"Unanswerable questions answered anyway: {', '.join(missed)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _question_block(q: dict, suite: str) -> list[str]:
    lines = [f"### {q['id']} ({q.get('type', suite)}), score {q['score']:.2f}", ""]
    lines += [f"**Q:** {q['question']}", ""]
    gold = q.get("gold_claimants") or q.get("gold_source")
    if gold:
        lines += [f"Gold claimant(s): {json.dumps(gold, ensure_ascii=False)}", ""]
    lines += [f"> {_shorten(q.get('answer') or '(no answer)')}", ""]
    lines += [f"Cited claimants: {', '.join(q.get('claimants') or []) or 'none'}", ""]
    return lines


def _plot_breakdown(dimension: str, groups: dict[str, dict], title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    flat = {g: {k: v for k, v in flatten(m).items() if _is_rate(k)} for g, m in groups.items()}
    names = list(dict.fromkeys(k for m in flat.values() for k in m))
    width = 0.8 / max(1, len(groups))
    fig, ax = plt.subplots(figsize=(min(16.0, max(8.0, 0.65 * len(names) + 3)), 5.8))
    cmap = plt.get_cmap("tab10")
    for i, (group, metrics) in enumerate(flat.items()):
        xs = [j + (i - (len(groups) - 1) / 2) * width for j in range(len(names))]
        ax.bar(xs, [metrics.get(n, 0.0) for n in names], width, label=group, color=cmap(i % 10))
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names, rotation=40, ha="right", fontsize=9)
    ax.set_xlim(-0.6, len(names) - 0.4)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score (0–1, higher is better)")
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(title=dimension, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _plot_deltas(change: dict[str, tuple[float, float, float]], title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [n for n in change if _is_rate(n)]  # counts and seconds stay in the table
    values = [change[n][2] for n in names]
    fig, ax = plt.subplots(figsize=(8.5, max(3.0, 0.32 * len(names) + 1.2)))
    ax.barh(names, values, color=["#2a9d4b" if v >= 0 else "#c0392b" for v in values])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.invert_yaxis()
    ax.set_xlabel("change against the baseline (green: better, red: worse)")
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_report(result: SuiteResult, out: str | Path, baseline: dict | None = None) -> list[Path]:
    """Write ``metrics.json``, ``report.md`` and the charts into ``out``; returns the paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "metrics.json", out / "report.md"]
    written[0].write_text(
        json.dumps(asdict(result), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    written[1].write_text(render_markdown(result, baseline), encoding="utf-8")
    for dimension, groups in result.breakdown.items():
        path = out / f"metrics_by_{dimension}.png"
        _plot_breakdown(dimension, groups, f"{result.suite}: metrics by {dimension}", path)
        written.append(path)
    if baseline is not None:
        change = deltas(result.overall, baseline["overall"])
        if change:
            path = out / "change_vs_baseline.png"
            _plot_deltas(change, f"{result.suite}: change per metric against the baseline", path)
            written.append(path)
    return written
