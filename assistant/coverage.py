"""Coverage: whether the evidence holds what the question asks for, about its subject.

Sits after evidence selection: question → retrieve → evidence → **coverage** →
backend. A question may ask for a thing of a definite kind ("how many" → a
quantity, "when" → a date, "who" → a person or body, "where" → a place) and may
name a speaker ("what did Prigozhin say …"). A sentence answers it when its
article holds the question's names, the sentence holds enough of the
question's other words, a thing of the asked kind tied to the question's
subject (``assistant.kinds``), and is claimed by the speaker asked about.
The verdict is one of:

- ``answered``: some evidence sentence does that;
- ``not_stated``: sentences on the subject exist but none holds what is asked
  (the answer says so first, then gives them as the closest passages);
- ``none``: no sentence is on the subject at all (the answer declines).

The verdict reads only the words of the question and of the evidence, never a
retrieval score, so it does not drift with the size of the archive.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .models import Evidence
from .names_asked import by_speaker
from .question import Asked, name_in, words_of
from .sentence_fit import Fit, _setting, fit
from .text import tokens

__all__ = ["Coverage", "assess", "focus", "by_speaker", "COVERAGES"]

COVERAGES = ("answered", "not_stated", "none")

#: A sentence this close in meaning to the question is on its subject even in other words
#: ("launched a military operation" / "start the war"); a property of the pair, not of
#: the archive's size.
SAME_MEANING = 0.55


#: Words that frame a question rather than name its subject ("how many … exactly").
@dataclass
class Coverage:
    """The verdict on a question's evidence; ``answering`` indexes the sentences that answer."""

    status: str
    kind: str | None = None
    answering: list[int] = field(default_factory=list)
    close: list[int] = field(default_factory=list)
    claimed: list[int] = field(default_factory=list)  # "who claims X": sentences claiming X
    #: the archive's last date, when the question is about a later year than it holds
    after: str | None = None
    #: of ``close``, the sentences whose article holds every name of the question
    named: list[int] = field(default_factory=list)
    #: of ``close``, the sentences that may stand beside the answer as another voice: holding
    #: a thing of the asked kind, on the same place or people (``named``) or giving the date
    #: or count asked for ("on Sunday"); any when the question opens with one side's claim
    #: ("X says P. What does Y say?")
    beside: list[int] = field(default_factory=list)
    #: of ``answering``, those lacking a name of the question (in the sentence, its claimant
    #: or what its article is about) when others hold them all: for a question asking about
    #: an event, not a thing of a kind, the same words about another place or speaker
    partial: list[int] = field(default_factory=list)


#: A sentence saying a figure was withheld: "the price was not disclosed".
UNDISCLOSED = re.compile(
    r"\b(?:not|never|n't)\s+(?:been\s+|be\s+)?(?:disclosed|revealed|made public|released|given|"
    r"announced)\b|\bundisclosed\b|\b(?:declined|refused|would not|did not)\s+(?:to\s+)?"
    r"(?:disclose|say|reveal|comment|give)\b",
    re.I,
)


def answers(asked: Asked, f: Fit, names_elsewhere: bool = False) -> bool:
    """The sentence answers: names, enough subject, the asked kind, the asked speaker.

    ``names_elsewhere``: the names it lacks are held by other evidence articles (a
    question about two places or two sides; not for one thing asked of one speaker).
    """
    allowed = 1 if len(asked.names) >= 3 else 0
    spread = names_elsewhere and not asked.kind and not asked.speaker
    names = f.names_missing <= allowed or (spread and f.names >= 0.5)
    need = min(2, len(asked.subject))
    lexical = f.subject >= 0.25 and (f.distinct >= need or f.subject >= 0.5)
    subject = lexical or (f.distinct >= 1 or f.topic) and f.meaning >= SAME_MEANING
    # "what happened in the Korean War": an article about it, not a book's title in passing
    named_only = (
        asked.kind is None
        and not asked.speaker
        and asked.subject <= set(tokens(" ".join(asked.names)))
    )
    return names and subject and f.kind and f.speaker and (f.about or not named_only)


