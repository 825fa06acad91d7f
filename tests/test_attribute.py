"""Claim attribution on the seed articles and a few PolNeAR articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"

from conftest import BENCH as BENCH_ROOT  # noqa: E402

from eval.attribution_score import score_split  # noqa: E402
from index.attribution import Analysis, Attributor, attribute_file  # noqa: E402
from index.models import KINDS  # noqa: E402
from index.read import read_paths  # noqa: E402

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
BENCH = BENCH_ROOT / "polnear"

EXPECTED_CLAIMANTS = {
    "000_": [
        "RT",
        "Russian Ministry of Defense",
        "Ukrainian emergency services",
        "UN human rights",
    ],
    "001_": ["Konashenkov", "Russian Defence Ministry", "Ukrainian President"],
    "002_": ["Prigozhin", "Third Separate Assault Brigade", "Biletsky"],
    "003_": ["Zelensky", "BBC"],
    "004_": ["Gladkov", "Zelensky"],
}


@pytest.fixture(scope="module")
def attributor() -> Attributor:
    return Attributor()


@pytest.fixture(scope="module")
def analyses(attributor) -> dict[str, tuple[str, Analysis]]:
    """The seed articles read and cleaned as indexing reads them, then analysed."""
    articles, errors = read_paths([ARTICLES])
    assert not errors
    results = attributor.analyse_many([(a.text, a.voice) for a in articles])
    return {Path(a.path).name: (a.text, r) for a, r in zip(articles, results, strict=True)}


def _find(analyses, prefix: str) -> tuple[str, Analysis]:
    return next(v for k, v in analyses.items() if k.startswith(prefix))


@pytest.mark.parametrize("prefix", sorted(EXPECTED_CLAIMANTS))
def test_seed_article_claimants_are_found(analyses, prefix):
    _, analysis = _find(analyses, prefix)
    claimants = " | ".join(a.claimant for a in analysis.attributions).lower()
    for name in EXPECTED_CLAIMANTS[prefix]:
        assert name.lower() in claimants, f"{name!r} not among {claimants!r}"


def test_every_span_reproduces_its_text(analyses):
    for text, analysis in analyses.values():
        for att in analysis.attributions:
            for span in (att.cue, att.content, att.source):
                if span is not None:
                    assert span.text == text[span.start : span.end]
            assert att.kind in KINDS
        for sent in analysis.sentences:
            assert sent.text == text[sent.start : sent.end]
            assert sent.text == sent.text.strip() and sent.claimants


def test_attribute_file_offsets_index_the_files_own_text(attributor):
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found, errors = attribute_file(path, attributor)
        assert not errors and len(found) == 1 and found[0].attributions
        for att in found[0].attributions:
            for span in (att.cue, att.content, att.source):
                if span is not None:
                    assert span.text == text[span.start : span.end]
                    assert span.text.strip()


def test_attribute_file_maps_spans_past_dropped_boilerplate(attributor, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        "Mayor Backs Plan\n\nShare this article\n\n"
        "The mayor said the bridge would reopen in May.\n",
        encoding="utf-8",
    )
    found, _ = attribute_file(path, attributor)
    [att] = found[0].attributions
    text = path.read_text(encoding="utf-8")
    assert att.cue.text == "said" == text[att.cue.start : att.cue.end]
    assert text[att.content.start : att.content.end] == "the bridge would reopen in May"


def test_sentences_cover_all_non_space_text(analyses):
    for text, analysis in analyses.values():
        covered = [False] * len(text)
        previous_end = 0
        for sent in analysis.sentences:
            assert sent.start >= previous_end
            previous_end = sent.end
            covered[sent.start : sent.end] = [True] * (sent.end - sent.start)
        assert all(covered[i] or ch.isspace() for i, ch in enumerate(text))


def test_pronoun_resolves_to_earlier_person(attributor):
    text = "Jane Smith, the mayor, spoke on Monday. She said the bridge would reopen soon."
    claimants = [a.claimant for a in attributor.analyse(text).attributions]
    assert any("Jane Smith" in c for c in claimants), claimants


def test_quote_before_said_is_direct_content(attributor):
    text = "“We will rebuild the port,” said John Carter, the harbour master."
    att = attributor.analyse(text).attributions[0]
    assert att.kind == "direct" and att.content.text.startswith("“We will rebuild")
    assert "John Carter" in att.claimant and att.cue.text == "said"


@pytest.mark.parametrize(
    ("sentence", "source", "claim"),
    [
        ("The economy, Senator Jane Doe said, is weaker than it looks.", "Jane Doe", "weaker"),
        ("That decision, Smith argued, was a mistake that cost the party.", "Smith", "mistake"),
        ("In office, Mr. Obama said, most Americans came to see the threat.", "Obama", "threat"),
    ],
)
def test_a_cue_between_commas_inside_the_claim(attributor, sentence, source, claim):
    (att,) = attributor.analyse(sentence).attributions
    assert att.cue.text.endswith(("said", "argued")) and source in att.claimant
    assert claim in att.content.text and att.content.text.startswith(sentence.split()[0])


def test_a_quotation_going_on_after_the_cue_is_the_same_speakers(attributor):
    text = (
        '"We cannot deny the right," Rep. John Mica said. "If you continue, you destroy it."\n\n'
        '"I do not think so," Chaffetz said. "It is the way we operate," his aide added.'
    )
    analysis = attributor.analyse(text)
    by_sentence = {s.text: s.claimants for s in analysis.sentences}
    assert "John Mica" in by_sentence['"If you continue, you destroy it."'][0]
    assert by_sentence['"It is the way we operate," his aide added.'] == ["his aide"]


def test_according_to_and_headline_lines(attributor):
    text = "Storm Warning Issued\n\nAccording to the weather service, the storm will hit tonight."
    analysis = attributor.analyse(text, voice="Daily Post")
    assert analysis.sentences[0].text == "Storm Warning Issued"
    assert analysis.sentences[0].claimants == ["Daily Post"]
    att = analysis.attributions[0]
    assert att.kind == "according_to" and att.claimant == "weather service"
    assert analysis.sentences[1].claimants == ["weather service"]


def test_the_spokesperson_resolves_to_the_named_person(analyses):
    _, analysis = _find(analyses, "001_")
    explained = [a for a in analysis.attributions if a.cue.text == "explained"]
    assert explained and "Konashenkov" in explained[0].claimant


@pytest.mark.skipif(not (BENCH / "dev").is_dir(), reason=f"no PolNeAR bench at {BENCH}")
def test_scorer_gives_sane_numbers_on_two_dev_articles(attributor):
    result = score_split(BENCH / "dev", attributor, limit=2)
    assert result["articles"] == 2
    for key in ("source", "cue", "content", "relation", "relation_with_source"):
        assert set(result[key]) == {"precision", "recall", "f1"}
        assert 0.0 <= result[key]["f1"] <= 1.0
    assert result["relation"]["f1"] > 0.2 and result["content"]["precision"] > 0.3


@pytest.mark.slow
@pytest.mark.skipif(not (BENCH / "dev").is_dir(), reason=f"no PolNeAR bench at {BENCH}")
def test_polnear_dev_scores_stay_above_the_thresholds(attributor):
    from eval.models import SuiteResult
    from eval.suites import check_thresholds

    result = score_split(BENCH / "dev", attributor)
    roles = {k: v for k, v in result.items() if isinstance(v, dict)}
    assert check_thresholds(SuiteResult("polnear-attribution", roles), "extractive") == []


@pytest.mark.parametrize(
    ("sentence", "cue", "source", "content"),
    [
        ("Smith is confident that the bill will pass.", "is confident", "Smith", "the bill will"),
        ("Republicans were sharply critical of the deal.", "critical of", "Republicans", "deal"),
        ("Trump's claim that Mexico will pay is false.", "claim that", "Trump", "Mexico will pay"),
        ("The plan was criticized by Democrats.", "was criticized", "Democrats", "The plan"),
        ("The mayor told residents at a rally to stay indoors.", "told", "mayor", "stay indoors"),
    ],
)
def test_adjective_noun_and_passive_cues(attributor, sentence, cue, source, content):
    found = attributor.analyse(sentence).attributions
    assert any(
        cue in a.cue.text and a.source and source in a.source.text and content in a.content.text
        for a in found
    ), [(a.cue.text, a.source and a.source.text, a.content.text) for a in found]


def test_claimant_carries_the_office_the_article_gives(analyses):
    claimants = {a.claimant for _, (_, an) in analyses.items() for a in an.attributions}
    assert any("(President of Ukraine)" in c for c in claimants), claimants
    assert any("(governor of the Belgorod region)" in c for c in claimants), claimants
    assert "Igor Konashenkov (Russian Defence Ministry Spokesperson)" in claimants


def test_beliefs_inside_sayings_and_actions_are_not_cues(attributor):
    text = (
        "About half of the voters said they think the economy is improving. "
        "The lead continues to grow. Volunteers turned out to back the mayor."
    )
    cues = [a.cue.text for a in attributor.analyse(text).attributions]
    assert cues == ["said"]


def test_a_date_marker_is_never_a_source(analyses):
    _, analysis = _find(analyses, "000")
    assert all(a.claimant != "date" for a in analysis.attributions)


def test_stray_straight_quote_does_not_hide_a_cue():
    from index.attribution.quotes import quote_regions

    text = 'It was done." The mayor said the plan "works well" today.'
    regions = quote_regions(text)
    assert all(not (q0 < text.index("said") < q1) for q0, q1 in regions)
    assert (text.index('"works'), text.index(" today")) in regions


def test_source_survives_misparsed_subject_and_drops_trailing_clause(attributor):
    text = (
        '"Conservatives have issues with the plan," Viguerie notes.\n\n'
        "Jane Doe, speaking at a rally in Ohio, said the plan would fail."
    )
    sources = {a.cue.text: a.source.text for a in attributor.analyse(text).attributions}
    assert sources.get("notes") == "Viguerie"
    assert sources.get("said") == "Jane Doe"


def test_a_statement_of_someone_is_credited_to_its_owner(attributor):
    text = (
        "The Third Assault Brigade said on Monday that it had retaken the village. "
        "According to the statement of the brigade, five soldiers were captured."
    )
    claims = attributor.analyse(text).attributions
    captured = [a for a in claims if "captured" in a.content.text]
    assert captured and captured[0].claimant == "Third Assault Brigade"
