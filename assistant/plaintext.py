"""An Answer as plain text: its words, then its numbered sources and warnings.

The last step of the flow for the terminal (``claimtrace ask``, ``chat --terminal``) and for
the API's plain-text sources; the page renders HTML in ``assistant/web/render.py``.
"""

from __future__ import annotations

from .models import Answer
from .text import in_quotes

__all__ = ["render_answer", "render_sources"]


def render_sources(answer: Answer) -> str:
    """The numbered sources of an answer, then its warnings."""
    lines = []
    for c in answer.citations:
        title = f" — {c.title}" if c.title and c.outlet else ""  # else the label holds the title
        lines.append(f"[{c.n}] {c.label}{title} ({c.article_id})")
        lines.append(f"    claimant: {c.claimant}" + (f" (cue: {c.cue})" if c.cue else ""))
        lines.append(f"    {in_quotes(c.quote)}")
        if c.also_in_names or c.also_in:
            lines.append(f"    also printed in {'; '.join(c.also_in_names or c.also_in)}")
    lines += [f"warning: {w}" for w in answer.warnings]
    return "\n".join(lines)


def render_answer(answer: Answer) -> str:
    """The answer for a terminal: text, then its numbered sources, then warnings."""
    return f"{answer.answer}\n\n{render_sources(answer)}".rstrip()
