"""The Attributor: who (source) says (cue) what (content) in an article.

Flow position: read/clean → **attribute** → chunk → embed. A cheap pass splits
the whole text into sentences (``index.attribution.sentences``); only sentences
holding a cue word, a quote mark or a colon are run through the full parser and
NER (``index.attribution.nlp``), and the rules of ``index.attribution.registry``
read their dependency parse. ``index.attribution.claimants`` turns source
phrases into speakers (``Speaker``: name, role, kind), shown as claimants ("Name (role)");
``index.attribution.whole_article`` then does what needs the whole article (one label per
speaker, one body, a role before the name, a quotation going on in the next paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index.attribution.claimants import ClaimantResolver, Mention, Publisher
from index.attribution.context import RawAttribution
from index.attribution.dash import cut_at_dash
from index.attribution.headline import headline_quote
from index.attribution.lexicon import (
    BODY_ENTS,
    CARRIER_NOUNS,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PUBLISH_VERBS,
    cue_lemma,
)
from index.attribution.named_later import forward_roles, surnames_named, two_names
from index.attribution.named_near import name_latter, name_pronoun, sentences_near
from index.attribution.nlp import DEFAULT_MODEL, load_model
from index.attribution.quotes import quote_regions
from index.attribution.registry import extract
from index.attribution.sentences import is_candidate, split_sentences
from index.attribution.speakers import make_speaker, role_beside, voice_speaker
from index.attribution.whole_article import (
    continued,
    one_body,
    one_kind,
    one_label,
    quoted_first_person,
)
from index.models import ARTICLE_VOICE, Attribution, Sentence, Span, Speaker

__all__ = ["Analysis", "Attributor"]

_NAME_LIKE = re.compile(r"\b[A-Z][a-z]")
#: The speaker of an attribution whose source the sentence does not give ("it was said that").
UNNAMED_SOURCE = "an unnamed source"


@dataclass
class Analysis:
    """An article split into sentences, each with its claimants, and its attributions."""

    sentences: list[Sentence]
    attributions: list[Attribution]


class Attributor:
    """Finds attributions with a spaCy pipeline, loaded once on first use."""

    def __init__(self, model: str = DEFAULT_MODEL):
        self.model = model

    def _load(self):
        return load_model(self.model)

    def analyse(self, text: str, voice: str = ARTICLE_VOICE) -> Analysis:
        """Split ``text`` into sentences and find who claims what in it."""
        return self.analyse_many([(text, voice)])[0]

    def analyse_many(self, texts_and_voices: list[tuple[str, str]]) -> list[Analysis]:
        """Analyse many articles, parsing all their candidate sentences in one ``nlp.pipe``."""
        nlp = self._load()
        splits = [split_sentences(text) for text, _ in texts_and_voices]
        wanted = [
            (a, start)
            for a, (text, _) in enumerate(texts_and_voices)
            for start, end in splits[a]
            if is_candidate(text[start:end])
        ]
        last = {a: start for a, start in wanted}  # later sentences resolve nothing
        rest = [
            (a, start)
            for a, (text, _) in enumerate(texts_and_voices)
            for start, end in splits[a]
            if start < last.get(a, -1)
            and not is_candidate(text[start:end])
            and _NAME_LIKE.search(text, start + 1, end)
        ]
        ends = {(a, s): e for a, spans in enumerate(splits) for s, e in spans}
        parsed: list[list] = [[] for _ in texts_and_voices]
        texts = [t for t, _ in texts_and_voices]
        docs = nlp.pipe((texts[a][s : ends[(a, s)]] for a, s in wanted), batch_size=64)
        for (a, start), doc in zip(wanted, docs, strict=True):
            parsed[a].append((start, doc))
        # Names for pronouns and short forms: NER only, on the sentences not parsed.
        only_ner = [p for p in nlp.pipe_names if p != "ner"]
        docs = nlp.pipe((texts[a][s : ends[(a, s)]] for a, s in rest), disable=only_ner)
        for (a, start), doc in zip(rest, docs, strict=True):
            parsed[a].append((start, doc))
        for items in parsed:
            items.sort(key=lambda item: item[0])
        return [
            _assemble(text, voice, splits[a], parsed[a])
            for a, (text, voice) in enumerate(texts_and_voices)
        ]


def _assemble(text: str, voice: str, spans: list[tuple[int, int]], parsed: list) -> Analysis:
    quotes = quote_regions(text)
    found = [
        (start, extract(doc, start, text, quotes) if doc.has_annotation("DEP") else [], doc)
        for start, doc in parsed
    ]
    named = [_entities(doc) for _, _, doc in found]
    resolver = ClaimantResolver(_publishers(text, found))
    attributions: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    said: list[Speaker] = []
    order = {start: n for n, (start, _) in enumerate(spans)}
    for i, (start, raws, _) in enumerate(found):
        # the next two sentences' speakers; ``found`` holds distinct sentences in text order,
        # so they are among the next two entries
        soon = [
            r
            for s, rs, _ in found[i + 1 : i + 3]
            if order.get(s, 0) - order.get(start, 0) <= 2
            for r in rs
        ]
        following = _speakers(soon) if raws else []
        here, before = sentences_near(found, named, order, i)
        for raw in raws:
            if any(c0 < raw.cue[1] and raw.cue[0] < c1 for c0, c1 in seen):
                continue  # one cue, one attribution: "is expected to endorse" is found twice
            seen.add(raw.cue)
            raw = _outside_claims(text, raw, raws)
            att = _attribution(text, raw, resolver, named[i].orgs, following, voice)
            att = name_latter(name_pronoun(att, resolver, here, before), resolver, here, before)
            attributions.append(att)
            said.append(att.speaker)
        resolver.observe(named[i], said)
        said = []
    attributions = one_kind(one_label(surnames_named(text, two_names(attributions), named)))
    attributions = one_body(forward_roles(text, attributions))
    attributions = continued(text, spans, quotes, attributions)
    attributions = headline_quote(text, quoted_first_person(attributions))
    spans = cut_at_dash(text, spans, quotes, attributions)
    sentences = _sentences_of(text, spans, attributions, voice)
    return Analysis(sentences=sentences, attributions=attributions)


def _outside_claims(text: str, raw: RawAttribution, raws: list[RawAttribution]) -> RawAttribution:
    """``raw`` with its mention's possessors inside another claim of the sentence dropped:
    in "X told CNN that the video would not show a gun in Scott's hand, but he said …",
    "Scott's" is something X said, and "he" is X, not Scott."""
    if raw.mention is None or not raw.mention.before:
        return raw
    claims = [text[o.content[0] : o.content[1]] for o in raws if o is not raw]
    before = [p for p in raw.mention.before if not any(p in c for c in claims)]
    if before == raw.mention.before:
        return raw
    return replace(raw, mention=replace(raw.mention, before=before))


def _speakers(raws: list[RawAttribution]) -> list[str]:
    """The sources of a sentence's attributions, each resolved on its own."""
    found = [ClaimantResolver().resolve(r.mention) for r in raws if r.mention]
    names = [s.name for s in found if s is not None and s.kind != "unnamed"]
    return [n for n in names if n.lower() not in PERSON_PRONOUNS | GROUP_PRONOUNS]


