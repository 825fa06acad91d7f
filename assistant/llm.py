"""The OpenAI-compatible answer backend: evidence → prompt → chat completion → checked Answer.

Sits at the "compose answer with citations" step of the flow, beside the extractive backend.
Works with any server speaking the OpenAI chat API (OpenAI, vLLM, llama.cpp, Ollama, …).
This is the only module that imports ``openai``; every failure of the endpoint becomes a
BackendError naming the base URL and model.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import httpx
import openai
from openai import OpenAI

from assistant.citations import check_citations, says_not_answered
from assistant.errors import BackendError
from assistant.models import Answer, Evidence, Turn
from assistant.prompts import load_prompt, render

__all__ = ["OpenAIBackend", "format_sources", "format_conversation"]

log = logging.getLogger(__name__)

NO_EVIDENCE_ANSWER = "The indexed articles do not say anything that answers this question."
NO_SOURCES = "(no sources were found for this question)"
MAX_HISTORY_TURNS = 4
_FENCE = re.compile(r"<{3,}|>{3,}")


def _defuse(text: str | None) -> str:
    """Source text with fence-like runs (``<<<``, ``>>>``) neutralised: data can't close a fence."""
    return _FENCE.sub(lambda m: "‹" if m.group(0)[0] == "<" else "›", text or "").strip()


def format_sources(evidence: list[Evidence]) -> str:
    """The numbered sources [1]..[n] as they appear between the SOURCES fence markers."""
    if not evidence:
        return NO_SOURCES
    blocks = []
    for n, ev in enumerate(evidence, start=1):
        blocks.append(
            f"[{n}] title: {_defuse(ev.title) or 'unknown'}\n"
            f"    outlet: {_defuse(ev.outlet) or 'unknown'}; "
            f"date: {_defuse(ev.date) or 'unknown'}\n"
            f"    claimant: {_defuse(ev.claimant) or 'unknown'}; cue: {_defuse(ev.cue) or 'none'}\n"
            f'    quote: "{_defuse(ev.quote)}"'
        )
    return "\n\n".join(blocks)


def format_conversation(history: list[Turn]) -> str:
    """Earlier turns as "User: …" / "Assistant: …" lines, for the condense prompt."""
    lines = []
    for turn in history[-MAX_HISTORY_TURNS:]:
        lines.append(f"User: {_defuse(turn.question)}")
        lines.append(f"Assistant: {_defuse(turn.answer)}")
    return "\n".join(lines)


