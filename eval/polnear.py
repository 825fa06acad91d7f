"""Read the PolNeAR attribution corpus (brat standoff) for measurement.

Layout: ``SPLIT/text/NAME.txt`` and ``SPLIT/attributions/NAME_ANNOTATOR.ann``;
where an article has several annotators the first ``.ann`` by sorted name is
used. PolNeAR is for measurement only: nothing shipped is trained or tuned on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eval.errors import EvalError

__all__ = ["GoldRelation", "GoldArticle", "read_split", "ROLES"]

#: Roles that are scored; brat also holds Attribution and Discard spans.
ROLES = ("source", "cue", "content")


@dataclass
class GoldRelation:
    """One annotated attribution; each role is an outer (start, end) or None."""

    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    content: tuple[int, int] | None


@dataclass
class GoldArticle:
    """An article's text with its gold role spans and relations."""

    name: str
    text: str
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    relations: list[GoldRelation] = field(default_factory=list)


def _outer(offsets: str) -> tuple[int, int]:
    """``"3 7;9 12"`` → ``(3, 12)``: a discontinuous span counts by its outer bounds."""
    pairs = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
    return min(p[0] for p in pairs), max(p[1] for p in pairs)


def read_ann(path: Path, name: str, text: str) -> GoldArticle:
    """Parse one brat ``.ann`` file into a ``GoldArticle``."""
    article = GoldArticle(name, text, {role: [] for role in ROLES})
    bounds: dict[str, tuple[str, tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            role, _, offsets = parts[1].partition(" ")
            span = _outer(offsets)
            bounds[parts[0]] = (role.lower(), span)
            if role.lower() in ROLES:
                article.spans[role.lower()].append(span)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    for event in events:
        roles = {bounds[t][0]: bounds[t][1] for t in event.values() if t in bounds}
        article.relations.append(
            GoldRelation(roles.get("cue"), roles.get("source"), roles.get("content"))
        )
    return article


def read_split(
    split_dir: str | Path, limit: int | None = None, names: set[str] | None = None
) -> list[GoldArticle]:
    """The annotated articles of a split directory (only ``names`` if given), sorted by name."""
    split_dir = Path(split_dir)
    ann_dir, text_dir = split_dir / "attributions", split_dir / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise EvalError(f"no PolNeAR split at {split_dir} (expected text/ and attributions/)")
    first: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        first.setdefault(name, ann)
    articles = []
    for name in sorted(first if names is None else set(first) & names)[:limit]:
        text_path = text_dir / f"{name}.txt"
        if text_path.exists():
            text = text_path.read_text(encoding="utf-8")
            articles.append(read_ann(first[name], name, text))
    return articles
