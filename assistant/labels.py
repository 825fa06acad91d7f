"""How a source is named to a reader: what the article gives, never a bare id.

One function, ``article_label``, names an article from its provenance: its outlet, else
its title, else the outlet it credits ("With information from La Razón"), else its first
words; then its date when it has one. Evidence selection stores the label on each
``Evidence`` (and so each ``Citation``) as ``label``; the extractive answer, the terminal's
sources and the page all show that field, so an article is named the same way everywhere.
"""

from __future__ import annotations

from index.attribution.lexicon import GROUP_PRONOUNS, PERSON_PRONOUNS
from index.names import speaker_parts

__all__ = ["article_label", "source_name", "copy_name", "claimant_name", "UNNAMED"]

#: How a claimant the article leaves as a bare pronoun ("he says …") is named to a reader.
UNNAMED = "an unnamed speaker"
_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | {"you"}

#: Words of a title or an opening kept in a label before "…".
LABEL_WORDS = 9


def source_name(title: str | None, outlet: str | None, credit: str | None, text: str = "") -> str:
    """The article's name: its outlet, “its title”, its credit, or “its first words”."""
    if outlet:
        return outlet
    if title:
        return f"“{_short(title)}”"
    if credit:
        return f"{credit} (credited)"
    opening = " ".join(text.split()[: LABEL_WORDS + 1])
    return f"“{_short(opening)}”" if opening else "an untitled article"


def article_label(
    title: str | None,
    outlet: str | None,
    credit: str | None,
    date: str | None,
    text: str = "",
) -> str:
    """``source_name`` and the date: "Press TV, 2022-09-11", "La Razón (credited), 2023-05-11",
    "“Amid the ongoing Russian invasion of Ukraine, Moscow-run state…”, 2022-03-06"."""
    name = source_name(title, outlet, credit, text)
    return f"{name}, {date}" if date else name


def copy_name(title: str | None, outlet: str | None, credit: str | None, text: str = "") -> str:
    """Another article printing the same sentence, by its title and outlet: "“Kremlin denies
    it…” (The Guardian)"; ``source_name`` when it lacks either."""
    if title and outlet:
        return f"“{_short(title)}” ({outlet})"
    return source_name(title, outlet, credit, text)


def _short(words: str, keep: int = LABEL_WORDS) -> str:
    parts = words.split()
    return words.strip() if len(parts) <= keep else " ".join(parts[:keep]).rstrip(",;:") + "…"


def claimant_name(claimant: str) -> str:
    """A claimant as a reader is shown it: a bare pronoun ("he", "They", "I (minister)") is
    ``UNNAMED`` (with its role), never "According to he"; any other claimant as it stands
    ("US" is a country, not "us")."""
    name, *role = speaker_parts(claimant)
    word = name.strip()
    if word.lower() not in _PRONOUNS or (len(word) > 1 and word.isupper()):
        return claimant
    return f"{UNNAMED} ({role[0]})" if role else UNNAMED
