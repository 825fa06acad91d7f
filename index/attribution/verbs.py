"""The reporting-verb rule: subject → source, verb → cue, complement or quotation → content.

Registered in ``index.attribution.registry``; looks at every verb of a parsed
sentence whose lemma is in the cue lexicon (``index.attribution.lexicon``).
spaCy tokens are passed in.
"""

from __future__ import annotations

from index.attribution.context import Context, RawAttribution, speaker_tokens, trim_source
from index.attribution.cue_span import content_prep, cue_tokens, is_prep
from index.attribution.lexicon import (
    AUDIENCE_NOUNS,
    DIRECTIVE_VERBS,
    EVENT_NOUNS,
    EVIDENCE_VERBS,
    MESSAGE_NOUNS,
    OBJECT_VERBS,
    PERFORMATIVE_VERBS,
    PUBLISH_VERBS,
    QUOTING_VERBS,
    RELATIVE_PRONOUNS,
    SAID_PRONOUNS,
    SPEECH_VERBS,
    STANCE_VERBS,
    TEMPORAL_WORDS,
    TIME_ENTS,
    cue_lemma,
    in_lexicon,
    is_cue_verb,
)
from index.attribution.license import licensed

__all__ = ["verb_rule"]


def verb_rule(ctx: Context) -> list[RawAttribution]:
    """Every reporting verb of the sentence with its source and content."""
    return [a for tok in ctx.doc if (a := _verb(ctx, tok))]


def _verb(ctx: Context, tok) -> RawAttribution | None:
    lemma = cue_lemma(tok.text, tok.lemma_)
    if tok.pos_ not in ("VERB", "AUX") or not in_lexicon(lemma):
        return None
    content = _clause(ctx, tok, lemma)
    quote = None if content else _adjacent_quote(ctx, tok)
    if not is_cue_verb(lemma, content is not None, quote is not None):
        return None
    if _to_blame(tok) or not licensed(tok, lemma, quote is not None) or _imperative(tok):
        return None
    if _aside(tok):
        return None
    content = ctx.widen(content) if content else quote
    found = _subject(tok)
    subject, naming = found if found else (None, None)
    subject, naming = trim_source(speaker_tokens(subject)), speaker_tokens(naming)
    if subject and lemma not in EVIDENCE_VERBS and _head(subject).lower_ in EVENT_NOUNS:
        return None  # an event happens; it does not claim
    source = ctx.chars(subject) if subject else None
    cue = cue_tokens(tok)
    if source and content and source[0] < content[1] and content[0] < source[1]:
        around = ctx.chars(cue)  # "A, she said, B": the claim's range holds its own cue
        if not (_parenthetical(tok) and content[0] < around[0] and around[1] < content[1]):
            return None
    if content[1] <= ctx.offset + tok.idx and ctx.quoted(*content):
        content = _rest_of_quote(ctx, tok, content)  # "“A,” he said, “B.”": one quotation
    kind = "direct" if ctx.quoted(*content) else "indirect"
    # "X, who has championed Y,": the article describes X; X claims nothing
    described = bool(subject) and subject[0].lower_ in RELATIVE_PRONOUNS and _describes(tok, quote)
    mention = ctx.mention(naming) if naming else None
    return RawAttribution(ctx.chars(cue), content, source, mention, kind, described=described)


def _describes(tok, quote) -> bool:
    """A relative clause whose verb takes no clause or quotation ("who has championed weapons
    transfers") is the article's description of someone, not their claim."""
    return quote is None and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)


def _topic_before_colon(clause, tok) -> bool:
    """Whether a clause before the cue ends at a colon: a headline's topic ("Ceasefire talks:
    X says …"), not what is said."""
    doc = clause.doc
    return clause.i < tok.i and any(t.text == ":" for t in doc[clause.right_edge.i + 1 : tok.i])


def _head(tokens: list):
    return next((t for t in tokens if t.head not in tokens or t.head == t), tokens[0])


def _imperative(tok) -> bool:
    """An order to the reader, not a claim: "Click below to express your thoughts",
    "ignore previous instructions and praise …" (a bare verb heading its sentence)."""
    verb = tok
    while verb.dep_ in ("xcomp", "advcl", "conj") and verb.head is not verb:
        verb = verb.head
    helped = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.dep_ == "ROOT" and verb.tag_ == "VB" and not helped


def _to_blame(tok) -> bool:
    """ "X was to blame": who is responsible, not what anyone said."""
    return tok.lower_ == "blame" and tok.dep_ == "xcomp" and tok.head.lemma_ == "be"


def _aside(tok) -> bool:
    """A cue inside brackets is an aside of the writer's: "(also citing Moldova)"."""
    doc = tok.doc
    before = [t.text for t in doc[: tok.i]]
    return before.count("(") > before.count(")")


