"""Named errors of claimtrace; the CLI and the web app turn them into messages at the edge.

Every message names the bad value and says what to do next, e.g. "no index in ./store —
run `claimtrace index build data/articles`".
"""

from __future__ import annotations

from index.errors import IndexingError, NoIndexError, StoreBusyError

__all__ = [
    "ClaimtraceError",
    "BackendError",
    "ConfigError",
    "IndexingError",
    "NoIndexError",
    "StoreBusyError",
    "UnknownArticleError",
]


class ClaimtraceError(Exception):
    """Base of all claimtrace errors; the message says what went wrong and what to do next."""


class BackendError(ClaimtraceError):
    """The answer backend (an LLM endpoint) failed after its retries or timed out."""


class ConfigError(ClaimtraceError, ValueError):
    """A setting, option or named resource (backend, prompt) is unknown or invalid."""


class UnknownArticleError(ClaimtraceError):
    """An article id that the index does not hold."""

    def __init__(self, article_id: str, store: str, some_ids: list[str]):
        self.article_id = article_id
        known = ", ".join(some_ids) or "none: the index is empty"
        super().__init__(
            f"no article {article_id!r} in {store} — "
            f"see `claimtrace index list` (some ids: {known})"
        )