def _publishers(text: str, found: list) -> list[Publisher]:
    """Who the article says released which clip: "RT shared the clip", "X released a video"."""
    publishers = []
    for _, raws, _ in found:
        for raw in raws:
            cue = re.findall(r"[a-z]+", text[raw.cue[0] : raw.cue[1]].lower())
            if not raw.mention or not any(cue_lemma(w, w) in PUBLISH_VERBS for w in cue):
                continue
            words = re.findall(r"[a-z]+", text[raw.content[0] : raw.content[1]].lower())
            carrier = next(
                (
                    w.removesuffix("s")
                    for w in words
                    if w.removesuffix("s") in CARRIER_NOUNS or w in CARRIER_NOUNS
                ),
                None,
            )
            if carrier and raw.mention.head.lower().removesuffix("s") not in CARRIER_NOUNS:
                speaker = ClaimantResolver().resolve(raw.mention)
                if speaker is not None:
                    publishers.append(Publisher(raw.cue[0], carrier, speaker.name))
    for m in _FROM.finditer(text):  # "a handwritten note from Donald J. Trump"
        name = re.sub(r"(?<![A-Z])\.$", "", m.group("name"))  # "Trump." ends its sentence
        publishers.append(Publisher(m.start(), m.group("carrier").lower(), name, sender=True))
    return sorted(publishers, key=lambda p: p.at)


#: A message and who sent it: "a note from Donald J. Trump", "a letter from the Kremlin".
_FROM = re.compile(
    rf"\b(?P<carrier>{'|'.join(sorted(CARRIER_NOUNS, key=len, reverse=True))})\s+from\s+"
    r"(?:the\s+)?(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|[A-Z]\.)){0,3})"
)


