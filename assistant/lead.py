"""The lead: the one or two sentences an extractive answer opens with.

Sits inside the extractive backend (``assistant.compose``), after coverage has marked
the evidence sentences that answer (``Evidence.answers``). The lead is built only from
the words of the cited sentences — a claim's attribution content span when the index
found one (``Evidence.claim``), else the sentence — and their claimants, joined by a
few fixed words ("said", "according to", "reports:", "; "):

- a number, date, name or place asked for: the claim that holds it, with its claimant,
  "Vyacheslav Gladkov said “there are 1,342 people being housed …” [1]";
- "what did X say about Y": X's claim in X's words, "Prigozhin claimed that the Russians
  suffered the loss of 500 men and fled without further ado [2]";
- a disputed matter: the first two answering voices side by side, "A [1]; B [2]"; for a
  number or date, another answering sentence giving another figure, even in the same voice.

When no sentence answers, the lead says what the articles do not give and what they do
hold instead ("The indexed articles do not give a number for this; the closest they
come: … [1]"), and names the archive's last date when the question is about a later time.
"""

from __future__ import annotations

import re

from .citations import defuse_markers
from .coverage import UNDISCLOSED, by_speaker
from .evidence import ASKS_SIDES
from .kinds import holds_kind
from .labels import UNNAMED
from .models import Evidence
from .names_asked import in_own_words
from .question import Asked, name_in
from .text import content_words, in_quotes, tokens

__all__ = ["lead_of", "statement", "not_stated_opening", "NOT_GIVEN"]

NOT_GIVEN = {
    "quantity": "The indexed articles do not give a number for this",
    "date": "The indexed articles do not give a date for this",
    "person": "The indexed articles do not name who this is",
    "name": "The indexed articles do not name this",
    "place": "The indexed articles do not say where this was",
}
#: Cues repeated as they stand in the lead ("X claimed …"); any other cue reads "said".
_PLAIN_CUES = frozenset(
    "said says claimed claims stated announced confirmed warned denied alleged insisted "
    "admitted added wrote reported argued declared acknowledged".split()
)
#: Cues always followed by what was said, never by a thing ("announced the withdrawal").
_CLAUSE_CUES = frozenset(
    "said says claimed claims stated insisted argued added warned alleged".split()
)
#: A claim shorter than this many words is given with its whole sentence.
_MIN_CLAIM_WORDS = 4
_SIDES = 2
#: Speaker kinds (``index.models.SPEAKER_KINDS``) in the order a "who said X" lead prefers.
_NAMED = {"person": 0, "organisation": 1}


def lead_of(asked: Asked, evidence: list[Evidence], numbers: list[int]) -> str:
    """The opening sentences for ``evidence`` (``numbers[i]`` is the [n] of ``evidence[i]``).

    The answering sentences lead, at most two, the second only when another voice makes it;
    with none answering, ``not_stated_opening`` of the closest passage.
    """
    answering = [i for i, ev in enumerate(evidence) if ev.answers]
    if not answering:
        return not_stated_opening(asked, evidence, numbers) if evidence else ""
    if asked.speaker:  # "what did X say": X's own claims before others reporting them
        answering.sort(key=lambda i: -in_own_words(asked, evidence[i]))
    if asked.claim:  # "who said X": a person by name first, then a named body, then others
        answering.sort(key=lambda i: _NAMED.get(_speaker_kind(evidence[i]), len(_NAMED)))
    by_part = _by_part(asked, evidence)
    if len(by_part) >= 2:  # one line for each thing asked, read as that part asks it
        return _lines(evidence, numbers, by_part)
    if asked.premise and (sides := _premise_sides(asked, evidence, answering)):
        return _lines(evidence, numbers, [(asked, i) for i in sides])
    chosen = [answering[0]]
    # a second voice: another answering one; for a question asking each side (or two
    # things), the cited sentence of another voice that adds most of the question's words
    first = _voice(evidence[chosen[0]])
    others = [i for i in answering[1:] if _voice(evidence[i]) != first]
    if not others and asked.kind in ("quantity", "date"):  # another figure, side by side
        figures = _figures(evidence[chosen[0]].quote)
        others = [i for i in answering[1:] if _figures(evidence[i].quote) - figures]
    if not others and asked.speaker and not asked.kind:  # "what did X say": X's next claim
        others = [i for i in answering[1:] if by_speaker(asked, evidence[i])]
    if not others and ASKS_SIDES.search(asked.text):
        seen = content_words(evidence[chosen[0]].quote)
        others = sorted(
            (i for i in range(len(evidence)) if _voice(evidence[i]) != first),
            key=lambda i: -len((content_words(evidence[i].quote) - seen) & set(asked.subject)),
        )
    chosen += others[: _SIDES - 1]
    return _lines(evidence, numbers, [(asked, i) for i in chosen])


