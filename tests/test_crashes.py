"""Crashes (issue 13): the chat server killed mid-answer and restarted serves the same index.

``claimtrace chat`` runs in its own process; it is SIGKILLed once a streamed answer has
begun (the first frame read, not a sleep), started again on the same store, and asked
again: the same articles, the same citations.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess

import httpx
import pytest

from eval.bench.serve_load import ROOT, cli_command, free_port, wait_up

IZIUM = "Why did Russian troops leave Izium and Balakliia?"


def _serve(store, port: int) -> subprocess.Popen:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    cmd = cli_command(store, "chat", "--port", str(port))
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)


def _ask(base: str) -> dict:
    body = {"model": "claimtrace", "messages": [{"role": "user", "content": IZIUM}]}
    return httpx.post(f"{base}/v1/chat/completions", json=body, timeout=300).json()


@pytest.mark.slow
def test_a_server_killed_mid_answer_serves_the_same_index_when_restarted(seed_engine, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seed_engine.store.root, store)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(store, port)
    try:
        wait_up(base, server)
        before = _ask(base)
        models = httpx.get(f"{base}/v1/models").json()
        body = {
            "model": "claimtrace",
            "stream": True,
            "messages": [{"role": "user", "content": IZIUM}],
        }
        killed_at = None
        try:
            with httpx.stream("POST", f"{base}/v1/chat/completions", json=body, timeout=300) as r:
                for line in r.iter_lines():
                    if line.startswith("data: ") and killed_at is None:
                        killed_at = line  # mid-answer: the stream has begun
                        server.send_signal(signal.SIGKILL)
                        server.wait()
        except httpx.HTTPError:
            pass  # the stream broke off with the server
        assert killed_at and killed_at != "data: [DONE]"
    finally:
        server.kill()
        server.wait()
    assert server.returncode == -signal.SIGKILL
    server = _serve(store, port)
    try:
        wait_up(base, server)
        after = _ask(base)
        assert httpx.get(f"{base}/v1/models").json() == models
    finally:
        server.terminate()
        server.wait(timeout=30)
    stats = subprocess.run(
        cli_command(store, "index", "stats", "--json"), cwd=ROOT, capture_output=True, text=True
    )
    assert json.loads(stats.stdout)["articles"] == len(seed_engine.articles())
    assert after["citations"] and after["citations"] == before["citations"]
    assert after["choices"][0]["message"]["content"] == before["choices"][0]["message"]["content"]