def close(asked: Asked, f: Fit) -> bool:
    """The sentence is near the question's subject, though it may not answer it."""
    return (f.distinct >= 1 and (f.names >= 0.5 or f.subject >= 0.5)) or f.topic


def assess(
    asked: Asked,
    evidence: list[Evidence],
    weigh: Callable[[str], float] = lambda w: 1.0,
    seen: Callable[[str], bool] = lambda w: True,
    article_text: Callable[[str], str] = lambda article_id: "",
    similar: Callable[[str, str], float] | None = None,
    last_date: str | None = None,
) -> Coverage:
    """The coverage verdict for ``evidence`` (best first) on the question read as ``asked``.

    A question naming only years after ``last_date`` (the archive's last article) is
    declined, whatever its words share with the archive. When a number or date is asked
    and a sentence on the subject says it was not disclosed, it is "not stated", that
    sentence first, unless a sentence holding a figure fits the question better.

    ``weigh(stem)`` is how rare a word is in the index, ``seen(stem)`` whether the index
    holds it at all, ``article_text(id)`` the text of an evidence sentence's article,
    ``similar(a, b)`` the cosine of two phrases.
    """
    if asked.years and last_date and min(asked.years) > int(last_date[:4]):
        return Coverage("none", asked.kind, after=last_date)
    fits = [fit(asked, ev, weigh, seen, article_text(ev.article_id), similar) for ev in evidence]
    near = [i for i, f in enumerate(fits) if close(asked, f)]
    elsewhere = _names_across(asked, [evidence[i] for i in near], article_text)
    answering = [i for i, f in enumerate(fits) if answers(asked, f, elsewhere)]
    answering += _answering_a_part(asked, evidence, answering, weigh, seen, article_text, similar)
    # the sentence holding most of the subject first: it leads the answer
    # (for a count, a figure in digits before words: "5,300", not "thousands")
    figure = asked.kind == "quantity"
    # and, for a place, date or name, one holding the question's last word first ("where
    # was X born" → "born in Japan")
    last = _last_word(asked) if asked.kind in ("place", "date", "person", "name") else None
    answering.sort(
        key=lambda i: (
            figure and not fits[i].digits,
            bool(last) and last not in tokens(evidence[i].quote),
            -fits[i].subject,
        )
    )
    if asked.claim:  # "who claims X": whose claim is X first, then who merely shares words
        answering.sort(key=lambda i: -fits[i].pairs)
        near.sort(key=lambda i: -fits[i].pairs)
    claimed = [i for i in near if fits[i].pairs]
    withheld = [i for i in near if asked.kind in ("quantity", "date") and _withheld(evidence[i])]
    best = max((fits[i].distinct for i in answering), default=0)
    if withheld and fits[withheld[0]].distinct >= best:
        return Coverage(
            "not_stated", asked.kind, [], withheld + [i for i in near if i not in withheld], claimed
        )
    if answering:
        named = [i for i in near if fits[i].names_missing == 0]
        counted = asked.kind in ("date", "quantity")
        # of the asked kind: "on Tuesday" beside "When …", not "attacks went on" (for a
        # question asking two things, any of the same place or people: the other part's)
        kind = [i for i in near if fits[i].kind or asked.parts and i in named]
        # and, when a speaker is asked ("what did RT say …"), that speaker's (for a
        # question asking two things, either part's)
        spoken = [i for i in near if fits[i].speaker or asked.parts]
        beside = [
            i
            for i in near
            if asked.premise or i in kind and (i in named or counted) and i in spoken
        ]
        # a question asking two things may find each where the other's names are lacking,
        # and one asking for a thing (a region, a date) may find it in a sentence naming
        # the place another way ("the towns … in the Kharkiv region")
        # (and a name that is only the asked speaker's office, "Secretary of State", need
        # not be written beside each of their claims)
        loose = asked.parts or asked.kind or set(asked.names) <= set(asked.speaker)
        whole = [i for i in answering if fits[i].names_missing == 0 or loose]
        partial = [i for i in answering if i not in whole] if whole else []
        return Coverage(
            "answered",
            asked.kind,
            answering,
            near,
            claimed,
            named=named,
            beside=beside,
            partial=partial,
        )
    if near and (asked.kind or not asked.target or any(fits[i].kind for i in near)):
        return Coverage("not_stated", asked.kind, [], near, claimed)
    # nothing on the subject, or "what is the capital of X" where no sentence names X's capital
    return Coverage("none", asked.kind)


