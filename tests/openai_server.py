"""A small OpenAI-compatible HTTP server for tests, run in a thread on 127.0.0.1.

Serves ``POST /v1/chat/completions`` (JSON, or SSE chunks ending ``data: [DONE]`` when the
body asks ``stream: true``) and ``GET /v1/models``. Scripted with Reply objects, consumed
one per request (the last one repeats), or with a callable ``responder(body) -> Reply``.
Every request body is recorded in ``server.requests`` so tests can check the prompt.

It can also misbehave the ways real endpoints do: HTTP errors (``error``), 429 with a
``Retry-After`` header (``rate_limited``), hanging before or in the middle of a reply
(``hang``, ``Reply.hang_midway``), closing the connection half-way through a reply or a
stream (``dropped``), and bodies that are empty or not JSON (``raw``).

    with running_server(reply("Zelensky said so [1].")) as server:
        backend = OpenAIBackend(server.base_url, "test-model")
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = [
    "Reply",
    "FakeOpenAIServer",
    "reply",
    "error",
    "hang",
    "rate_limited",
    "raw",
    "dropped",
    "running_server",
]


@dataclass
class Reply:
    """What the server does for one request.

    ``status`` other than 200 answers an OpenAI-style error body; ``hang`` waits that many
    seconds before answering; ``hang_midway`` (streaming only) sends half the chunks, then waits.
    ``headers`` are added to the response (``Retry-After``); ``body`` replaces the JSON body
    of a 200 reply with these raw bytes (sent as ``content_type``); ``drop_midway`` sends half
    the reply (half the chunks of a stream) and closes the connection.
    """

    text: str = ""
    status: int = 200
    hang: float = 0.0
    hang_midway: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    content_type: str = "application/json"
    drop_midway: bool = False


def reply(text: str) -> Reply:
    """A normal reply with ``text``."""
    return Reply(text=text)


def error(status: int = 500) -> Reply:
    """An HTTP error reply ("status 500")."""
    return Reply(status=status)


def hang(seconds: float) -> Reply:
    """A reply that first hangs for ``seconds`` ("hang for N seconds")."""
    return Reply(text="too late [1].", hang=seconds)


def rate_limited(retry_after: str) -> Reply:
    """A 429 reply asking the client to wait ``retry_after`` (seconds or an HTTP date)."""
    return Reply(status=429, headers={"Retry-After": retry_after})


def raw(body: bytes, content_type: str = "application/json") -> Reply:
    """A 200 reply whose body is ``body`` as it is: empty, HTML, truncated JSON."""
    return Reply(body=body, content_type=content_type)


def dropped(text: str = "The ministry said [1] the troops were regrouping [1].") -> Reply:
    """A reply (or stream) cut off half-way: the server closes the connection."""
    return Reply(text=text, drop_midway=True)


class FakeOpenAIServer:
    """The server, its script and its record; use through ``running_server``."""

    def __init__(
        self,
        replies: list[Reply] | None = None,
        responder: Callable[[dict], Reply] | None = None,
        model: str = "test-model",
    ) -> None:
        self.model = model
        self.responder = responder
        self.requests: list[dict] = []
        self._replies: deque[Reply] = deque(replies or [])
        self._last = Reply(text="The indexed articles do not say.")
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        """The ``/v1`` base URL to give the OpenAI client."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, *replies: Reply) -> None:
        """Queue more replies."""
        with self._lock:
            self._replies.extend(replies)

    def next_reply(self, body: dict) -> Reply:
        """Record ``body`` and choose the reply for it."""
        with self._lock:
            self.requests.append(body)
            if self.responder is not None:
                return self.responder(body)
            if self._replies:
                self._last = self._replies.popleft()
            return self._last

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop serving; hanging handlers are released at once."""
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


@contextmanager
def running_server(
    *replies: Reply, responder: Callable[[dict], Reply] | None = None, model: str = "test-model"
) -> Iterator[FakeOpenAIServer]:
    """Run a FakeOpenAIServer for the ``with`` block, scripted with ``replies`` or ``responder``."""
    server = FakeOpenAIServer(list(replies), responder=responder, model=model)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _pieces(text: str) -> list[str]:
    """The text split into word-sized stream deltas."""
    return re.findall(r"\S+\s*|\s+", text)


def _handler_for(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet tests
            pass

        def do_GET(self) -> None:  # http.server names it
            if self.path.rstrip("/") != "/v1/models":
                return self._json(404, {"error": {"message": f"no route {self.path}"}})
            model = {"id": server.model, "object": "model", "created": 0, "owned_by": "tests"}
            self._json(200, {"object": "list", "data": [model]})

        def do_POST(self) -> None:
            if self.path.rstrip("/") != "/v1/chat/completions":
                return self._json(404, {"error": {"message": f"no route {self.path}"}})
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            plan = server.next_reply(body)
            if plan.hang and server.stopping.wait(plan.hang):
                return
            try:
                if plan.status != 200:
                    message = plan.text or f"scripted error {plan.status}"
                    error = {"error": {"message": message, "type": "test"}}
                    self._json(plan.status, error, plan.headers)
                elif plan.body is not None:
                    self._raw(plan.body, plan.content_type)
                elif body.get("stream"):
                    self._stream(plan)
                else:
                    self._json(200, self._completion(plan.text), plan.headers, plan.drop_midway)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def _completion(self, text: str) -> dict:
            return {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": 0,
                "model": server.model,
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            }

        def _chunk(self, delta: dict, finish: str | None = None) -> bytes:
            chunk = {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": server.model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            return f"data: {json.dumps(chunk)}\n\n".encode()

        def _stream(self, plan: Reply) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self._send(self._chunk({"role": "assistant", "content": ""}))
            pieces = _pieces(plan.text)
            for i, piece in enumerate(pieces):
                if plan.hang_midway and i == len(pieces) // 2:
                    if server.stopping.wait(plan.hang_midway):
                        return
                if plan.drop_midway and i == len(pieces) // 2:
                    return self._drop()
                self._send(self._chunk({"content": piece}))
            self._send(self._chunk({}, finish="stop"))
            self._send(b"data: [DONE]\n\n")

        def _send(self, data: bytes) -> None:
            self.wfile.write(data)
            self.wfile.flush()

        def _json(
            self, status: int, payload: dict, headers: dict | None = None, drop: bool = False
        ) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if drop:  # promise the whole body, send half, hang up
                self._send(data[: len(data) // 2])
                return self._drop()
            self._send(data)

        def _raw(self, data: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self._send(data)

        def _drop(self) -> None:
            """Close the connection at once, as a crashed or restarted server does."""
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)

    return Handler
