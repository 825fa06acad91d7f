"""The evaluation suite: metric functions on hand-made answers, suite plumbing, and the
seeds suite as a regression guard against ``eval/thresholds.json``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.models import Answer, Citation
from assistant.settings import Settings
from eval.errors import EvalError, SuiteSkipped
from eval.metrics import (
    aggregate,
    attribution_preservation,
    flatten,
    percentile,
    score_answer,
)
from eval.models import GoldQuestion, SuiteResult
from eval.report import load_baseline, write_report
from eval.suite_ruwa import ruwa_records
from eval.suite_whosaid import pinned_questions, speaker_named, whosaid_questions
from eval.suites import check_thresholds, run_suite

EVIDENCE = "“The bridge was hit twice,” said Ann Smith, the mayor."


def cite(n: int, article: str, quote: str, claimant: str = "the article", outlet=None):
    return Citation(n, article, None, outlet, None, claimant, None, quote, 0, len(quote), 1.0)


def gold(**kw) -> GoldQuestion:
    base = dict(
        id="q1",
        question="Who says the bridge was hit?",
        type="attribution",
        answerable=True,
        gold_articles=["a"],
        gold_evidence=[EVIDENCE],
        gold_claimants=[["Ann Smith", "mayor"]],
        key_facts=[["twice", "two times"]],
    )
    return GoldQuestion(**{**base, **kw})


def test_ranking_follows_citation_numbers_and_folds_quotes_and_whitespace():
    answer = Answer(
        "q",
        "The bridge stands [1]. According to Ann Smith: it was hit twice [2].",
        False,
        "extractive",
        citations=[
            cite(1, "b", "The bridge stands."),
            cite(2, "a", '"The bridge was hit twice,"  said Ann\nSmith, the mayor.', "Ann Smith"),
        ],
    )
    s = score_answer(gold(), answer, 0.1)
    assert (s.hit1_article, s.hit5_article, s.rr_article) == (0.0, 1.0, 0.5)
    assert (s.hit1_sentence, s.hit5_sentence, s.rr_sentence) == (0.0, 1.0, 0.5)
    assert s.precision_article == s.precision_evidence == 0.5
    assert s.recall_evidence == 1.0
    assert s.claimant_accuracy == 1.0
    assert s.fact_recall == 1.0


def test_claimant_accuracy_needs_both_the_answer_text_and_a_citation():
    quote = EVIDENCE
    named_in_text_only = Answer(
        "q", "Ann Smith says so [1].", False, "x", citations=[cite(1, "a", quote)]
    )
    cited_only = Answer(
        "q", "It was hit [1].", False, "x", citations=[cite(1, "a", quote, "Ann Smith")]
    )
    assert score_answer(gold(), named_in_text_only, 0).claimant_accuracy == 0.0
    assert score_answer(gold(), cited_only, 0).claimant_accuracy == 0.0


def test_attribution_preservation_looks_at_the_paragraph_of_each_marker():
    answer = Answer(
        "q",
        "According to Ann Smith: “hit twice” [1]\n\nThe bridge is closed [2] and safe [3].",
        False,
        "x",
        citations=[
            cite(1, "a", "q1", "Mayor Ann Smith"),
            cite(2, "a", "q2", "Bob Jones"),
            cite(3, "a", "q3", "Daily Post", outlet="Daily Post"),  # the outlet's own voice
        ],
    )
    assert attribution_preservation(answer) == 0.5


def test_abstention_counts_and_answer_metrics_skip_unanswerable_questions():
    unanswerable = gold(
        id="q2",
        type="unanswerable",
        answerable=False,
        gold_articles=[],
        gold_evidence=[],
        gold_claimants=[],
        key_facts=[],
    )
    scores = [
        score_answer(gold(), Answer("q", "no idea", True, "x"), 1.0),
        score_answer(unanswerable, Answer("q", "", True, "x"), 2.0),
        score_answer(unanswerable, Answer("q", "made up [1]", False, "x"), 3.0),
    ]
    metrics = aggregate(scores)
    assert metrics["abstention_accuracy"] == {"accuracy": 1 / 3, "precision": 0.5, "recall": 0.5}
    assert metrics["answerable"] == 1 and metrics["hit@1"]["article"] == 0.0
    assert metrics["citation_precision"]["evidence"] is None  # no citations to judge
    assert metrics["latency"] == {"p50": 2.0, "p95": pytest.approx(2.9)}


def test_percentile_interpolates_and_flatten_names_nested_metrics():
    assert percentile([], 50) is None
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert flatten({"hit@1": {"article": 0.5, "sentence": None}, "n": 3}) == {
        "hit@1.article": 0.5,
        "n": 3,
    }


def test_check_thresholds_reports_low_and_missing_metrics(tmp_path):
    table = tmp_path / "t.json"
    table.write_text(json.dumps({"seeds": {"extractive": {"fact_recall": 0.5, "gone": 0.1}}}))
    result = SuiteResult("seeds", {"fact_recall": 0.4})
    failures = check_thresholds(result, "extractive", table)
    assert any("fact_recall: 0.400 is below the minimum 0.5" in f for f in failures)
    assert any(f.startswith("gone: missing") for f in failures)


def test_unknown_suite_lists_the_known_ones(tmp_path):
    with pytest.raises(EvalError, match="unknown suite 'nope'.*seeds.*ruwa-events"):
        run_suite("nope", Settings.load(env={}), tmp_path)


@pytest.mark.parametrize("suite", ["ruwa-events", "polnear-whosaid", "polnear-attribution"])
def test_suite_without_its_data_is_skipped_saying_where_to_put_it(tmp_path, suite):
    settings = Settings.load(env={}, bench_dir=str(tmp_path / "empty"))
    with pytest.raises(SuiteSkipped, match="CLAIMTRACE_BENCH"):
        run_suite(suite, settings, tmp_path / "work")


def test_ruwa_records_keep_titled_items_with_iso_dates_and_unique_ids(tmp_path):
    path = tmp_path / "ruwa.csv"
    path.write_text(
        ",Unnamed: 0,src,desc,title,ref,Date,Site,Event,KW\n"
        "0,7,u1,Many died.,Station hit,[],04/08/2022,bbc.co.uk,railway,[]\n"
        "1,8,u2,,,[],04/09/2022,bbc.co.uk,railway,[]\n"
        "2,7,u3,,Another title?,[],12/31/2022,tass.com,bucha,[]\n",
        encoding="utf-8",
    )
    records = ruwa_records(path)
    assert [r["id"] for r in records] == ["ruwa-7", "ruwa-7-2"]
    assert records[0]["text"] == "Station hit. Many died." and records[0]["date"] == "2022-04-08"
    assert records[1]["text"] == "Another title?" and records[1]["outlet"] == "tass.com"


def _brat(text: str, relations: list[tuple[str, str, str]]) -> str:
    """A brat .ann holding ``(source, cue, content)`` relations found in ``text``."""
    lines = []
    for i, parts in enumerate(relations):
        for j, (role, part) in enumerate(zip(("Source", "Cue", "Content"), parts, strict=True)):
            start = text.index(part)
            lines.append(f"T{3 * i + j + 1}\t{role} {start} {start + len(part)}\t{part}")
        t = 3 * i
        lines.append(
            f"E{i + 1}\tAttribution:T{t + 2} Cue:T{t + 2} Source:T{t + 1} Content:T{t + 3}"
        )
    return "\n".join(lines)


def test_whosaid_questions_keep_named_sources_with_speech_verbs(tmp_path):
    text = (
        "Senator Jane Doe said that the new budget will cut school funding by half. "
        "He said the tax plan would never pass the house this year. "
        "Jane Doe believes the budget will pass the house this week easily."
    )
    relations = [
        ("Senator Jane Doe", "said", "that the new budget will cut school funding by half"),
        ("He", "said", "the tax plan would never pass the house this year"),
        ("Jane Doe", "believes", "the budget will pass the house this week easily"),
    ]
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "nyt_x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "nyt_x_ab12.ann").write_text(_brat(text, relations))
    questions = whosaid_questions(tmp_path, limit=10)
    assert [(q.source, q.article_id) for q in questions] == [("Senator Jane Doe", "nyt_x")]
    assert questions[0].question == "Who said that the new budget will cut school funding by half?"
    assert speaker_named("Senator Jane Doe", "According to Doe, ...")
    assert not speaker_named("Senator Jane Doe", "According to the article")


def test_pinned_whosaid_questions_are_rebuilt_from_the_bench_and_missing_ones_named(tmp_path):
    text = "Senator Jane Doe said that the new budget will cut school funding by half."
    relations = [
        ("Senator Jane Doe", "said", "that the new budget will cut school funding by half")
    ]
    for d in ("text", "attributions"):
        (tmp_path / d).mkdir()
    (tmp_path / "text" / "nyt_x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "nyt_x_ab12.ann").write_text(_brat(text, relations))
    pinned = tmp_path / "pinned.txt"
    pinned.write_text("# a comment\nnyt_x@17\n", encoding="utf-8")
    (q,) = pinned_questions(tmp_path, pinned)
    assert (q.id, q.source, q.cue) == ("nyt_x@17", "Senator Jane Doe", "said")
    assert q.question == "Who said that the new budget will cut school funding by half?"
    pinned.write_text("nyt_x@17\nnyt_x@99\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"pinned.txt: 1 pinned .* nyt_x@99"):
        pinned_questions(tmp_path, pinned)


def test_report_writes_tables_charts_and_the_change_against_a_baseline(tmp_path):
    result = SuiteResult(
        "seeds",
        {"hit@1": {"article": 0.8}, "latency": {"p50": 0.2}},
        {"type": {"factual": {"hit@1": {"article": 0.9}}, "date": {"hit@1": {"article": 0.7}}}},
        [{"id": "q1", "question": "Q?", "score": 0.0, "answer": "A [1]", "claimants": ["X"]}],
    )
    base = tmp_path / "base.json"
    base.write_text(json.dumps({"overall": {"hit@1": {"article": 0.6}, "latency": {"p50": 0.1}}}))
    written = write_report(result, tmp_path / "out", load_baseline(base))
    names = {p.name for p in written}
    assert {"metrics.json", "report.md", "metrics_by_type.png", "change_vs_baseline.png"} <= names
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "| hit@1.article | 0.600 | 0.800 | +0.200 | better |" in report
    assert "| latency.p50 | 0.100 | 0.200 | +0.100 | worse |" in report
    assert "Cited claimants: X" in report
    (tmp_path / "other.json").write_text("[1, 2]")
    with pytest.raises(EvalError, match="no 'overall' metrics"):
        load_baseline(tmp_path / "other.json")


@pytest.mark.slow
def test_seeds_suite_meets_the_thresholds(seed_engine):
    from eval.suite_seeds import evaluate

    result = evaluate(seed_engine)
    assert result.overall["questions"] >= 48
    failures = check_thresholds(result, "extractive")
    assert not failures, "seeds suite regressed: " + "; ".join(failures)


@pytest.mark.slow
def test_eval_command_writes_report_metrics_and_a_chart(tmp_path):
    from claimtrace.cli import cli

    out = tmp_path / "out"
    args = ["--store", str(tmp_path / "work"), "eval", "--suite", "seeds", "--out", str(out)]
    result = CliRunner().invoke(cli, [*args, "--json", "--limit", "6"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["suite"] == "seeds" and metrics["overall"]["questions"] == 6
    assert set(metrics["overall"]["hit@1"]) == {"article", "sentence"}
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# claimtrace eval: seeds")
    assert json.loads((out / "metrics.json").read_text(encoding="utf-8")) == metrics
    assert (out / "metrics_by_type.png").stat().st_size > 5_000
    assert (tmp_path / "work" / "seeds" / "store").is_dir()


def test_eval_runs_the_openai_backend_against_an_endpoint(tmp_path):
    from openai_server import reply, running_server

    from claimtrace.cli import cli

    args = ["--store", str(tmp_path / "work"), "eval", "--suite", "seeds", "--json"]
    with running_server(reply("According to the sources, it happened [1].")) as server:
        options = ["--backend", "openai", "--base-url", server.base_url, "--model", "m"]
        result = CliRunner().invoke(cli, [*args, *options, "--limit", "4"])
        asked = len(server.requests)
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["overall"]["questions"] == 4
    assert asked >= 3  # every answerable question went to the model
    assert metrics["overall"]["hit@1"]["article"] is not None


def test_attribution_scores_are_exact_on_a_hand_made_article():
    from eval.attribution_score import score_predictions
    from eval.polnear import GoldArticle, GoldRelation

    text = "Ann Smith said the bridge fell. Bob Jones denied it."
    span = lambda words: (text.index(words), text.index(words) + len(words))  # noqa: E731
    gold = GoldArticle(
        "hand",
        text,
        {
            "source": [span("Ann Smith"), span("Bob Jones")],
            "cue": [span("said"), span("denied")],
            "content": [span("the bridge fell"), span("it")],
        },
        [
            GoldRelation(span("said"), span("Ann Smith"), span("the bridge fell")),
            GoldRelation(span("denied"), span("Bob Jones"), span("it")),
        ],
    )
    # one right relation with its source cut to "Smith" and its content one word short,
    # and one relation that is not in the gold at all
    predicted = [
        GoldRelation(span("said"), span("Smith"), span("the bridge")),
        GoldRelation(span("fell"), None, span("Bob")),
    ]
    result = score_predictions([gold], [predicted])
    assert result["source"] == {"precision": 1.0, "recall": 0.25, "f1": 0.4}
    assert result["cue"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    # content: gold "the bridge fell." + "it." = 4 tokens; predicted "the", "bridge", "Bob"
    assert result["content"]["precision"] == pytest.approx(2 / 3)
    assert result["content"]["recall"] == pytest.approx(2 / 4)
    assert result["relation"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert result["relation_with_source"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
