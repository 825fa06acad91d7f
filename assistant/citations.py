"""Check and renumber the ``[n]`` citation markers of a generated answer.

Sits after the LLM backend in the flow: question → retrieve → evidence → LLM reply →
``check_citations`` → Answer. Markers pointing to no source are removed, unused sources are
dropped, the rest are renumbered in order of first use, and sentences with no citation are
flagged in warnings. No model and no network: sentences are cut by the project's rule-based
splitter.
"""

from __future__ import annotations

import re

from assistant.models import Citation, Evidence
from index.attribution import split_sentences as split_sentences_of

__all__ = [
    "NOT_ANSWERED_PHRASES",
    "check_citations",
    "defuse_markers",
    "says_not_answered",
    "split_sentences",
]

# A marker group: "[3]" or "[1, 2]", with the spaces before it (removed with an empty group).
_MARKER = re.compile(r"[ \t]*\[(\d+(?:\s*,\s*\d+)*)\]")
# The markers right after a sentence: " [1][2]".
_MARKERS_AFTER = re.compile(r"(?:[ \t]*\[\d+(?:\s*,\s*\d+)*\])+")

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

    The project's one splitter (``index.attribution.split_sentences``) cuts the reply with
    its markers blanked out, so "… Mr. Smith. [1] He said" splits after "[1]" and not after
    "Mr."; each sentence then takes the markers that follow it. Every line is split apart.
    """
    sentences: list[str] = []
    for line in text.splitlines():
        masked = _MARKER.sub(lambda m: " " * len(m.group(0)), line)
        spans = split_sentences_of(masked)
        for i, (start, end) in enumerate(spans):
            stop = spans[i + 1][0] if i + 1 < len(spans) else len(line)
            follows = _MARKERS_AFTER.match(line, end, stop)
            sentences.append(line[start : follows.end() if follows else end])
    return [s.strip() for s in sentences if re.search(r"[^\W\d_]", s)]


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
