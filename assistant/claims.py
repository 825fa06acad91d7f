"""The claims explorer: who claimed what, by speaker, topic and time, read from the catalogue.

Beside answering (question → retrieve → evidence → answer), this reads the archive's claims
table directly: ``speakers`` lists every speaker with how much they claim, ``find_claims``
lists claims by speaker (matched loosely, as ``ask --claimant`` does), topic (``about``:
the same hybrid retrieval as questions, then the claims inside the chunks found, best first),
date range and outlet. ``claimtrace speakers``/``claims``, ``GET /v1/speakers``/``claims``
and the page's Claims view render what these return.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.catalogue import date_key
from index.claims_table import ClaimQuery, ClaimRow
from index.names import fold, speaker_matches, speaker_stems
from index.terms import tokens

from .errors import ConfigError
from .labels import article_label
from .retrieve import Filters, Retriever

__all__ = [
    "SpeakerSummary",
    "SpeakerRef",
    "Claim",
    "ClaimFilters",
    "list_speakers",
    "find_claims",
    "speaker_ids",
    "CSV_COLUMNS",
    "claim_row",
]


@dataclass
class SpeakerSummary:
    """One speaker of the archive and how much they claim (``claimtrace speakers``)."""

    id: str
    name: str
    kind: str
    roles: list[str]
    aliases: list[str]
    claims: int
    articles: int
    outlets: list[str]
    first_date: str | None
    last_date: str | None


@dataclass
class SpeakerRef:
    """Who makes a claim, as its article names them."""

    id: str
    name: str
    role: str
    kind: str


@dataclass
class Claim:
    """One attributed claim: ``quote == article_text[start:end]`` (its sentence) and
    ``content == article_text[content_start:content_end]``."""

    id: int
    speaker: SpeakerRef
    claimant: str
    cue: str
    kind: str
    content: str
    quote: str
    article_id: str
    title: str | None
    outlet: str | None
    date: str | None
    start: int
    end: int
    content_start: int
    content_end: int
    label: str = ""  # how the article is named: "Press TV, 2022-09-11" (assistant.labels)
    also_in: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimFilters:
    """What ``find_claims`` is limited to; dates are inclusive ISO dates."""

    claimant: str | None = None
    about: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    limit: int = 50
    #: one speaker by id (the page's speaker menu, a source card's claimant), not a name
    speaker_id: str | None = None


#: The columns of a claims CSV (``claimtrace claims --csv``, the page's download), in order.
CSV_COLUMNS = (
    "id speaker_id speaker_name speaker_role speaker_kind claimant cue kind content quote "
    "article_id title outlet date start end content_start content_end also_in"
).split()


def claim_row(c: Claim) -> list:
    """One claim as a CSV row of ``CSV_COLUMNS`` (``also_in`` joined by spaces)."""
    s = c.speaker
    return [
        c.id, s.id, s.name, s.role, s.kind, c.claimant, c.cue, c.kind, c.content, c.quote,
        c.article_id, c.title or "", c.outlet or "", c.date or "", c.start, c.end,
        c.content_start, c.content_end, " ".join(c.also_in),
    ]  # fmt: skip


def _iso(key: int) -> str | None:
    if not key:
        return None
    s = str(key)
    return f"{s[:4]}-{s[4:6]}-{s[6:8]}"


def list_speakers(
    catalogue, search: str | None = None, min_claims: int = 1
) -> list[SpeakerSummary]:
    """Every speaker with at least ``min_claims`` claims, most claims first; ``search``
    matches a name, alias or role loosely ("Peskov", "Kremlin spokesman")."""
    every = _speakers(catalogue)
    if search:
        every = [every[i] for i in _matching(catalogue, search)]
    return [s for s in every if s.claims >= min_claims]


def speaker_ids(catalogue, wanted: str) -> tuple[str, ...]:
    """The ids of every speaker ``wanted`` names (by name, alias or role, loosely)."""
    every = _speakers(catalogue)
    return tuple(every[i].id for i in _matching(catalogue, wanted))


#: The speakers of the last catalogue state read, by catalogue file: (state, speakers, the
#: folded words of each). Read once per state, so a web server's lists cost a filter.
_READ: dict[str, tuple[int, list[SpeakerSummary], list[str]]] = {}


def _read(catalogue) -> tuple[list[SpeakerSummary], list[str]]:
    state = catalogue.state()
    got = _READ.get(str(catalogue.path))
    if got is None or got[0] != state:
        stats = catalogue.speaker_stats()
        found = [
            SpeakerSummary(
                row.id,
                row.name,
                row.kind,
                row.roles,
                row.aliases,
                st.claims,
                st.articles,
                st.outlets,
                _iso(st.first),
                _iso(st.last),
            )  # fmt: skip
            for row in catalogue.speakers()
            if (st := stats.get(row.id)) is not None
        ]
        found.sort(key=lambda s: (-s.claims, s.name.lower()))
        words = [fold(" ".join([s.name, *s.aliases, *s.roles])) for s in found]
        got = _READ[str(catalogue.path)] = (state, found, words)
    return got[1], got[2]


def _speakers(catalogue) -> list[SpeakerSummary]:
    return _read(catalogue)[0]


def _matching(catalogue, wanted: str) -> list[int]:
    """Indexes of the speakers ``wanted`` names: a cheap look for each word's first letters
    (or a role synonym's) first, then ``speaker_matches`` on what is left."""
    every, words = _read(catalogue)
    stems = speaker_stems(wanted)
    return [
        i
        for i, text in enumerate(words)
        if all(any(stem in text for stem in group) for group in stems)
        and _matches(wanted, every[i].name, every[i].aliases, every[i].roles)
    ]


def _matches(wanted: str, name: str, aliases: list[str], roles: list[str]) -> bool:
    labels = [name, *aliases, *(f"{name} ({r})" for r in roles)]
    return any(speaker_matches(wanted, label) for label in labels)


def find_claims(catalogue, f: ClaimFilters, retriever: Retriever | None = None) -> list[Claim]:
    """The claims ``f`` asks for: newest first, or by relevance to ``f.about`` (which needs
    ``retriever``). An unknown claimant gives no claims, not every claim."""
    if f.limit < 1:
        raise ConfigError(f"limit must be at least 1, not {f.limit}")
    who = speaker_ids(catalogue, f.claimant) if f.claimant else None
    if f.speaker_id:
        who = (f.speaker_id,) if who is None or f.speaker_id in who else ()
    since = date_key(f.since) if f.since else None
    until = date_key(f.until) if f.until else None
    ids = None
    if f.about:
        if retriever is None:
            raise ConfigError("searching claims by topic needs the index's retriever")
        ids = tuple(_about(catalogue, retriever, f))
    q = ClaimQuery(speakers=who, since=since, until=until, outlet=f.outlet, ids=ids, limit=f.limit)
    rows = catalogue.claims(q)
    return _claims(catalogue, rows)


def _about(catalogue, retriever: Retriever, f: ClaimFilters) -> list[int]:
    """Claim ids inside the chunks that hybrid retrieval finds for ``f.about``, best first;
    within a chunk, the claims whose content shares most words with the topic first."""
    hits = retriever.search(f.about, Filters(f.since, f.until, f.outlet), k=max(f.limit, 40))
    words = set(tokens(f.about))
    ranges: dict[str, list[tuple[int, int, int]]] = {}
    for rank, hit in enumerate(hits):
        ranges.setdefault(hit.chunk.article_id, []).append((hit.chunk.start, hit.chunk.end, rank))
    if not ranges:
        return []
    aids = sorted(ranges)
    marks = ", ".join("?" * len(aids))
    scored = []
    for cid, aid, start, content in catalogue.rows(
        f"SELECT id, article_id, start, content FROM claims WHERE article_id IN ({marks})", aids
    ):
        rank = next((r for s, e, r in ranges[aid] if s <= start < e), None)
        if rank is None:
            continue
        shared = len(words & set(tokens(content)))
        scored.append((rank - shared, rank, cid))
    return [cid for *_, cid in sorted(scored)]


def _claims(catalogue, rows: list[ClaimRow]) -> list[Claim]:
    infos = catalogue.article_infos(sorted({r.article_id for r in rows}))
    also = catalogue.claim_copies(rows)
    out = []
    for r in rows:
        art = infos.get(r.article_id)
        out.append(
            Claim(
                id=r.id,
                speaker=SpeakerRef(r.speaker, r.name, r.role, r.speaker_kind),
                claimant=r.claimant,
                cue=r.cue,
                kind=r.kind,
                content=r.content,
                quote=r.quote,
                article_id=r.article_id,
                title=art.title if art else None,
                outlet=art.voice if art and art.outlet else None,
                date=art.date if art else None,
                start=r.start,
                end=r.end,
                content_start=r.content_start,
                content_end=r.content_end,
                label=article_label(
                    art.title, art.voice if art.outlet else None, art.credit, art.date
                )
                if art
                else r.article_id,
                also_in=also.get(r.id, []),
            )
        )
    return out
