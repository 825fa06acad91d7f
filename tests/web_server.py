"""The real web app on a free loopback port, for tests: uvicorn in a thread.

with running_app(create_app(engine)) as base:   # "http://127.0.0.1:PORT"
    httpx.get(base + "/")
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

__all__ = ["running_app", "copy_engine"]


@contextmanager
def running_app(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 and a free port; yields the base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def copy_engine(seed_engine, dest: Path, make_engine, **settings):
    """A writable Engine on a copy of ``seed_engine``'s store (no second build)."""
    shutil.copytree(seed_engine.store.root, dest)
    return make_engine(dest, **settings)
