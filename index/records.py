"""IndexedArticle ⇄ JSON records, one line per article in a generation's articles.jsonl.

Chunks refer to their sentences by index, so each sentence is stored once.
"""

from __future__ import annotations

from dataclasses import asdict

from .models import Article, Attribution, Chunk, IndexedArticle, Sentence, Span, Speaker

__all__ = ["to_record", "from_record"]


def to_record(item: IndexedArticle) -> dict:
    """An IndexedArticle as one JSON line (chunks refer to sentences by index)."""
    starts = {s.start: i for i, s in enumerate(item.sentences)}
    return {
        "article": asdict(item.article),
        "sentences": [asdict(s) for s in item.sentences],
        "attributions": [asdict(a) for a in item.attributions],
        "chunks": [
            {
                "chunk_id": c.chunk_id,
                "start": c.start,
                "end": c.end,
                "claimants": c.claimants,
                "sentences": [starts[s.start] for s in c.sentences],
            }
            for c in item.chunks
        ],
    }


def from_record(rec: dict) -> IndexedArticle:
    """The IndexedArticle of a ``to_record`` record; chunk texts are cut from the article's text.

    It pops ``cue``, ``content``, ``source`` and ``speaker`` from the record's attribution dicts.
    """
    article = Article(**rec["article"])
    sentences = [Sentence(**s) for s in rec["sentences"]]
    attributions = []
    for a in rec["attributions"]:
        src = a.pop("source")
        cue, content = Span(**a.pop("cue")), Span(**a.pop("content"))
        speaker = a.pop("speaker", None)  # absent in records written before speakers
        attributions.append(
            Attribution(
                cue=cue,
                content=content,
                source=Span(**src) if src else None,
                speaker=Speaker(**speaker) if speaker else None,
                **a,
            )
        )
    chunks = [
        Chunk(
            chunk_id=c["chunk_id"],
            article_id=article.article_id,
            start=c["start"],
            end=c["end"],
            text=article.text[c["start"] : c["end"]],
            sentences=[sentences[i] for i in c["sentences"]],
            claimants=c["claimants"],
        )
        for c in rec["chunks"]
    ]
    return IndexedArticle(article, sentences, attributions, chunks)
