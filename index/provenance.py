"""Provenance of a plain-text article — title, date, outlet, author, credit — parsed, never guessed.

Runs after ``index.clean.drop_boilerplate`` on the kept lines: each rule reads a field from a
line the text itself gives (a date marker, a dateline ``Press TV – Sept 11, 2022``, a ``By`` line,
a closing ``With information from X``) and blanks that line so it leaves the cleaned text. A
field the text does not state stays ``None``. ``parse_date`` is shared with the record readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.clean import BLANK, Line, narrow

__all__ = ["Provenance", "parse_date", "read_provenance"]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
DATE_PATTERNS = [
    # 2022-03-06, 2022/03/06, 2022-03-06T10:00Z, 2022-03-06 10:00:00+02:00
    re.compile(r"(?P<year>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<day>\d{1,2})(?:[T\s][\d:.]+\S*)?"),
    # 02/28/2022 (month first, unless the first number cannot be a month), 28.02.2022
    re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4})(?:[T\s,]+[\d:.]+\S*)?"),
    # Sept 11, 2022 / Sunday, March 6, 2022 / March 6th 2022
    re.compile(WEEKDAY + MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    # 5 March 2023 / Mon, 06 Mar 2022 10:00:00 GMT
    re.compile(
        WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH + r",?\s+(?P<year>\d{4})", re.I
    ),
]
TIME_TAIL = re.compile(r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}.*)?$", re.IGNORECASE)

DATE_MARKER = re.compile(r"^date:?\s+(\d{4}-\d{1,2}-\d{1,2})\b\s*", re.IGNORECASE)
PUBLISHED = re.compile(r"^(?:published|posted|first published)(?: on)?\s*:?\s*(.+)$", re.I)
DATELINE = re.compile(r"^(?P<outlet>[^\W\d][\w .&'’]{0,48}?)\s+[—–-]+\s+(?P<date>.{6,40})$")
BYLINE = re.compile(
    r"^[Bb]y\s+(?P<name>[A-Z][\w.'’-]*(?:(?:\s+|,\s*)(?:and\s+|&\s+)?[A-Z][\w.'’-]*)*)$"
)
# "© 2022 Outlet", "Copyright 2021 Outlet. All rights reserved." (a © sign, a year or "rights")
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(?P<outlet>[^\W\d][^.|]{0,50}?)\.?(?:\s*all rights reserved\.?)?$",
    re.IGNORECASE,
)
# "With information from X", "With inputs from X"; "Source: X", "Courtesy: X" need the colon
CREDIT_LINE = re.compile(
    r"^(?:(?:with (?:information|inputs|input|reporting|agency inputs) from|inputs from)\s*:?"
    r"|(?:sources?|courtesy|credits?|via)\s*:)\s*(?P<credit>\S.{0,60}?)\.?$",
    re.IGNORECASE,
)
# "— Agencies", "- AFP": a dash and one to four capitalised words
AGENCY_SIGNOFF = re.compile(r"^[—–-]+\s*(?P<credit>[A-Z][\w&.'’]*(?: [A-Z][\w&.'’]*){0,3})\.?$")
AGENCY = r"\((?P<credit>[A-Z][A-Za-z&.'’]*(?: [A-Z][A-Za-z&.'’]*){0,2})\)"
AGENCY_LEAD = re.compile(r"^(?:[A-Z][\w .,/'’-]{0,40}?\s)?" + AGENCY + r"\s*(?:[—–:-]|$)")
AGENCY_TAIL = re.compile(r"\s?" + AGENCY + r"\.?$")


@dataclass
class Provenance:
    """What the text says about itself; ``None`` where it says nothing."""

    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    outlet: str | None = None
    author: str | None = None
    credit: str | None = None


def parse_date(value: object) -> str | None:
    """``value`` as ISO ``YYYY-MM-DD`` when it is (only) a recognisable date, else ``None``."""
    text = str(value or "").strip()
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if not match or not TIME_TAIL.fullmatch(text[match.end() :]):
            continue
        parts = match.groupdict()
        month = parts.get("m")
        if parts.get("a"):  # 02/28/2022 is month-first; 28/02/2022 can only be day-first
            first, second = int(parts["a"]), int(parts["b"])
            month, parts["day"] = (first, second) if first <= 12 else (second, first)
        elif parts.get("month"):
            month = MONTHS.get(parts["month"].lower())
        try:
            year, month, day = int(parts["year"]), int(month or 0), int(parts["day"])
        except (TypeError, ValueError):
            continue
        if 1 <= month <= 12 and 1 <= day <= days_in(year, month):
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def days_in(year: int, month: int) -> int:
    """How many days ``month`` has in ``year`` (leap years counted)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def is_headline(text: str) -> bool:
    """Short, a single sentence, and not a paragraph that ends with a full stop."""
    if len(text) > 200 or re.search(r"[.!?][\"”’')]*\s+[\"“‘(]?[A-Z]", text):
        return False
    return not (text.endswith(".") and len(text.split()) > 15)