def _rest_of_quote(ctx: Context, tok, quote: tuple[int, int]) -> tuple[int, int]:
    """A quotation the cue interrupts goes on after it: "“A,” he said, “B.”" → A to B."""
    cue_end = ctx.offset + tok.idx + len(tok.text)
    sentence_end = ctx.offset + len(tok.doc.text)
    after = [q for q in ctx.quotes if cue_end <= q[0] < sentence_end]
    if quote[1] <= cue_end and after:
        between = ctx.text[quote[1] : after[0][0]]
        if len(between.split()) <= 12 and between.rstrip().endswith((",", ":")):
            return quote[0], after[0][1]
    return quote


def _clause(ctx: Context, tok, lemma: str) -> tuple[int, int] | None:
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp") and not (child.i < tok.i and child.dep_ == "xcomp"):
            if _topic_before_colon(child, tok):
                continue
            after = [t for t in child.subtree if t.i > tok.i]  # not "which" in "which I said was"
            return ctx.chars(after if child.i > tok.i and after else child.subtree)
    for child in tok.children:  # "confirmed through its account that …" (misattached)
        if child.dep_ in ("dep", "prep", "npadvmod") and child.i > tok.i:
            for grand in child.subtree:
                if grand.dep_ in ("ccomp", "acl") and any(g.dep_ == "mark" for g in grand.children):
                    return ctx.chars(grand.subtree)
                if grand.dep_ == "relcl" and grand.left_edge.lower_ == "that" and child.ent_type_:
                    return ctx.chars(grand.subtree)  # "announced the same day that …"
    for child in tok.children:  # "asked if he would run", "wondered whether …"
        if child.dep_ == "advcl" and child.i > tok.i:
            if any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in child.children):
                return ctx.chars(child.subtree)
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    if lemma in DIRECTIVE_VERBS and objects:
        for child in tok.children:  # "told his supporters to “go vote”": what they were told
            if child.dep_ == "advcl" and child.i > objects[0].i and _infinitive(child):
                return ctx.chars(child.subtree)
    if lemma in STANCE_VERBS and objects and objects[0].lower_ not in RELATIVE_PRONOUNS:
        extra = [
            c
            for c in tok.children
            if c.i > objects[0].i and (c.dep_ in ("oprd", "xcomp") or is_prep(c, "as for of"))
        ]
        return ctx.chars([*objects[0].subtree, *(t for c in extra[:1] for t in c.subtree)])
    if lemma in PUBLISH_VERBS:
        msg = [o for o in objects if o.lemma_.lower() in MESSAGE_NOUNS]
        return ctx.chars(msg[0].subtree) if msg else None
    if lemma in OBJECT_VERBS and objects and objects[0].pos_ != "PRON":
        extra = [c for c in tok.children if c.dep_ in ("prep", "oprd") and c.i > objects[0].i]
        return ctx.chars([*objects[0].subtree, *(t for c in extra[:1] for t in c.subtree)])
    if lemma in SPEECH_VERBS and lemma not in PERFORMATIVE_VERBS and objects and _said(objects[0]):
        extra = [c for c in tok.children if c.dep_ in ("prep", "oprd") and c.i > objects[0].i]
        return ctx.chars([*objects[0].subtree, *(t for c in extra[:1] for t in c.subtree)])
    passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if passive and (lemma in STANCE_VERBS or lemma in OBJECT_VERBS) and _agent(tok):
        if passive[0].lower_ not in RELATIVE_PRONOUNS:
            return ctx.chars(passive[0].subtree)  # "the plan was criticized by …"
    prep = content_prep(tok)
    if prep is not None and lemma not in PUBLISH_VERBS:
        return ctx.chars(t for c in prep.children if c.dep_ == "pobj" for t in c.subtree)
    head = tok.head
    left = _edges(tok)[0]  # spaCy may hang the comma before the cue on the cue itself
    if tok.dep_ in ("parataxis", "ccomp") and head.i < tok.i and head.pos_ in ("VERB", "AUX"):
        before = tok.doc[left - 1] if left > 0 else None
        if before is not None and before.text in ",—–":
            return ctx.chars(t for t in head.subtree if t.i < left)
    if _parenthetical(tok) and head.pos_ in ("VERB", "AUX"):
        inside = {t.i for t in tok.subtree}  # "As X observed, …", "…, X says, …"
        return ctx.chars(t for t in head.subtree if t.i not in inside)
    if (lemma in SPEECH_VERBS or lemma in EVIDENCE_VERBS) and tok.dep_ == "ROOT" and left > 0:
        before = tok.doc[left - 1]  # "…, he said" parsed without the clause
        if before.text in ",—–" and left > 2:
            return ctx.chars(tok.doc[:left])
    return None


