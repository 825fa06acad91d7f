"""Whether a cue-lexicon verb, in its place in the parse, really reports a claim.

Called by ``index.attribution.verbs`` once a verb has a content. Many lexicon
verbs report a claim only in some syntactic frames (spaCy tokens passed in):

- verbs of thinking ("think", "know", "want") need an asserted holder: not an
  infinitive ("unrealistic to think"), not a conditional ("if people think"),
  not a belief nested inside what someone else says ("said they think" — the
  saying is the attribution), and "know"-type verbs not with an indirect
  question ("know what was up");
- verbs of stance ("support", "attack", "back") are not claims as infinitives of
  purpose ("turned out to support Clinton");
- "continue" is a cue only on its own (`"…," he continued`), not in
  "continues to grow".
"""

from __future__ import annotations

from index.attribution.lexicon import (
    ASKING_VERBS,
    CONDITIONAL_MARKS,
    CONTENT_VERBS,
    EVIDENCE_VERBS,
    QUOTE_ONLY_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
    WH_WORDS,
    cue_lemma,
    in_lexicon,
)

__all__ = ["licensed"]


def licensed(tok, lemma: str, has_quote: bool) -> bool:
    """Whether the cue verb ``tok`` (lexicon ``lemma``) introduces a claim here."""
    if lemma in QUOTE_ONLY_VERBS:  # "continues to grow" is no claim; "he continued, …" is
        return has_quote or not any(c.dep_ in ("xcomp", "dobj") for c in tok.children)
    if lemma in SPEECH_VERBS:
        return True
    if lemma in CONTENT_VERBS and lemma not in EVIDENCE_VERBS:
        return _holds_belief(tok, lemma)
    if lemma in STANCE_VERBS:
        return not _is_infinitive(tok) or _governed_by_cue(tok)
    return True


def _holds_belief(tok, lemma: str) -> bool:
    if _is_infinitive(tok) and not _governed_by_cue(tok):
        return False
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in tok.children):
        return False
    if tok.dep_ == "ccomp" and _governed_by_cue(tok):
        return False  # "said they think …": the saying carries the attribution
    if lemma not in ASKING_VERBS:
        clause = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
        if clause and clause[0].left_edge.lower_ in WH_WORDS:
            return False  # "know what was up" asks, it does not claim
    return True


def _is_infinitive(tok) -> bool:
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _governed_by_cue(tok) -> bool:
    head = tok.head
    return head is not tok and in_lexicon(cue_lemma(head.text, head.lemma_))
