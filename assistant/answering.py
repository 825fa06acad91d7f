"""Answering: question → retrieve → select evidence → backend → checked Answer.

An Answerer is made for one question from the collaborators it uses — a
retriever, an ``embed`` function and a backend — never from the Engine, so two
questions asked at once with different backends or filters cannot see each
other's choices. When the ``openai`` backend fails (its retries and timeout
spent), the extractive answer is given instead with a warning saying so — a
user never waits forever or gets nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict

from .citations import split_sentences
from .compose import ExtractiveBackend, abstention_text, not_stated_text
from .conversation import carry_over, judged_question
from .coverage import Coverage, assess, focus
from .errors import BackendError
from .evidence import Weights, select_evidence
from .kinds import holds_kind
from .models import Answer, Evidence, Turn
from .question import Asked, read_question
from .retrieve import Filters, Retriever

__all__ = ["Answerer", "MAX_EVIDENCE"]

MAX_EVIDENCE = 6
#: Candidate sentences looked at beyond the citations an answer may have: coverage then
#: keeps the ones that answer, so a wider pool finds more of them without citing more.
EXTRA_CANDIDATES = 2


class Answerer:
    """Answers questions from one retriever with one backend.

    ``embed(texts)`` returns unit vectors; ``backend`` has ``name``, ``answer``
    and (for streaming models) ``stream`` and ``condense``; ``top_k`` caps the
    citations of an answer.
    """

    def __init__(self, retriever: Retriever, embed, backend, top_k: int = MAX_EVIDENCE):
        self.retriever = retriever
        self.embed = embed
        self.backend = backend
        self.top_k = top_k

    @property
    def limit(self) -> int:
        """The most sentences an answer cites."""
        return min(MAX_EVIDENCE, self.top_k)

    def similar(self, a: str, b: str) -> float:
        """The cosine of two phrases (the embedder's vectors are unit length)."""
        va, vb = self.embed([a, b])
        return float(sum(x * y for x, y in zip(va, vb)))

    def evidence(
        self,
        question: str,
        asked: Asked,
        filters: Filters = Filters(),
        history: list[Turn] | None = None,
        warnings: list[str] | None = None,
    ) -> tuple[list[Evidence], Coverage]:
        """The evidence for ``question`` and whether it holds what ``asked`` asks.

        ``asked`` is the question read once (``read`` below), in the light of ``history``.
        Filters that no indexed article passes are explained in ``warnings``.
        """
        speakers = frozenset(
            w for turn in history or [] for w in read_question(turn.question).speaker
        )
        query = carry_over(question, history, speakers)
        retriever = self.retriever
        if filters and warnings is not None and not retriever.matching(filters):
            warnings.append(_no_match(filters, retriever.outlets()))
        hits = retriever.search(query, filters, k=12)

        def weigh(word: str) -> float:
            return retriever.idf.get(word, retriever.idf_unseen)

        items = retriever.items
        holds = None
        if asked.kind in ("quantity", "date"):  # "5,300 employees were fired" counts

            def holds(text: str) -> bool:
                return holds_kind(text, asked)

        def judged(weights: Weights, k: int) -> tuple[list[Evidence], Coverage]:
            found = select_evidence(
                query, hits, self.embed, k, weights, filters.claimant, idf=weigh, holds=holds
            )
            return found, assess(
                asked,
                found,
                weigh=weigh,
                seen=lambda w: w in retriever.idf,
                article_text=lambda aid: items[aid].article.text if aid in items else "",
                similar=self.similar,
                last_date=retriever.last_date,
            )

        pool = self.limit + EXTRA_CANDIDATES
        found, coverage = judged(Weights(), pool)
        # a second look, further down the same passages: when nothing answers, when one
        # sentence answers "what did X say" (X's claims come in runs: "… He claimed that …"),
        # or one voice answers a question opening with another's claim
        one_claim = asked.speaker and len(coverage.answering) == 1
        # "X says P. Does Y accept that?": one voice answering, the other side not yet found
        one_side = asked.premise and len({found[i].claimant for i in coverage.answering}) < 2
        if coverage.status == "not_stated" or one_claim or one_side:
            wider = Weights(keep_ratio=Weights.keep_ratio_sides)
            more, again = judged(wider, 2 * pool)
            if again.status == "answered" and len(again.answering) > len(coverage.answering):
                return more, again
        return found, coverage

    def _prepare(self, question, filters, history, backend):
        warnings: list[str] = []
        query = question
        if backend.name == "openai" and history:
            try:
                query = backend.condense(question, history)
            except BackendError as exc:
                warnings.append(f"could not condense the follow-up: {exc}")
        history = history if query == question else None
        asked = read(query, history)
        evidence, coverage = self.evidence(query, asked, filters, history, warnings)
        return focus(evidence, coverage, self.limit), coverage, asked, warnings

    def ask(
        self, question: str, filters: Filters = Filters(), history: list[Turn] | None = None
    ) -> Answer:
        """The Answer to ``question``, with its coverage; it abstains if no passage is about it.

        If the backend fails, the extractive answer is given instead, with a warning saying so.
        """
        chosen = self.backend
        evidence, coverage, asked, warnings = self._prepare(question, filters, history, chosen)
        if coverage.status == "none":
            return self._abstain(question, chosen.name, warnings, coverage)
        try:
            answer = chosen.answer(question, evidence, history, asked=asked)
        except BackendError as exc:
            answer = _fallback(question, evidence, history, exc, asked)
        answer.warnings = warnings + answer.warnings
        return _with_coverage(answer, coverage, asked)

    def stream(
        self, question: str, filters: Filters = Filters(), history: list[Turn] | None = None
    ) -> Iterator[str | Answer]:
        """Text deltas as they come, then the final Answer (whose text is authoritative)."""
        chosen = self.backend
        evidence, coverage, asked, warnings = self._prepare(question, filters, history, chosen)
        weak = coverage.status == "none"
        if weak or chosen.name == "extractive":  # nothing to stream: the whole text at once
            answer = (
                self._abstain(question, chosen.name, [], coverage)
                if weak
                else _with_coverage(
                    chosen.answer(question, evidence, history, asked=asked), coverage, asked
                )
            )
            answer.warnings = warnings + answer.warnings
            yield answer.answer
            yield answer
            return
        note = not_stated_text(asked, coverage) if coverage.status == "not_stated" else ""
        if note:
            yield note + "\n\n"
        try:
            for part in chosen.stream(question, evidence, history):
                if isinstance(part, Answer):
                    part.warnings = warnings + part.warnings
                    part = _with_coverage(part, coverage, asked)
                yield part
        except BackendError as exc:
            answer = _with_coverage(
                _fallback(question, evidence, history, exc, asked), coverage, asked
            )
            answer.warnings = warnings + answer.warnings
            yield "\n\n" + answer.answer
            yield answer

    def _abstain(
        self, question: str, backend: str, warnings: list[str], coverage: Coverage
    ) -> Answer:
        line = abstention_text(question)
        if coverage.after:  # a question about a later time than the archive holds
            line = f"{line} The indexed articles end on {coverage.after}."
        return Answer(question, line, True, backend, warnings, [], "none", lead=line)


def read(question: str, history: list[Turn] | None) -> Asked:
    """``question`` read once, where it enters: a follow-up that names nothing of its own
    ("and why?") is read with the question it follows (``judged_question``)."""
    return read_question(judged_question(question, history))


def _with_coverage(answer: Answer, coverage: Coverage, asked: Asked) -> Answer:
    """The answer marked with its coverage and its lead.

    A "not stated" one opens by saying so: the extractive lead already does; a model's reply
    gets ``not_stated_text`` before it. A model's lead is its reply's first sentence.
    """
    if answer.abstained:
        answer.coverage = "none"
    elif coverage.status == "not_stated":
        if not answer.lead:
            answer.answer = f"{not_stated_text(asked, coverage)}\n\n{answer.answer}"
        answer.coverage = "not_stated"
    else:
        answer.coverage = "answered"
    if not answer.lead:
        answer.lead = opening_sentences(answer.answer)
    return answer


def opening_sentences(text: str) -> str:
    """The sentences of ``text`` up to and including the first one that cites a source
    (the whole first paragraph when none does)."""
    first = text.strip().split("\n\n")[0]
    taken = []
    for sentence in split_sentences(first):
        taken.append(sentence)
        if "[" in sentence and re.search(r"\[\d", sentence):
            break
    return " ".join(taken)


def _fallback(
    question: str, evidence: list[Evidence], history, exc: BackendError, asked: Asked
) -> Answer:
    """The extractive answer, with a warning saying why the model's is missing."""
    answer = ExtractiveBackend().answer(question, evidence, history, asked=asked)
    answer.warnings.append(f"{exc} — showing the extractive answer instead")
    return answer


def _no_match(filters: Filters, outlets: list[str]) -> str:
    """Why no article passes ``filters``, in words every front end can show (no CLI flags)."""
    given = ", ".join(f"{k} {v!r}" for k, v in vars(filters).items() if v)
    known = ", ".join(outlets[:12]) or "none"
    return (
        f"no indexed article matches {given}: dates are YYYY-MM-DD, outlets go by their full "
        f"name (known: {known}), and a claimant by a speaker's name as the articles give it"
    )


def answer_dict(answer: Answer, **extra) -> dict:
    """``asdict`` of an Answer with ``extra`` keys first (``id`` in batch mode)."""
    return {**extra, **asdict(answer)}
