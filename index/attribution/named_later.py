"""Passes over one article's attributions that read the names the article gives later.

Flow position: inside ``index.attribution.attributor``, beside ``index.attribution.
whole_article``, once every source of the article is resolved:

- ``two_names``: "Putin Erdogan" (two surnames a headline runs together) is the two people
  the article names in full, a group;
- ``surnames_named``: a one-word name the NER took for a place or body ("Stoltenberg
  says …") is the one person the article names in full with it;
- ``forward_roles``: a role mention before the name ("the Ukrainian president said …", then
  "Volodymyr Zelensky, Ukraine's president, …") is the one later-named speaker with that
  role, once the place or body the role names has been named.
"""

from __future__ import annotations

import re

from index.attribution.claimants import Mention
from index.attribution.lexicon import DEMONYMS, TITLES
from index.attribution.roles import strip_determiner
from index.attribution.speakers import kind_of_noun, make_speaker
from index.attribution.whole_article import relabel
from index.models import Attribution, Speaker
from index.names import fold, speaker_matches

__all__ = ["two_names", "surnames_named", "forward_roles"]


def two_names(atts: list[Attribution]) -> list[Attribution]:
    """A "person" whose two words are the surnames of two people the article names in full
    ("Putin Erdogan" beside "Vladimir Putin" and "Recep Tayyip Erdogan", a headline's run) is
    the two of them, a group."""
    full = {
        fold(a.speaker.name).split()[-1]: a.speaker.name
        for a in atts
        if a.speaker and a.speaker.kind == "person" and len(a.speaker.name.split()) > 1
    }
    out = []
    for a in atts:
        words = fold(a.speaker.name).split() if a.speaker and a.speaker.kind == "person" else []
        pair = [full.get(w, "") for w in words]
        if len(words) == 2 and all(pair) and a.speaker.name not in pair:
            a = relabel(a, make_speaker(" and ".join(a.speaker.name.split()), "", "group"))
        out.append(a)
    return out


def surnames_named(text: str, atts: list[Attribution], named: list[Mention]) -> list[Attribution]:
    """A one-word name the NER took for a place or body ("Stoltenberg says …" in a headline)
    is the one person the article names in full with it as last word ("NATO Secretary
    General Jens Stoltenberg"), before or after; never a country or a people, nor a name the
    article also uses as a place ("in Israel")."""
    full: dict[str, dict[str, Speaker]] = {}
    for m in named:
        for person in map(strip_determiner, m.persons):
            if len(person.split()) > 1:
                speaker = make_speaker(person, "", "person")
                full.setdefault(fold(speaker.name).split()[-1], {})[speaker.name] = speaker
    for a in atts:  # the speakers' own labels first: one person, one label
        if a.speaker and a.speaker.kind == "person" and len(a.speaker.name.split()) > 1:
            full.setdefault(fold(a.speaker.name).split()[-1], {})[a.speaker.name] = a.speaker
    out = []
    for a in atts:
        name = a.speaker.name if a.speaker else ""
        one = len(full.get(fold(name), {})) == 1
        if one and _a_body_by_one_word(a.speaker) and not _a_place(text, name):
            a = relabel(a, next(iter(full[fold(name)].values())))
        out.append(a)
    return out


def _a_place(text: str, name: str) -> bool:
    """Whether the article puts ``name`` after a preposition of place ("in Israel")."""
    return bool(re.search(rf"\b(?:in|into|across|throughout) {re.escape(name)}\b(?!['’])", text))


def _a_body_by_one_word(speaker: Speaker | None) -> bool:
    """A body or group named by one capitalised word that is no acronym, country or people."""
    if speaker is None or speaker.kind not in ("organisation", "group"):
        return False
    word = speaker.name
    return (
        len(word.split()) == 1
        and word[:1].isupper()
        and not word.isupper()
        and fold(word) not in DEMONYMS
    )


def _a_role(speaker: Speaker) -> bool:
    """An unnamed speaker named by one office ("the Ukrainian president"), not many people."""
    words = speaker.name.split()
    last = words[-1].lower() if words else ""
    return speaker.kind == "unnamed" and kind_of_noun(last) == "unnamed" and not last.endswith("s")


def forward_roles(text: str, atts: list[Attribution]) -> list[Attribution]:
    """A role mention before the name ("the Ukrainian president said") is the speaker named
    later in the article whose role it matches (``index.names.speaker_matches``: "Ukrainian"
    finds "Ukraine's", "Polish" finds "Poland's", "head" finds "chief"), when exactly one
    later-named speaker does, and the place or body their role names is named by then ("the
    governor" in a report on Donetsk is not "the governor of the Luhansk region" named later
    when Luhansk was not yet named)."""
    out = []
    for i, a in enumerate(atts):
        if a.speaker is not None and _a_role(a.speaker):
            so_far = text[: max(a.cue.end, a.content.end)]
            later = {
                b.speaker.id: b.speaker
                for b in atts[i + 1 :]
                if b.speaker
                and b.speaker.kind == "person"
                and b.speaker.role
                and speaker_matches(a.speaker.name, b.speaker.label)
                and _named_by(b.speaker.role, so_far)
            }
            if len(later) == 1:
                a = relabel(a, next(iter(later.values())))
        out.append(a)
    return out


def _named_by(role: str, text: str) -> bool:
    """Whether ``text`` names a proper word of ``role`` but offices, when it has one ("Luhansk"
    of "governor of the Luhansk region"; "Ukraine" of "Ukraine's President", found as
    "Ukrainian"; "Court" of "U.S. District Court Judge", found as "court-mandated")."""
    proper = [
        w
        for w in re.findall(r"[\w-]+", role)
        if w[:1].isupper() and kind_of_noun(w) != "unnamed" and w.lower() not in TITLES
    ]
    return not proper or any(speaker_matches(w, text) for w in proper)
