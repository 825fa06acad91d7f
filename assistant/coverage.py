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

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .kinds import asked_kind, asked_target, holds_kind
from .models import Evidence
from .text import fold, tokens

__all__ = ["Asked", "Coverage", "read_question", "assess", "focus", "name_in", "COVERAGES"]

COVERAGES = ("answered", "not_stated", "none")
#: A sentence this close in meaning to the question is on its subject even in other words
#: ("launched a military operation" / "start the war"); a property of the pair, not of
#: the archive's size.
SAME_MEANING = 0.55

#: Words that frame a question rather than name its subject ("how many … exactly").
_FRAME = frozenset(
    tokens(
        "exactly exact precisely total number figure amount date day year month time kind type "
        "name named happen happened happening know known report reported claim claimed claims "
        "describe described mention mentioned give given make made take place think thought "
        "source sources article articles news recent latest currently current really get got "
        "still well just actually approximately roughly around happen occur first "
        "announce announced state stated side sides each"
    )
)
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_COMMON = frozenset(
    "what why who whom when where how which did does do is was were are has have had can could "
    "would should will and but so then also according in on at for of to the a an give across "
    "over during after before since if whether".split()
)
_ACCORDING = re.compile(r"^\s*according to (?P<who>[^,?]{2,50}),", re.I)
_SPEAKER = re.compile(
    r"\b(?:did|does|do|has|have|had)\s+(?:the\s+)?(?P<who>[\w’'.\- ]{2,50}?)\s+"
    r"(?:say|said|claim|claimed|report|reported|tell|told|announce|state|allege|deny|admit|warn|"
    r"accuse|argue|insist|think|write|tweet)\b",
    re.I,
)


_WHO_CLAIMS = re.compile(
    r"^\s*(?:and\s+)?(?:who|which \w+)\s+(?:\w+\s+)?(?:says?|said|claims?|claimed|reports?|"
    r"reported|alleges?|alleged|told|tells|announced|stated|insists?|insisted)\s+(?:that\s+)?"
    r"(?P<x>[^?]+)",
    re.I,
)
_GENERIC = frozenset("the a an of its his her their own each both side sides reports".split())
_PUBLISHED = re.compile(
    r"\b(when|what date|which day|what day)\b.*\b(share|shared|post|posted|release|released|"
    r"publish|published|report|reported|announce|announced|tweet|tweeted|air|aired|"
    r"broadcast|say|said)\b",
    re.I,
)


@dataclass(frozen=True)
class Asked:
    """What a question asks: its kind and target, subject words, names and speaker."""

    kind: str | None
    target: tuple[str, ...]  # the words of what is counted/asked for ("russian", "soldiers")
    subject: frozenset[str]  # stemmed words of the subject
    names: tuple[str, ...]  # folded name words ("prigozhin", "bakhmut")
    speaker: tuple[str, ...]  # folded name words of the speaker asked about
    published: bool = False  # "when did RT share …": the article's own date answers
    year: bool = False  # "in what year …": only a year answers
    words: frozenset[str] = frozenset()  # every folded word of the question
    claim: tuple[str, ...] = ()  # "who claims that X": X's stemmed words, in order


@dataclass
class Coverage:
    """The verdict on a question's evidence; ``answering`` indexes the sentences that answer."""

    status: str
    kind: str | None = None
    answering: list[int] = field(default_factory=list)
    close: list[int] = field(default_factory=list)
    claimed: list[int] = field(default_factory=list)  # "who claims X": sentences claiming X


def _name_words(text: str) -> list[str]:
    """Folded capitalised words, skipping a sentence's first word unless it is a name for sure."""
    names: list[str] = []
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        words = re.findall(r"[\w’'.-]+", sentence)
        for i, raw in enumerate(words):
            w = raw.strip(".'’-")
            if not w[:1].isupper() or len(w) < 2:
                continue
            first_sure = w.isupper() or raw.endswith(("’s", "'s"))
            if (i == 0 and not first_sure) or w.lower() in _COMMON:
                continue
            name = fold(w).removesuffix("'s")
            if (len(name) >= 3 or w.isupper()) and name not in _MONTHS_DAYS and name not in names:
                names.append(name)
    return names


