"""Attribution of files as the user gave them: what ``claimtrace attribute`` prints.

Files are read and cleaned exactly as indexing reads them (``index.read``), the
cleaned article is attributed, and every span is mapped back through the
cleaning (``Cleaned.segments``) so that its offsets index the article's source
text: a text file's own text, an HTML page's extracted text, a record's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from index.attribution.attributor import Attributor
from index.clean import Cleaned
from index.models import Attribution, ReadError, Span
from index.read import clean_article, read_sources

__all__ = ["FileAttributions", "attribute_file"]


@dataclass
class FileAttributions:
    """The attributions of one article of a file; spans index that article's source text."""

    file: str
    article_id: str
    attributions: list[Attribution] = field(default_factory=list)


def attribute_file(
    path: str | Path, attributor: Attributor | None = None
) -> tuple[list[FileAttributions], list[ReadError]]:
    """Who says what in each article of the file at ``path``, and what could not be read."""
    attributor = attributor or Attributor()
    sources, errors = read_sources(Path(path), shown=str(path))
    cleaned = [clean_article(source) for source in sources]
    analyses = attributor.analyse_many([(article.text, article.voice) for article, _ in cleaned])
    found = [
        FileAttributions(
            str(path),
            article.article_id,
            [_to_source(a, cleaning, source.text) for a in analysis.attributions],
        )
        for source, (article, cleaning), analysis in zip(sources, cleaned, analyses, strict=True)
    ]
    return found, errors


def _to_source(att: Attribution, cleaned: Cleaned, text: str) -> Attribution:
    source = _span(att.source, cleaned, text) if att.source else None
    cue, content = _span(att.cue, cleaned, text), _span(att.content, cleaned, text)
    return replace(att, cue=cue, content=content, source=source)


def _span(span: Span, cleaned: Cleaned, text: str) -> Span:
    """A span of the cleaned text as the span of the source text that holds it."""
    start = cleaned.to_source(span.start)
    end = cleaned.to_source(span.end - 1) + 1 if span.end > span.start else start
    return Span(start, end, text[start:end])