def _answering_a_part(asked: Asked, evidence, found: list[int], *judge) -> list[int]:
    """For a question asking two things ("how much X …, and how many Y …"), the sentences
    not in ``found`` that answer one part read alone (``Asked.parts``)."""
    weigh, seen, article_text, similar = judge
    more: list[int] = []
    for part in asked.parts:
        for i, ev in enumerate(evidence):
            if i in found or i in more:
                continue
            if answers(part, fit(part, ev, weigh, seen, article_text(ev.article_id), similar)):
                more.append(i)
    return more


def _last_word(asked: Asked) -> str | None:
    """The stem of the question's last plain word ("born") when it is of its subject."""
    stems = tokens(asked.last)
    return stems[0] if stems and stems[0] in asked.subject else None


def _withheld(ev: Evidence) -> bool:
    """The sentence says a figure was not disclosed."""
    return bool(UNDISCLOSED.search(ev.quote))


def _names_across(asked: Asked, evidence: list[Evidence], article_text) -> bool:
    """Whether the articles of ``evidence`` together hold all of the question's names."""
    if len(asked.names) < 2:
        return False
    around: set[str] = set()
    for aid in {ev.article_id for ev in evidence}:
        around |= _setting(article_text(aid), None)
    around |= {w for ev in evidence for w in words_of(f"{ev.claimant} {ev.quote} {ev.title}")}
    return all(name_in(n, around) for n in asked.names)


def focus(evidence: list[Evidence], coverage: Coverage, limit: int | None = None) -> list[Evidence]:
    """The evidence to cite (at most ``limit``): the sentences that answer first (marked
    ``answers``), then others.

    Sentences that share no name or word of the question's subject are dropped. When
    some sentences answer, one that is only on the subject is kept when it brings a
    voice not yet cited that may stand beside the answer (``Coverage.beside``: holding
    a thing of the asked kind, on the same place or people or giving the date or count
    asked for, and the speaker's own when one is asked; any voice when the question
    opens with one side's claim, so a claim and its denial stay side by side; Russia on
    Mykolaiv is not cited when Bakhmut is asked), or holds a figure of the asked kind
    when a date or number is asked (another figure may have made the wrong sentence look
    like the answer); it is dropped when it only repeats a cited claimant or, for a date
    or number, gives a figure from an article lacking one of the question's names
    (Kharkiv's losses when Bakhmut's are asked, whoever reports them). An answering
    sentence lacking a name asked, beside others holding them all (``Coverage.partial``),
    is not cited. When none answers, every sentence on the subject is given as the
    closest passages.
    """
    keep = [i for i in coverage.answering if i not in coverage.partial]
    voices = {evidence[i].claimant for i in keep}
    for i in coverage.close:
        if i in keep:
            continue
        ev = evidence[i]
        # a figure on the same place or people (not Kharkiv's when Bakhmut's is asked)
        counted = coverage.kind in ("date", "quantity") and any(c.isdigit() for c in ev.quote)
        figure = counted and i in coverage.named and i in coverage.beside
        elsewhere = counted and i not in coverage.named  # another place's figure, any voice
        if coverage.status == "answered" and elsewhere:
            continue
        # another voice on the same place or people (not Russia on Mykolaiv when Bakhmut is asked)
        voice = ev.claimant not in voices and i in coverage.beside
        if coverage.status != "answered" or voice or figure:
            keep.append(i)
            voices.add(ev.claimant)
    if keep and coverage.claimed:
        keep = [i for i in keep if i in coverage.claimed] + [
            i for i in keep if i not in coverage.claimed
        ]
    answering = set(coverage.answering)
    chosen = keep[:limit] or list(range(len(evidence)))[:limit]
    return [replace(evidence[i], answers=i in answering) for i in chosen]
