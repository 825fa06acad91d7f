"""The records that flow through indexing: Article → Attribution → Chunk.

Everything here is a small dataclass; text and JSON are made from these only at
the edges (CLI, web), with ``dataclasses.asdict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .names import outlet_name

__all__ = [
    "Article",
    "Span",
    "Speaker",
    "SPEAKER_KINDS",
    "Attribution",
    "Sentence",
    "Chunk",
    "IndexedArticle",
    "ReadError",
    "KINDS",
    "ARTICLE_VOICE",
]

#: The kinds of attribution: a quotation in quote marks, reported (indirect)
#: speech, and an "according to X" phrase.
KINDS = ("direct", "indirect", "according_to")

#: The claimant of a sentence nobody is cited for, when the article names no outlet.
ARTICLE_VOICE = "the article"


@dataclass
class Article:
    """One news article as read and cleaned.

    ``text`` is the cleaned article text; every character offset elsewhere in
    the index (sentences, chunks, attributions, citations) points into it.
    """

    article_id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    credit: str | None = None
    path: str | None = None  # file the article was read from
    content_hash: str = ""

    @property
    def voice(self) -> str:
        """Who speaks in sentences that attribute nothing to anyone: the outlet, by its name
        ("nyt" → "The New York Times")."""
        return outlet_name(self.outlet) if self.outlet else ARTICLE_VOICE


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str


#: What a speaker is: a named person, a body, a group of people, a document, a news outlet,
#: or someone the article does not name ("an unnamed official", "the spokesman").
SPEAKER_KINDS = ("person", "organisation", "group", "document", "outlet", "unnamed")


@dataclass
class Speaker:
    """Who makes a claim, as the article names them: "Annalena Baerbock", "Germany's foreign
    minister", ``kind`` one of ``SPEAKER_KINDS``. ``id`` is the same for the same speaker in
    every article of the archive (``index.attribution.speakers.speaker_id``)."""

    id: str
    name: str
    role: str = ""
    kind: str = "unnamed"

    @property
    def label(self) -> str:
        """How the speaker is shown: "Annalena Baerbock (Germany's foreign minister)"."""
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass
class Attribution:
    """Who (source) says (cue) what (content), after BBC Citron's quote model.

    ``claimant`` is ``speaker.label``, kept for readers of the older records.
    """

    cue: Span
    content: Span
    source: Span | None
    claimant: str
    kind: str  # one of KINDS
    confidence: float = 1.0
    speaker: Speaker | None = None


@dataclass
class Sentence:
    """A sentence of an article with the claimant(s) who make it."""

    start: int
    end: int
    text: str
    claimants: list[str] = field(default_factory=list)
    cue: str | None = None  # the cue of the attribution covering it, if any
    speakers: list[str] = field(default_factory=list)  # the claimants' speaker ids, in order


@dataclass
class Chunk:
    """A run of whole sentences, the unit that is embedded and retrieved."""

    chunk_id: str
    article_id: str
    start: int
    end: int
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    claimants: list[str] = field(default_factory=list)


@dataclass
class ReadError:
    """A file (or one record in it) that could not be read, and why."""

    file: str
    error: str


@dataclass
class IndexedArticle:
    """An article as the index keeps it: text, sentences, attributions, chunks."""

    article: Article
    sentences: list[Sentence]
    attributions: list[Attribution]
    chunks: list[Chunk]
