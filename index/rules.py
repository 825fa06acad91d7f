"""Attribution rules over one parsed sentence (a spaCy ``Doc``, passed in — not imported).

Called by ``index.attribute`` for each sentence that passed the cue prefilter.
Each rule reads the dependency parse and returns character ranges into the
article text: reporting verbs (subject → source, clausal complement or adjacent
quotation → content), "according to X" / "as per X" phrases, headline colons
("Pence: …", "…: Official") and embedded-post credits ("… — Name (@handle)").
"""

from __future__ import annotations

from dataclasses import dataclass

from index.claimants import Mention
from index.cues import (
    CONTENT_PREPOSITIONS,
    CONTENT_VERBS,
    MESSAGE_NOUNS,
    OBJECT_VERBS,
    PUBLISH_VERBS,
    SPEECH_VERBS,
    is_cue_verb,
)

__all__ = ["RawAttribution", "extract"]

_EDGE_PUNCT = " \t\n,;:—–-"
_RELATIVE = {"who", "which", "that"}
_SOURCE_NOUNS = {"poll", "official", "officials", "source", "sources", "study", "survey"}
_NAMED = {"PERSON", "ORG", "NORP"}


@dataclass
class RawAttribution:
    """One attribution as character ranges, before its claimant is resolved."""

    cue: tuple[int, int]
    content: tuple[int, int]
    source: tuple[int, int] | None
    mention: Mention | None
    kind: str
    confidence: float = 1.0


def extract(doc, offset: int, text: str, quotes: list[tuple[int, int]]) -> list[RawAttribution]:
    """All attributions whose cue lies in this sentence (``doc`` starts at ``offset``)."""
    ctx = _Context(doc, offset, text, quotes)
    found = [a for tok in doc if (a := _verb_rule(ctx, tok))]
    found += [a for tok in doc if (a := _according_rule(ctx, tok))]
    found += [a for a in (_colon_rule(ctx), _credit_rule(ctx)) if a]
    return found


@dataclass
class _Context:
    doc: object
    offset: int
    text: str
    quotes: list[tuple[int, int]]

    def chars(self, tokens, strip: str = _EDGE_PUNCT) -> tuple[int, int] | None:
        """The outer character range of ``tokens``, trimmed of edge punctuation."""
        tokens = list(tokens)
        if not tokens:
            return None
        start = self.offset + min(t.idx for t in tokens)
        end = self.offset + max(t.idx + len(t.text) for t in tokens)
        while start < end and self.text[start] in strip:
            start += 1
        while end > start and self.text[end - 1] in strip:
            end -= 1
        return (start, end) if end > start else None

    def quoted(self, start: int, end: int) -> bool:
        inside = sum(
            min(end, q1) - max(start, q0) for q0, q1 in self.quotes if q0 < end and q1 > start
        )
        return inside * 2 >= end - start

    def widen(self, span: tuple[int, int]) -> tuple[int, int]:
        """Grow a content range to cover any quotation it overlaps (quotes span sentences)."""
        start, end = span
        for q0, q1 in self.quotes:
            if q0 < end and q1 > start:
                start, end = min(start, q0), max(end, q1)
        return start, end

    def mention(self, tokens) -> Mention:
        tokens = list(tokens)
        head = next((t for t in tokens if t.head not in tokens or t.head == t), tokens[0])
        ents = {e for t in tokens for e in t.doc.ents if e.start <= t.i < e.end}
        ents = [e for e in sorted(ents, key=lambda e: e.start) if e.start >= tokens[0].i]
        base = _base(head, tokens[0].i)
        appos = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if head.pos_ == "NOUN" and appos and not any(e.label_ == "PERSON" for e in ents):
            ents = []  # "the boss of the group, Prigozhin": the apposition names the person
            persons = [self.text[slice(*self.chars(_base(appos[0], appos[0].i)))]]
        else:
            persons = [e.text for e in ents if e.label_ == "PERSON"]
        return Mention(
            text=self.text[slice(*self.chars(tokens, _EDGE_PUNCT + '"“”'))],
            head=head.text,
            base=self.text[slice(*(self.chars(base) or self.chars(tokens)))],
            persons=persons,
            bodies=[e.text for e in ents if e.label_ in ("ORG", "NORP", "GPE")],
        )


_CUE_AUX = {"aux", "auxpass", "neg", "advmod"}
_MODIFIERS = {"compound", "amod", "det", "poss", "nummod", "nmod", "npadvmod", "case", "punct"}


