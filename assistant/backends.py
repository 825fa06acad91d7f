"""Answer backends: the interface, and opening the one a question asks for.

A backend needs ``name`` and ``answer(question, evidence, history, asked)``; one that
streams also has ``stream`` (text deltas, then the final Answer) and
``condense`` (a follow-up rewritten as a whole question). The extractive
backend is offline; ``openai`` speaks to any OpenAI-compatible endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .compose import ExtractiveBackend
from .models import Answer, Evidence, Turn
from .question import Asked
from .settings import Settings

__all__ = ["Backend", "BackendChoice", "open_backend"]


class Backend(Protocol):
    """An answer backend: a ``name`` and ``answer(question, evidence, history, asked)``.

    ``asked`` is the question as read where it entered (``assistant.question.Asked``); the
    extractive backend builds its lead from it, a model may ignore it.
    """

    name: str

    def answer(
        self,
        question: str,
        evidence: list[Evidence],
        history: list[Turn] | None = None,
        asked: Asked | None = None,
    ) -> Answer: ...


@dataclass(frozen=True)
class BackendChoice:
    """What one question asks for: a backend, endpoint and model (None: the settings' own).

    ``api_key`` "" sends no key: the web app gives it for an endpoint other than the
    configured one, so the configured key never goes to a URL a user typed.
    """

    backend: str | None = None
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None


def open_backend(settings: Settings) -> Backend:
    """The backend ``settings.backend`` names, configured from ``settings``."""
    if settings.backend == "openai":
        from .llm import OpenAIBackend

        s = settings
        return OpenAIBackend(s.base_url, s.model, s.api_key, s.timeout, s.max_retries)
    return ExtractiveBackend()