def _lines(evidence: list[Evidence], numbers: list[int], chosen: list[tuple[Asked, int]]) -> str:
    """The chosen sentences, each read as its question asks, as the answer's first sentence:
    one clause each with its [n], joined by "; ", a capital first ("defence ministry said" →
    "Defence ministry said"), a full stop last."""
    text = "; ".join(f"{statement(evidence[i], a)} [{numbers[i]}]" for a, i in chosen)
    return text[:1].upper() + text[1:] + "."


def _by_part(asked: Asked, evidence: list[Evidence]) -> list[tuple[Asked, int]]:
    """For a question asking two or three things (``Asked.parts``), the cited sentence that
    best answers each part: by the part's speaker, holding its kind (a figure for a count
    or date), sharing most of its subject words; a part no sentence fits is left out."""
    chosen: list[tuple[Asked, int]] = []
    for part in asked.parts:
        taken = {i for _, i in chosen}
        fits = [(_part_fit(part, ev), -i) for i, ev in enumerate(evidence) if i not in taken]
        best = max(fits, default=None)  # the better-ranked sentence of two that fit alike
        if best and best[0][0] and best[0][1] and best[0][2]:
            chosen.append((part, -best[1]))
    return chosen


def _premise_sides(asked: Asked, evidence: list[Evidence], answering: list[int]) -> list[int]:
    """For "X says P. What does Y say?": the answering sentence of another voice than X's,
    then X's sentence saying P (the cited one fitting P best); [] when X's is not cited."""
    premise = asked.premise
    fits = [(_part_fit(premise, ev), -i) for i, ev in enumerate(evidence)]
    said = [(f, rank) for f, rank in fits if f[0] and f[2]]
    if not said:
        return []
    first = -max(said)[1]  # of two that fit alike, the better-ranked sentence
    others = [i for i in answering if _voice(evidence[i]) != _voice(evidence[first])]
    return [others[0], first] if others else [first]


def _part_fit(part: Asked, ev: Evidence) -> tuple[bool, bool, int, bool]:
    """How ``ev`` fits one part: (its speaker, its kind, shared subject words, answers)."""
    speaker = not part.speaker or by_speaker(part, ev)
    if part.kind in ("quantity", "date"):
        kind = holds_kind(ev.quote, part) or bool(_figures(ev.quote))
    else:
        kind = part.kind is None or holds_kind(ev.quote, part, ev.claimant, ev.attributed)
    words = set(tokens(f"{ev.claimant} {ev.quote}"))
    shared = sum(1 for s in part.subject if s in words or name_in(s, words))
    return speaker, kind, shared, ev.answers


def not_stated_opening(asked: Asked, evidence: list[Evidence], numbers: list[int]) -> str:
    """What the articles do not give, then what the closest passage holds, in one sentence."""
    head = _not_given(asked, evidence)
    if not evidence:
        return head + "."
    return f"{head}; the closest they come: {statement(evidence[0], asked)} [{numbers[0]}]."