def _base(head, first: int) -> list:
    """The head noun with its left modifiers and a following "of …" phrase."""
    doc, left = head.doc, head.i
    while left - 1 >= first and doc[left - 1].dep_ in _MODIFIERS and doc[left - 1].head.i <= head.i:
        if doc[left - 1].dep_ == "punct" and doc[left - 1].text not in "-–":
            break
        left -= 1
    right = head.i
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == right + 1:
            right = child.right_edge.i
    return list(doc[left : right + 1])


def _verb_rule(ctx: _Context, tok) -> RawAttribution | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or not _in_lexicon(lemma):
        return None
    content = _clause(ctx, tok, lemma)
    quote = None if content else _adjacent_quote(ctx, tok)
    if not is_cue_verb(lemma, content is not None, quote is not None):
        return None
    content = ctx.widen(content) if content else quote
    subject = _subject(tok)
    source = ctx.chars(subject) if subject else None
    if source and content and source[0] < content[1] and content[0] < source[1]:
        return None
    cue = _cue_tokens(tok)
    kind = "direct" if ctx.quoted(*content) else "indirect"
    return RawAttribution(
        ctx.chars(cue), content, source, ctx.mention(subject) if subject else None, kind
    )


def _in_lexicon(lemma: str) -> bool:
    return lemma in SPEECH_VERBS or lemma in CONTENT_VERBS or lemma in PUBLISH_VERBS


def _clause(ctx: _Context, tok, lemma: str) -> tuple[int, int] | None:
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp") and not (child.i < tok.i and child.dep_ == "xcomp"):
            return ctx.chars(child.subtree)
    for child in tok.children:  # "confirmed through its account that …" (misattached)
        if child.dep_ in ("dep", "prep", "npadvmod") and child.i > tok.i:
            for grand in child.subtree:
                if grand.dep_ == "ccomp" and any(g.dep_ == "mark" for g in grand.children):
                    return ctx.chars(grand.subtree)
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    if lemma in PUBLISH_VERBS:
        msg = [o for o in objects if o.lemma_.lower() in MESSAGE_NOUNS]
        return ctx.chars(msg[0].subtree) if msg else None
    if lemma in OBJECT_VERBS and objects and objects[0].pos_ != "PRON":
        extra = [c for c in tok.children if c.dep_ in ("prep", "oprd") and c.i > objects[0].i]
        return ctx.chars([*objects[0].subtree, *(t for c in extra[:1] for t in c.subtree)])
    prep = _content_prep(tok)
    if (lemma in SPEECH_VERBS or lemma in CONTENT_VERBS) and prep is not None:
        return ctx.chars(t for c in prep.children if c.dep_ == "pobj" for t in c.subtree)
    head = tok.head
    if tok.dep_ in ("parataxis", "ccomp") and head.i < tok.i and head.pos_ in ("VERB", "AUX"):
        before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
        if before is not None and before.text in ",—–":
            return ctx.chars(t for t in head.subtree if t.i < tok.left_edge.i)
    if lemma in SPEECH_VERBS and tok.dep_ == "ROOT" and tok.left_edge.i > 0:
        before = tok.doc[tok.left_edge.i - 1]  # "…, he said" parsed without the clause
        if before.text in ",—–" and tok.left_edge.i > 2:
            return ctx.chars(tok.doc[: tok.left_edge.i])
    return None


def _adjacent_quote(ctx: _Context, tok) -> tuple[int, int] | None:
    """A quotation ending just before this clause, or opening just after the cue."""
    doc = tok.doc
    clause_start = ctx.offset + doc[tok.left_edge.i].idx
    cue_end = ctx.offset + tok.idx + len(tok.text)
    sent_end = ctx.offset + len(doc.text)
    for q0, q1 in ctx.quotes:
        if q1 <= cue_end and q1 >= clause_start - 3 and q1 > ctx.offset:
            if not ctx.text[q1:clause_start].strip(" ,\n"):
                return q0, q1
            if q1 <= ctx.offset + doc[tok.left_edge.i].idx + 1 or q0 < ctx.offset:
                return q0, q1
    for q0, q1 in ctx.quotes:
        gap = ctx.text[cue_end:q0]
        if q0 >= cue_end and len(gap) < 40 and (q0 < sent_end or gap.rstrip().endswith(":")):
            if ":" in gap or "," in gap or q0 - cue_end <= 2:
                return q0, q1
    return None


def _subject(tok) -> list | None:
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in _RELATIVE:
            if child.dep_ == "nsubjpass" and tok.lemma_.lower() not in ("quote", "cite"):
                return None
            return list(child.subtree)
        if child.dep_ == "agent":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            return list(objs[0].subtree) if objs else None
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        noun = tok.head
        return [t for t in noun.subtree if t.i <= noun.i]
    if tok.dep_ in ("advcl", "xcomp", "conj") and tok.head is not tok:
        return _subject(tok.head)
    return None


