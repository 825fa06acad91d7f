"""Sentence splitting, the one splitter of the project, and the cue prefilter.

``split_sentences`` cuts a text into sentence offsets: paragraphs at blank lines,
lines unless a sentence runs on into the next one, then spaCy's rule
sentencizer (a tokenizer that knows "Mr." and "U.S."), with sentences merged
back where the split fell after an abbreviation or before a lower-case word
(`"…!" she said`), and an opening quotation mark left at a sentence's end
moved to the sentence it opens. ``index.attribution.attributor``
splits articles with it, and ``assistant.citations`` generated answers. ``is_candidate`` is
the cheap test that decides which sentences are worth parsing.
"""

from __future__ import annotations

import re

from index.attribution.lexicon import QUOTE_CHARS, cue_forms
from index.attribution.nlp import blank_splitter

__all__ = ["ABBREVIATIONS", "split_sentences", "is_candidate"]

#: Titles and abbreviations a sentence does not end after.
ABBREVIATIONS = frozenset(
    "Mr. Mrs. Ms. Dr. Prof. Gen. Lt. Col. Maj. Capt. Sgt. Adm. Cmdr. Gov. Sen. Rep. Rev. "
    "St. Jr. Sr. No. Lt.-Gen. Brig. Hon. Pres. Sec. Amb. Supt. Insp. vs.".split()
)

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_TERMINAL = tuple('.!?:;"”’)…')
_CUE_FORMS = cue_forms()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets covering all non-space text of ``text``, trimmed of spaces."""
    splitter = blank_splitter()
    spans: list[tuple[int, int]] = []
    for seg_start, seg_end in _segments(text):
        doc = splitter(text[seg_start:seg_end])
        for sent in doc.sents:
            start = seg_start + sent.start_char
            end = seg_start + sent.end_char
            first = text[start:end].lstrip()[:1]
            last = (text[spans[-1][0] : spans[-1][1]].split() or [""])[-1] if spans else ""
            abbrev = last in ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", last)
            if spans and spans[-1][1] > seg_start and (first.islower() or abbrev):
                start = spans.pop()[0]  # "…!" she said: one sentence
            spans.append((start, end))
    spans = _openers_forward(text, spans)
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def is_candidate(sentence: str) -> bool:
    """The cheap prefilter: may this sentence hold an attribution?"""
    if any(ch in QUOTE_CHARS for ch in sentence) or "(@" in sentence:
        return True
    words = re.findall(r"[a-z]+|:", sentence.lower())
    return any(w in _CUE_FORMS for w in words)


def _openers_forward(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An opening quotation mark left at the end of a sentence opens the next one."""
    moved = list(spans)
    for i in range(len(moved) - 1):
        start, end = _trim(text, *moved[i])
        if end > start + 1 and (text[end - 1] in "“‘«" or text[end - 2 : end] == ' "'):
            moved[i], moved[i + 1] = (start, end - 1), (end - 1, moved[i + 1][1])
    return moved


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