class OpenAIBackend:
    """Answers from evidence with a chat model behind an OpenAI-compatible endpoint.

    ``base_url`` None uses the client's default (OPENAI_BASE_URL or api.openai.com); ``api_key``
    None sends "not-needed", which local servers accept. ``timeout`` is per request in seconds
    and ``max_retries`` the client's retries on connection errors, timeouts and 5xx replies.
    """

    name = "openai"

    def __init__(
        self,
        base_url: str | None,
        model: str,
        api_key: str | None = None,
        timeout: float = 30.0,
        max_retries: int = 1,
        temperature: float = 0.1,
    ) -> None:
        self.model = model
        self.timeout = timeout
        self.max_retries = max_retries
        self.temperature = temperature
        self._client = OpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            timeout=timeout,
            max_retries=max_retries,
        )
        self.base_url = str(self._client.base_url).rstrip("/")

    def build_messages(
        self, question: str, evidence: list[Evidence], history: list[Turn] | None = None
    ) -> list[dict[str, str]]:
        """The chat messages for ``question``: system prompt, recent turns, fenced sources."""
        messages = [{"role": "system", "content": load_prompt("answer").strip()}]
        for turn in (history or [])[-MAX_HISTORY_TURNS:]:
            messages.append({"role": "user", "content": turn.question})
            messages.append({"role": "assistant", "content": turn.answer})
        user = render("answer_user", sources=format_sources(evidence), question=question.strip())
        messages.append({"role": "user", "content": user.strip()})
        return messages

    def answer(
        self, question: str, evidence: list[Evidence], history: list[Turn] | None = None
    ) -> Answer:
        """Ask the model, then check its citations against ``evidence``.

        With no evidence the model is not called: the Answer abstains. Raises BackendError when
        the endpoint fails after the client's retries or times out.
        """
        if not evidence:
            return self._no_evidence(question)
        messages = self.build_messages(question, evidence, history)
        try:
            response = self._client.chat.completions.create(
                model=self.model, messages=messages, temperature=self.temperature
            )
        except (openai.OpenAIError, httpx.HTTPError) as exc:
            raise self._error(exc) from exc
        if not response.choices:
            raise self._error(reason="the reply had no choices")
        return self._checked(question, response.choices[0].message.content or "", evidence)

    def stream(
        self, question: str, evidence: list[Evidence], history: list[Turn] | None = None
    ) -> Iterator[str | Answer]:
        """Yield the reply's text deltas as they arrive, then the checked Answer last.

        The deltas are the model's raw text; the Answer's text is the checked one (invalid
        markers removed, sources renumbered), so a renderer should redraw it at the end.
        Raises BackendError when the endpoint fails, before or during streaming.
        """
        if not evidence:
            answer = self._no_evidence(question)
            yield answer.answer
            yield answer
            return
        messages = self.build_messages(question, evidence, history)
        parts: list[str] = []
        try:
            chunks = self._client.chat.completions.create(
                model=self.model, messages=messages, temperature=self.temperature, stream=True
            )
            with chunks:
                for chunk in chunks:
                    delta = chunk.choices[0].delta.content if chunk.choices else None
                    if delta:
                        parts.append(delta)
                        yield delta
        except (openai.OpenAIError, httpx.HTTPError) as exc:
            raise self._error(exc) from exc
        yield self._checked(question, "".join(parts), evidence)

    def condense(self, question: str, history: list[Turn]) -> str:
        """Rewrite a follow-up ``question`` as a standalone one given the conversation.

        Returns ``question`` unchanged when ``history`` is empty, or (logged) when the model
        replies with nothing. Raises BackendError when the endpoint fails.
        """
        if not history:
            return question
        prompt = render("condense", conversation=format_conversation(history), question=question)
        try:
            response = self._client.chat.completions.create(
                model=self.model,
                messages=[{"role": "user", "content": prompt.strip()}],
                temperature=0.0,
            )
        except (openai.OpenAIError, httpx.HTTPError) as exc:
            raise self._error(exc) from exc
        text = response.choices[0].message.content if response.choices else None
        lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
        if not lines:
            log.warning("condense: %s returned nothing; keeping %r", self.model, question)
            return question
        return lines[0].strip("\"'“”")

    def _checked(self, question: str, text: str, evidence: list[Evidence]) -> Answer:
        """The Answer for the model's raw ``text``, with citations checked and renumbered."""
        checked, citations, warnings = check_citations(text, evidence)
        if not checked:
            warnings.append(f"model {self.model!r} at {self.base_url} returned an empty reply")
        return Answer(
            question=question,
            answer=checked,
            abstained=not citations or says_not_answered(checked),
            backend=self.name,
            warnings=warnings,
            citations=citations,
        )

    def _no_evidence(self, question: str) -> Answer:
        """The abstaining Answer given when retrieval found nothing (the model is not called)."""
        return Answer(
            question=question,
            answer=NO_EVIDENCE_ANSWER,
            abstained=True,
            backend=self.name,
            warnings=["no evidence was found, so the model was not asked"],
        )

    def _error(self, exc: Exception | None = None, reason: str | None = None) -> BackendError:
        """A BackendError naming the endpoint, the model and the way out."""
        if reason is None:
            reason = _describe(exc, self.timeout)
        return BackendError(
            f"the LLM endpoint {self.base_url} (model {self.model!r}) failed: {reason} "
            f"(tried {self.max_retries + 1} time{'s' if self.max_retries else ''}); "
            "check --base-url/--model or use --backend extractive"
        )


def _describe(exc: Exception | None, timeout: float) -> str:
    """A short reason for an openai/httpx failure."""
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
        return f"no reply within {timeout:g} s"
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        return f"could not connect ({exc.__cause__ or exc})"
    if isinstance(exc, openai.APIStatusError):
        detail = re.sub(r"^Error code: \d+ - ", "", exc.message)
        return f"HTTP {exc.status_code}: {detail}"
    return f"{type(exc).__name__}: {exc}"
