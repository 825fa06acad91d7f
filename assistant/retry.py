"""When to try a model call again, and how long one call may take: the retry policy.

Used by the OpenAI-compatible backend (``assistant.llm``), which turns each failure into a
status code (or none, for a connection error or timeout) and the reply's headers. Pure
Python, no client: the ``openai`` client's own retries are off because it honours a
``Retry-After`` of up to 120 s, which would hold a question far past the bound the README
states.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping

__all__ = ["RETRY_WAIT_MAX", "call_bound", "retry_after", "retry_wait"]

#: The longest wait between two tries, in seconds; a server asking for more (``Retry-After``)
#: is not waited for: the question gets the extractive answer at once.
RETRY_WAIT_MAX = 5.0
_RETRY_STATUS = (408, 409, 429)


def call_bound(timeout: float, max_retries: int) -> float:
    """The most seconds one model call (all its tries and waits) may take before it fails."""
    return timeout * (max_retries + 1) + RETRY_WAIT_MAX * max_retries


def retry_wait(status: int | None, headers: Mapping[str, str], tries: int) -> float | None:
    """Seconds to wait before another try after a failure; None when one is not worth it.

    ``status`` is the HTTP status of the failed reply, None for a connection error or a
    timeout. 408, 409, 429 and 5xx are retried after their ``Retry-After`` (None when it asks
    for more than ``RETRY_WAIT_MAX``) or an exponential back-off; other statuses are not.
    """
    if status is not None:
        if status not in _RETRY_STATUS and status < 500:
            return None
        after = retry_after(headers)
        if after is not None:
            return after if after <= RETRY_WAIT_MAX else None
    return min(0.5 * 2 ** (tries - 1), RETRY_WAIT_MAX)


def retry_after(headers: Mapping[str, str]) -> float | None:
    """The wait a ``retry-after-ms`` or ``Retry-After`` header (seconds or an HTTP date) asks."""
    if headers.get("retry-after-ms"):
        try:
            return max(float(headers["retry-after-ms"]) / 1000, 0.0)
        except ValueError:
            pass
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)
