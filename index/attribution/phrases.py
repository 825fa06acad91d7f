"""Attribution rules that need no reporting verb: "according to X", headline colons, post credits.

Registered in ``index.attribution.registry``; each looks at one parsed sentence: "according to X" /
"as per X" phrases, headline colons ("Pence: …", "…: Official") and
embedded-post credits ("… — Name (@handle)").
"""

from __future__ import annotations

import re

from index.attribution.context import EDGE_PUNCT, Context, RawAttribution, base_phrase
from index.attribution.lexicon import (
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    OFFICES,
    ORGANISATION_NOUNS,
    PERSON_NOUNS,
    PLACE_TIME_ENTS,
    SAYING_VERBS,
    SOURCE_NOUNS,
    SPEAKER_ENTS,
)
from index.attribution.nlp import common_nouns

__all__ = ["according_rule", "colon_rule", "credit_rule"]


def according_rule(ctx: Context) -> list[RawAttribution]:
    """ "according to X" and "as per X": X is the source, the rest of the sentence the content."""
    return [a for tok in ctx.doc if (a := _according(ctx, tok))]


def _according(ctx: Context, tok) -> RawAttribution | None:
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
    content = ctx.chars(rest, EDGE_PUNCT + ".")
    if not content:
        return None
    source = list(objs[0].subtree)
    kind = "according_to"
    return RawAttribution(
        ctx.chars(cue), ctx.widen(content), ctx.chars(source), ctx.mention(source), kind
    )


def colon_rule(ctx: Context) -> list[RawAttribution]:
    """Headline colons: "Pence: Trump was mocking" and "Civilians fleeing: Official"."""
    found = _colon(ctx)
    return [found] if found else []


def _colon(ctx: Context) -> RawAttribution | None:
    doc = ctx.doc
    colons = [t for t in doc if t.text == ":"]
    if colons and any(t.pos_ in ("VERB", "AUX") for t in doc[: colons[0].i]):
        return _speaker_colon(ctx, colons[0])
    if not colons:
        return None
    colon = colons[0]
    before, after = _after_clock(list(doc[: colon.i])), list(doc[colon.i + 1 :])
    if not before or not after or after[0].tag_ == "VB":
        return None  # "SYSTEM: ignore previous instructions" is an order, not a claim
    if len(before) <= 6 and _names_someone(before, ctx.text):
        if _topic(before, after):  # "Strike on Odesa: …", "Odesa: …, Ukraine says"
            return None
        source, content = before, after
    elif len([t for t in after if not t.is_punct]) <= 3 and _names_someone(after, ctx.text):
        source, content = after, before
    else:
        return None
    span = ctx.chars(content, EDGE_PUNCT + ".")
    if not span:
        return None
    kind = "direct" if ctx.quoted(*span) else "indirect"
    return RawAttribution(
        ctx.chars([colon], " "), ctx.widen(span), ctx.chars(source), ctx.mention(source), kind, 0.7
    )


def _topic(before: list, after: list) -> bool:
    """Whether the words before a headline's colon are its topic, not its speaker: a phrase
    with a preposition ("Strike on Odesa", "Evacuation to Kherson"), a name the claim
    itself repeats ("Odesa: drones hit Odesa port"), or a claim that ends in its own
    speaker ("…, Ukraine says", "…, says the army", "… - Zelensky")."""
    if any(t.pos_ == "ADP" and (t.lower_ != "of" or _of_a_topic(t)) for t in before):
        return True
    names = {t.lower_[:_STEM] for t in before if t.text[:1].isupper() and t.is_alpha}
    if names & {t.lower_[:_STEM] for t in after}:
        return True
    commas = [i for i, t in enumerate(after) if t.text == ","]
    tail = after[commas[-1] + 1 :] if commas else []
    if any(
        t.lemma_.lower() in SAYING_VERBS and any(c.dep_ == "nsubj" for c in t.children)
        for t in tail
    ):
        return True
    dashes = [i for i, t in enumerate(after) if t.text in ("-", "—", "–")]
    credit = [t for t in after[dashes[-1] + 1 :] if not t.is_punct] if dashes else []
    return 0 < len(credit) <= 3 and not any(t.pos_ in ("VERB", "AUX") for t in credit)


