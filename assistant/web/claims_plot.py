"""The Claims view's plot: claims per week, by speaker, as a stacked bar chart in inline SVG.

``weekly`` counts claims per week (pandas, by speaker id, under each speaker's fullest name);
``weekly_svg`` draws the counts with a time axis and a legend, every name escaped
(``render.escape``). An SVG written here rather than ``gr.BarPlot``: gradio 6.31's plot keeps
the colours of its first value and draws no bars after its value changes, so a plot that
follows the speaker picked stayed blank.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..claims import Claim
from .render import escape

__all__ = ["TOP", "weekly", "weekly_svg", "PALETTE"]

TOP = 5  # speakers plotted at most


def weekly(claims: list[Claim], top: int = TOP) -> pd.DataFrame:
    """Claims per week (weeks start on Monday) of the ``top`` speakers with most claims among
    ``claims``: columns ``week`` (datetime), ``speaker``, ``claims``; undated claims left out.
    A speaker is counted by id and named by their fullest name ("Donald Trump", not "Trump")."""
    counts = Counter(c.speaker.id for c in claims)
    named: dict[str, str] = {}
    for c in claims:
        named[c.speaker.id] = max(named.get(c.speaker.id, ""), c.speaker.name, key=len)
    ids = {i for i, _ in counts.most_common(top)}
    rows = [(c.date, named[c.speaker.id]) for c in claims if c.date and c.speaker.id in ids]
    if not rows:
        return pd.DataFrame(
            {
                "week": pd.Series([], dtype="datetime64[ns]"),
                "speaker": pd.Series([], dtype=str),
                "claims": pd.Series([], dtype="int64"),
            }
        )
    frame = pd.DataFrame(rows, columns=["date", "speaker"])
    day = pd.to_datetime(frame["date"], errors="coerce")
    frame["week"] = (day - pd.to_timedelta(day.dt.weekday, unit="D")).dt.normalize()
    frame = frame.dropna(subset=["week"])
    out = frame.groupby(["week", "speaker"]).size().reset_index(name="claims")
    return out.sort_values(["week", "speaker"]).reset_index(drop=True)


#: Colours of the plot's speakers, in order of their claims (colour-blind safe, Okabe–Ito).
PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#999999"]
_W, _H, _LEFT, _BOTTOM, _TOP = 720, 210, 34, 26, 12


def weekly_svg(frame: pd.DataFrame, title: str = "Claims per week") -> str:
    """``weekly``'s counts as a stacked bar chart (inline SVG, one bar per week on a time
    axis, a legend of speakers), or a line saying there are no dated claims."""
    head = f'<p class="ct-plot-title">{escape(title)}</p>'
    if frame.empty:
        return f'<div class="ct-plot">{head}<p class="ct-none">No dated claims to plot.</p></div>'
    order = list(frame.groupby("speaker")["claims"].sum().sort_values(ascending=False).index)
    colour = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(order)}
    first, last = frame["week"].min(), frame["week"].max()
    weeks = max(1, (last - first).days // 7 + 1)
    totals = frame.groupby("week")["claims"].sum()
    top = max(1, int(totals.max()))
    plot_w, plot_h = _W - _LEFT - 8, _H - _BOTTOM - _TOP
    step = plot_w / weeks
    bar = max(1.5, min(step * 0.8, 40))
    parts = []
    for tick in sorted({0, top // 2, top}):
        y = _TOP + plot_h - plot_h * tick / top
        parts.append(
            f'<line x1="{_LEFT}" x2="{_W - 8}" y1="{y:.1f}" y2="{y:.1f}" class="ct-grid"/>'
            f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for week, rows in frame.groupby("week"):
        x = _LEFT + ((week - first).days // 7) * step + (step - bar) / 2
        base = _TOP + plot_h
        for name in order:
            n = int(rows.loc[rows["speaker"] == name, "claims"].sum())
            if not n:
                continue
            h = plot_h * n / top
            base -= h
            tip = f"week of {week:%Y-%m-%d} · {name}: {n} claim{'s' * (n > 1)}"
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colour[name]}"><title>{escape(tip)}</title></rect>'
            )
    labels = max(1, weeks // 6)
    for i in range(0, weeks, labels):
        day = first + pd.Timedelta(weeks=i)
        x = _LEFT + i * step + step / 2
        parts.append(f'<text x="{x:.1f}" y="{_H - 8}" text-anchor="middle">{day:%d %b %Y}</text>')
    legend = "".join(
        f'<span class="ct-key"><i style="background:{colour[n]}"></i>{escape(n)}</span>'
        for n in order
    )
    return (
        f'<div class="ct-plot">{head}<svg viewBox="0 0 {_W} {_H}" role="img" '
        f'aria-label="{escape(title)}">{"".join(parts)}</svg>'
        f'<div class="ct-legend">{legend}</div></div>'
    )
