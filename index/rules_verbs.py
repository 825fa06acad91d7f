"""The reporting-verb rule: subject → source, verb → cue, complement or quotation → content.

Called by ``index.rules.extract`` for every verb of a parsed sentence whose
lemma is in the cue lexicon (``index.cues``). spaCy tokens are passed in.
"""

from __future__ import annotations

from index.cues import (
    CONTENT_PREPOSITIONS,
    CONTENT_VERBS,
    MESSAGE_NOUNS,
    OBJECT_VERBS,
    PUBLISH_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
    cue_lemma,
    is_cue_verb,
)
from index.rules_base import Context, RawAttribution

__all__ = ["verb_rule"]

_RELATIVE = {"who", "which", "that"}
_CUE_AUX = {"aux", "auxpass", "neg", "advmod"}
_EVIDENCE = {"show", "indicate", "suggest", "find", "reveal"}  # "…, records show."
_QUOTING = {"quote", "cite"}
_WH = {"when", "where", "how", "why", "while", "as", "once", "if"}
_TIME_ENTS = {"DATE", "TIME"}
_SETTING_NOUNS = {"interview", "speech", "statement", "remarks", "address", "release", "letter"}


def _is_prep(tok, words: str) -> bool:
    return tok.dep_ == "prep" and tok.lower_ in words.split()


def verb_rule(ctx: Context, tok) -> RawAttribution | None:
    lemma = cue_lemma(tok.text, tok.lemma_)
    if tok.pos_ not in ("VERB", "AUX") or not _in_lexicon(lemma):
        return None
    content = _clause(ctx, tok, lemma)
    quote = None if content else _adjacent_quote(ctx, tok)
    if not is_cue_verb(lemma, content is not None, quote is not None):
        return None
    content = ctx.widen(content) if content else quote
    found = _subject(tok)
    subject, naming = found if found else (None, None)
    source = ctx.chars(subject) if subject else None
    if source and content and source[0] < content[1] and content[0] < source[1]:
        return None
    cue = _cue_tokens(tok)
    kind = "direct" if ctx.quoted(*content) else "indirect"
    return RawAttribution(
        ctx.chars(cue), content, source, ctx.mention(naming) if naming else None, kind
    )


def _in_lexicon(lemma: str) -> bool:
    return (
        lemma in SPEECH_VERBS
        or lemma in CONTENT_VERBS
        or lemma in PUBLISH_VERBS
        or lemma in STANCE_VERBS
    )


def _clause(ctx: Context, tok, lemma: str) -> tuple[int, int] | None:
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp") and not (child.i < tok.i and child.dep_ == "xcomp"):
            after = [t for t in child.subtree if t.i > tok.i]  # not "which" in "which I said was"
            return ctx.chars(after if child.i > tok.i and after else child.subtree)
    for child in tok.children:  # "confirmed through its account that …" (misattached)
        if child.dep_ in ("dep", "prep", "npadvmod") and child.i > tok.i:
            for grand in child.subtree:
                if grand.dep_ == "ccomp" and any(g.dep_ == "mark" for g in grand.children):
                    return ctx.chars(grand.subtree)
                if grand.dep_ == "relcl" and grand.left_edge.lower_ == "that" and child.ent_type_:
                    return ctx.chars(grand.subtree)  # "announced the same day that …"
    for child in tok.children:  # "asked if he would run", "wondered whether …"
        if child.dep_ == "advcl" and child.i > tok.i:
            if any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in child.children):
                return ctx.chars(child.subtree)
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    if lemma in STANCE_VERBS and objects and objects[0].lower_ not in _RELATIVE:
        extra = [
            c
            for c in tok.children
            if c.i > objects[0].i and (c.dep_ in ("oprd", "xcomp") or _is_prep(c, "as for of"))
        ]
        return ctx.chars([*objects[0].subtree, *(t for c in extra[:1] for t in c.subtree)])
    if lemma in PUBLISH_VERBS:
        msg = [o for o in objects if o.lemma_.lower() in MESSAGE_NOUNS]
        return ctx.chars(msg[0].subtree) if msg else None
    if lemma in OBJECT_VERBS and objects and objects[0].pos_ != "PRON":
        extra = [c for c in tok.children if c.dep_ in ("prep", "oprd") and c.i > objects[0].i]
        return ctx.chars([*objects[0].subtree, *(t for c in extra[:1] for t in c.subtree)])
    passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if passive and (lemma in STANCE_VERBS or lemma in OBJECT_VERBS) and _agent(tok):
        if passive[0].lower_ not in _RELATIVE:
            return ctx.chars(passive[0].subtree)  # "the plan was criticized by …"
    prep = _content_prep(tok)
    if prep is not None and lemma not in PUBLISH_VERBS:
        return ctx.chars(t for c in prep.children if c.dep_ == "pobj" for t in c.subtree)
    head = tok.head
    if tok.dep_ in ("parataxis", "ccomp") and head.i < tok.i and head.pos_ in ("VERB", "AUX"):
        before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
        if before is not None and before.text in ",—–":
            return ctx.chars(t for t in head.subtree if t.i < tok.left_edge.i)
    if (lemma in SPEECH_VERBS or lemma in _EVIDENCE) and tok.dep_ == "ROOT" and tok.left_edge.i > 0:
        before = tok.doc[tok.left_edge.i - 1]  # "…, he said" parsed without the clause
        if before.text in ",—–" and tok.left_edge.i > 2:
            return ctx.chars(tok.doc[: tok.left_edge.i])
    return None


