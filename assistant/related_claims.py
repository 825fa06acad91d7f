"""Around one claim: who else printed it, and what other speakers claimed on its subject.

Beside ``assistant.claims`` (which lists claims), this answers the questions a fact-checker
asks of a single claim: ``copy_names`` names the other articles printing the same sentence
(``Claim.also_in``) by title and outlet (``assistant.labels.copy_name``); ``same_subject``
finds other speakers' claims on the claim's content through the same hybrid retrieval as
``claimtrace claims --about``; ``stance`` and ``opposed`` tell a denial from an assertion
by the cue and a negation in the content, so opposed claims can be shown side by side. The
page's Claims view renders what these return.
"""

from __future__ import annotations

import re

from .claims import Claim, ClaimFilters, find_claims
from .labels import copy_name
from .retrieve import Retriever

__all__ = ["copy_names", "same_subject", "stance", "opposed", "DENYING_CUES"]

#: Cue stems by which a speaker rejects what others claim ("denied", "dismissed as").
DENYING_CUES = (
    "deny denie denial reject dismiss dispute refute rebut contradict contest disavow "
    "debunk downplay repudiat"
).split()
_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nothing|nobody|false|untrue|fake|baseless|groundless|lie|lies)\b"
    r"|n['’]t\b",
    re.IGNORECASE,
)


def copy_names(catalogue, claims: list[Claim]) -> dict[str, str]:
    """The articles the claims' ``also_in`` lists, each named as a reader knows it
    ("“Kremlin denies it…” (The Guardian)"), by article id."""
    ids = sorted({aid for c in claims for aid in c.also_in})
    infos = catalogue.article_infos(ids) if ids else {}
    return {
        aid: copy_name(art.title, art.voice if art.outlet else None, art.credit)
        for aid, art in infos.items()
    }


def same_subject(
    catalogue, claim: Claim, retriever: Retriever, limit: int = 8, f: ClaimFilters | None = None
) -> list[Claim]:
    """Other speakers' claims on ``claim``'s subject, most relevant first (at most ``limit``);
    ``f`` keeps its dates and outlet. Never ``claim``'s own speaker, nor its sentence again."""
    f = f or ClaimFilters()
    asked = ClaimFilters(
        about=claim.content or claim.quote,
        since=f.since,
        until=f.until,
        outlet=f.outlet,
        limit=max(limit * 4, 20),
    )
    found, seen = [], {claim.quote.strip()}
    for other in find_claims(catalogue, asked, retriever):
        if other.speaker.id == claim.speaker.id or other.quote.strip() in seen:
            continue
        seen.add(other.quote.strip())
        found.append(other)
        if len(found) == limit:
            break
    return found


def stance(claim: Claim) -> str:
    """ "denies" when the cue rejects ("denied", "dismissed") or the content is negated
    ("that Russia had not stopped attacks"); else "asserts"."""
    cue = claim.cue.lower()
    if any(word.startswith(stem) for word in cue.split() for stem in DENYING_CUES):
        return "denies"
    return "denies" if _NEGATION.search(claim.content or claim.quote) else "asserts"


def opposed(a: Claim, b: Claim) -> bool:
    """Whether one of two claims on a subject denies while the other asserts."""
    return stance(a) != stance(b)
