"""Boilerplate removal that only removes: the cleaned text is made of verbatim source segments.

Sits between decoding (``index.read``) and provenance (``index.provenance``): the source is
split into lines with their offsets, lines (or the ends of lines) that are not the article are
dropped by the rules in ``LINE_RULES`` and ``trim_line``, and the kept lines are joined back —
lines of one paragraph with ``"\\n"``, paragraphs with ``"\\n\\n"``. ``Cleaned.segments`` maps
every kept character back to the source, so an offset in the cleaned text can be traced to the
file. Sentences are not split here; that is the attribution module's job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Line", "Cleaned", "split_lines", "drop_boilerplate", "assemble", "clean_text"]


@dataclass(frozen=True)
class Line:
    """A stretch ``source[start:end]`` of one source line; ``start == end`` is a blank line."""

    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return self.start == self.end


BLANK = Line(0, 0, "")


@dataclass
class Cleaned:
    """Cleaned text plus ``segments``: ``(clean_start, source_start, length)`` per verbatim run."""

    text: str
    segments: list[tuple[int, int, int]] = field(default_factory=list)

    def to_source(self, offset: int) -> int:
        """Map an offset in the cleaned text to the source (separators map to the next run)."""
        for clean_start, source_start, length in self.segments:
            if offset < clean_start + length:
                return source_start + max(0, offset - clean_start)
        raise ValueError(f"offset {offset} is past the cleaned text (length {len(self.text)})")


def split_lines(source: str) -> list[Line]:
    """Every line of ``source``, stripped of surrounding whitespace, with its offsets."""
    lines: list[Line] = []
    start = 0
    for match in [*re.finditer(r"\r\n|\r|\n", source), None]:
        end = match.start() if match else len(source)
        raw = source[start:end]
        text = raw.strip()
        offset = start + len(raw) - len(raw.lstrip())
        lines.append(Line(offset, offset + len(text), text) if text else BLANK)
        start = match.end() if match else end
    return lines


def narrow(line: Line, start: int = 0, end: int | None = None) -> Line:
    """The part ``line.text[start:end]`` of a line, trimmed; a blank line when nothing is left."""
    part = line.text[start:end]
    text = part.strip()
    if not text:
        return BLANK
    offset = line.start + start + len(part) - len(part.lstrip())
    return Line(offset, offset + len(text), text)


# --- line classifiers ---------------------------------------------------------------------

LANGUAGE_NAMES = {
    "english", "español", "espanol", "français", "francais", "deutsch", "italiano", "português",
    "portugues", "русский", "українська", "polski", "türkçe", "nederlands", "العربية", "عربي",
    "فارسی", "اردو", "中文", "日本語", "한국어", "हिंदी", "हिन्दी", "मराठी", "বাংলা", "தமிழ்",
    "తెలుగు", "ગુજરાતી", "ಕನ್ನಡ", "മലയാളം", "ਪੰਜਾਬੀ", "hindi", "urdu", "arabic", "chinese",
    "french", "spanish", "german", "russian", "bangla", "bengali", "tamil", "telugu", "marathi",
}  # fmt: skip
SWITCHER_SEPARATORS = re.compile(r"[\s|/·•,]+")
PROMPTS = re.compile(
    r"^(click|tap)\b.*\b(below|here)\b|(express|share) your (thoughts|views|opinion|comments?)"
    r"|^(leave|post|add|write) a (comment|reply)\b|^join the (conversation|discussion)"
    r"|\bemailed to you\b|^(sign up|subscribe|register)\b|^get (the latest|our)\b.*\b(newsletter"
    r"|posts|stories|updates|alerts)\b|^follow us\b|^share (this|on)\b|^comments?\s*(\(\d+\))?:?$",
    re.IGNORECASE,
)
RELATED_MARKER = re.compile(
    r"^((more|related|recommended|latest|trending|popular|top|other) "
    r"(stories|news|articles|posts|reads|headlines)|read more|also read|read also|see also"
    r"|you may (also )?like|you might (also )?like)\b",
    re.IGNORECASE,
)
WATCH_PROMPT = re.compile(
    r"^(watch|see|view|check out)( the| this| our)?( full)?( video| clip| footage| tweet| post)?"
    r"( here| below| above)?\s*[:.]?$|^watch\s*:",
    re.IGNORECASE,
)
BARE_LINK = re.compile(r"^(https?://|www\.|pic\.twitter\.com/)\S+$", re.IGNORECASE)
EMBED_LINK = re.compile(
    r"\s(pic\.twitter\.com/\S+|https?://t\.co/\S+)(\s.*)?$"  # link and any signature after it
    r"|\s[—–]\s*[^—–()]{1,60}\(@\w+\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}$",  # — Name (@handle) Date
    re.IGNORECASE,
)


def is_short(text: str, limit: int = 150) -> bool:
    """True when ``text`` has at most ``limit`` characters."""
    return len(text) <= limit


def is_language_switcher(text: str, mostly_latin: bool) -> bool:
    """A short line made only of language names, or (in a Latin-script text) foreign words."""
    words = [w for w in SWITCHER_SEPARATORS.split(text) if w]
    if not words or len(words) > 10 or not is_short(text, 120):
        return False
    if all(w.lower() in LANGUAGE_NAMES for w in words):
        return len(words) >= 2 or words[0].lower() not in {"english"}
    spaced = bool(re.search(r"\s{2,}|[|/·•]", text))  # menus put wide gaps or bars between items
    return mostly_latin and spaced and len(words) in range(2, 7) and not any(map(has_latin, words))


def has_latin(text: str) -> bool:
    """True when ``text`` holds a Latin letter (ASCII or not, as in "é")."""
    return any(c.isalpha() and c.isascii() or "LATIN" in unicodedata.name(c, "") for c in text)


def is_paragraph(text: str) -> bool:
    """A normal paragraph (not a related-story headline): long, or ends like a sentence."""
    return len(text) > 150 or bool(re.search(r"[.!][\"”’')]*$", text))


def is_emoji(char: str) -> bool:
    """A pictograph or an emoji modifier (not ©, ®, °, ™, which are part of text)."""
    code = ord(char)
    if char in "\u200d\ufe0e\ufe0f" or 0x1F3FB <= code <= 0x1F3FF:
        return True
    return unicodedata.category(char) == "So" and code >= 0x2190 and char not in "™"


def trim_line(line: Line) -> Line:
    """Keep the article part of a line: cut an embedded-post link and signature, trailing emoji."""
    match = EMBED_LINK.search(line.text)
    if match:
        line = narrow(line, 0, match.start())
    end = len(line.text)
    while end and (is_emoji(line.text[end - 1]) or line.text[end - 1].isspace()):
        end -= 1
    return narrow(line, 0, end) if end < len(line.text) else line


#: The rules for whole lines that are not the article, in order. Each takes the line's text.
LINE_RULES: list[tuple[str, Callable[[str], bool]]] = [
    # a link alone on its line: an embedded post or a bare URL
    ("bare link", lambda t: bool(BARE_LINK.match(t))),
    # "Watch the video here:", "Watch:", "See the video below"
    ("video prompt", lambda t: is_short(t, 100) and bool(WATCH_PROMPT.search(t))),
    # "Click below to express your thoughts", "Leave a comment", "Sign up for our newsletter"
    ("comment or newsletter prompt", lambda t: len(t.split()) <= 20 and bool(PROMPTS.search(t))),
]


def drop_boilerplate(lines: list[Line]) -> list[Line]:
    """The lines with boilerplate replaced by blank lines and embed/emoji tails trimmed."""
    letters = "".join(line.text for line in lines if not line.blank)
    alpha = [c for c in letters if c.isalpha()]
    mostly_latin = sum(map(has_latin, alpha)) >= 0.8 * len(alpha) if alpha else True
    kept: list[Line] = []
    in_related = False  # inside a "More Stories" block of headlines
    for line in lines:
        if line.blank:
            in_related = False
            kept.append(line)
            continue
        text = line.text
        if in_related and not is_paragraph(text):
            kept.append(BLANK)
            continue
        in_related = False
        if RELATED_MARKER.match(text) and is_short(text):
            in_related = True  # the marker and the short headline lines after it
            kept.append(BLANK)
        elif is_language_switcher(text, mostly_latin):
            kept.append(BLANK)
        elif any(rule(text) for _, rule in LINE_RULES):
            kept.append(BLANK)
        else:
            kept.append(trim_line(line))
    return kept


def assemble(source: str, lines: list[Line], line_paragraphs: bool = False) -> Cleaned:
    """Join kept lines: ``"\\n"`` inside a paragraph, ``"\\n\\n"`` between paragraphs.

    ``line_paragraphs`` makes every line a paragraph (extracted HTML text has one a line).
    """
    parts: list[str] = []
    segments: list[list[int]] = []
    length = 0
    previous: Line | None = None
    gap = False  # a blank (or dropped) line since the previous kept line
    for line in lines:
        if line.blank:
            gap = previous is not None
            continue
        gap = gap or (line_paragraphs and previous is not None)
        if previous is not None:
            contiguous = not gap and source[previous.end : line.start] == "\n"
            separator = "\n\n" if gap else "\n"
            parts.append(separator)
            length += len(separator)
            if contiguous:  # the separator is the source's own newline: extend the run
                segments[-1][2] += len(separator) + len(line.text)
                parts.append(line.text)
                length += len(line.text)
                previous, gap = line, False
                continue
        segments.append([length, line.start, len(line.text)])
        parts.append(line.text)
        length += len(line.text)
        previous, gap = line, False
    return Cleaned("".join(parts), [(a, b, c) for a, b, c in segments])


def clean_text(source: str) -> Cleaned:
    """Remove boilerplate from ``source`` (no provenance lines; see ``index.read`` for those)."""
    return assemble(source, drop_boilerplate(split_lines(source)))
