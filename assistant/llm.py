"""The OpenAI-compatible answer backend: evidence → prompt → chat completion → checked Answer.

Sits at the "compose answer with citations" step of the flow, beside the extractive backend;
the messages it sends and the reading of the replies are in ``assistant.llm_messages``.
Works with any server speaking the OpenAI chat API (OpenAI, vLLM, llama.cpp, Ollama, …).
This is the only module that imports ``openai``; every failure of the endpoint becomes a
BackendError naming the base URL and model: HTTP errors, timeouts, a dropped connection, a
body that is empty or not JSON, a stream cut off before its end, and a reply that cites none
of the sources. Retries are ours (``assistant.retry``), not the client's, so that a
``Retry-After`` cannot hold a question longer than ``call_bound`` seconds.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator

import httpx
import openai
from openai import OpenAI

from assistant.citations import check_citations, says_not_answered
from assistant.errors import BackendError
from assistant.llm_messages import (
    answer_messages,
    condense_messages,
    reply_text,
    standalone_question,
    unusable_reply,
)
from assistant.models import Answer, Evidence, Turn
from assistant.question import Asked
from assistant.retry import RETRY_WAIT_MAX, call_bound, retry_after, retry_wait

__all__ = ["OpenAIBackend"]

log = logging.getLogger(__name__)

NO_EVIDENCE_ANSWER = "The indexed articles do not say anything that answers this question."


class OpenAIBackend:
    """Answers from evidence with a chat model behind an OpenAI-compatible endpoint.

    ``base_url`` None uses the client's default (OPENAI_BASE_URL or api.openai.com); ``api_key``
    None sends "not-needed", which local servers accept. ``timeout`` is per request in seconds
    and ``max_retries`` the retries on connection errors, timeouts, 408/409/429 and 5xx replies;
    one call never takes longer than ``call_bound(timeout, max_retries)`` seconds.
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
        self.bound = call_bound(timeout, max_retries)
        self._client = OpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            timeout=timeout,
            max_retries=0,  # ours, in _create: the client's would honour Retry-After up to 120 s
        )
        self.base_url = str(self._client.base_url).rstrip("/")

    def answer(
        self,
        question: str,
        evidence: list[Evidence],
        history: list[Turn] | None = None,
        asked: Asked | None = None,
    ) -> Answer:
        """Ask the model, then check its citations against ``evidence``.

        ``asked`` (the question as read) is not needed: the prompt asks the model itself to
        open with the answer (``prompts/answer.md``).

        With no evidence the model is not called: the Answer abstains. Raises BackendError when
        the endpoint fails (after the retries, within ``self.bound`` seconds), replies with
        something that is not a chat completion, or its reply cites none of the sources.
        """
        if not evidence:
            return self._no_evidence(question)
        messages = answer_messages(question, evidence, history)
        response, _ = self._create(messages=messages, temperature=self.temperature)
        return self._checked(question, reply_text(response) or "", evidence)

    def stream(
        self,
        question: str,
        evidence: list[Evidence],
        history: list[Turn] | None = None,
        asked: Asked | None = None,
    ) -> Iterator[str | Answer]:
        """Yield the reply's text deltas as they arrive, then the checked Answer last.

        The deltas are the model's raw text; the Answer's text is the checked one (invalid
        markers removed, sources renumbered), so a renderer should redraw it at the end.
        Raises BackendError when the endpoint fails, before or during streaming, when the stream
        ends without its finish (a dropped connection) or outlasts ``self.bound`` seconds.
        """
        if not evidence:
            answer = self._no_evidence(question)
            yield answer.answer
            yield answer
            return
        messages = answer_messages(question, evidence, history)
        parts: list[str] = []
        chunks, deadline = self._create(
            messages=messages, temperature=self.temperature, stream=True
        )
        finished = False
        try:
            with chunks:
                for chunk in chunks:
                    choices = getattr(chunk, "choices", None)
                    if choices:
                        finished = finished or bool(choices[0].finish_reason)
                        delta = choices[0].delta.content if choices[0].delta else None
                        if delta:
                            parts.append(delta)
                            yield delta
                    if time.monotonic() > deadline:
                        raise self._error(reason=f"the reply took longer than {self.bound:g} s")
        except _FAILURES as exc:
            raise self._error(exc) from exc
        if not finished:
            raise self._error(reason="the stream ended before the reply was complete")
        yield self._checked(question, "".join(parts), evidence)

    def condense(self, question: str, history: list[Turn]) -> str:
        """Rewrite a follow-up ``question`` as a standalone one given the conversation.

        Returns ``question`` unchanged when ``history`` is empty, or (logged) when the model
        replies with nothing. Raises BackendError when the endpoint fails.
        """
        if not history:
            return question
        response, _ = self._create(messages=condense_messages(question, history), temperature=0.0)
        standalone = standalone_question(reply_text(response))
        if standalone is None:
            log.warning("condense: %s returned nothing; keeping %r", self.model, question)
            return question
        return standalone

    def _create(self, **request) -> tuple[object, float]:
        """A chat completion (or stream) and the deadline of this call, retrying what may pass.

        Connection errors, timeouts, 408/409/429 and 5xx replies are tried again up to
        ``max_retries`` times, after the server's ``Retry-After`` or a short back-off; a wait
        longer than ``RETRY_WAIT_MAX`` or past the deadline is not made. Raises BackendError.
        """
        deadline = time.monotonic() + self.bound
        tries = 0
        while True:
            tries += 1
            left = max(deadline - time.monotonic(), 0.1)
            try:
                response = self._client.chat.completions.create(
                    model=self.model, timeout=min(self.timeout, left), **request
                )
            except _FAILURES as exc:
                wait = _retry_wait(exc, tries)
                if wait is None or tries > self.max_retries or wait >= deadline - time.monotonic():
                    raise self._error(exc, tries=tries) from exc
                time.sleep(wait)
                continue
            if not request.get("stream") and not getattr(response, "choices", None):
                kind = type(response).__name__
                raise self._error(reason=f"the reply was not a chat completion ({kind})")
            return response, deadline

    def _checked(self, question: str, text: str, evidence: list[Evidence]) -> Answer:
        """The Answer for the model's raw ``text``, with citations checked and renumbered.

        An empty reply, or one citing none of the sources without saying the sources do not
        answer, is a BackendError: the question then gets the extractive answer.
        """
        checked, citations, warnings = check_citations(text, evidence)
        reason = unusable_reply(checked, citations, warnings)
        if reason:
            raise self._error(reason=reason)
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

    def _error(
        self, exc: Exception | None = None, reason: str | None = None, tries: int = 1
    ) -> BackendError:
        """A BackendError naming the endpoint, the model and the way out."""
        if reason is None:
            reason = _describe(exc, self.timeout)
        return BackendError(
            f"the LLM endpoint {self.base_url} (model {self.model!r}) failed: {reason} "
            f"(tried {tries} time{'s' if tries > 1 else ''}); "
            "check --base-url/--model or use --backend extractive"
        )


