"""Run ``update_index`` and SIGKILL this very process at a chosen step of the write.

    python tests/kill_update.py STORE CORPUS STEP N

Steps are the names ``update_index`` passes to ``on_step`` ("analysed",
"vectors" after each batch of vectors, "vectors-written", "committed"); the
process kills itself the N-th time STEP is reached, after printing where, so a
test knows the kill landed inside the write rather than before or after it.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.attribution import Attributor  # noqa: E402
from index.embed import make_embedder  # noqa: E402
from index.pipeline import update_index  # noqa: E402
from index.store import Store  # noqa: E402


def main(store: str, corpus: str, step: str, nth: str) -> None:
    seen = 0

    def on_step(name: str) -> None:
        nonlocal seen
        if name == step:
            seen += 1
            if seen == int(nth):
                print(f"killed at {name} {seen}", flush=True)
                os.kill(os.getpid(), signal.SIGKILL)

    update_index(
        Store(store), [corpus], make_embedder("onnx", "cpu"), Attributor(), on_step=on_step
    )
    print("finished", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
