"""The baselines a build is compared with: the bare encoder, and llama-index's default ingestion.

Both get the same texts and the same encoder as claimtrace's build: the bare
encoder embeds each record's text (title and description) in batches; the
llama-index baseline runs ``IngestionPipeline`` with its default
``SentenceSplitter``, our encoder behind llama-index's embedding interface, and
a ``ChromaVectorStore`` in a temporary folder. Neither attributes claims.
"""

from __future__ import annotations

import tempfile
import time

import chromadb
from chromadb.config import Settings
from llama_index.core import Document
from llama_index.core.embeddings import BaseEmbedding
from llama_index.core.ingestion import IngestionPipeline
from llama_index.core.node_parser import SentenceSplitter
from llama_index.vector_stores.chroma import ChromaVectorStore
from pydantic import PrivateAttr

__all__ = ["bare_encoder_seconds", "encoder_seconds", "llamaindex_seconds"]


class OurEncoder(BaseEmbedding):
    """claimtrace's encoder behind llama-index's embedding interface."""

    _inner = PrivateAttr()

    def __init__(self, inner, **kw):
        super().__init__(model_name=inner.name, embed_batch_size=32, **kw)
        self._inner = inner

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._inner.embed_batch(texts)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._inner.embed_batch([text])[0]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._get_text_embedding(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_text_embedding(query)


def bare_encoder_seconds(records: list[dict], embedder, batch: int = 128) -> float:
    """Seconds to embed every record's text, nothing else."""
    return encoder_seconds([r["text"] for r in records], embedder, batch)


def encoder_seconds(texts: list[str], embedder, batch: int = 128) -> float:
    """Seconds to embed ``texts`` in calls of ``batch``, as a build makes them."""
    started = time.perf_counter()
    for i in range(0, len(texts), batch):
        embedder.embed_batch(texts[i : i + batch])
    return time.perf_counter() - started


def llamaindex_seconds(records: list[dict], embedder) -> float:
    """Seconds for llama-index's default ingestion of the records into Chroma."""
    docs = [
        Document(text=r["text"], doc_id=r["id"], metadata={"outlet": r["outlet"] or ""})
        for r in records
    ]
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        client = chromadb.PersistentClient(tmp, settings=Settings(anonymized_telemetry=False))
        store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("bench"))
        pipeline = IngestionPipeline(
            transformations=[SentenceSplitter(), OurEncoder(embedder)], vector_store=store
        )
        # llama-index hands Chroma up to 41,665 nodes at once; embedded Chroma takes at most
        # get_max_batch_size() (5,461 here), so more documents go in runs of that many.
        most = client.get_max_batch_size()
        for i in range(0, len(docs), most):
            pipeline.run(documents=docs[i : i + most])
        return time.perf_counter() - started