def read_provenance(lines: list[Line]) -> tuple[Provenance, list[Line]]:
    """Read provenance from the kept ``lines``; return it and the lines without its own lines."""
    lines = list(lines)
    found = Provenance()
    filled = [i for i, line in enumerate(lines) if not line.blank]
    if not filled:
        return found, lines
    first = filled[0]
    marker = DATE_MARKER.match(lines[first].text)
    if marker and parse_date(marker.group(1)):
        found.date = parse_date(marker.group(1))
        lines[first] = narrow(lines[first], marker.end())
    head, tail = filled[:10], filled[-3:]
    for i in head:
        text = lines[i].text
        dateline = DATELINE.match(text) if len(text) <= 80 else None
        if dateline and parse_date(dateline.group("date")):
            found.date = found.date or parse_date(dateline.group("date"))
            found.outlet = found.outlet or dateline.group("outlet").strip()
            lines[i] = BLANK
        elif (published := PUBLISHED.match(text)) and parse_date(published.group(1)):
            found.date = found.date or parse_date(published.group(1))
            lines[i] = BLANK
        elif (byline := BYLINE.match(text)) and len(text) <= 80 and not found.author:
            found.author = byline.group("name")
            lines[i] = BLANK
    for i in filled:
        text = lines[i].text
        copyright_ = COPYRIGHT.match(text) if len(text) <= 100 else None
        if copyright_ and re.search(r"©|\(c\)|\d{4}|rights reserved", text, re.IGNORECASE):
            found.outlet = found.outlet or copyright_.group("outlet").strip()
            lines[i] = BLANK
    read_credit(lines, head[:3], tail, found)
    read_title(lines, found)
    return found, lines


def read_credit(lines: list[Line], lead: list[int], tail: list[int], found: Provenance) -> None:
    """``With information from X``, ``Source: X``, ``— Agencies`` last; ``(AFP)`` first or last."""
    for i in reversed(tail):
        text = lines[i].text
        if lines[i].blank or len(text) > 100:
            continue
        match = CREDIT_LINE.match(text) or AGENCY_SIGNOFF.match(text)
        if match or re.fullmatch(AGENCY, text):
            found.credit = (match or re.fullmatch(AGENCY, text)).group("credit").strip()
            lines[i] = BLANK
            return
    for i, pattern in [*((i, AGENCY_LEAD) for i in lead), *((i, AGENCY_TAIL) for i in tail)]:
        match = pattern.search(lines[i].text)
        if match and not lines[i].blank:
            found.credit = match.group("credit")
            return


def read_title(lines: list[Line], found: Provenance) -> None:
    """The first remaining line if it reads as a headline; a repeat of it on the next line goes."""
    filled = [i for i, line in enumerate(lines) if not line.blank]
    if not filled or not is_headline(lines[filled[0]].text):
        return
    found.title = lines[filled[0]].text
    if len(filled) > 1 and lines[filled[1]].text == found.title:
        lines[filled[1]] = BLANK
