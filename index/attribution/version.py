"""The version of the attribution analysis: a hash of this package's code and of the model.

``index.pipeline.analysis_version`` folds it in, so that stored analyses are
rebuilt whenever any module of ``index.attribution`` (a new one included), the
spaCy model or spaCy itself changes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from index.attribution.nlp import DEFAULT_MODEL, model_version, spacy_version

__all__ = ["attribution_version"]


def attribution_version(model: str = DEFAULT_MODEL) -> str:
    """sha256 over every file of the package (path and bytes), the model's name and version,
    and spaCy's version."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted(p for p in here.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(here).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(model_version(model).encode())
    digest.update(spacy_version().encode())
    return digest.hexdigest()
