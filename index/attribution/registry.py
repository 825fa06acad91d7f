"""The registry of attribution rules: each takes one sentence's ``Context`` and returns
what it finds.

Called by ``index.attribution.attributor`` for each sentence that passed the cue
prefilter. Every rule has the same signature, ``rule(ctx) -> list[RawAttribution]``,
and reads the dependency parse through ``ctx.doc`` (a spaCy ``Doc``, passed in — not
imported) and its words from ``index.attribution.lexicon``: reporting verbs
(``verbs``: subject → source, clausal complement, object or adjacent quotation →
content), "according to X" (``phrases``), stance adjectives and claim nouns
(``stance``), headline colons and embedded-post credits (``phrases``). Earlier rules
win when two find the same cue, so the order of ``RULES`` matters.
"""

from __future__ import annotations

from collections.abc import Callable

from index.attribution.context import Context, RawAttribution
from index.attribution.phrases import according_rule, colon_rule, credit_rule
from index.attribution.stance import stance_rule
from index.attribution.verbs import verb_rule

__all__ = ["Rule", "RULES", "extract"]

Rule = Callable[[Context], list[RawAttribution]]

#: Every rule, in the order their findings are kept.
RULES: tuple[Rule, ...] = (verb_rule, according_rule, stance_rule, colon_rule, credit_rule)


def extract(doc, offset: int, text: str, quotes: list[tuple[int, int]]) -> list[RawAttribution]:
    """All attributions whose cue lies in this sentence (``doc`` starts at ``offset``)."""
    ctx = Context(doc, offset, text, quotes)
    found = [a for rule in RULES for a in rule(ctx)]
    return [a for a in found if a.cue and not _inside_quote(a.cue, quotes)]


def _inside_quote(cue: tuple[int, int], quotes: list[tuple[int, int]]) -> bool:
    """A cue inside a quotation is the quoted speaker's, not a claim the article reports."""
    return any(q0 < cue[0] and cue[1] <= q1 for q0, q1 in quotes)
