"""The records of answering: Evidence in, Answer (with Citations) out.

``asdict(Answer)`` is exactly the JSON that ``claimtrace ask --json`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.models import Speaker

from .labels import article_label

__all__ = [
    "Evidence",
    "Citation",
    "Answer",
    "Turn",
    "ArticleMeta",
    "ArticleInfo",
    "ChunkInfo",
    "ArticleDetail",
    "IndexStats",
]


@dataclass
class Evidence:
    """One sentence selected to answer a question, with who claims it.

    ``quote == article_text[start:end]`` for the article's cleaned text (the
    text ``claimtrace index show`` prints).
    """

    article_id: str
    chunk_id: str
    quote: str
    start: int
    end: int
    claimant: str
    cue: str | None
    title: str | None
    outlet: str | None
    date: str | None
    score: float
    attributed: bool = False  # True when someone other than the article's own voice claims it
    also_in: list[str] = field(default_factory=list)  # other articles printing the same sentence
    #: the articles of ``also_in`` as a reader knows them: "“Title…” (Outlet)" (``copy_name``)
    also_in_names: list[str] = field(default_factory=list)
    #: how the article is named to a reader (``assistant.labels.article_label``): its outlet,
    #: title, credit or first words, and its date; filled from the fields above when not given
    label: str = ""

    #: who claims it (``index.models.Speaker``: id, name, role, kind); None on older stores
    speaker: Speaker | None = None
    #: the claimant's words inside the sentence: its attribution's content span ("" when the
    #: sentence is the article's own or the span is unknown)
    claim: str = ""
    #: the sentence holds what the question asks (``assistant.coverage``), not only its subject
    answers: bool = False

    def __post_init__(self) -> None:
        if not self.label:
            self.label = article_label(self.title, self.outlet, None, self.date)


@dataclass
class Citation:
    """A numbered source of an answer: ``[n]`` in the text points here."""

    n: int
    article_id: str
    title: str | None
    outlet: str | None
    date: str | None
    claimant: str
    cue: str | None
    quote: str
    start: int
    end: int
    score: float
    also_in: list[str] = field(default_factory=list)  # other articles printing the same sentence
    also_in_names: list[str] = field(default_factory=list)  # … by title and outlet
    label: str = ""  # how the article is named to a reader (``Evidence.label``)
    speaker: Speaker | None = None  # who claims it (``Evidence.speaker``)

    @classmethod
    def from_evidence(cls, n: int, ev: Evidence) -> Citation:
        return cls(
            n=n,
            article_id=ev.article_id,
            title=ev.title,
            outlet=ev.outlet,
            date=ev.date,
            claimant=ev.claimant,
            cue=ev.cue,
            quote=ev.quote,
            start=ev.start,
            end=ev.end,
            score=round(ev.score, 4),
            also_in=list(ev.also_in),
            also_in_names=list(ev.also_in_names),
            label=ev.label,
            speaker=ev.speaker,
        )


@dataclass
class Answer:
    """An answer and its citations, as ``ask --json`` prints it; ``backend`` names who wrote it.

    ``abstained`` is True when it declines (no passage is about the question); ``warnings`` say
    what went wrong on the way (a fallback, a filter no article passes).
    """

    question: str
    answer: str
    abstained: bool
    backend: str
    warnings: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    #: "answered"; "not_stated" (the articles do not give what is asked: the closest
    #: passages follow a sentence saying so); "none" (declined, ``abstained`` is True)
    coverage: str = "answered"
    #: the opening sentences of ``answer``: what answers, with who says it and [n]; or what
    #: the articles do not give and what they hold instead; or the line that declines
    lead: str = ""


@dataclass
class Turn:
    """One earlier exchange of a conversation, for follow-up questions."""

    question: str
    answer: str


@dataclass
class ArticleMeta:
    """An article's provenance, as ``index list`` and ``index show`` print it."""

    article_id: str
    title: str | None
    date: str | None
    outlet: str | None
    credit: str | None
    author: str | None
    url: str | None

    @classmethod
    def of(cls, article) -> dict:
        """The provenance fields of an ``index.models.Article``, for the subclasses."""
        return {f: getattr(article, f) for f in cls.__dataclass_fields__}


@dataclass
class ArticleInfo(ArticleMeta):
    """A line of ``index list``."""

    chunks: int


@dataclass
class ChunkInfo:
    """A chunk in ``index show``: its text, offsets in the cleaned text, and claimants."""

    chunk_id: str
    text: str
    start: int
    end: int
    claimants: list[str]


@dataclass
class ArticleDetail(ArticleMeta):
    """``index show``: metadata, the cleaned text, its chunks and attributions."""

    path: str | None
    text: str
    chunks: list[ChunkInfo]
    attributions: list[dict]


@dataclass
class IndexStats:
    """``index stats``: article and chunk counts, the store, the embedding model, the live state.

    ``generation`` names the live state and ``created`` is when it was made (UTC, ISO 8601).
    """

    articles: int
    chunks: int
    store: str
    embed_model: str
    generation: str
    created: str | None
