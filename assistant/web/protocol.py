"""The OpenAI chat-completions protocol, spoken by claimtrace: requests in, responses out.

``parse_request`` turns a request body into a question, its history (the earlier
messages), filters and backend choice; ``completion`` and ``stream_frames`` turn the
Engine's Answer into OpenAI's response shapes. The answer's citations travel as data: a
top-level ``citations`` list (the objects ``ask --json`` prints) on the non-streaming
response and on the final stream chunk, the one with ``finish_reason``. Every stream
frame has ``choices``, as the official client expects. No web framework here: the routes
in ``api.py`` call these.
"""

from __future__ import annotations

import datetime
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from ..backends import BackendChoice
from ..models import Answer, Turn
from ..plaintext import render_sources
from ..retrieve import Filters
from ..settings import BACKENDS

__all__ = [
    "MODEL",
    "ChatRequest",
    "RequestError",
    "parse_request",
    "message_text",
    "completion",
    "stream_frames",
    "error_body",
]

MODEL = "claimtrace"
#: Each filter a request may give, and the form its value takes.
_FILTER_FORMS = {
    "since": "a date, YYYY-MM-DD (e.g. 2022-09-12)",
    "until": "a date, YYYY-MM-DD (e.g. 2022-09-12)",
    "outlet": "an outlet's full name, a string",
    "claimant": "a speaker's name, a string",
}
_FILTER_KEYS = tuple(_FILTER_FORMS)


class RequestError(ValueError):
    """A request body that is not a chat request claimtrace can answer; says what to fix."""


@dataclass(frozen=True)
class ChatRequest:
    """A parsed chat request: the question, earlier turns, filters, backend, whether to stream."""

    question: str
    history: list[Turn]
    filters: Filters
    choice: BackendChoice
    stream: bool


def _text(content) -> str:
    """A message's text: a string, or the text parts of a list of parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def _history(messages: list[dict]) -> list[Turn]:
    turns, question = [], None
    for m in messages:
        if m.get("role") == "user":
            question = _text(m.get("content"))
        elif m.get("role") == "assistant" and question is not None:
            turns.append(Turn(question, _text(m.get("content"))))
            question = None
    return turns


def _filters(given) -> Filters:
    if given is None:
        return Filters()
    if not isinstance(given, dict) or set(given) - set(_FILTER_KEYS):
        raise RequestError(f"'filters' is an object with keys among {', '.join(_FILTER_KEYS)}")
    return Filters(**{k: _filter_value(k, v) for k, v in given.items()})


def _filter_value(key: str, value) -> str | None:
    """One filter's value, checked: a malformed one is refused, never dropped."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise RequestError(
            f"'filters.{key}' is {json.dumps(value)}; it must be {_FILTER_FORMS[key]}"
        )
    value = value.strip()
    if key in ("since", "until"):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            raise RequestError(
                f"'filters.{key}' is {json.dumps(value)}, not a date; it must be "
                f"{_FILTER_FORMS[key]}"
            ) from None
    return value


def _choice(given) -> BackendChoice:
    if given is None:
        return BackendChoice()
    if isinstance(given, str):
        given = {"name": given}
    if not isinstance(given, dict) or given.get("name") not in BACKENDS:
        raise RequestError(
            f"unknown backend {given!r}; choose {' or '.join(BACKENDS)} "
            '(or {"name": "openai", "model": ...})'
        )
    return BackendChoice(given["name"], model=given.get("model"))


def parse_request(body: dict) -> ChatRequest:
    """The question and its options in a chat-completions request body.

    The last user message is the question; the user/assistant pairs before it are the
    history. ``backend`` may name a backend and a model, never an endpoint: the server's
    configured endpoint (and key) are the only ones an API request can reach; without it
    the server's settings choose.
    """
    if not isinstance(body, dict):
        raise RequestError("the body must be a JSON object with 'model' and 'messages'")
    model = body.get("model", MODEL)
    if model != MODEL:
        raise RequestError(f"unknown model {model!r}; the one model here is {MODEL!r}")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise RequestError("'messages' must be a non-empty list of {role, content}")
    if not all(isinstance(m, dict) for m in messages):
        raise RequestError("each message must be an object with 'role' and 'content'")
    last_user = max((i for i, m in enumerate(messages) if m.get("role") == "user"), default=-1)
    question = _text(messages[last_user].get("content")).strip() if last_user >= 0 else ""
    if not question:
        raise RequestError("no question: the last 'user' message is missing or empty")
    choice = _choice(body.get("backend"))
    return ChatRequest(
        question=question,
        history=_history(messages[:last_user]),
        filters=_filters(body.get("filters")),
        choice=choice,
        stream=bool(body.get("stream")),
    )


def message_text(answer: Answer) -> str:
    """The assistant message: the answer, then its numbered sources and warnings."""
    sources = render_sources(answer)
    return f"{answer.answer}\n\n{sources}".rstrip()


def _extra(answer: Answer) -> dict:
    return {
        "citations": [asdict(c) for c in answer.citations],
        "warnings": answer.warnings,
        "abstained": answer.abstained,
        "coverage": answer.coverage,
        "backend": answer.backend,
    }


def completion(answer: Answer) -> dict:
    """A ``chat.completion`` object for ``answer``, with top-level ``citations``."""
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": message_text(answer)},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        **_extra(answer),
    }


def stream_frames(parts: Iterator[str | Answer]) -> Iterator[str]:
    """SSE frames for the Engine's stream: text deltas, the sources, the final chunk, [DONE]."""
    cid, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())

    def frame(delta: dict, finish: str | None = None, **extra) -> str:
        chunk = {
            "id": cid,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

    yield frame({"role": "assistant", "content": ""})
    streamed = []
    for part in parts:
        if isinstance(part, Answer):
            tail = ""
            if part.answer.strip() != "".join(streamed).strip():
                tail = f"\n\nchecked answer:\n{part.answer}"  # a marker removed, renumbered
            sources = render_sources(part)
            tail += f"\n\n{sources}" if sources else ""
            if tail:
                yield frame({"content": tail})
            yield frame({}, "stop", **_extra(part))
        elif part:
            streamed.append(part)
            yield frame({"content": part})
    yield "data: [DONE]\n\n"


def error_body(message: str, kind: str = "invalid_request_error") -> dict:
    """OpenAI's error shape."""
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}