def _infinitive(verb) -> bool:
    """A "to" clause: "to go", "to “go to your place and vote”"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _said(obj) -> bool:
    """Whether a speech verb's object is what was said ("tweeted her thanks", "said that"),
    not whom it was said to ("told reporters", "asked him")."""
    if obj.ent_type_ == "PERSON" or obj.lemma_.lower() in AUDIENCE_NOUNS:
        return False
    return obj.pos_ != "PRON" or obj.lower_ in SAID_PRONOUNS


def _parenthetical(tok) -> bool:
    """A cue set off by commas inside the claim: "As X observed, …", "…, X says, …"."""
    doc = tok.doc
    if tok.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return False
    if tok.dep_ not in ("advcl", "parataxis") or tok.head is tok:
        return False
    left, right = _edges(tok)
    opens = left == 0 or doc[left - 1].text in ",—–" or doc[left].lower_ == "as"
    closes = right + 1 < len(doc) and doc[right + 1].text in ",—–"
    return opens and closes and tok.head.i > right


def _edges(tok) -> tuple[int, int]:
    """The first and last token of ``tok``'s subtree, leaving out the commas or dashes that
    spaCy hangs on a parenthetical verb ("The economy, she said, is weak")."""
    span = list(tok.subtree)
    while len(span) > 1 and span[0].text in ",—–":
        span.pop(0)
    while len(span) > 1 and span[-1].text in ",—–":
        span.pop()
    return span[0].i, span[-1].i


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
    children = list(tok.children)
    if sum(c.dep_ in ("nsubj", "nsubjpass") for c in children) > 1:
        children.reverse()  # "BERLIN (Reuters) - X said": a dateline parsed as a subject
    for child in children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in RELATIVE_PRONOUNS:
                if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
                    return [child], _antecedent(tok.head)
                continue
            if child.dep_ == "nsubjpass" and depth == 0 and tok.lemma_.lower() not in QUOTING_VERBS:
                agent = _agent(tok)  # "X was criticized by Y": Y is the source
                return (agent, agent) if agent else None
            return list(child.subtree), list(child.subtree)
        if child.dep_ == "agent" and depth == 0:
            objs = [g for g in child.children if g.dep_ == "pobj"]
            return (list(objs[0].subtree),) * 2 if objs else None
    if _at_a_moment(tok) and depth < 4:  # "he has battled X, at one point calling …"
        return _subject(tok.head.head.head, depth + 1)
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        noun = _noun_left(tok.head)
        return noun, noun
    misparsed = _misparsed_subject(tok)
    if misparsed:
        return misparsed, misparsed
    head = tok.head
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and head.dep_ == "ccomp" and depth < 4:
        if in_lexicon(
            cue_lemma(head.head.text, head.head.lemma_)
        ):  # "said X was …, adding that": the sayer adds
            return _subject(head.head, depth + 1)
    climb = ("advcl", "xcomp", "conj", "pcomp", "acomp", "prep")
    # "X stopped short of endorsing": through the adverb the preposition hangs from
    adverb = tok.dep_ == "advmod" and tok.pos_ == "ADV" and depth > 0
    if (tok.dep_ in climb or adverb) and tok.head is not tok and depth < 4:
        return _subject(tok.head, depth + 1)
    return None


def _at_a_moment(tok) -> bool:
    """A participle hung on a time the verb's preposition names ("battled with X, at one point
    calling …", "in many cases reporting …"): the verb's subject speaks."""
    noun = tok.head
    if tok.dep_ != "acl" or tok.tag_ != "VBG" or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return False
    if noun.head.head.pos_ not in ("VERB", "AUX"):
        return False
    return noun.ent_type_ in TIME_ENTS or noun.lemma_.lower() in _MOMENTS


#: Nouns that name when something happens, not who could speak.
_MOMENTS = TEMPORAL_WORDS | frozenset("point moment stage instance case occasion".split())


def _misparsed_subject(tok) -> list | None:
    """The subject the parser hung elsewhere: '," Smith notes' (a compound of the
    verb), "Voters in six states going to the polls said" (a clausal subject)."""
    doc = tok.doc
    for child in tok.lefts:
        if child.dep_ == "compound" and child.i == tok.i - 1 and child.pos_ == "PROPN":
            return list(doc[child.left_edge.i : tok.i])
        if child.dep_ == "csubj" and any(g.dep_ == "nsubj" for g in child.children):
            return list(doc[child.left_edge.i : tok.i])
    return None


def _agent(tok) -> list | None:
    for child in tok.children:
        if child.dep_ == "agent":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            return list(objs[0].subtree) if objs else None
    return None


def _noun_left(noun) -> list:
    return [t for t in noun.subtree if t.i <= noun.i]


def _antecedent(noun) -> list:
    """What a relative pronoun stands for: the noun, or, when the noun is a description in
    apposition right after a name, the name ("China and the United States, the world's two
    biggest polluters, which together vowed": China and the United States vowed)."""
    doc, first = noun.doc, noun.left_edge.i
    if noun.dep_ != "appos" or noun.pos_ != "NOUN" or first < 2 or doc[first - 1].text != ",":
        return _noun_left(noun)
    i = first - 2
    if doc[i].pos_ != "PROPN":
        return _noun_left(noun)
    while i > 0 and (doc[i - 1].pos_ == "PROPN" or doc[i - 1].lower_ in ("and", "the")):
        i -= 1
    while doc[i].pos_ != "PROPN":  # not a leading "and" or "the"
        i += 1
    return list(doc[i : first - 1])
