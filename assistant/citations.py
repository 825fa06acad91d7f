"""Check and renumber the ``[n]`` citation markers of a generated answer.

Sits after the LLM backend in the flow: question → retrieve → evidence → LLM reply →
``check_citations`` → Answer. Markers pointing to no source are removed, unused sources are
dropped, the rest are renumbered in order of first use, and sentences with no citation are
flagged in warnings. Pure Python: no model, no network.
"""

from __future__ import annotations

import re

from assistant.models import Citation, Evidence

__all__ = [
    "NOT_ANSWERED_PHRASES",
    "check_citations",
    "defuse_markers",
    "says_not_answered",
    "split_sentences",
]

# A marker group: "[3]" or "[1, 2]", with the spaces before it (removed with an empty group).
_MARKER = re.compile(r"[ \t]*\[(\d+(?:\s*,\s*\d+)*)\]")
# Where a sentence may end: punctuation, closing quotes/brackets, then markers like " [1][2]".
_END = re.compile(r"[.!?]+[\"'”’)]*(?P<markers>(?:[ \t]*\[\d+(?:\s*,\s*\d+)*\])*)(?=\s|$)")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "maj", "rep",
    "sen", "gov", "pres", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr",
}  # fmt: skip

# A sentence saying the sources do not answer needs no citation, and marks an abstention.
NOT_ANSWERED_PHRASES = (
    "do not say",
    "does not say",
    "don't say",
    "doesn't say",
    "do not mention",
    "does not mention",
    "don't mention",
    "doesn't mention",
    "do not answer",
    "does not answer",
    "no information",
)

_QUOTE_LIMIT = 120


def defuse_markers(text: str) -> str:
    """``text`` with its own "[1]"-like markers written with full-width brackets ("［1］").

    For article text placed in an answer or a prompt: a marker an article carries (a hostile
    one, or a footnote) must not read as one of our citations.
    """
    return _MARKER.sub(lambda m: m.group(0).replace("[", "［").replace("]", "］"), text)


def says_not_answered(text: str) -> bool:
    """True when ``text`` says the sources do not answer ("The indexed articles do not say …")."""
    lowered = text.lower().replace("’", "'")
    return any(phrase in lowered for phrase in NOT_ANSWERED_PHRASES)


def split_sentences(text: str) -> list[str]:
    """Split a reply into sentences, keeping each sentence's trailing citation markers.

    Lines are split apart; within a line a sentence ends at ``.``, ``!`` or ``?`` (plus closing
    quotes and markers) followed by a space, except after abbreviations such as "Mr." or "U.S.".
    """
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _END.finditer(line):
            if not match.group("markers") and _is_abbreviation(line, match.start(), match.end()):
                continue
            sentences.append(line[start : match.end()])
            start = match.end()
        sentences.append(line[start:])
    return [s.strip() for s in sentences if re.search(r"[^\W\d_]", s)]


def _is_abbreviation(line: str, punct_start: int, end: int) -> bool:
    """Whether the period at ``punct_start`` closes an abbreviation rather than a sentence."""
    if line[punct_start] != ".":
        return False
    following = line[end:].lstrip()
    if following[:1].islower():
        return True
    word = re.search(r"(\S+)$", line[:punct_start])
    if word is None:
        return False
    token = word.group(1).lstrip("(\"'“‘")
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]", token)) or (
        token.lower() in _ABBREVIATIONS
    )


def check_citations(text: str, evidence: list[Evidence]) -> tuple[str, list[Citation], list[str]]:
    """Check the ``[n]`` markers of ``text`` against ``evidence`` (``[n]`` is ``evidence[n-1]``).

    Returns ``(text, citations, warnings)``: the text with invalid markers removed and the
    remaining ones renumbered 1, 2, … in order of first use (``[1, 2]`` and ``[1][2]`` both
    understood); one Citation per used source in that order; and a warning for each removed
    marker and each sentence without a citation (sentences saying the sources do not answer
    are exempt).
    """
    renumbered: dict[int, int] = {}
    invalid: list[int] = []

    def rewrite(match: re.Match[str]) -> str:
        numbers: list[int] = []
        for part in re.split(r"\s*,\s*", match.group(1)):
            old = int(part)
            if not 1 <= old <= len(evidence):
                if old not in invalid:
                    invalid.append(old)
                continue
            new = renumbered.setdefault(old, len(renumbered) + 1)
            if new not in numbers:
                numbers.append(new)
        if not numbers:
            return ""
        spaces = match.group(0)[: match.group(0).index("[")]
        return f"{spaces}[{', '.join(str(n) for n in sorted(numbers))}]"

    checked = _MARKER.sub(rewrite, text).strip()
    citations = [Citation.from_evidence(new, evidence[old - 1]) for old, new in renumbered.items()]

    warnings = [
        f"removed citation [{n}]: there is no source {n} (the answer had {len(evidence)} sources)"
        for n in invalid
    ]
    for sentence in split_sentences(checked):
        if not _MARKER.search(sentence) and not says_not_answered(sentence):
            warnings.append(f"sentence without a citation: {_shorten(sentence)!r}")
    return checked, citations, warnings


def _shorten(sentence: str) -> str:
    """The sentence, cut to about ``_QUOTE_LIMIT`` characters for a warning."""
    if len(sentence) <= _QUOTE_LIMIT:
        return sentence
    return sentence[: _QUOTE_LIMIT - 1].rstrip() + "…"
