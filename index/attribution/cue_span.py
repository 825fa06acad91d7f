"""The cue span of a reporting verb: which tokens around the verb belong to the cue.

Used by ``index.attribution.verbs``: the verb with its auxiliaries and negation, a
governing "is expected to"-style verb, a particle, and what follows it before
the content ("said Tuesday", "said in a statement", "talked about", "said:").
spaCy tokens are passed in, never imported here.
"""

from __future__ import annotations

from index.attribution.lexicon import (
    ADDRESSING_VERBS,
    AUX_DEPS,
    CLAUSE_OPENERS,
    CONTENT_PREPOSITIONS,
    SETTING_NOUNS,
    TIME_ENTS,
    cue_lemma,
    in_lexicon,
)

__all__ = ["content_prep", "cue_tokens", "is_prep"]


def is_prep(tok, words: str) -> bool:
    return tok.dep_ == "prep" and tok.lower_ in words.split()


def content_prep(tok):
    """A preposition right after the verb that introduces the claim: "talked about".

    "to" after a verb of addressing names the audience, not the claim ("spoke to
    reporters", "added to the crowd").
    """
    audience = cue_lemma(tok.text, tok.lemma_) in ADDRESSING_VERBS
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in CONTENT_PREPOSITIONS and child.i <= tok.i + 2:
            if audience and child.lower_ == "to":
                continue
            if any(g.dep_ == "pobj" for g in child.children):
                return child
    return None


def cue_tokens(tok) -> list:
    """The cue: the verb with its auxiliaries, negation, particle, a governing "is expected
    to"-style verb, and what follows it before the content ("said Tuesday", "said in a
    statement", "told reporters", "said:")."""
    doc = tok.doc
    tokens = [tok, *_left_aux(tok)]
    head = tok.head
    if tok.dep_ == "xcomp" and head.i < tok.i and tok.i - head.i <= 4:  # "refused to answer"
        between = doc[head.i + 1 : tok.i]
        if all(t.dep_ in AUX_DEPS or t.lower_ == "to" for t in between):
            tokens += [head, *between, *_left_aux(head)]
            if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.i < head.i:
                tokens += [*doc[head.left_edge.i : head.i], head.head, *_left_aux(head.head)]
    tokens += _xcomp_chain(tok)
    prep = content_prep(tok)
    if prep is not None and not any(c.dep_ in ("ccomp", "dobj") for c in tok.children):
        tokens.append(prep)
    end = tok.i
    for child in sorted(tok.rights, key=lambda c: c.i):
        if child.i != end + 1:
            break
        if child.dep_ == "prt" or child.text == ":" or is_prep(child, "of"):
            tokens.append(child)  # "shot back", "said:", "said of"
        elif child.dep_ == "npadvmod" and child.ent_type_ in TIME_ENTS:
            tokens.extend(doc[child.left_edge.i : child.i + 1])  # "said Tuesday"
        elif is_prep(child, "in during at on") and any(
            g.lemma_.lower() in SETTING_NOUNS or g.ent_type_ in TIME_ENTS
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
        if child.dep_ == "xcomp" and in_lexicon(lemma) and tok.i < child.i <= tok.i + 3:
            between = list(doc[tok.i + 1 : child.i])
            if any(t.lower_ == "to" for t in between) and all(
                t.dep_ in AUX_DEPS or t.lower_ == "to" for t in between
            ):
                return [*between, child, *(c for c in child.children if c.dep_ == "prt")]
    return []


def _left_aux(tok) -> list:
    found = []
    i = tok.i - 1
    while i >= 0 and tok.doc[i].dep_ in AUX_DEPS and tok.doc[i].head == tok:
        if tok.doc[i].lower_ in CLAUSE_OPENERS:
            break
        if tok.doc[i].lower_ != "to":
            found.append(tok.doc[i])
        i -= 1
    return found
