"""Load on the served app: conversations at once through the API, an update, a stuck client.

    python -m eval.bench.serve_load --conversations 16 --questions 10 --new-articles 100
    python -m eval.bench.serve_load --conversations 4 --questions 250 --rss-every 100

Starts ``claimtrace chat`` as its own process on a free loopback port over a copy of a
built store (``--store``, else the seed articles are indexed first), holds one stuck
client (a stream opened and never read, and a request whose body never finishes), runs
the conversations with the ``openai`` client, and, with ``--new-articles N``, runs
``claimtrace index update`` of the seeds plus N new articles in its own process meanwhile.
Prints one JSON object: questions answered, with and without citations, latency p50/p95,
the server's RSS after every ``--rss-every`` questions, and whether a question about a new
article is answered from it once the update is done.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import openai

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "articles"
QUESTIONS = [
    "Why did Russian troops leave Izium and Balakliia?",
    "What did Prigozhin accuse the Ukrainian brigade of?",
    "Who claimed that Ukrainian troops fled, leaving tanks behind?",
    "What did Ukraine's president claim about Kharkiv?",
    "What did the Russian Defence Ministry say about regrouping?",
    "Who said the troops were being reorganized?",
    "What happened near Bakhmut according to Wagner?",
    "Who reported corpses and abandoned tanks?",
    "What did the Ukrainian brigade say?",
    "What did the Russian military say about Balakleya and Izyum?",
]
NEW_QUESTION = "When will the desalination plant in Quillfield open?"


def new_articles(folder: Path, n: int) -> None:
    """``n`` short reports, each with attributed claims; the last names Quillfield's plant."""
    for i in range(n):
        body = " ".join(
            f"Officials said convoy {i} reached town {j} on day {j}, the governor said."
            for j in range(12)
        )
        if i == n - 1:
            body += " The mayor of Quillfield said the desalination plant will open in June."
        (folder / f"report_{i:03d}.txt").write_text(f"Convoy report {i}\n\n{body}\n")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli_command(store: Path, *args: str) -> list[str]:
    """The argv of ``claimtrace --store STORE ARGS...`` run by this Python interpreter."""
    return [sys.executable, "-m", "claimtrace", "--store", str(store), *args]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _stuck_client(port: int) -> list[socket.socket]:
    """A stream opened and never read, and a request whose body never arrives."""
    body = json.dumps(
        {"model": "claimtrace", "stream": True, "messages": [{"role": "user", "content": "Izium?"}]}
    ).encode()
    reader = socket.create_connection(("127.0.0.1", port))
    reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    reader.sendall(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(f"{head}Content-Length: 100000\r\n\r\n{{".encode())
    return [reader, slow]


def run(
    store: Path | None,
    conversations: int,
    questions: int,
    new: int,
    rss_every: int,
    work: Path,
) -> dict:
    """Serve, load, measure; the figures as a dict (see the module docstring)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    served = work / "store"
    if store:
        shutil.copytree(store, served)
    else:
        subprocess.run(
            cli_command(served, "index", "build", str(SEEDS)), env=env, cwd=ROOT, check=True
        )
    port = free_port()
    server = subprocess.Popen(
        cli_command(served, "chat", "--port", str(port)),
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_up(base, server)
        rss = {"0": round(_rss_mb(server.pid), 1)}
        stuck = _stuck_client(port)
        updater = None
        if new:
            corpus = work / "corpus"
            shutil.copytree(SEEDS, corpus)
            new_articles(corpus, new)
            cmd = cli_command(served, "index", "update", str(corpus), "--json")
            updater = subprocess.Popen(
                cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        results = _converse(base, conversations, questions, rss_every, server.pid, rss)
        update = None
        if updater:
            out, err = updater.communicate(timeout=3600)
            summary = json.loads(out) if updater.returncode in (0, 1) and out else {}
            update = {"exit": updater.returncode, "added": len(summary.get("added", []))}
            reply = _client(base).chat.completions.create(
                model="claimtrace", messages=[{"role": "user", "content": NEW_QUESTION}]
            )
            cited = reply.model_extra["citations"]
            ids = [c["article_id"] for c in cited]
            update["new_article_cited"] = bool(ids) and ids[0] == f"report_{new - 1:03d}"
        for s in stuck:
            s.close()
        rss[str(len(results))] = round(_rss_mb(server.pid), 1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    seconds = sorted(r["seconds"] for r in results)
    return {
        "conversations": conversations,
        "questions_each": questions,
        "asked": len(results),
        "answered": sum(r["ok"] for r in results),
        "with_citations": sum(r["cited"] for r in results),
        "failed": [r["error"] for r in results if not r["ok"]][:5],
        "p50_s": round(statistics.median(seconds), 2),
        "p95_s": round(seconds[max(0, int(len(seconds) * 0.95) - 1)], 2),
        "max_s": round(seconds[-1], 2),
        "rss_mb": rss,
        "update": update,
    }


def _client(base: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base}/v1", api_key="none", max_retries=0, timeout=600)


def wait_up(base: str, server: subprocess.Popen) -> None:
    """Wait until the server at ``base`` answers ``/v1/models``.

    Raises RuntimeError if the server process exits, or after 300 s.
    """
    for _ in range(600):
        if server.poll() is not None:
            raise RuntimeError(f"claimtrace chat exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/v1/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("claimtrace chat did not start within 300 s")


def _converse(base, conversations, questions, rss_every, pid, rss) -> list[dict]:
    results: list[dict] = []
    lock = threading.Lock()
    start = threading.Barrier(conversations)

    def one(c: int) -> None:
        client, messages = _client(base), []
        start.wait()
        for q in range(questions):
            messages.append({"role": "user", "content": QUESTIONS[(c + q) % len(QUESTIONS)]})
            began = time.perf_counter()
            try:
                reply = client.chat.completions.create(model="claimtrace", messages=messages[-5:])
                text, cited, error = (
                    reply.choices[0].message.content,
                    reply.model_extra["citations"],
                    "",
                )
            except Exception as exc:  # recorded, and the conversation goes on
                text, cited, error = "", [], f"{type(exc).__name__}: {exc}"
            took = time.perf_counter() - began
            messages.append({"role": "assistant", "content": text})
            with lock:
                results.append(
                    {"seconds": took, "ok": not error, "cited": bool(cited), "error": error}
                )
                if rss_every and len(results) % rss_every == 0:
                    rss[str(len(results))] = round(_rss_mb(pid), 1)

    threads = [threading.Thread(target=one, args=(c,)) for c in range(conversations)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def main() -> None:
    """Parse the options, serve and load in a temporary folder, and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--store", type=Path, help="a built store to copy (default: index the seeds)"
    )
    parser.add_argument("--conversations", type=int, default=16)
    parser.add_argument("--questions", type=int, default=10, help="questions per conversation")
    parser.add_argument(
        "--new-articles", type=int, default=0, help="update with N new articles meanwhile"
    )
    parser.add_argument("--rss-every", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        figures = run(
            args.store,
            args.conversations,
            args.questions,
            args.new_articles,
            args.rss_every,
            Path(work),
        )
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
