"""A small OpenAI-compatible HTTP server for tests, run in a thread on 127.0.0.1.

Serves ``POST /v1/chat/completions`` (JSON, or SSE chunks ending ``data: [DONE]`` when the
body asks ``stream: true``) and ``GET /v1/models``. Scripted with Reply objects, consumed
one per request (the last one repeats), or with a callable ``responder(body) -> Reply``.
Every request body is recorded in ``server.requests`` so tests can check the prompt.

    with running_server(reply("Zelensky said so [1].")) as server:
        backend = OpenAIBackend(server.base_url, "test-model")
"""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Reply", "FakeOpenAIServer", "reply", "error", "hang", "running_server"]


@dataclass
class Reply:
    """What the server does for one request.

    ``status`` other than 200 answers an OpenAI-style error body; ``hang`` waits that many
    seconds before answering; ``hang_midway`` (streaming only) sends half the chunks, then waits.
    """

    text: str = ""
    status: int = 200
    hang: float = 0.0
    hang_midway: float = 0.0


def reply(text: str) -> Reply:
    """A normal reply with ``text``."""
    return Reply(text=text)


def error(status: int = 500) -> Reply:
    """An HTTP error reply ("status 500")."""
    return Reply(status=status)


def hang(seconds: float) -> Reply:
    """A reply that first hangs for ``seconds`` ("hang for N seconds")."""
    return Reply(text="too late [1].", hang=seconds)


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
            if plan.status != 200:
                message = f"scripted error {plan.status}"
                return self._json(plan.status, {"error": {"message": message, "type": "test"}})
            try:
                if body.get("stream"):
                    self._stream(plan)
                else:
                    self._json(200, self._completion(plan.text))
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
                self._send(self._chunk({"content": piece}))
            self._send(self._chunk({}, finish="stop"))
            self._send(b"data: [DONE]\n\n")

        def _send(self, data: bytes) -> None:
            self.wfile.write(data)
            self.wfile.flush()

        def _json(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self._send(data)

    return Handler
