"""What the index holds, for the page's menus: outlets, claimants, articles, dates, counts.

The chat page fills its outlet and claimant filters and its "remove" menu from these; they
are read from the live generation and kept per generation, so a page reloaded after an
update sees the new articles' outlets and claimants.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from index.errors import NoIndexError

__all__ = ["Facets", "facets", "listed"]

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
    #: every article as (how people name it, its id), by name: "Title — Outlet, date"
    listing: list[tuple[str, str]] = field(default_factory=list)


def listed(article) -> str:
    """An article as the remove menu names it: its title (or id), outlet and date."""
    name = article.title or f"untitled ({article.article_id})"
    where = ", ".join(x for x in (article.outlet, article.date) if x)
    return f"{name} — {where}" if where else name


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
    infos = [art for art, _ in gen.infos()]  # provenance only, never the texts
    dates = sorted(a.date for a in infos if a.date)
    outlets = sorted({a.outlet for a in infos if a.outlet})
    voices = {a.outlet for a in infos}
    said = gen.claimant_counts()  # name → chunks it claims in
    ranked = sorted((c for c in said if c not in voices), key=lambda c: -said[c])
    claimants = [c for c in ranked if c not in _SKIP][:max_claimants]
    found = Facets(
        articles=len(infos),
        chunks=gen.chunk_count(),
        outlets=outlets,
        claimants=sorted(claimants, key=str.casefold),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        generation=gen.name,
        listing=sorted(((listed(a), a.article_id) for a in infos), key=lambda p: p[0].casefold()),
    )
    with _lock:
        _cache[key] = found
    return found
