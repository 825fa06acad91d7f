"""What the index holds, for filter choices: outlets, claimants, the date range, counts.

The chat page fills its outlet and claimant filters from these; they are read from the
live generation and kept per generation, so a page reloaded after an update sees the new
articles' outlets and claimants.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

from index.errors import NoIndexError

__all__ = ["Facets", "facets"]

_cache: dict[tuple[str, str], Facets] = {}
_lock = threading.Lock()
_SKIP = {"the article", "unknown source"}


@dataclass(frozen=True)
class Facets:
    """The index in numbers and names (empty when there is no index yet)."""

    articles: int = 0
    chunks: int = 0
    outlets: list[str] = field(default_factory=list)
    claimants: list[str] = field(default_factory=list)  # the most frequent, by name
    first_date: str | None = None
    last_date: str | None = None
    generation: str | None = None


def facets(engine, max_claimants: int = 300) -> Facets:
    """The facets of ``engine``'s live index (an empty Facets when there is none)."""
    try:
        gen = engine.generation()
    except NoIndexError:
        return Facets()
    key = (str(engine.store.root), gen.name)
    with _lock:
        if key in _cache:
            return _cache[key]
    items = gen.articles.values()
    dates = sorted(i.article.date for i in items if i.article.date)
    outlets = sorted({i.article.outlet for i in items if i.article.outlet})
    voices = {i.article.outlet for i in items}
    said = Counter(
        c for i in items for chunk in i.chunks for c in set(chunk.claimants) if c not in voices
    )
    claimants = [c for c, _ in said.most_common() if c not in _SKIP][:max_claimants]
    found = Facets(
        articles=len(gen.articles),
        chunks=gen.chunk_count(),
        outlets=outlets,
        claimants=sorted(claimants, key=str.casefold),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        generation=gen.name,
    )
    with _lock:
        _cache[key] = found
    return found
