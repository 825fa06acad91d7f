"""Claim attribution: who (source) says (cue) what (content) in an article.

Flow position: read/clean → **attribute** → chunk → embed. The package:

- ``attributor``: ``Attributor.analyse_many`` — sentences and attributions of articles;
- ``sentences``: the project's one sentence splitter and the cue prefilter;
- ``lexicon``: every word list the rules read (and the reporting verbs others need);
- ``registry``: the rules, one signature each (``rule(ctx) -> list[RawAttribution]``),
  in ``verbs``, ``phrases`` and ``stance``, with ``context``, ``cue_span``,
  ``license`` and ``quotes`` as their shared pieces;
- ``claimants``: source phrases → speakers (``Speaker``: name, role, kind), resolved in
  text order; ``roles`` reads names and roles from a phrase's words, ``speakers`` says
  what kind of speaker a phrase names and gives each its archive id;
- ``whole_article``, ``named_later`` and ``dash``: the passes that need the whole article
  (one label per speaker, names given later, a sentence going on past a dash);
- ``files``: ``attribute_file`` — a file read and cleaned as indexing does, its spans
  mapped back to the file's text;
- ``nlp``: the only module that imports spaCy; ``version``: the analysis version.
"""

from index.attribution.attributor import Analysis, Attributor
from index.attribution.files import FileAttributions, attribute_file
from index.attribution.sentences import split_sentences
from index.attribution.version import attribution_version

__all__ = [
    "Analysis",
    "Attributor",
    "FileAttributions",
    "attribute_file",
    "attribution_version",
    "split_sentences",
]
