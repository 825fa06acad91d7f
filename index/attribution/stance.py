"""Cues that are not verbs: stance adjectives and claim nouns.

Registered in ``index.attribution.registry``; looks at every token of a parsed
sentence (spaCy tokens passed in, never imported here):

- a stance adjective after a copula — "X is confident that …", "X was critical
  of Y", "X is hopeful about …": the copula's subject is the source, the
  clause or prepositional object the content, and the cue is the whole verbal
  group ("was not sure about");
- a claim noun with a "that" clause — "Trump's claim that …", "his view that
  …": a possessor is the source; without one, the subject of the verb the noun
  is the object of ("X repeated the claim that …").
"""

from __future__ import annotations

from index.attribution.context import Context, RawAttribution
from index.attribution.lexicon import (
    ADJECTIVE_PREPOSITIONS,
    AUX_DEPS,
    CLAIM_NOUNS,
    RELATIVE_PRONOUNS,
    STANCE_ADJECTIVES,
)

__all__ = ["stance_rule"]


def stance_rule(ctx: Context) -> list[RawAttribution]:
    """Every stance adjective or claim noun of the sentence that reports a claim."""
    return [a for tok in ctx.doc if (a := adjective_rule(ctx, tok) or noun_rule(ctx, tok))]


def adjective_rule(ctx: Context, tok) -> RawAttribution | None:
    """ "X is confident that …", "X was critical of Y"."""
    if tok.pos_ != "ADJ" or tok.lemma_.lower() not in STANCE_ADJECTIVES:
        return None
    if tok.dep_ != "acomp" or tok.head.pos_ not in ("AUX", "VERB") or tok.head.i > tok.i:
        return None
    verb = tok.head
    content, extra = _adjective_content(ctx, tok, verb)
    if content is None:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].lower_ in RELATIVE_PRONOUNS or subjects[0].lower_ == "it":
        return None  # "it is clear that …" is the writer's own voice
    subject = list(subjects[0].subtree)
    left = [t for t in verb.children if t.dep_ in AUX_DEPS and subjects[0].i < t.i < verb.i]
    cue = [*left, verb, *tok.doc[verb.i + 1 : tok.i + 1], *extra]
    source = ctx.chars(subject)
    if source and source[0] < content[1] and content[0] < source[1]:
        return None
    kind = "direct" if ctx.quoted(*content) else "indirect"
    return RawAttribution(ctx.chars(cue), content, source, ctx.mention(subject), kind, 0.8)


def _adjective_content(ctx: Context, adj, verb) -> tuple[tuple[int, int] | None, list]:
    for child in [*adj.children, *verb.children]:
        if child.dep_ == "ccomp" and child.i > adj.i:
            return ctx.widen(ctx.chars(child.subtree)), []
    for child in adj.children:
        if child.dep_ == "prep" and child.lower_ in ADJECTIVE_PREPOSITIONS and child.i > adj.i:
            objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return ctx.widen(ctx.chars(t for o in objs for t in o.subtree)), [child]
    return None, []


def noun_rule(ctx: Context, tok) -> RawAttribution | None:
    """ "Trump's claim that …", "repeated his view that …"."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in CLAIM_NOUNS:
        return None
    doc = tok.doc
    mark = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if mark is None or mark.lower_ != "that" or mark.dep_ != "mark":
        return None  # "the claim that he made" is a relative clause, not the claim
    clause = mark.head
    if clause.head != tok or clause.dep_ not in ("acl", "ccomp", "advcl", "relcl"):
        return None
    content = ctx.widen(ctx.chars(t for t in clause.subtree if t.i > mark.i))
    if content is None:
        return None
    owner = [c for c in tok.children if c.dep_ == "poss"]
    subject = None
    if owner:
        subject = list(owner[0].subtree)
    elif tok.dep_ == "dobj":
        subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
        subject = list(subjects[0].subtree) if subjects else None
    if subject and subject[-1].text in ("'s", "’s", "'", "’"):
        subject = subject[:-1]
    cue = [tok, mark]
    source = ctx.chars(subject) if subject else None
    mention = ctx.mention(subject) if subject else None
    kind = "direct" if ctx.quoted(*content) else "indirect"
    return RawAttribution(ctx.chars(cue), content, source, mention, kind, 0.7)
