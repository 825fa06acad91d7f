"""Chunking: group an article's sentences into chunks of whole sentences.

A chunk never cuts a sentence, keeps each sentence's character offsets into
the article text, and lists the claimants of the sentences it holds. The text
that is embedded also carries the article's title, outlet and date, so a
question about "Press TV in September 2022" can find the right article.
"""

from __future__ import annotations

from .models import Article, Chunk, Sentence

__all__ = ["chunk_article", "embed_text", "search_text", "MAX_WORDS"]

#: all-MiniLM-L6-v2 reads 256 word pieces; ~120 words leaves room for the header.
MAX_WORDS = 120


def _words(text: str) -> int:
    return len(text.split())


def chunk_article(
    article: Article, sentences: list[Sentence], max_words: int = MAX_WORDS
) -> list[Chunk]:
    """Pack consecutive sentences into chunks of at most ``max_words`` words.

    A sentence longer than ``max_words`` becomes a chunk of its own. A
    paragraph break is preferred as a chunk boundary once a chunk is half full.
    """
    groups: list[list[Sentence]] = []
    current: list[Sentence] = []
    count = 0
    for sent in sentences:
        n = _words(sent.text)
        paragraph_break = bool(current) and "\n\n" in article.text[current[-1].end : sent.start]
        if current and (count + n > max_words or (paragraph_break and count >= max_words // 2)):
            groups.append(current)
            current, count = [], 0
        current.append(sent)
        count += n
    if current:
        groups.append(current)

    chunks = []
    for i, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        claimants: list[str] = []
        for sent in group:
            for name in sent.claimants:
                if name not in claimants:
                    claimants.append(name)
        chunks.append(
            Chunk(
                chunk_id=f"{article.article_id}#{i}",
                article_id=article.article_id,
                start=start,
                end=end,
                text=article.text[start:end],
                sentences=group,
                claimants=claimants,
            )
        )
    return chunks


def embed_text(article: Article, chunk: Chunk) -> str:
    """The text that is embedded: a header of title, outlet and date, then the chunk.

    The title is left out of the header of a chunk that already opens with it (a short item
    whose text starts with its headline), so its words are embedded once, not twice.
    """
    title = article.title
    if title and _folded(chunk.text).startswith(_folded(title)):
        title = None
    return _headed(title, article, chunk)


def search_text(article: Article, chunk: Chunk) -> str:
    """The text whose words BM25 searches: the whole header (title, outlet, date), then the
    chunk, so a headline's words weigh as they always did in a short item."""
    return _headed(article.title, article, chunk)


def _headed(title: str | None, article: Article, chunk: Chunk) -> str:
    header = " — ".join(x for x in (title, article.outlet, article.date) if x)
    return f"{header}\n\n{chunk.text}" if header else chunk.text


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()
