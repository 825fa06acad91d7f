"""Files and folders → ``Article`` objects: the first step of indexing.

``read_paths`` finds the files under the given paths (``index.find``: size limit, links,
permissions), decodes each file (UTF-8, UTF-16, then charset-normalizer), reads it by
extension (plain text here; HTML and records in ``index.formats``), removes boilerplate
(``index.clean``) and parses provenance (``index.provenance``). Nothing raises for a bad file
or record: it becomes a ``ReadError`` that says what to do, and the others are still read. An
article left with no text, or with more text than attribution can take, is such an error too
(``index.checks``).
charset-normalizer is imported only here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from index.checks import check_fixed, unusable
from index.clean import Cleaned, assemble, drop_boilerplate, split_lines
from index.find import DEFAULT_MAX_FILE_MB, find_files
from index.formats import PROVENANCE_FIELDS, check_mapping, read_html, read_records
from index.models import Article, ReadError
from index.provenance import read_provenance

__all__ = [
    "SUPPORTED",
    "UndecodableError",
    "read_paths",
    "read_file",
    "read_sources",
    "Source",
    "clean_article",
    "decode",
    "content_hash",
]

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".json", ".csv")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES


class UndecodableError(ValueError):
    """The bytes of a file are not text in any encoding we can recognise."""


def read_paths(
    paths: list[str | Path],
    mapping: dict[str, str] | None = None,
    fixed: dict[str, str] | None = None,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
) -> tuple[list[Article], list[ReadError]]:
    """Read every supported file under ``paths``; return the articles and the errors.

    Folders are read recursively in sorted order, skipping hidden files and unsupported
    extensions; a file named explicitly must have a supported extension. ``mapping`` renames
    record columns (``{"text": "desc"}``) for CSV and JSON files. ``fixed`` gives a value to
    a provenance field for every article that lacks it (``{"outlet": "Reuters"}``). A file
    over ``max_file_mb`` megabytes is refused unread. A duplicate article id keeps the first
    article and reports the later one.
    """
    check_mapping(mapping)  # a bad mapping is the caller's error: raise before reading
    fixed = check_fixed(fixed)
    articles: list[Article] = []
    errors: list[ReadError] = []
    seen: dict[str, str] = {}  # article id → file it came from
    for found_file in find_files(paths, SUPPORTED, max_file_mb):
        file, shown = found_file.path, found_file.shown
        if found_file.error:
            errors.append(ReadError(shown, found_file.error))
            continue
        try:
            found, failed = read_file(file, mapping, shown)
        except Exception as exc:  # one file must never stop the others: reported as a bug
            reason = f"{type(exc).__name__}: {exc}"[:300]
            errors.append(
                ReadError(shown, f"unexpected error ({reason}) — a bug in claimtrace; report it")
            )
            continue
        errors.extend(failed)
        for article in found:
            problem = unusable(article)
            if problem:
                errors.append(ReadError(shown, problem))
                continue
            article = _with_fixed(article, fixed)
            if article.article_id in seen:
                errors.append(
                    ReadError(
                        shown,
                        f"duplicate article id '{article.article_id}' "
                        f"(first read from {seen[article.article_id]}) — kept "
                        "the first; give one of them another id",
                    )
                )
                continue
            seen[article.article_id] = shown
            articles.append(article)
    return articles, errors


def read_file(
    path: Path, mapping: dict[str, str] | None = None, shown: str | None = None
) -> tuple[list[Article], list[ReadError]]:
    """The articles of one supported file; records with problems become errors.

    ``shown`` is the path as the user gave it, used in ``Article.path`` and in errors.
    """
    sources, errors = read_sources(path, mapping, shown)
    return [clean_article(source)[0] for source in sources], errors


@dataclass(frozen=True)
class Source:
    """An article's text before cleaning: a text file's whole text, an HTML page's extracted
    text or a record's text field, with the fields the file states."""

    article_id: str
    text: str
    path: str
    fields: dict[str, str | None] = field(default_factory=dict)
    line_paragraphs: bool = False  # every line is a paragraph (extracted HTML text)


def read_sources(
    path: Path, mapping: dict[str, str] | None = None, shown: str | None = None
) -> tuple[list[Source], list[ReadError]]:
    """The uncleaned article texts of one supported file; problems become errors."""
    shown = shown or str(path)
    try:
        source = decode(path.read_bytes())
    except UndecodableError as error:
        return [], [
            ReadError(shown, f"binary or undecodable file: {error} — convert it to UTF-8 text")
        ]
    except OSError as error:
        return [], [ReadError(shown, f"cannot open: {error.strerror} — check permissions")]
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return [Source(path.stem, source, shown)], []
    if suffix in HTML_SUFFIXES:
        text, fields = read_html(source)
        if not text.strip():
            return [], [
                ReadError(
                    shown,
                    "no article text found in the HTML page — save "
                    "the article's own page, or its text as .txt",
                )
            ]
        return [Source(path.stem, text, shown, fields, line_paragraphs=True)], []
    records, errors = read_records(path, source, mapping)
    errors = [ReadError(shown, error.error) for error in errors]
    return [Source(r.article_id, r.text, shown, r.fields) for r in records], errors


def decode(data: bytes) -> str:
    """Text of ``data``: UTF-8 (BOM allowed), UTF-16, else the encoding charset-normalizer finds."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UndecodableError(f"it starts as UTF-16 but is not ({error.reason})") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise UndecodableError("it contains NUL bytes")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UndecodableError("no text encoding fits its bytes")
    return str(best)


def clean_article(source: Source) -> tuple[Article, Cleaned]:
    """The article of ``source`` (cleaned, provenance parsed, stated fields winning) and the
    cleaning, whose ``segments`` map the article's offsets back to ``source.text``."""
    provenance, lines = read_provenance(drop_boilerplate(split_lines(source.text)))
    cleaned = assemble(source.text, lines, source.line_paragraphs)
    fields = {name: getattr(provenance, name, None) for name in PROVENANCE_FIELDS}
    fields.update({k: v for k, v in source.fields.items() if v})
    article = Article(article_id=source.article_id, text=cleaned.text, path=source.path, **fields)
    article.content_hash = content_hash(article)
    return article, cleaned


def content_hash(article: Article) -> str:
    """sha256 of the cleaned text and the provenance fields, so an edit of either re-embeds."""
    fields = [getattr(article, name) for name in PROVENANCE_FIELDS]
    payload = json.dumps([article.text, *fields], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _utf16_without_bom(data: bytes) -> str | None:
    """``data`` as UTF-16 when its NUL bytes say so (every other byte, as in mostly-ASCII
    UTF-16 text) and the result is text; None otherwise (a binary file)."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for nuls, quiet, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= half * 0.3 and quiet <= half * 0.01:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            controls = sum(
                1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t"
            )
            return text if controls <= len(text) * 0.001 else None
    return None


def _with_fixed(article: Article, fixed: dict[str, str]) -> Article:
    """``article`` with the ``fixed`` values of the fields it lacks, its hash renewed."""
    missing = {k: v for k, v in fixed.items() if not getattr(article, k)}
    if not missing:
        return article
    article = dataclasses.replace(article, **missing)
    article.content_hash = content_hash(article)
    return article