def _entities(doc) -> Mention:
    """The named entities of a parsed sentence, with the role the sentence gives each person
    ("Israel's prime minister, Benjamin Netanyahu, met …")."""
    persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
    parsed = doc.has_annotation("DEP")
    roles = [_role_of(e) if parsed else role_beside(doc.text, e.text) for e in doc.ents]
    roles = [r for e, r in zip(doc.ents, roles) if e.label_ == "PERSON"]
    bodies = [e.text for e in doc.ents if e.label_ in BODY_ENTS]
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    groups = [e.text for e in doc.ents if e.label_ == "NORP"]
    return Mention(
        text=doc.text, persons=persons, bodies=bodies, orgs=orgs, groups=groups, roles=roles
    )


def _role_of(ent) -> str:
    """The words a sentence puts in apposition to a person, or the title before the name."""
    root, doc = ent.root, ent.doc
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        head = root.head
        return doc[head.left_edge.i : head.i + 1].text
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > root.i:
            return doc[child.left_edge.i : child.i + 1].text
    left = ent.start
    while left > 0 and doc[left - 1].dep_ in ("compound", "amod", "poss", "case"):
        left -= 1
    return doc[left : ent.start].text if left < ent.start else ""


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _attribution(
    text: str,
    raw: RawAttribution,
    resolver: ClaimantResolver,
    nearby: list[str],
    following: list[str],
    voice: str,
) -> Attribution:
    """The attribution of ``raw`` with its speaker: the article's ``voice`` when its source
    names nothing that can speak ("the gambit showed"), it describes someone ("X, who has
    championed Y"), or it is the reader ("you can call it whatever you want")."""
    source = _span(text, *raw.source) if raw.source else None
    claimed = text[raw.content[0] : raw.content[1]]  # who released a clip is not in its content
    nearby = [org for org in nearby if org not in claimed]
    if raw.described or (source is not None and source.text.strip().lower() == "you"):
        speaker = voice_speaker(voice)  # the article's description of someone, or its reader
    elif raw.mention:
        # a source naming nothing that can speak ("the gambit showed"): the article's voice
        speaker = resolver.resolve(raw.mention, nearby, raw.cue[0], following)
        speaker = speaker or voice_speaker(voice)
    else:
        speaker = make_speaker(UNNAMED_SOURCE, "", "unnamed")
    return Attribution(
        cue=_span(text, *raw.cue),
        content=_span(text, *raw.content),
        source=source,
        claimant=speaker.label,
        kind=raw.kind,
        confidence=raw.confidence,
        speaker=speaker,
    )


def _sentences_of(text: str, spans, atts: list[Attribution], voice: str) -> list[Sentence]:
    """Each sentence with the attributions whose content overlaps it, in one sweep.

    Asking every attribution about every sentence made long articles quadratic
    (a 100 kB text spent more time here than in the parse); the sweep keeps in
    ``active`` only the attributions whose content reaches the current sentence.
    """
    order = sorted(range(len(atts)), key=lambda i: atts[i].content.start)
    sentences, active, nxt = [], [], 0
    for start, end in spans:  # in text order
        while nxt < len(order) and atts[order[nxt]].content.start < end:
            active.append(order[nxt])
            nxt += 1
        active = [i for i in active if atts[i].content.end > start]
        sentences.append(_sentence(text, start, end, [atts[i] for i in sorted(active)], voice))
    return sentences


def _sentence(text: str, start: int, end: int, atts: list[Attribution], voice: str) -> Sentence:
    """A sentence and who claims it: the speakers of the attributions whose claim covers it."""
    claimants: list[str] = []
    speakers: list[str] = []
    cue = None
    for att in atts:
        overlap = min(end, att.content.end) - max(start, att.content.start)
        holds_cue = start <= att.cue.start < end
        if overlap > 0 and (holds_cue or overlap * 2 >= (end - start)):
            if att.claimant not in claimants:
                claimants.append(att.claimant)
                speakers.append(att.speaker.id if att.speaker else "")
            cue = cue or att.cue.text
    if not claimants:
        return Sentence(start, end, text[start:end], [voice], cue, [_voice_id(voice)])
    return Sentence(start, end, text[start:end], claimants, cue, speakers)


def _voice_id(voice: str) -> str:
    return voice_speaker(voice).id
