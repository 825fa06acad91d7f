"""Stable ids for records that have none, derived from what identifies the article.

Used by ``index.formats`` when a CSV or JSON record has no ``id``: the id comes from the
record's ``url``; without a url, from its title, date and outlet; without those, from its
text. Never from a row number, so inserting, removing or reordering rows changes no other
record's id, and earlier citations keep pointing at the same article. Two records with the
same derived id are the same article, reported as a duplicate.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlsplit, urlunsplit

__all__ = ["record_id"]


def record_id(fields: dict[str, str | None], text: str) -> str:
    """``url-…`` from the url, else ``rec-…`` from title+date+outlet, else ``txt-…`` from text.

    ``fields`` are the record's own values (date already normalised), not values filled in
    from the command line, so ``--set outlet=…`` never changes an id.
    """
    if fields.get("url"):
        return "url-" + _digest(_normal_url(fields["url"]))
    key = [_normal(fields.get(name)) for name in ("title", "date", "outlet")]
    if key[0]:
        return "rec-" + _digest(json.dumps(key, ensure_ascii=False))
    return "txt-" + _digest(" ".join(text.split()))


def _normal(value: str | None) -> str:
    """Whitespace collapsed and case folded: "Reuters " and "reuters" name one outlet."""
    return " ".join((value or "").split()).casefold()


def _normal_url(url: str) -> str:
    """The url without its fragment or a trailing slash, scheme and host in lower case."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