def _not_given(asked: Asked, evidence: list[Evidence]) -> str:
    if asked.kind in ("quantity", "date") and evidence and UNDISCLOSED.search(evidence[0].quote):
        return "The indexed articles say this was not disclosed"
    if asked.speaker:
        who = asked.speaker_text  # as the question writes it: "the IAEA chief"
        quoted = any(ev.attributed and by_speaker(asked, ev) for ev in evidence)
        if quoted:  # the speaker is cited below: the opening must not deny they speak
            return f"The indexed articles quote {who}, but not on what is asked"
        return f"The indexed articles do not report {who} saying this"
    if asked.kind in NOT_GIVEN:
        return NOT_GIVEN[asked.kind]
    return "The indexed articles do not say this directly"


def statement(ev: Evidence, asked: Asked) -> str:
    """One evidence sentence as a lead clause: who says it, then their words.

    The claimant's content span when it holds what is asked and reads after "said" (a
    quotation, a "that" clause, or the words right after the cue), else the whole
    sentence in quote marks; an article's own sentence is the outlet's report.
    """
    if asked.published and ev.date:  # "when did RT share …": the article's own date
        return f"{ev.label} reports: {_quoted(ev.quote)}"
    if not ev.attributed:
        return f"{ev.outlet or 'The article'} reports: {_quoted(ev.quote)}"
    who = ev.claimant.split("; ")[0]
    claim = _trim(ev.claim)
    joined = _joined(ev, claim) if len(claim.split()) >= _MIN_CLAIM_WORDS else None
    if who.startswith(UNNAMED):  # the sentence says whom "he" stands for; the claim may not
        joined = None
    if joined is None or (
        asked.kind is not None and not holds_kind(claim, asked, ev.claimant, ev.attributed)
    ):
        return f"According to {who}, {_quoted(ev.quote)}"
    return f"{joined.replace('{who}', who)} {defuse_markers(claim)}"


def _joined(ev: Evidence, claim: str) -> str | None:
    """The words that put ``who`` before ``claim`` ("{who} said that"), or None when the
    claim would not read after them (a cue like "issued a statement" takes no clause)."""
    cue = (ev.cue or "").strip().lower()
    if cue.startswith("according"):  # "According to X, claim" reads only before a clause
        return "According to {who}," if not claim[:1].isupper() else None
    verbs = [w for w in cue.split() if w in _PLAIN_CUES]  # "said on Monday" → said
    verb = verbs[0] if verbs else "said"
    at = ev.quote.find(ev.claim.strip()[:40])
    if at < 0:
        return None
    before = ev.quote[:at].rstrip().lower()
    if claim[:1] in "“\"‘'" or claim.lower().startswith("that "):  # a quotation; a clause
        return "{who} " + verb
    if before.endswith(" that"):
        return "{who} " + verb + " that"
    if verbs and verb in _CLAUSE_CUES and before.endswith(verb):
        return "{who} " + verb
    return None


def _figures(text: str) -> set[str]:
    """The figures in digits of ``text`` ("72", "5,300")."""
    return set(re.findall(r"\d[\d,.]*\d|\d", text))


def _speaker_kind(ev: Evidence) -> str:
    return ev.speaker.kind if ev.attributed and ev.speaker else "unnamed"


def _voice(ev: Evidence) -> str:
    return ev.claimant.split("; ")[0]


def _quoted(text: str) -> str:
    return in_quotes(defuse_markers(_trim(text)))


def _trim(text: str) -> str:
    """``text`` without the punctuation that ends it (the lead adds its own), its quote
    marks balanced (a claim cut from inside a quotation keeps only its closing mark)."""
    text = text.strip()
    text = re.sub(r"[,;:.]+(?=[”\"’']$)", "", text)  # “…,” → “…”
    text = re.sub(r"[\s,;:.]+$", "", text)
    if text.count("(") > text.count(")"):
        text += ")"
    if text.count("”") > text.count("“"):
        text = "“" + text
    elif text.count("“") > text.count("”"):
        text += "”"
    return text
