"""Errors of the indexing side. Each message says what to do next."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "IndexingError",
    "MappingError",
    "NoIndexError",
    "OldStoreError",
    "StoreBusyError",
    "UnknownArticlesError",
    "refuse_unknown",
]


class IndexingError(Exception):
    """Base class: something about the index or its input is wrong."""


class NoIndexError(IndexingError):
    """The store holds no index; the message says how to build one."""

    def __init__(self, store: str):
        self.store = store
        super().__init__(
            f"no index in {store} — run `claimtrace --store {store} index build data/articles` "
            "(or point --store / CLAIMTRACE_STORE at an existing index)"
        )


class StoreBusyError(IndexingError):
    """Another build or update holds the store's writer lock."""

    def __init__(self, store: str):
        super().__init__(
            f"another build or update is writing to {store} — wait for it to finish and try again"
        )


class OldStoreError(IndexingError):
    """The store holds an index in the old layout; the message says how to rebuild it."""

    def __init__(self, store: str):
        self.store = store
        super().__init__(
            f"{store} holds an index in the old layout (CURRENT and gen-*/ folders) — "
            f"rebuild it in the new layout with `claimtrace --store {store} index build PATH...` "
            "(the articles you indexed), or point --store at a new folder"
        )


class UnknownArticlesError(IndexingError, KeyError):
    """Article ids that the index does not hold (``index remove``); nothing was changed."""

    def __init__(self, article_ids: Sequence[str], store: str, some_ids: Sequence[str]):
        self.article_ids = list(article_ids)
        named = ", ".join(map(repr, article_ids))
        known = ", ".join(some_ids) or "none: the index is empty"
        super().__init__(
            f"no article {named} in {store}, so nothing was removed — "
            f"`claimtrace index list` shows the ids (some: {known})"
        )

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class MappingError(IndexingError, ValueError):
    """A column mapping (``--map``) names a field claimtrace does not have."""


def refuse_unknown(given: Iterable[str] | None, valid: Sequence[str], message: str) -> None:
    """Raise a MappingError when ``given`` holds a name that is not one of ``valid``.

    ``message`` is formatted with ``unknown`` (the bad names, sorted and quoted) and ``valid``
    (the valid ones, in their order), so the error names the bad value and the way out.
    """
    unknown = sorted(set(given or ()) - set(valid))
    if unknown:
        raise MappingError(
            message.format(unknown=", ".join(map(repr, unknown)), valid=", ".join(valid))
        )
