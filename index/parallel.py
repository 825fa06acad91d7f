"""Parsing beside embedding: articles are analysed in batches while the encoder runs.

A build spends its time in two places that use the cores differently: spaCy parses on one
core, the encoder runs on all of them. ``analysed_batches`` yields analysed batches as
they are ready; for a large update on four or more cores it starts one worker process
(``python -m index.parallel``) that parses batches from the front of the list while this
process, between embedding the batches already yielded, parses from the back whenever no
worker result is waiting. Each batch is analysed by the same pipeline either way, so the result
does not depend on who parsed it. A small update (one new article) is parsed here: a
worker's start-up would cost more than it saves; so is one by an analyser that cannot be
sent to another process.

The worker is a plain child process fed over its stdin and stdout (length-prefixed
pickles), not a ``multiprocessing`` pool: a pool's spawned child re-imports the caller's
main script, which runs a script without a ``__main__`` guard twice.
"""

from __future__ import annotations

import os
import pickle
import queue
import select
import struct
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tqdm import tqdm

from .chunk import chunk_article
from .models import Article, IndexedArticle

__all__ = ["analysed_batches", "PARALLEL_MIN", "MIN_CORES", "BATCH"]

#: Articles analysed per call of ``analyse_many``.
BATCH = 32
#: Fewer articles than this are parsed in this process.
PARALLEL_MIN = 400
#: Fewer cores than this, and the build parses in this process: the encoder's threads
#: already hold every core, and on 2 cores a worker cost a 3,000-item build 9% (32.3 s
#: against 29.6 s, docs/BENCHMARKS.md). More cores were not measured here.
MIN_CORES = 4
#: Batches queued for the worker at once (the rest stay free for this process to take).
_IN_FLIGHT = 2
_LENGTH = struct.Struct("<Q")


def analysed_batches(
    articles: list[Article], analyser, progress: bool = False
) -> Iterator[tuple[int, list[IndexedArticle]]]:
    """(batch number, analysed articles) for each batch of ``articles``, in the order they
    are ready; batch numbers follow ``articles``' order."""
    parts = [articles[i : i + BATCH] for i in range(0, len(articles), BATCH)]
    bar = tqdm(total=len(articles), desc="attributing", unit="article", disable=not progress)
    try:
        if (
            len(articles) < PARALLEL_MIN
            or (os.cpu_count() or 1) < MIN_CORES
            or not _portable(analyser)
        ):
            for n, part in enumerate(parts):
                yield n, _items(part, analyser.analyse_many(_inputs(part)))
                bar.update(len(part))
            return
        with _Worker(analyser) as worker:
            todo = deque(range(len(parts)))
            queued: deque[int] = deque()
            while todo or queued:
                while len(queued) < _IN_FLIGHT and todo:
                    queued.append(todo.popleft())
                    worker.send(_inputs(parts[queued[-1]]))
                if worker.ready() or not todo:
                    n, analyses = queued.popleft(), worker.receive()
                else:  # nothing ready: parse the last batch here instead of waiting
                    n = todo.pop()
                    analyses = analyser.analyse_many(_inputs(parts[n]))
                yield n, _items(parts[n], analyses)
                bar.update(len(parts[n]))
    finally:
        bar.close()


class _Worker:
    """One child process that analyses the batches sent to it, in order.

    Batches are written by a thread of their own: a batch larger than the pipe's buffer
    would otherwise block this process while the worker blocks writing its last result.
    """

    def __init__(self, analyser):
        root = str(Path(__file__).resolve().parents[1])
        path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "index.parallel"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": path},
        )
        self._outbox: queue.Queue = queue.Queue()
        self._sender = threading.Thread(target=self._send_all, daemon=True)
        self._sender.start()
        self.send(analyser)

    def __enter__(self) -> _Worker:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is None:
            self._outbox.put(None)
            self._sender.join(timeout=10)
            try:
                self.proc.wait(timeout=10)
                return
            except subprocess.TimeoutExpired:
                pass
        self.proc.kill()
        self.proc.wait()

    def _send_all(self) -> None:
        try:
            while (obj := self._outbox.get()) is not None:
                _write(self.proc.stdin, obj)
            self.proc.stdin.close()
        except OSError:  # the worker died: ``receive`` reports it
            pass

    def send(self, obj) -> None:
        self._outbox.put(obj)

    def ready(self) -> bool:
        """Has the worker begun to answer (its next result is on the way)?"""
        return bool(select.select([self.proc.stdout], [], [], 0)[0])

    def receive(self):
        try:
            status, value = _read(self.proc.stdout)
        except EOFError:
            code = self.proc.wait()
            raise RuntimeError(
                f"the parsing worker stopped (exit code {code}); its error is above — "
                "run the update again, and report it if it happens again"
            ) from None
        if status == "error":
            raise RuntimeError(f"parsing failed in the worker process:\n{value}")
        return value


def _write(stream: BinaryIO, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _read(stream: BinaryIO):
    head = _exactly(stream, _LENGTH.size)
    return pickle.loads(_exactly(stream, _LENGTH.unpack(head)[0]))


def _exactly(stream: BinaryIO, n: int) -> bytes:
    data = stream.read(n)
    if len(data) < n:
        raise EOFError
    return data


def _portable(analyser) -> bool:
    """Can ``analyser`` be sent to a worker process? (A wrapped one may not be.)"""
    try:
        pickle.dumps(analyser)
    except (pickle.PicklingError, AttributeError, TypeError):
        return False
    return True


def _inputs(part: list[Article]) -> list[tuple[str, str]]:
    return [(a.text, a.voice) for a in part]


def _items(part: list[Article], analyses) -> list[IndexedArticle]:
    return [
        IndexedArticle(a, x.sentences, x.attributions, chunk_article(a, x.sentences))
        for a, x in zip(part, analyses, strict=True)
    ]


def _serve(inp: BinaryIO, out: BinaryIO) -> None:
    """The worker: read the analyser, then analyse each batch read until stdin closes."""
    import traceback

    try:
        analyser = _read(inp)
    except EOFError:
        return
    while True:
        try:
            batch = _read(inp)
        except EOFError:
            return
        try:
            _write(out, ("ok", analyser.analyse_many(batch)))
        except Exception:  # noqa: BLE001 - sent to the parent, which raises it
            _write(out, ("error", traceback.format_exc()))


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which ends this
    # results go to a private copy of stdout; anything a library prints goes to stderr
    results = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    _serve(sys.stdin.buffer, results)