def read_question(question: str) -> Asked:
    """The kind, target, subject, names and speaker of ``question``."""
    names = _name_words(question)
    m = _ACCORDING.search(question) or _SPEAKER.search(question)
    speaker = ()
    if m and m.group("who").lower().split()[0] not in ("whom", "who", "it", "they"):
        speaker = tuple(w for w in _words(m.group("who")) if len(w) >= 2 and w not in _GENERIC)
    subject = frozenset(w for w in tokens(question) if w not in _FRAME)
    kind = asked_kind(question)
    published = kind == "date" and bool(_PUBLISHED.search(question))
    year = kind == "date" and bool(re.search(r"\b(what|which) year\b", question, re.I))
    return Asked(
        kind,
        asked_target(question),
        subject,
        tuple(names),
        speaker,
        published,
        year,
        frozenset(_words(question)),
        tuple(tokens(m.group("x"))) if (m := _WHO_CLAIMS.search(question)) else (),
    )


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", fold(text))


def name_in(name: str, words) -> bool:
    """Whether ``name`` is among ``words``, allowing other spellings (Izyum/Izium, Russia/n)."""
    for w in words:
        if w == name or (len(name) >= 5 and len(w) >= 5 and w[:5] == name[:5]):
            return True
        if len(name) >= 5 and abs(len(w) - len(name)) <= 1 and _one_edit(w, name):
            return True
    return False


def _one_edit(a: str, b: str) -> bool:
    """At most one substitution, insertion or deletion apart."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


@dataclass
class Fit:
    """How one evidence sentence fits the question."""

    names: float  # share of the question's names its article holds
    names_missing: int  # how many of them it lacks
    subject: float  # share of the subject words the sentence holds, weighted by rarity
    distinct: int  # how many subject words the sentence holds
    meaning: float  # cosine of the sentence to the question (0 without ``similar``)
    kind: bool  # holds a thing of the asked kind tied to the subject (True when none asked)
    speaker: bool  # claimed by the speaker asked about (True when none asked)
    pairs: int = 0  # "who claims X": X's neighbouring word pairs the sentence holds together


@functools.lru_cache(maxsize=512)
def _setting(article_text: str, title: str | None) -> frozenset[str]:
    """The names an article is about: in its title, or said at least three times."""
    counts: dict[str, int] = {}
    for w in _words(article_text):
        counts[w] = counts.get(w, 0) + 1
    return frozenset({w for w, n in counts.items() if n >= 3} | set(_words(title or "")))


def fit(
    asked: Asked,
    ev: Evidence,
    weigh,
    seen,
    article_text: str = "",
    similar=None,
    question: str = "",
) -> Fit:
    """How ``ev`` fits ``asked``; ``seen(stem)`` says whether the index holds the word.

    A name of the question counts when the sentence or its claimant holds it, or when
    the article is about it (``_setting``); ``similar(a, b)`` compares two phrases.
    """
    around = set(_words(f"{ev.claimant} {ev.quote}")) | _setting(article_text, ev.title)
    found = [n for n in asked.names if name_in(n, around)]
    names = len(found) / len(asked.names) if asked.names else 1.0
    context = " ".join(x for x in (ev.quote, ev.claimant, ev.title or "") if x)
    have = set(tokens(context))
    name_stems = set(tokens(" ".join(asked.names)))
    counted = [s for s in asked.subject if seen(s) or s in name_stems]
    stems = [s for s in counted if s in have or (s in name_stems and name_in(s, have))]
    total = sum(weigh(s) for s in counted)
    subject = sum(weigh(s) for s in stems) / total if total else 1.0
    kind = (
        asked.kind is None
        or (asked.published and ev.date is not None)
        or holds_kind(ev.quote, asked, ev.claimant, ev.attributed, similar)
    )
    claimant = _words(ev.claimant)
    speaker = not asked.speaker or (
        ev.attributed and any(name_in(n, claimant) for n in asked.speaker)
    )
    meaning = similar(question, ev.quote) if similar and question else 0.0
    pairs = _pairs(asked.claim, tokens(ev.quote))
    return Fit(
        names, len(asked.names) - len(found), subject, len(stems), meaning, kind, speaker, pairs
    )


def _pairs(claim: tuple[str, ...], sentence: list[str]) -> int:
    """How many neighbouring word pairs of ``claim`` stand within two words in ``sentence``.

    "Ukrainian troops fled" holds the pair (ukrainian, troop): "Ukraine troops 'left
    behind tanks'" has it, "the Russians … fled" does not — the claim, not shared words.
    """
    found = 0
    for a, b in zip(claim, claim[1:]):
        at = [i for i, w in enumerate(sentence) if name_in(a, [w])]
        if any(name_in(b, sentence[i + 1 : i + 3]) for i in at):
            found += 1
    return found


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
    subject = lexical or (f.distinct >= 1 and f.meaning >= SAME_MEANING)
    return names and subject and f.kind and f.speaker


def close(asked: Asked, f: Fit) -> bool:
    """The sentence is near the question's subject, though it may not answer it."""
    return f.distinct >= 1 and (f.names >= 0.5 or f.subject >= 0.5)


