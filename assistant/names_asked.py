"""Names asked: how a question's names and speaker are found in an evidence sentence.

Helpers of ``assistant.coverage`` (question → retrieve → evidence → coverage):
short capitals ("US" for "U.S." or "America"), a speaker matched by surname or
role, "the capital of X", a two-word name found whole or by its surname, and
the word pairs of a claim ("who claims X").
"""

from __future__ import annotations

import functools
import re

from index.attribution.lexicon import ROLE_SYNONYMS
from index.names import body_key

from .models import Evidence
from .question import OFFICE_WORDS, Asked, Office, name_in, words_of
from .text import fold, tokens

__all__ = ["by_speaker", "in_own_words", "words_of_cased"]


@functools.lru_cache(maxsize=512)
def _written(article_text: str) -> str:
    """The article's folded words, one space apart and around (to find a whole name)."""
    return f" {' '.join(words_of(article_text))} " if article_text else ""


#: Countries whose short name is also written otherwise ("America", "Britain").
_ALSO = {"us": {"america", "american", "americans"}, "uk": {"britain", "british"}}


def _acronyms(asked: Asked) -> set[str]:
    """The question's names written in short capitals ("US", "VA")."""
    text = asked.text.replace(".", "")
    return {n for n in asked.names if len(n) <= 4 and re.search(rf"\b{n.upper()}\b", text)}


