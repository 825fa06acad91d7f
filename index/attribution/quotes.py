"""Quotation regions of an article: where quoted speech begins and ends.

Used by ``index.attribution.attributor`` once per article, before the rules run: a cue inside
a quotation is the quoted speaker's, and content grows to cover the quotation
it touches. Plain text in, character ranges out.
"""

from __future__ import annotations

__all__ = ["quote_regions"]


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations, quote marks included; a line closes any left open.

    A straight quote (or two apostrophes: ''…'') opens only where an opening mark can stand
    (after a space or a bracket, before a word) and closes only where a closing mark can; a stray
    closing mark opens nothing, and a second opening mark in the same line
    restarts the quotation (the first was left unclosed).
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    skip = -1
    for i, ch in enumerate(text):
        if i == skip:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if text.startswith("''", i):  # doubled apostrophes, as some papers print quotes
            beyond = text[i + 2] if i + 2 < len(text) else " "
            if open_at is None and _opens(before, beyond):
                open_at, skip = i, i + 1
                continue
            if open_at is not None and text.startswith("''", open_at) and _closes(before, beyond):
                regions.append((open_at, i + 2))
                open_at, skip = None, i + 1
                continue
        if ch == "\n" and open_at is not None:
            if text[open_at + 1 : i].strip():  # an unclosed quote ends with its line
                regions.append((open_at, i))
            open_at = None
        elif open_at is None and (ch in "“«" or (ch == "‘" and not before.isalnum())):
            open_at = i
        elif ch == '"' and open_at is None:
            if not _closes(before, after):
                open_at = i
        elif open_at is not None and ch in '”»"’' and i > open_at:
            if ch == '"' and _opens(before, after) and text[open_at] == '"':
                open_at = i  # the earlier straight quote was a stray
                continue
            if ch == "’" and after.isalnum():
                continue  # an apostrophe
            if ch == "’" and text[open_at] != "‘":
                continue
            regions.append((open_at, i + 1))
            open_at = None
    if open_at is not None and text[open_at + 1 :].strip():
        regions.append((open_at, len(text)))
    return regions


def _opens(before: str, after: str) -> bool:
    return (before.isspace() or before in "([{—–-") and not after.isspace()


def _closes(before: str, after: str) -> bool:
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-")