def assess(
    question: str,
    evidence: list[Evidence],
    weigh: Callable[[str], float] = lambda w: 1.0,
    seen: Callable[[str], bool] = lambda w: True,
    article_text: Callable[[str], str] = lambda article_id: "",
    similar: Callable[[str, str], float] | None = None,
) -> Coverage:
    """The coverage verdict for ``evidence`` (best first) on ``question``.

    ``weigh(stem)`` is how rare a word is in the index, ``seen(stem)`` whether the index
    holds it at all, ``article_text(id)`` the text of an evidence sentence's article,
    ``similar(a, b)`` the cosine of two phrases.
    """
    asked = read_question(question)
    fits = [
        fit(asked, ev, weigh, seen, article_text(ev.article_id), similar, question)
        for ev in evidence
    ]
    near = [i for i, f in enumerate(fits) if close(asked, f)]
    elsewhere = _names_across(asked, [evidence[i] for i in near], article_text)
    answering = [i for i, f in enumerate(fits) if answers(asked, f, elsewhere)]
    if asked.claim:  # "who claims X": whose claim is X first, then who merely shares words
        answering.sort(key=lambda i: -fits[i].pairs)
        near.sort(key=lambda i: -fits[i].pairs)
    claimed = [i for i in near if fits[i].pairs]
    if answering:
        return Coverage("answered", asked.kind, answering, near, claimed)
    if near:
        return Coverage("not_stated", asked.kind, [], near, claimed)
    return Coverage("none", asked.kind)


def _names_across(asked: Asked, evidence: list[Evidence], article_text) -> bool:
    """Whether the articles of ``evidence`` together hold all of the question's names."""
    if len(asked.names) < 2:
        return False
    around: set[str] = set()
    for aid in {ev.article_id for ev in evidence}:
        around |= _setting(article_text(aid), None)
    around |= {w for ev in evidence for w in _words(f"{ev.claimant} {ev.quote} {ev.title}")}
    return all(name_in(n, around) for n in asked.names)


def focus(evidence: list[Evidence], coverage: Coverage) -> list[Evidence]:
    """The evidence to cite: the sentences that answer first, then the others on the subject.

    Sentences that share no name or word of the question's subject are dropped; a
    claim and its denial, both on the subject, stay side by side.
    """
    keep = list(coverage.answering) + [i for i in coverage.close if i not in coverage.answering]
    if keep and coverage.claimed:
        keep = [i for i in keep if i in coverage.claimed] + [
            i for i in keep if i not in coverage.claimed
        ]
    return [evidence[i] for i in keep] or evidence
