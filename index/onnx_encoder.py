"""The ONNX Runtime encoder: the bundled MiniLM without torch at query time.

Tokenises with the model's own ``tokenizer.json`` (the ``tokenizers`` library)
and runs the graph exported by ``onnx_export.py``: fp32 or int8 on a CPU, fp16
with the CUDA provider on a GPU. Texts are sorted by length and padded per
batch, as sentence-transformers does, so the vectors match its output.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from .onnx_export import exported_model

__all__ = ["OnnxEmbedder"]

MAX_TOKENS = 256


class OnnxEmbedder:
    """The sentence-transformers model in folder ``path`` (stored vectors' model ``name``)
    on ONNX Runtime; ``quantised`` uses int8 weights (on a CPU)."""

    def __init__(
        self,
        path: str,
        name: str,
        quantised: bool = False,
        device: str = "auto",
        batch_size: int = 32,
        cache: Path | None = None,
    ):
        self.name = name
        gpu = (
            device in ("auto", "cuda") and "CUDAExecutionProvider" in ort.get_available_providers()
        )
        if device == "cuda" and not gpu:
            raise RuntimeError(
                "CLAIMTRACE_DEVICE=cuda but ONNX Runtime has no CUDA provider here — "
                "install onnxruntime-gpu, or set CLAIMTRACE_DEVICE=cpu"
            )
        variant = "fp16" if gpu else ("int8" if quantised else "fp32")
        self.variant = variant
        self.batch_size = 256 if gpu else batch_size
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = min(os.cpu_count() or 1, 8)
        providers = ["CUDAExecutionProvider", "CPUExecutionProvider"] if gpu else None
        self._session = ort.InferenceSession(
            str(exported_model(path, variant, cache)),
            sess_options=options,
            providers=providers or ["CPUExecutionProvider"],
        )
        self._tok = Tokenizer.from_file(str(Path(path) / "tokenizer.json"))
        self._tok.enable_truncation(MAX_TOKENS)
        self._tok.enable_padding(pad_id=self._tok.token_to_id("[PAD]") or 0, pad_token="[PAD]")

    def embed_batch(self, texts: list[str]) -> list[list[float]]:
        """One 384-float vector per text, in order; run longest texts first, in padded batches."""
        if not texts:
            return []
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            part = order[start : start + self.batch_size]
            enc = self._tok.encode_batch([texts[i] for i in part])
            feed = {
                "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
            }
            (vectors,) = self._session.run(["embedding"], feed)
            out[part] = vectors.astype(np.float32)
        return out.tolist()