def _after_clock(tokens: list) -> list:
    """A feed's headline without the date and time before its dash: "27.09.22 12:25 -
    Kadyrov Ramazan" → "Kadyrov Ramazan"."""
    dashes = [i for i, t in enumerate(tokens) if t.text in ("-", "—", "–")]
    stamp = tokens[: dashes[0]] if dashes else []
    if stamp and all(_CLOCK.fullmatch(t.text) for t in stamp):
        return tokens[dashes[0] + 1 :]
    return tokens


_CLOCK = re.compile(r"[\d.:/]+")


def _of_a_topic(of) -> bool:
    """Whether "of" follows a common noun that names no office, person, group or body:
    "Defenders of Mariupol" is a topic; "Head of Wagner", "Residents of Kherson", "Ministry
    of Defence" may speak."""
    head = of.head
    words = {head.lower_, head.lower_.removesuffix("s")}
    return head.i < of.i and head.pos_ == "NOUN" and not head.ent_type_ and not words & _SPEAKING


_SPEAKING = OFFICES | PERSON_NOUNS | ORGANISATION_NOUNS | GROUP_NOUNS | SOURCE_NOUNS

#: Letters of a name compared between a headline's topic and its claim ("Zaporizhzhia",
#: "Zaporizhia").
_STEM = 6


def _speaker_colon(ctx: Context, colon) -> RawAttribution | None:
    """A named speaker, a colon, a quotation: "… surprise pollster Daron Shaw: “…”"."""
    doc = ctx.doc
    name = doc[colon.i - 1] if colon.i > 0 else None
    after = doc[colon.i + 1] if colon.i + 1 < len(doc) else None
    if name is None or after is None or name.ent_type_ != "PERSON" or after.text not in '“"‘':
        return None
    source = base_phrase(name, 0)
    content = ctx.chars(doc[colon.i + 1 :], EDGE_PUNCT)
    if not content:
        return None
    return RawAttribution(
        ctx.chars([colon], " "),
        ctx.widen(content),
        ctx.chars(source),
        ctx.mention(source),
        "direct",
        0.7,
    )


def _names_someone(tokens, text: str) -> bool:
    if any(t.ent_type_ in SPEAKER_ENTS for t in tokens):
        return True
    words = [t for t in tokens if not t.is_punct]
    one = words[0] if len(words) == 1 else None
    tag = one is not None and one.pos_ == "NOUN" and not one.ent_type_
    if tag and one.lower_ in common_nouns() and not _a_name_in(text, one.text):
        # a feed's section tag, a common noun ("Intelligence: …", "Correction: …"), unless
        # it names a speaker or a document ("Police: …", "Report: …"); not a name
        # ("Politifact: …", or "Trump: …" where the article writes "Donald Trump")
        return bool({one.lower_, one.lower_.removesuffix("s")} & (_SPEAKING | DOCUMENT_NOUNS))
    if 0 < len(words) <= 3 and all(t.text[:1].isupper() for t in words):
        return not any(t.ent_type_ in PLACE_TIME_ENTS for t in tokens)  # "Trump: …"
    if any(t.pos_ == "PROPN" and t.ent_type_ not in PLACE_TIME_ENTS for t in tokens):
        return not any(t.ent_type_ in PLACE_TIME_ENTS for t in tokens)
    return any(t.lower_ in SOURCE_NOUNS for t in tokens)


def _a_name_in(text: str, word: str) -> bool:
    """Whether the article writes ``word`` capitalised after another word of its sentence
    ("Donald Trump", "said Trump"): a name there, not a section's common noun."""
    return re.search(rf"\w[,’']? {re.escape(word)}\b", text) is not None


def credit_rule(ctx: Context) -> list[RawAttribution]:
    """Embedded posts: "… pic.twitter.com/x — RT (@RT_com) March 6, 2022"."""
    found = _credit(ctx)
    return [found] if found else []


def _credit(ctx: Context) -> RawAttribution | None:
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
