"""The ``archive`` suite: its gold set is well formed and names real PolNeAR articles, its
lead and score fields on hand-made answers, and a run end to end on a few of its questions."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from assistant.models import Answer, Citation
from eval.metrics import norm
from eval.suite_archive import ANSWERABLE, GOLD, KINDS, corpus, lead_of, score_extra
from eval.suite_seeds import load_gold
from tests.conftest import BENCH

POLNEAR = BENCH / "polnear"
needs_polnear = pytest.mark.skipif(
    not (POLNEAR / "dev" / "text").is_dir(), reason=f"PolNeAR not at {POLNEAR}"
)


def answer(text: str, coverage: str = "answered", articles=("a",), **extra) -> Answer:
    cites = [
        Citation(n, a, None, None, None, "the article", None, "q", 0, 1, 1.0)
        for n, a in enumerate(articles, 1)
    ]
    made = Answer("q?", text, coverage == "none", "extractive", [], cites, coverage)
    for name, value in extra.items():
        setattr(made, name, value)
    return made


def test_gold_set_has_eighty_questions_forty_unanswerable_and_five_of_each_kind():
    gold = load_gold(GOLD)
    assert len(gold) >= 80
    assert len({g.id for g in gold}) == len(gold)
    assert len({norm(g.question) for g in gold}) == len(gold)
    unanswerable = [g for g in gold if not g.answerable]
    assert len(unanswerable) >= 40 and len(gold) - len(unanswerable) >= 40
    kinds = Counter(g.type for g in unanswerable)
    assert set(kinds) == set(KINDS) and min(kinds.values()) >= 5, kinds
    for g in gold:
        if g.answerable:
            assert g.type in ANSWERABLE, g.id
            assert g.gold_articles and 1 <= len(g.key_facts) <= 3, g.id
            assert all(isinstance(v, str) and v for f in g.key_facts for v in f), g.id
        else:
            assert not (g.gold_articles or g.key_facts or g.gold_claimants), g.id
        assert not g.gold_evidence, f"{g.id}: no article text is kept in this repository"


def test_gold_lines_hold_only_the_gold_question_fields():
    fields = {"id", "question", "type", "answerable", "gold_articles"}
    fields |= {"gold_evidence", "gold_claimants", "key_facts"}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) == fields


@needs_polnear
def test_gold_articles_are_in_the_archive_and_hold_their_key_facts():
    texts = {p.stem: p for p in corpus(POLNEAR)}
    assert len(texts) >= 400
    for g in load_gold(GOLD):
        for article in g.gold_articles:
            assert article in texts, f"{g.id}: {article} is not in the suite's archive"
            text = norm(texts[article].read_text(encoding="utf-8"))
            for fact in g.key_facts:
                assert any(norm(v) in text for v in fact), f"{g.id}: {fact} not in {article}"


def test_lead_is_the_text_before_the_first_marker_unless_the_answer_gives_one():
    assert lead_of(answer("59 people were killed, officials said [1]. More [2].")) == (
        "59 people were killed, officials said "
    )
    assert lead_of(answer("No marker here.")) == "No marker here."
    assert lead_of(answer("Other [1, 2] text", lead="The lead.")) == "The lead."


def test_score_extra_marks_a_lead_holding_every_key_fact_and_the_cited_articles():
    from tests.test_eval import gold

    asked = gold(key_facts=[["twice"]], gold_articles=["a", "b"])
    row = score_extra(asked, answer("The bridge  was hit TWICE [1]. [2]", articles=["a", "c"]))
    assert row["lead_hit"] and row["article_recall"] == 0.5 and not row["wrongly_not_stated"]
    row = score_extra(asked, answer("Not stated; closest: hit twice [1].", "not_stated"))
    assert not row["lead_hit"] and row["wrongly_not_stated"]
    unanswerable = gold(answerable=False, type="general", gold_articles=[], key_facts=[])
    assert score_extra(unanswerable, answer("No.", "none"))["not_stated_or_declined"]
    assert not score_extra(unanswerable, answer("Yes [1]."))["not_stated_or_declined"]


@pytest.mark.slow
@needs_polnear
def test_archive_suite_runs_end_to_end_on_its_first_questions(tmp_path):
    from claimtrace.cli import cli

    args = ["--store", str(tmp_path / "work"), "eval", "--suite", "archive"]
    args += ["--limit", "4", "--json", "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args, env={"CLAIMTRACE_BENCH": str(BENCH)})
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    overall = metrics["overall"]
    assert overall["questions"] == 4 and overall["answerable"] == 2
    assert metrics["info"]["articles"] == 1
    assert set(overall["not_stated_recall_by_kind"]) == {"general"}
    for key in ("not_stated_recall", "wrongly_not_stated", "lead_rate", "citation_article"):
        assert key in overall
    assert {"lead", "gold_articles"} <= set(metrics["questions"][0])
    assert set(metrics["breakdown"]["answer_type"]) == {"number", "place"}
    assert (tmp_path / "out" / "metrics.json").is_file()
