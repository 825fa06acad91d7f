"""A "he" or "she" nothing else resolves: the one person named just before it.

Flow position: inside ``index.attribution.attributor``, after ``index.attribution.claimants``
has resolved a source to the bare pronoun it is (no speaker the article quoted fits it).
"Ukrainian President Volodymyr Zelenskyy has used his first address … of what he says was a
genocide": the person named earlier in the same sentence, or else in the sentence before, is
who "he" stands for. Only people of the pronoun's sex, where the article has shown it, are
candidates; the subject of a main clause goes before the other mentions ("Trump attacked
Clinton, and he said …" is Trump); and a name is given only when exactly one candidate fits.
A name inside what someone is said to say is no candidate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from index.attribution.claimants import ClaimantResolver, Mention
from index.models import Attribution

__all__ = ["Parsed", "sentences_near", "named_near", "name_pronoun", "name_latter"]

_SEX = {"he": "m", "she": "f"}
_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
#: Links from a name's last word up to the noun the clause has as its subject.
_WITHIN_NAME = frozenset(("compound", "flat", "appos"))


@dataclass(frozen=True)
class Parsed:
    """A sentence at offset ``start`` of the article: its spaCy doc, the claims found in it
    (``(start, end)`` offsets in the article) and its entities (``roles`` by person)."""

    start: int
    doc: object
    claims: list[tuple[int, int]]
    named: Mention

    def role(self, person: str) -> str:
        """The role the sentence gives ``person`` ("Ukrainian President"), or ""."""
        return dict(zip(self.named.persons, self.named.roles)).get(person, "")


def sentences_near(
    found: list, named: list[Mention], order: dict[int, int], i: int
) -> tuple[Parsed, Parsed | None]:
    """The ``i``-th parsed sentence of an article and the one just before it, when that one
    was parsed too (``found``: ``(start, raws, doc)`` in text order; ``named``: their
    entities; ``order``: each sentence's number by its start)."""

    def parsed(j: int) -> Parsed:
        start, raws, doc = found[j]
        return Parsed(start, doc, [r.content for r in raws], named[j])

    next_to = i > 0 and order.get(found[i][0], 0) - order.get(found[i - 1][0], 0) == 1
    return parsed(i), parsed(i - 1) if next_to else None


def named_near(
    pronoun: str, at: int, here: Parsed, before: Parsed | None, sex_of: Callable[[str], str]
) -> tuple[str, str] | None:
    """The person a bare ``pronoun`` at article offset ``at`` stands for, and the role the
    sentence naming them gives them: the people named in ``here`` before ``at`` or, when it
    names none, in ``before``; of those of the pronoun's sex (``sex_of`` gives "m", "f" or ""
    for a name), the one, or the one subject of a main clause among them; None when none or
    several fit."""
    sex = _SEX.get(pronoun.strip().lower())
    if sex is None:
        return None
    for sentence in (here, before):
        if sentence is None:
            continue
        people = _people(sentence, at)
        fit = {k: v for k, v in people.items() if sex_of(v[0]) in ("", sex)}
        if not people:
            continue  # nobody named here: the sentence before
        if len(fit) == 1:
            name, _ = next(iter(fit.values()))
            return name, sentence.role(name)
        subjects = [name for name, subject in fit.values() if subject]
        if len(subjects) == 1:
            return subjects[0], sentence.role(subjects[0])
        return None
    return None


def _people(sentence: Parsed, at: int) -> dict[str, tuple[str, bool]]:
    """The people a sentence names before article offset ``at`` and outside its claims, by
    surname: the fullest name given and whether one mention is the subject of a main clause."""
    people: dict[str, tuple[str, bool]] = {}
    parsed = sentence.doc.has_annotation("DEP")
    for ent in sentence.doc.ents:
        start = sentence.start + ent.start_char
        if ent.label_ != "PERSON" or start >= at:
            continue
        if any(c0 <= start < c1 for c0, c1 in sentence.claims):
            continue  # someone the claim is about
        name = ent.text.strip().removesuffix("'s").removesuffix("’s")
        key = name.split()[-1].lower() if name.split() else ""
        if not key:
            continue
        old_name, old_subject = people.get(key, ("", False))
        subject = parsed and (_main_subject(ent.root) or _opens(ent))
        fuller = name if len(name.split()) > len(old_name.split()) else old_name
        people[key] = (fuller, old_subject or subject)
    return people


def _main_subject(token) -> bool:
    """Whether a name's head word is (part of) the subject of its sentence's main verb."""
    while token.dep_ in _WITHIN_NAME and token.head is not token:
        token = token.head
    return token.dep_ in _SUBJECTS and token.head.dep_ == "ROOT"


def _opens(ent) -> bool:
    """Whether a name opens its sentence, only its title before it ("Gov. Chris Christie — who
    is being vetted … — made …"): what the sentence is about, though the parser hung it wrong."""
    return all(ent.start <= t.head.i < ent.end for t in ent.doc[: ent.start])


def _subject_here(pronoun: str, at: int, here: Parsed, sex_of: Callable[[str], str]) -> str:
    """The one person whose name is the subject of, or opens, the sentence a bare ``pronoun``
    at ``at`` is in, of the pronoun's sex where shown; "" when none or several."""
    sex = _SEX.get(pronoun.strip().lower())
    people = _people(here, at).values()
    subjects = [name for name, subject in people if subject and sex_of(name) in ("", sex)]
    return subjects[0] if len(subjects) == 1 else ""


def name_pronoun(
    att: Attribution, resolver: ClaimantResolver, here: Parsed, before: Parsed | None
) -> Attribution:
    """``att`` credited to the person its bare "he" or "she" stands for: the person whose name
    is the subject of, or opens, the pronoun's own sentence (``_subject_here``), else, when the
    resolver left it unnamed, the one named just before it (``named_near``)."""
    speaker = att.speaker
    if att.source is None or speaker is None:
        return att
    pronoun = att.source.text.strip().lower()
    if speaker.kind == "person" and pronoun in _SEX:
        # "Gov. X — … — made …, and he has battled …": the sentence's own subject before the
        # last person the article quoted; not a "he" inside another's claim ("Obama said he …")
        at = att.source.start
        inside = any(c0 <= at < c1 for c0, c1 in here.claims)
        here_named = "" if inside else _subject_here(pronoun, at, here, resolver.sex_of)
        if here_named and here_named != speaker.name:
            return _credited(att, resolver, here_named, here.role(here_named))
        return att
    if speaker.kind != "unnamed" or speaker.name.lower() not in _SEX:
        return att
    found = named_near(speaker.name, att.source.start, here, before, resolver.sex_of)
    if found is None:
        return att
    return _credited(att, resolver, *found)


#: "the former" is the first of the people just named, "the latter" the last.
_ORDINAL = {"the former": 0, "the latter": -1}


def name_latter(
    att: Attribution, resolver: ClaimantResolver, here: Parsed, before: Parsed | None
) -> Attribution:
    """``att`` credited to the person "the latter" or "the former" stands for: the last or
    first of two or more people named before it in its sentence, else in the sentence before
    ("X met Y in Athens. The latter said …" is Y)."""
    which = _ORDINAL.get(att.source.text.strip().lower()) if att.source else None
    if which is None:
        return att
    for sentence in (here, before):
        people = list(_people(sentence, att.source.start).values()) if sentence else []
        if len(people) >= 2:
            name = people[which][0]
            return _credited(att, resolver, name, sentence.role(name))
    return att


def _credited(att: Attribution, resolver: ClaimantResolver, name: str, role: str) -> Attribution:
    text = f"{role} {name}".strip()
    person = resolver.resolve(Mention(text=text, head=name.split()[-1], base=name, persons=[name]))
    if person is None or person.kind != "person":
        return att
    return replace(att, speaker=person, claimant=person.label)
