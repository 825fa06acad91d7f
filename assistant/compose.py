"""The extractive backend: an answer built from the evidence sentences alone.

Needs no model weights. Sentences are quoted verbatim and grouped by who makes
them; each group opens by naming its claimant and source (``Evidence.label``),
so an attributed claim is never stated as fact: "According to Prigozhin, as
reported in La Razón (credited), 2023-05-11: “…” [1]". Claims the article makes
in its own voice are given as the outlet's (or the article's) report.
"""

from __future__ import annotations

from .citations import defuse_markers
from .coverage import Coverage
from .lead import NOT_GIVEN, lead_of
from .models import Answer, Citation, Evidence, Turn
from .question import Asked
from .text import in_quotes

__all__ = ["ExtractiveBackend", "abstention_text", "not_stated_text"]


def abstention_text(question: str) -> str:
    """The reply when no indexed passage is about ``question``; it quotes the question."""
    q = question.strip().rstrip("?").strip()
    return f"The indexed articles do not say: “{q}?” No passage is about it."


def not_stated_text(asked: Asked, coverage: Coverage) -> str:
    """The opening of a "not stated" answer: what the articles do not give, then what follows."""
    if coverage.kind in NOT_GIVEN:
        lead = NOT_GIVEN[coverage.kind] + "."
    elif asked.speaker:
        who = asked.speaker_text  # as the question writes it: "the IAEA chief"
        lead = f"The indexed articles do not report {who} saying this."
    else:
        lead = "The indexed articles do not say this directly."
    return f"{lead} The closest passages:"


def _reported(ev: Evidence) -> str:
    """ "as reported by Press TV, 2022-09-11" / "as reported in “Title…”" (``Evidence.label``)."""
    return ("as reported by " if ev.outlet else "as reported in ") + ev.label


def _quoted(text: str) -> str:
    """The sentence in quote marks (``in_quotes``); "[n]" markers of its own are written
    "［n］" so that every [n] of the answer is one of its citations."""
    return in_quotes(defuse_markers(text))


def _opening(ev: Evidence) -> str:
    if ev.attributed:
        lead, *others = ev.claimant.split("; ")
        also = f" (also citing {' and '.join(others)})" if others else ""
        return f"According to {lead}{also}, {_reported(ev)}:"
    if ev.outlet:
        return f"{ev.outlet} reports ({ev.date or 'undated'}):"
    return f"The article {ev.label} reports:"


class ExtractiveBackend:
    """Offline answers: quoted evidence grouped by claimant, each quote cited."""

    name = "extractive"

    def answer(
        self,
        question: str,
        evidence: list[Evidence],
        history: list[Turn] | None = None,
        asked: Asked | None = None,
    ) -> Answer:
        """Each evidence sentence quoted and cited, grouped by claimant and article.

        With ``asked`` (the question as read where it entered), the answer opens with its lead
        (``assistant.lead``): the sentences that answer, or what the articles do not give. A
        group opens by naming its claimant and source and sits where its best sentence ranks;
        its quotes follow the article's order. With no evidence, an abstention.
        """
        if not evidence:
            return Answer(question, abstention_text(question), True, self.name)
        groups: dict[tuple[str, str], list[Evidence]] = {}
        for ev in evidence:  # best first; a group sits where its best sentence ranks
            groups.setdefault((_opening(ev), ev.article_id), []).append(ev)
        citations: list[Citation] = []
        paragraphs = []
        number: dict[int, int] = {}  # id(evidence) → its [n]
        for (opening, _), evs in groups.items():
            parts = [opening]
            for ev in sorted(evs, key=lambda e: e.start):
                citations.append(Citation.from_evidence(len(citations) + 1, ev))
                number[id(ev)] = len(citations)
                copies = ev.also_in_names or ev.also_in  # named by title and outlet
                also = f" (also printed in {'; '.join(copies)})" if copies else ""
                parts.append(f"{_quoted(ev.quote)}{also} [{len(citations)}]")
            paragraphs.append(" ".join(parts))
        lead = lead_of(asked, evidence, [number[id(ev)] for ev in evidence]) if asked else ""
        text = "\n\n".join([lead, *paragraphs] if lead else paragraphs)
        return Answer(question, text, False, self.name, [], citations, lead=lead)
