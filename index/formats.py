"""Per-format readers: HTML pages and JSON Lines / JSON / CSV records, decoded text in, records out.

``index.read`` decodes a file and hands its text here; each reader returns ``Record`` objects
(the article's own text and whatever fields the file states) plus a ``ReadError`` for each
record it could not read, so one bad line never loses the rest of the file. Cleaning and
provenance parsing happen afterwards, in ``index.read``. trafilatura is imported only here.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import refuse_unknown
from index.ids import record_id
from index.models import ReadError
from index.provenance import parse_date

__all__ = [
    "FIELDS",
    "PROVENANCE_FIELDS",
    "REQUIRED",
    "Record",
    "check_mapping",
    "read_html",
    "read_records",
]

#: Our record fields; a mapping renames their columns (``{"text": "desc"}``).
FIELDS = ("id", "title", "text", "date", "outlet", "author", "url", "credit")
#: The fields that describe an article rather than identify or hold it.
PROVENANCE_FIELDS = tuple(f for f in FIELDS if f not in ("id", "text"))
#: Fields a record must have; one without ``id`` gets a stable one (``index.ids``).
REQUIRED = ("title", "text")


@dataclass
class Record:
    """One article as a file states it, before cleaning; ``fields`` holds what was given."""

    article_id: str
    text: str
    fields: dict[str, str | None] = field(default_factory=dict)


def check_mapping(mapping: dict[str, str] | None) -> dict[str, str]:
    """The column for each of our fields (identity where unmapped); a bad key is a MappingError."""
    refuse_unknown(
        mapping,
        FIELDS,
        "unknown field(s) {unknown} in the column mapping; "
        "map only {valid} (our field → your column)",
    )
    return {name: (mapping or {}).get(name, name) for name in FIELDS}


def read_html(source: str) -> tuple[str, dict[str, str | None]]:
    """The main text of an HTML page (no scripts or navigation) and its metadata fields."""
    import trafilatura

    document = trafilatura.bare_extraction(
        source, with_metadata=True, include_comments=False, include_tables=True
    )
    if document is None:
        return "", {}
    meta = document if isinstance(document, dict) else document.as_dict()
    fields = {
        "title": meta.get("title"),
        "date": parse_date(meta.get("date")),
        "author": meta.get("author"),
        "url": meta.get("url"),
        "outlet": meta.get("sitename"),
    }
    return meta.get("text") or "", {k: v for k, v in fields.items() if v}


def read_records(
    path: Path, source: str, mapping: dict[str, str] | None
) -> tuple[list[Record], list[ReadError]]:
    """Records of a ``.jsonl``, ``.json`` or ``.csv`` file, each checked for required fields."""
    columns = check_mapping(mapping)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return records_from_csv(path, source, columns, mapping)
    if suffix == ".jsonl":
        raw, errors = json_lines(path, source)
        return collect(path, raw, "line", columns, mapping, errors)
    try:
        data = json.loads(source)
    except json.JSONDecodeError as error:
        return [], [
            ReadError(
                str(path),
                f"malformed JSON at line {error.lineno}: {error.msg} — "
                "fix the file or save it as JSON Lines, one record a line",
            )
        ]
    except RecursionError:
        return [], [ReadError(str(path), _TOO_DEEP)]
    items = data if isinstance(data, list) else [data]
    return collect(path, list(enumerate(items, start=1)), "record", columns, mapping, [])


def json_lines(path: Path, source: str) -> tuple[list[tuple[int, object]], list[ReadError]]:
    """The parsed lines of a JSON Lines file (numbered from 1) and an error per bad line."""
    items, errors = [], []
    for number, line in enumerate(source.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append((number, json.loads(line)))
        except RecursionError:
            errors.append(ReadError(str(path), f"line {number}: {_TOO_DEEP}"))
        except json.JSONDecodeError as error:
            errors.append(
                ReadError(
                    str(path),
                    f"line {number}: malformed JSON ({error.msg}) — "
                    "fix or remove that line; the other lines were read",
                )
            )
    return items, errors


def records_from_csv(
    path: Path, source: str, columns: dict[str, str], mapping: dict[str, str] | None
) -> tuple[list[Record], list[ReadError]]:
    """CSV rows as records; a required column missing from the header is one error for the file."""
    # a long article is one long cell: allow any cell the file itself can hold
    csv.field_size_limit(max(csv.field_size_limit(), len(source) + 1))
    reader = csv.DictReader(io.StringIO(source, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        return [], [ReadError(str(path), f"unreadable CSV header: {error} — fix the first line")]
    missing = [name for name in required(mapping) if columns[name] not in header]
    if missing:
        named = ", ".join(f"'{name}' (column '{columns[name]}')" for name in missing)
        return [], [
            ReadError(
                str(path),
                f"missing required field {named}; the columns are "
                f"{', '.join(header) or 'none'} — rename them or pass a column "
                "mapping such as --map text=desc",
            )
        ]
    rows, errors = [], []
    try:
        for number, row in enumerate(reader, start=1):
            rows.append((number, row))
    except csv.Error as error:  # the rows before it are kept
        errors.append(
            ReadError(
                str(path),
                f"row {len(rows) + 1} (line {reader.line_num}): {error} — fix the CSV there; "
                "the rows after it were not read",
            )
        )
    return collect(path, rows, "row", columns, mapping, errors)


def required(mapping: dict[str, str] | None) -> list[str]:
    """Required fields: title and text; under a mapping, text plus any id or title it maps."""
    if mapping is None:
        return list(REQUIRED)
    return [name for name in ("id", *REQUIRED) if name == "text" or name in mapping]


def collect(
    path: Path,
    items: list[tuple[int, object]],
    unit: str,
    columns: dict[str, str],
    mapping: dict[str, str] | None,
    errors: list[ReadError],
) -> tuple[list[Record], list[ReadError]]:
    """Turn numbered raw records into ``Record`` objects, an error for each unusable one."""
    records = []
    needed = required(mapping)
    first: dict[str, str] = {}  # article id → the record that first had it
    for number, item in items:
        where = f"{unit} {number}"
        if not isinstance(item, dict):
            errors.append(
                ReadError(
                    str(path),
                    f"{where}: expected an object with "
                    f"{', '.join(REQUIRED)}, got {type(item).__name__} — "
                    "make each record a JSON object",
                )
            )
            continue
        values = {name: as_text(item.get(column)) for name, column in columns.items()}
        absent = [name for name in needed if not values[name]]
        if absent:
            named = ", ".join(
                f"'{name}'" + (f" (column '{columns[name]}')" if columns[name] != name else "")
                for name in absent
            )
            errors.append(
                ReadError(
                    str(path),
                    f"{where}: missing required field {named} — "
                    "add it, or map another column to it",
                )
            )
            continue
        given_id = values.pop("id")
        text = values.pop("text") or ""
        values["date"] = parse_date(values["date"])
        article_id = given_id or record_id(values, text)
        if article_id in first:
            how = "the same id" if given_id else "the same url, or title, date and outlet"
            errors.append(
                ReadError(
                    str(path),
                    f"{where}: duplicate of {first[article_id]} ({how}: id '{article_id}') — "
                    "kept the first; remove the duplicate or give it its own id",
                )
            )
            continue
        first[article_id] = where
        records.append(Record(article_id, text, values))
    return records, errors


_TOO_DEEP = "JSON nested too deeply to be an article record — give flat records"


def as_text(value: object) -> str | None:
    """A field value as stripped text; ``None`` for absent or empty values."""
    if value is None or isinstance(value, str):
        return (value or "").strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False)
