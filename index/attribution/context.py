"""Shared pieces of the attribution rules: the raw result and the sentence context.

Every rule in ``index.attribution.registry`` takes a ``Context`` (one parsed
sentence — a spaCy ``Doc`` passed in, never imported here — with its place in
the article) and returns ``RawAttribution``s; the ``Context`` turns token lists
into character ranges of the article text and describes a source phrase as a
spaCy-free ``Mention`` for ``index.attribution.claimants``.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.attribution.claimants import Mention
from index.attribution.lexicon import BODY_ENTS, TEMPORAL_WORDS, TIME_ENTS

__all__ = [
    "RawAttribution",
    "Context",
    "EDGE_PUNCT",
    "base_phrase",
    "trim_source",
]

EDGE_PUNCT = " \t\n,;:—–-"
_TRAILING = {"advcl"}
_AFTER_COMMA = {"acl", "amod", "npadvmod", "nummod", "advmod"}
_MODIFIERS = {"compound", "amod", "det", "poss", "nummod", "nmod", "npadvmod", "case", "punct"}


@dataclass
class RawAttribution:
    """One attribution as character ranges, before its claimant is resolved."""

    cue: tuple[int, int]
    content: tuple[int, int]
    source: tuple[int, int] | None
    mention: Mention | None
    kind: str
    confidence: float = 1.0
    described: bool = False  # the article describing someone ("who has championed X")


@dataclass
class Context:
    doc: object
    offset: int
    text: str
    quotes: list[tuple[int, int]]

    def chars(self, tokens, strip: str = EDGE_PUNCT) -> tuple[int, int] | None:
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
        tokens = _before_description(tokens, head)
        ents = {e for t in tokens for e in t.doc.ents if e.start <= t.i < e.end}
        ents = [e for e in sorted(ents, key=lambda e: e.start) if e.start >= tokens[0].i]
        base = base_phrase(head, tokens[0].i)
        appos = [
            t
            for t in tokens
            if t.dep_ == "appos"
            and t.pos_ == "PROPN"
            and (t.head == head or t.head.head.head == head)
        ]  # "the boss, X" and "the boss of the group, X"
        if head.pos_ == "NOUN" and appos and not any(e.label_ == "PERSON" for e in ents):
            ents = []  # "the boss of the group, Prigozhin": the apposition names the person
            persons = [self.text[slice(*self.chars(base_phrase(appos[0], appos[0].i)))]]
        else:
            persons = [e.text for e in ents if e.label_ == "PERSON"]
        return Mention(
            text=self.text[slice(*self.chars(tokens, EDGE_PUNCT + '"“”'))],
            head=head.text,
            base=self.text[slice(*(self.chars(base) or self.chars(tokens)))],
            persons=persons,
            bodies=[e.text for e in ents if e.label_ in BODY_ENTS],
            orgs=[e.text for e in ents if e.label_ == "ORG"],
            groups=[e.text for e in ents if e.label_ == "NORP"],
            before=self._possessors(tokens[0]),
        )

    def _possessors(self, first) -> list[str]:
        """Names in the possessive earlier in the sentence, outside quotations ("Oz's advice
        earned him a hearing, where he said …")."""
        found = []
        for tok in first.doc[: first.i]:
            nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
            if tok.pos_ == "PROPN" and nxt is not None and nxt.dep_ == "case":
                at = self.offset + tok.idx
                if not self.quoted(at, at + len(tok.text)):
                    found.append(tok.text)
        return found


def _before_description(tokens: list, head) -> list:
    """A source phrase without the relative clause that describes its speaker after a comma:
    in "X, who commanded the Azov regiment," the names of the clause are no speaker's."""
    for child in head.rights:
        comma = child.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
        if child.dep_ == "relcl" and comma is not None and comma.text == "," and comma.i > 0:
            kept = [t for t in tokens if t.i < comma.i]
            return kept or tokens
    return tokens


def base_phrase(head, first: int) -> list:
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


def speaker_tokens(tokens: list | None) -> list | None:
    """A source phrase that can speak: not headed by a date or time word, not a bare number.

    A dateline before a dash ("RENO, Nev. (AP) — X") is no part of the source.
    """
    if not tokens:
        return tokens
    tokens = _with_object(tokens)
    if all(t.like_num or t.is_punct for t in tokens):
        return None  # a bare number
    dashes = [i for i, t in enumerate(tokens) if i > 0 and _dash(t)]
    dateline = dashes and any(
        t.text == ")" or t.is_upper and len(t) > 2 for t in tokens[: dashes[0]]
    )
    if dateline and any(t.pos_ in ("NOUN", "PROPN") for t in tokens[dashes[-1] + 1 :]):
        tokens = tokens[dashes[-1] + 1 :]  # "RENO, Nev. (AP) — Republican hopeful X"
    head = next((t for t in tokens if t.head not in tokens or t.head == t), tokens[0])
    return None if _temporal(head) else tokens


def _with_object(tokens: list) -> list:
    """A source ending in a preposition the parser left without its object ("The mayor of"
    in "The mayor of Dnipro Borys Filatov advised …"), with the proper names after it."""
    last = tokens[-1]
    if last.dep_ != "prep" or any(True for _ in last.children):
        return tokens
    doc, end = last.doc, last.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    return tokens + list(doc[last.i + 1 : end])


def trim_source(tokens: list | None) -> list | None:
    """Cut what follows the speaker's name: "X, 58, who lives in Y", "X, speaking at Y".

    After a comma, a clause or phrase hanging from the head noun ("X, who lives
    in Y", "X, speaking at Y", "X, of Y", "X, 58, in Y") and, anywhere, an
    adverbial clause ("X when asked") tell the reader about the speaker rather
    than name them; restrictive clauses ("those who voted") and appositions
    ("X, a former senator,") stay.
    """
    if not tokens:
        return tokens
    while len(tokens) > 1 and tokens[0].is_punct:  # a closing quote the parse hung on the
        tokens = tokens[1:]  # subject ("“…,” Ukraine’s prime minister said")
    head = next((t for t in tokens if t.head not in tokens or t.head == t), tokens[0])
    cut = None
    for child in head.rights:
        comma = child.i > 0 and child.doc[child.left_edge.i - 1].text == ","
        if child.dep_ in _TRAILING or (comma and child.dep_ in _AFTER_COMMA):
            cut = child.left_edge.i
            break
    if cut is None or cut <= tokens[0].i:
        return tokens
    kept = [t for t in tokens if t.i < cut]
    while len(kept) > 2 and kept[-1].text == "," and kept[-2].like_num:
        kept = kept[:-2]  # "X, 58, who lives in Y": the age goes with the rest
    while kept and kept[-1].text == ",":
        kept = kept[:-1]
    return kept if any(not t.is_punct for t in kept) else tokens


def _dash(tok) -> bool:
    """A dash between words: "—", "–", or a hyphen with spaces round it ("GENEVA - The …")."""
    if tok.text in ("—", "–"):
        return True
    return tok.text == "-" and bool(tok.whitespace_) and bool(tok.doc[tok.i - 1].whitespace_)


def _temporal(tok) -> bool:
    """ "date", "Monday", "last year" — but not "The Times" or a Ms. Day."""
    if tok.lower_ not in TEMPORAL_WORDS:
        return False
    return tok.text.islower() or (tok.ent_type_ in TIME_ENTS and tok.pos_ != "PROPN")
