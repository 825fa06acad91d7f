"""Attribution rules over one parsed sentence (a spaCy ``Doc``, passed in — not imported).

Called by ``index.attribute`` for each sentence that passed the cue prefilter.
Each rule reads the dependency parse and returns character ranges into the
article text: reporting verbs (``index.rules_verbs``: subject → source,
clausal complement, object or adjacent quotation → content) and phrases
without a verb (``index.rules_phrases``: "according to X", headline colons,
embedded-post credits).
"""

from __future__ import annotations

from index.rules_base import Context, RawAttribution
from index.rules_phrases import according_rule, colon_rule, credit_rule
from index.rules_stance import adjective_rule, noun_rule
from index.rules_verbs import verb_rule

__all__ = ["RawAttribution", "extract"]


def extract(doc, offset: int, text: str, quotes: list[tuple[int, int]]) -> list[RawAttribution]:
    """All attributions whose cue lies in this sentence (``doc`` starts at ``offset``)."""
    ctx = Context(doc, offset, text, quotes)
    found = [a for tok in doc if (a := verb_rule(ctx, tok))]
    found += [a for tok in doc if (a := according_rule(ctx, tok))]
    found += [a for tok in doc if (a := adjective_rule(ctx, tok) or noun_rule(ctx, tok))]
    found += [a for a in (colon_rule(ctx), credit_rule(ctx)) if a]
    return [a for a in found if a.cue and not _inside_quote(a.cue, quotes)]


def _inside_quote(cue: tuple[int, int], quotes: list[tuple[int, int]]) -> bool:
    """A cue inside a quotation is the quoted speaker's, not a claim the article reports."""
    return any(q0 < cue[0] and cue[1] <= q1 for q0, q1 in quotes)