def _content_prep(tok):
    """A preposition right after the verb that introduces the claim: "talked about"."""
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in CONTENT_PREPOSITIONS and child.i <= tok.i + 2:
            if any(g.dep_ == "pobj" for g in child.children):
                return child
    return None


def _cue_tokens(tok) -> list:
    tokens = [tok]
    i = tok.i - 1
    while i >= 0 and tok.doc[i].dep_ in _CUE_AUX and tok.doc[i].head == tok:
        if tok.doc[i].lower_ != "to":
            tokens.append(tok.doc[i])
        i -= 1
    prep = _content_prep(tok)
    if prep is not None and not any(c.dep_ in ("ccomp", "dobj") for c in tok.children):
        tokens.append(prep)
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if after is not None and after.text == ":":
        tokens.append(after)
    for child in tok.children:
        if child.dep_ == "prt" or (
            child.dep_ == "prep"
            and child.i == tok.i + 1
            and any(g.lemma_.lower() == "statement" for g in child.children)
        ):
            tokens.extend(child.subtree)
    return tokens


def _according_rule(ctx: _Context, tok) -> RawAttribution | None:
    lower = tok.lower_
    if lower == "according":
        to = [c for c in tok.children if c.lower_ == "to"] or (
            [tok.doc[tok.i + 1]]
            if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
            else []
        )
        cue = [tok, *to[:1]]
    elif lower == "per" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "as":
        to, cue = [tok], [tok.doc[tok.i - 1], tok]
    else:
        return None
    objs = [g for t in to[:1] for g in t.children if g.dep_ == "pobj"]
    if not objs:
        return None
    phrase = {t.i for c in cue for t in c.subtree} | {c.i for c in cue}
    lo, hi = min(phrase), max(phrase)
    before = [t for t in tok.doc if t.i < lo]
    after = [t for t in tok.doc if t.i > hi]
    rest = before if len(before) >= len(after) else after
    content = ctx.chars(rest, _EDGE_PUNCT + ".")
    if not content:
        return None
    source = list(objs[0].subtree)
    kind = "according_to"
    return RawAttribution(
        ctx.chars(cue), ctx.widen(content), ctx.chars(source), ctx.mention(source), kind
    )


def _colon_rule(ctx: _Context) -> RawAttribution | None:
    """Headline colons: "Pence: Trump was mocking" and "Civilians fleeing: Official"."""
    doc = ctx.doc
    colons = [t for t in doc if t.text == ":"]
    if not colons or any(t.pos_ in ("VERB", "AUX") for t in doc[: colons[0].i]):
        return None
    colon = colons[0]
    before, after = list(doc[: colon.i]), list(doc[colon.i + 1 :])
    if not before or not after:
        return None
    if len(before) <= 6 and _names_someone(before):
        source, content = before, after
    elif len([t for t in after if not t.is_punct]) <= 3 and _names_someone(after):
        source, content = after, before
    else:
        return None
    span = ctx.chars(content, _EDGE_PUNCT + ".")
    if not span:
        return None
    kind = "direct" if ctx.quoted(*span) else "indirect"
    return RawAttribution(
        ctx.chars([colon], " "), ctx.widen(span), ctx.chars(source), ctx.mention(source), kind, 0.7
    )


def _names_someone(tokens) -> bool:
    if any(t.ent_type_ in _NAMED for t in tokens):
        return True
    if any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "LOC", "DATE") for t in tokens):
        return not any(t.ent_type_ in ("GPE", "LOC", "DATE") for t in tokens)
    return any(t.lower_ in _SOURCE_NOUNS for t in tokens)


def _credit_rule(ctx: _Context) -> RawAttribution | None:
    """Embedded posts: "… pic.twitter.com/x — RT (@RT_com) March 6, 2022"."""
    doc = ctx.doc
    for dash in reversed([t for t in doc if t.text in ("—", "–") and t.i > 2]):
        rest = list(doc[dash.i + 1 :])
        paren = next((t for t in rest if t.text == "("), None)
        if paren is None or paren.i + 1 >= len(doc) or not doc[paren.i + 1].text.startswith("@"):
            continue
        source = [t for t in rest if t.i < paren.i]
        content = ctx.chars(doc[: dash.i])
        if source and content:
            src = ctx.chars(source)
            return RawAttribution(
                ctx.chars([dash], " "), content, src, ctx.mention(source), "indirect", 0.8
            )
    return None
