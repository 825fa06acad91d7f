"""What an article must be to be indexed, and the fixed values a user may give every article.

Used by ``index.read`` after a file is read and cleaned: an article with no text, with more
text than attribution can take, or with an absurdly long field is refused with a reason (the
other articles go on); ``--set FIELD=VALUE`` values are checked here before anything is read.
"""

from __future__ import annotations

from index.errors import MappingError, refuse_unknown
from index.formats import PROVENANCE_FIELDS
from index.models import Article
from index.provenance import parse_date

__all__ = ["MAX_ARTICLE_CHARS", "MAX_FIELD_CHARS", "check_fixed", "unusable"]

#: An article's cleaned text may be at most this long (about 30,000 words, beyond the longest
#: long read): attribution parses it sentence by sentence (minutes for a megabyte on 2 cores),
#: and spaCy refuses a line of over a million characters.
MAX_ARTICLE_CHARS = 200_000
#: A provenance field longer than this is a mis-mapped column, not a title or an outlet.
MAX_FIELD_CHARS = 1_000


def check_fixed(fixed: dict[str, str] | None) -> dict[str, str]:
    """``fixed`` checked: provenance fields only, dates normalised; else a MappingError."""
    refuse_unknown(
        fixed,
        PROVENANCE_FIELDS,
        "cannot set {unknown} for every article; set only {valid} (e.g. --set outlet=Reuters)",
    )
    checked = {k: v.strip() for k, v in (fixed or {}).items() if v and v.strip()}
    if "date" in checked:
        date = parse_date(checked["date"])
        if date is None:
            raise MappingError(f"--set date={checked['date']!r} is not a date; write YYYY-MM-DD")
        checked["date"] = date
    return checked


def unusable(article: Article) -> str | None:
    """Why ``article`` must not be indexed: no text, too much text, an absurd field; or None."""
    which = f"article '{article.article_id}': "
    if not article.text.strip():
        return (
            which + "no article text (the file or record is empty, whitespace or boilerplate "
            "only) — remove it or give it its text"
        )
    if len(article.text) > MAX_ARTICLE_CHARS:
        return (
            which + f"{len(article.text):,} characters of text, over the "
            f"{MAX_ARTICLE_CHARS:,} an article may have — split it into its articles"
        )
    for name in PROVENANCE_FIELDS:
        value = getattr(article, name) or ""
        if len(value) > MAX_FIELD_CHARS:
            return (
                which + f"its {name} is {len(value):,} characters long (at most "
                f"{MAX_FIELD_CHARS:,}) — is another column mapped to it?"
            )
    return None