def _adjacent_quote(ctx: Context, tok) -> tuple[int, int] | None:
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


def _subject(tok, depth: int = 0) -> tuple[list, list] | None:
    """(source tokens, tokens naming the claimant) for a cue verb, or None.

    A relative pronoun is the source ("voters who said …") and its antecedent
    names the claimant; infinitives and participles take the subject of the verb
    they hang from ("is expected to endorse", "began by saying", "…, calling").
    """
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in _RELATIVE:
                if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
                    return [child], _noun_left(tok.head)
                continue
            if child.dep_ == "nsubjpass" and depth == 0 and tok.lemma_.lower() not in _QUOTING:
                agent = _agent(tok)  # "X was criticized by Y": Y is the source
                return (agent, agent) if agent else None
            return list(child.subtree), list(child.subtree)
        if child.dep_ == "agent" and depth == 0:
            objs = [g for g in child.children if g.dep_ == "pobj"]
            return (list(objs[0].subtree),) * 2 if objs else None
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        noun = _noun_left(tok.head)
        return noun, noun
    head = tok.head
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and head.dep_ == "ccomp" and depth < 4:
        if _in_lexicon(
            cue_lemma(head.head.text, head.head.lemma_)
        ):  # "said X was …, adding that": the sayer adds
            return _subject(head.head, depth + 1)
    climb = ("advcl", "xcomp", "conj", "pcomp", "acomp", "prep")
    if tok.dep_ in climb and tok.head is not tok and depth < 4:
        return _subject(tok.head, depth + 1)
    return None


def _agent(tok) -> list | None:
    for child in tok.children:
        if child.dep_ == "agent":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            return list(objs[0].subtree) if objs else None
    return None


def _noun_left(noun) -> list:
    return [t for t in noun.subtree if t.i <= noun.i]


def _content_prep(tok):
    """A preposition right after the verb that introduces the claim: "talked about"."""
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in CONTENT_PREPOSITIONS and child.i <= tok.i + 2:
            if any(g.dep_ == "pobj" for g in child.children):
                return child
    return None


def _cue_tokens(tok) -> list:
    """The cue: the verb with its auxiliaries, negation, particle, a governing "is expected
    to"-style verb, and what follows it before the content ("said Tuesday", "said in a
    statement", "told reporters", "said:")."""
    doc = tok.doc
    tokens = [tok, *_left_aux(tok)]
    head = tok.head
    if tok.dep_ == "xcomp" and head.i < tok.i and tok.i - head.i <= 4:  # "refused to answer"
        between = doc[head.i + 1 : tok.i]
        if all(t.dep_ in _CUE_AUX or t.lower_ == "to" for t in between):
            tokens += [head, *between, *_left_aux(head)]
            if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.i < head.i:
                tokens += [*doc[head.left_edge.i : head.i], head.head, *_left_aux(head.head)]
    tokens += _xcomp_chain(tok)
    prep = _content_prep(tok)
    if prep is not None and not any(c.dep_ in ("ccomp", "dobj") for c in tok.children):
        tokens.append(prep)
    end = tok.i
    for child in sorted(tok.rights, key=lambda c: c.i):
        if child.i != end + 1:
            break
        if child.dep_ == "prt" or child.text == ":" or _is_prep(child, "of"):
            tokens.append(child)  # "shot back", "said:", "said of"
        elif child.dep_ == "npadvmod" and child.ent_type_ in _TIME_ENTS:
            tokens.extend(doc[child.left_edge.i : child.i + 1])  # "said Tuesday"
        elif _is_prep(child, "in during at on") and any(
            g.lemma_.lower() in _SETTING_NOUNS or g.ent_type_ in _TIME_ENTS
            for g in child.children
            if g.dep_ == "pobj"
        ):
            objs = [g.i for g in child.children if g.dep_ == "pobj"]
            tokens.extend(doc[child.i : max(objs) + 1])  # "said in a statement", "on Monday"
        else:
            break
        end = max(t.i for t in tokens)
    end = max(t.i for t in tokens)
    if end + 1 < len(doc) and doc[end + 1].text == ":" and doc[end + 1] not in tokens:
        tokens.append(doc[end + 1])
    return tokens


def _xcomp_chain(tok) -> list:
    """The verb a cue governs through "to": "refused to disavow", "is expected to endorse"."""
    doc = tok.doc
    for child in tok.children:
        lemma = cue_lemma(child.text, child.lemma_)
        if child.dep_ == "xcomp" and _in_lexicon(lemma) and tok.i < child.i <= tok.i + 3:
            between = list(doc[tok.i + 1 : child.i])
            if any(t.lower_ == "to" for t in between) and all(
                t.dep_ in _CUE_AUX or t.lower_ == "to" for t in between
            ):
                return [*between, child, *(c for c in child.children if c.dep_ == "prt")]
    return []


def _left_aux(tok) -> list:
    found = []
    i = tok.i - 1
    while i >= 0 and tok.doc[i].dep_ in _CUE_AUX and tok.doc[i].head == tok:
        if tok.doc[i].lower_ in _WH:
            break
        if tok.doc[i].lower_ != "to":
            found.append(tok.doc[i])
        i -= 1
    return found