@functools.lru_cache(maxsize=512)
def _capitalised(text: str) -> frozenset[str]:
    """The capitalised words of ``text``, folded, dots and "'s" dropped ("U.S." → "us"), and the
    initials of two or three capitalised words in a row ("United States" → "us")."""
    words = re.findall(r"\b[A-Z][\w.’'-]*", text)
    runs = re.findall(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\b", text)
    initials = {"".join(w[0] for w in run.split()).lower() for run in runs}
    folded = {re.sub(r"['’]s$", "", w.replace(".", "").lower()) for w in words}
    return frozenset(folded | initials)


def _is_speaker(asked: Asked, claimant: str, said: str = "") -> bool:
    """``claimant`` ("Harry Reid (Senate Minority Leader)") is the speaker asked about: by
    the last word of their name ("Mr. Lou" for Lou Jiwei), never by a first name alone
    (not Harry Reid for Harry Harris; a body's initials are no first name: "RT News" for RT),
    else by any word of their name or role ("governor"). A speaker asked by office or body
    ("Russia's defence ministry") is held to that office (``_holds_office``), whose owner
    the sentence ``said`` may name ("the Ukrainian brigade assures …")."""
    speaker = asked.speaker
    if asked.office:
        return _holds_office(asked.office, speaker, claimant, said)
    name = claimant.partition(" (")[0]
    words = words_of(name)
    if words and name_in(words[-1], speaker):
        return True
    # another person of the same first name (not "RT News": no first name; not "Ukrainian
    # President" for Ukraine: an office, no person's name)
    if (
        len(words) >= 2
        and name_in(words[0], speaker)
        and not name.split()[0].isupper()
        and not any(w in OFFICE_WORDS for w in words)
    ):
        return False
    return any(name_in(n, words_of(claimant)) for n in speaker) or _for_capital(speaker, claimant)


#: Capitals that stand for their governments ("What do Kiev and Moscow say?").
CAPITALS = {
    "kyiv": "ukraine",
    "kiev": "ukraine",
    "moscow": "russia",
    "washington": "america",
    "beijing": "china",
    "london": "britain",
    "paris": "france",
    "berlin": "germany",
    "ankara": "turkey",
    "minsk": "belarus",
    "tehran": "iran",
    "warsaw": "poland",
    "tokyo": "japan",
}


def _for_capital(speaker: tuple[str, ...], claimant: str) -> bool:
    """A capital asked about ("Kiev") is its country's government: a claimant that is the
    country or holds an office or body of it ("Ukrainian President", "Ukraine's army");
    not its people ("Ukrainians")."""
    words = words_of(claimant)
    for country in (CAPITALS[w] for w in speaker if w in CAPITALS):
        owned = any(_same_owner(w, country) or w == "us" and country == "america" for w in words)
        if owned and (words == [country] or any(w in OFFICE_WORDS for w in words)):
            return True
    return False


#: Words of a claimant that name nothing ("the head of the council").
_GLUE = frozenset("the of a an and s".split())


def _holds_office(office: Office, speaker: tuple[str, ...], claimant: str, said: str = "") -> bool:
    """``claimant`` is the office or body asked about: the person named with it by surname
    ("Prigozhin" for "Wagner boss Prigozhin"), else a name or role holding an office word
    (or its synonym: "director" for "chief") and

    - every qualifier ("defence"), unless it adds no word of its own ("Ukrainian brigade"
      for "the Ukrainian assault brigade"; not "Russian Foreign Ministry" for "Russia's
      defence ministry");
    - an owner ("Russia", "IAEA") in the claimant or in the sentence ``said`` it ("Third
      Separate Assault Brigade" saying "the Ukrainian brigade assures …"), or every
      qualifier, or no word of its own ("Third Separate Assault Brigade" for the Ukrainian
      assault brigade; not "Valery Zaluzhny (army chief)" for "the IAEA chief"), and no other
      owner with an "'s" ("Ukraine's defence ministry").

    The people or country alone ("Russians", "Moscow") is not its ministry, nor the body its
    chief ("IAEA"): a fact-checker would not print the one's words as the other's."""
    name = words_of(claimant.partition(" (")[0])
    if office.name and name and name_in(name[-1], office.name):
        return True
    words = [w for w in words_of(claimant) if w not in _GLUE]
    synonyms = {s for o in office.words for s in (o, *ROLE_SYNONYMS.get(o, ()))}
    if not any(name_in(s, words) for s in synonyms):
        return False
    own = [w for w in words if not name_in(w, (*speaker, *synonyms))]
    qualified = all(name_in(q, words) for q in office.qualifiers)
    context = [*words, *words_of(said)]
    owned = not office.owners or any(name_in(o, context) for o in office.owners)
    owned = owned or (qualified and bool(office.qualifiers)) or not own
    other = [o for o in re.findall(r"([\w.-]+)['’]s\b", claimant) if not name_in(fold(o), speaker)]
    return (qualified or not own) and owned and not other and not _role_of_another(office, claimant)


def _role_of_another(office: Office, claimant: str) -> bool:
    """The claimant's role names an owner, none of them the one asked: "Robby Mook (Clinton
    campaign manager)" is not "Trump's campaign manager"."""
    role = claimant.partition(" (")[2].rstrip(")")
    if not office.owners or not role:
        return False
    named = [fold(w) for w in re.findall(r"\b[A-Z][\w.-]*", role)]
    kept = (*office.owners, *office.qualifiers, *office.words)
    owners = [
        w
        for w in named
        if w not in OFFICE_WORDS and w not in _GLUE and not any(_same_owner(w, k) for k in kept)
    ]
    return bool(owners) and not any(_same_owner(o, n) for o in office.owners for n in named)


def _same_owner(a: str, b: str) -> bool:
    """Two folded words naming one owner: by ``name_in`` ("Izyum", "Izium") or in one
    spelling (``body_key``: "chinese" and "china", "british" and "britain")."""
    return name_in(a, (b,)) or body_key(a) == body_key(b)


def _of(thing: str, names: tuple[str, ...], text: str) -> bool:
    """``text`` names ``thing`` of one of ``names``: "the capital of Australia", "Australia's
    capital", "the Australian capital" — not "capital" and "Australia" apart ("political
    capital invested in Burma's fate"). With no names, ``thing`` anywhere will do."""
    if not names:
        return bool(set(tokens(thing)) & set(tokens(text)))
    folded = " ".join(words_of(text))
    for name in names:
        stem = re.escape(name[:5])
        thing_of = rf"\b{re.escape(thing)}\w*(?: city)? of(?: the)? {stem}"
        if re.search(rf"{thing_of}|\b{stem}\w* {re.escape(thing)}", folded):
            return True
    return False


def by_speaker(asked: Asked, ev: Evidence) -> bool:
    """The sentence is the asked speaker's: their claim, or the article's own words when the
    speaker asked about is its outlet ("what did USA Today's editorial call …")."""
    if ev.attributed:
        return any(_is_speaker(asked, part, ev.quote) for part in ev.claimant.split("; "))
    outlet = words_of(ev.outlet or "")
    return bool(outlet) and all(w in asked.speaker for w in outlet)


def in_own_words(asked: Asked, ev: Evidence) -> int:
    """How many words of the speaker asked about the sentence's first claimant holds, when
    it is that speaker: their own claim ("James Comey (FBI Director)": 2 for "the FBI
    director", "FBI": 1), not a group reporting it ("Judicial Watch; James Comey …": 0)."""
    first = ev.claimant.split("; ")[0]
    if not ev.attributed or not _is_speaker(asked, first, ev.quote):
        return 0
    return sum(name_in(w, words_of(first)) for w in asked.speaker)


def _found_names(asked: Asked, around: set[str], said: str, article: str = "") -> list[str]:
    """The question's names that ``around`` holds; a first name counts as found with the
    surname after it written as a name in ``said`` ("John Stumpf": "Stumpf made $19.3
    million"), never with a common word ("Korean War": "the war"); both words of a
    two-word name count when ``article`` writes the whole name ("Dixville Notch"); the first
    word of a name of two capitalised words alone (``Asked.pairs``) does not count when
    ``said`` writes it as a common word and the second is nowhere ("World Cup")."""
    found = [n for n in asked.names if name_in(n, around)]
    folded = " ".join(words_of(asked.text))
    capitalised = {w.lower() for w in words_of_cased(said) if w[:1].isupper()}
    written = _written(article)
    for first, last in zip(asked.names, asked.names[1:]):
        whole = f"{first} {last}"
        if whole not in folded:
            continue
        if f" {whole} " in written:
            found += [n for n in (first, last) if n not in found]
        elif first not in found and last in capitalised:
            found.append(first)
        elif (first, last) in asked.pairs and first in found and last not in found:
            if not name_in(first, capitalised):  # "World Cup": "the world's polluters"
                found.remove(first)
    return found


def words_of_cased(text: str) -> list[str]:
    """The words of ``text`` as written (``words_of`` without folding case)."""
    return re.findall(r"[^\W\d_][\w'-]*", text)


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
