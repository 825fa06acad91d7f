"""The encoders (ONNX fp32, ONNX int8, torch) give the seed questions the same top results."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import make_engine

from index.embed import make_embedder

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold" / "seeds.jsonl"
QUESTIONS = [json.loads(line)["question"] for line in GOLD.read_text("utf-8").splitlines()]


def test_onnx_gives_the_vectors_of_sentence_transformers():
    texts = QUESTIONS[:20] + ["a", "The military teams deployed in Izium are reorganized. " * 30]
    onnx = np.array(make_embedder("onnx", "cpu").embed_batch(texts))
    torch = np.array(make_embedder("torch", "cpu").embed_batch(texts))
    assert np.abs(onnx - torch).max() < 1e-4


@pytest.mark.parametrize("encoder", ["torch", "onnx-int8"])
def test_every_encoder_gives_the_seed_questions_the_same_top_results(seed_engine, encoder):
    other = make_engine(seed_engine.store.root, encoder=encoder)
    assert seed_engine.settings.encoder == "onnx"
    same_chunk = same_citation = 0
    for question in QUESTIONS:
        first = seed_engine.retriever().search(question, k=5)
        second = other.retriever().search(question, k=5)
        same_chunk += first[0].chunk.chunk_id == second[0].chunk.chunk_id
        a, b = seed_engine.ask(question), other.ask(question)
        same_citation += a.abstained == b.abstained and (
            a.citations[:1] == [] == b.citations[:1]
            or (a.citations and b.citations and a.citations[0].quote == b.citations[0].quote)
        )
    print(
        f"{encoder}: same top chunk {same_chunk}/{len(QUESTIONS)}, "
        f"same first citation {same_citation}/{len(QUESTIONS)}"
    )
    # int8 weights move scores a little: the top chunk agrees but where two chunks tie
    # (one question, fused scores 0.0320 and 0.0318, when measured); 89 of 94 first
    # citations agreed when measured
    assert same_chunk >= (len(QUESTIONS) if encoder == "torch" else len(QUESTIONS) - 2)
    assert same_citation >= (len(QUESTIONS) if encoder == "torch" else 0.9 * len(QUESTIONS))