#: What a call to the endpoint may raise: the client's errors, transport errors, and a body that
#: is not JSON (``json.JSONDecodeError`` and pydantic's errors are ValueErrors).
_FAILURES = (openai.OpenAIError, httpx.HTTPError, ValueError)


def _retry_wait(exc: Exception, tries: int) -> float | None:
    """The wait before another try after ``exc`` (``assistant.retry``); None: do not retry."""
    if isinstance(exc, openai.APIStatusError):
        return retry_wait(exc.status_code, exc.response.headers, tries)
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        return retry_wait(None, {}, tries)  # timeouts are connection errors here
    return None  # a body that is not JSON, a bad request: trying again changes nothing


def _hide_keys(text: str) -> str:
    """``text`` without API keys: an endpoint may echo the key it refused ("sk-ab***wxyz")."""
    return re.sub(r"\b(?:sk-[\w-]+|[\w-]*\*{3,}[\w*-]*)", "[key hidden]", text)


def _describe(exc: Exception | None, timeout: float) -> str:
    """A short reason for an openai/httpx failure."""
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
        return f"no reply within {timeout:g} s"
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        return f"could not connect or the connection broke ({exc.__cause__ or exc})"
    if isinstance(exc, openai.APIStatusError):
        detail = _hide_keys(re.sub(r"^Error code: \d+ - ", "", exc.message))
        after = retry_after(exc.response.headers)
        if after is not None and after > RETRY_WAIT_MAX:
            detail += (
                f"; it asked to wait {after:.0f} s, longer than the {RETRY_WAIT_MAX:g} s waited"
            )
        return f"HTTP {exc.status_code}: {detail}"
    if isinstance(exc, ValueError):
        return f"the reply was not valid JSON ({type(exc).__name__}: {exc})"
    return f"{type(exc).__name__}: {exc}"
