"""The API routes: OpenAI-compatible ``POST /v1/chat/completions`` and ``GET /v1/models``,
and the claims explorer's ``GET /v1/speakers`` and ``GET /v1/claims`` (``{"data": [...]}``).

Thin routes over ``protocol`` (the protocol) and the shared Engine. When auth is on,
every route checks a bearer key (Gradio's ``auth`` guards only the page, not routes
mounted beside it); a request without the right key gets 401. Errors come back in
OpenAI's error shape with a message that says what to fix, never a traceback.
"""

from __future__ import annotations

import datetime
import hmac
import json
import logging
from collections.abc import Iterator
from dataclasses import asdict

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from index.errors import IndexingError

from ..claims import ClaimFilters
from ..errors import ClaimtraceError
from ..models import Answer
from .protocol import MODEL, RequestError, completion, error_body, parse_request, stream_frames

__all__ = ["api_router", "Refused", "refusal_handler", "MAX_BODY_BYTES"]

log = logging.getLogger("claimtrace.web")
#: The largest request body the API reads (a long conversation is a few hundred KB).
MAX_BODY_BYTES = 2 * 1024 * 1024


class Refused(Exception):
    """A request refused before it reaches the Engine (401, 413); ``refusal_handler`` answers it."""

    def __init__(self, status: int, body: dict, headers: dict | None = None):
        self.status, self.body, self.headers = status, body, headers


def _key_check(api_key: str | None):
    def check(request: Request) -> None:
        if api_key is None:
            return
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.encode(), api_key.encode()):
            raise Refused(
                401,
                error_body(
                    "missing or wrong API key — send 'Authorization: Bearer KEY' with the key "
                    "given to `claimtrace chat --api-key` (or CLAIMTRACE_API_KEY_SERVE, or the "
                    "--auth password)",
                    "invalid_api_key",
                ),
                {"WWW-Authenticate": "Bearer"},
            )

    return check


def _failed(exc: Exception) -> Answer:
    """An Answer that says what went wrong (a named error's message, or that it is a bug)."""
    if isinstance(exc, ClaimtraceError | IndexingError):
        text = str(exc)
    else:
        log.exception("unexpected error while answering")
        text = f"unexpected error ({type(exc).__name__}) — a bug in claimtrace; see the server log"
    return Answer(question="", answer=text, abstained=True, backend="none", warnings=[text])


def _guarded(parts: Iterator[str | Answer]) -> Iterator[str | Answer]:
    try:
        yield from parts
    except Exception as exc:  # the stream has started: end it with the message
        failed = _failed(exc)
        yield failed.answer
        yield failed


def api_router(engine, api_key: str | None) -> APIRouter:
    """The ``/v1`` routes over ``engine``; ``api_key`` None when auth is off."""
    router = APIRouter(prefix="/v1", dependencies=[Depends(_key_check(api_key))])

    @router.get("/models")
    def models() -> dict:
        entry = {"id": MODEL, "object": "model", "created": 0, "owned_by": "claimtrace"}
        return {"object": "list", "data": [entry]}

    @router.post("/chat/completions")
    async def chat_completions(request: Request):
        try:
            body = json.loads(await _read_body(request, MAX_BODY_BYTES))
        except ValueError:
            return JSONResponse(error_body("the body is not JSON"), status_code=400)
        except ClientDisconnect:  # it left before sending its whole body: nobody to answer
            return JSONResponse(error_body("the client disconnected"), status_code=400)
        try:
            req = parse_request(body)
        except RequestError as exc:
            return JSONResponse(error_body(str(exc)), status_code=400)
        args = (req.question, req.filters, req.history, req.choice)
        if req.stream:
            parts = _guarded(engine.ask_stream(*args))
            return StreamingResponse(stream_frames(parts), media_type="text/event-stream")
        return await _answer(engine, args)

    @router.get("/speakers")
    async def list_speakers(request: Request) -> JSONResponse:
        q = request.query_params
        try:
            least = _count(q, "min_claims", 1)
        except RequestError as exc:
            return JSONResponse(error_body(str(exc)), status_code=400)
        found = await run_in_threadpool(engine.speakers, q.get("search") or None, least)
        return JSONResponse({"object": "list", "data": [asdict(s) for s in found]})

    @router.get("/claims")
    async def list_claims(request: Request) -> JSONResponse:
        try:
            filters = _claim_filters(request.query_params)
        except RequestError as exc:
            return JSONResponse(error_body(str(exc)), status_code=400)
        try:
            found = await run_in_threadpool(engine.claims, filters)
        except (ClaimtraceError, IndexingError) as exc:
            status = 503 if isinstance(exc, IndexingError) else 400
            return JSONResponse(error_body(str(exc), "claimtrace_error"), status_code=status)
        return JSONResponse({"object": "list", "data": [asdict(c) for c in found]})

    return router


#: The query parameters ``GET /v1/claims`` reads.
CLAIM_PARAMS = ("claimant", "speaker_id", "about", "since", "until", "outlet", "limit")


def _count(q, name: str, default: int, most: int = 10_000) -> int:
    raw = q.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= most:
        raise RequestError(f"'{name}' must be a whole number from 1 to {most}, not {raw!r}")
    return int(raw)


def _claim_filters(q) -> ClaimFilters:
    """The filters of ``GET /v1/claims``; a malformed value is a RequestError naming it."""
    unknown = sorted(set(q) - set(CLAIM_PARAMS))
    if unknown:
        raise RequestError(
            f"unknown parameter {unknown[0]!r}; the claims route reads {', '.join(CLAIM_PARAMS)}"
        )
    for name in ("since", "until"):
        value = q.get(name)
        try:
            value and datetime.date.fromisoformat(value)
        except ValueError:
            raise RequestError(
                f"'{name}' must be a date written YYYY-MM-DD (e.g. 2022-09-12), not {value!r}"
            ) from None
    return ClaimFilters(
        claimant=q.get("claimant") or None,
        about=q.get("about") or None,
        since=q.get("since") or None,
        until=q.get("until") or None,
        outlet=q.get("outlet") or None,
        limit=_count(q, "limit", 50, 500),
        speaker_id=q.get("speaker_id") or None,
    )


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    size, parts = 0, []
    if not declared.isdigit() or int(declared) <= limit:
        async for part in request.stream():
            size += len(part)
            if size > limit:
                break
            parts.append(part)
    if size > limit or (declared.isdigit() and int(declared) > limit):
        raise Refused(
            413,
            error_body(
                f"the request body is over the {limit // 1024 // 1024} MB the API reads — "
                "send a shorter conversation",
                "request_too_large",
            ),
        )
    return b"".join(parts)


async def _answer(engine, args) -> JSONResponse:
    try:
        answer = await run_in_threadpool(engine.ask, *args)
    except (ClaimtraceError, IndexingError) as exc:
        status = 503 if isinstance(exc, IndexingError) else 400
        return JSONResponse(error_body(str(exc), "claimtrace_error"), status_code=status)
    except Exception as exc:
        _failed(exc)
        return JSONResponse(
            error_body(f"unexpected error ({type(exc).__name__}) — see the server log", "bug"),
            status_code=500,
        )
    return JSONResponse(completion(answer))


def refusal_handler(request: Request, exc: Refused) -> JSONResponse:
    """Turns a refused request into its JSON response (installed by ``web.create_app``)."""
    return JSONResponse(exc.body, status_code=exc.status, headers=exc.headers)
