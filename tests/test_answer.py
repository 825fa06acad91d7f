"""Answering over the seed index: citations, claimants, abstention, filters, backends."""

from __future__ import annotations

import json
import re
import socket
import time

from click.testing import CliRunner
from openai_server import error, reply, running_server

from assistant.models import Turn
from assistant.plaintext import render_sources
from assistant.retrieve import Filters
from assistant.retry import call_bound
from assistant.text import in_quotes
from claimtrace.cli import cli

PRIGOZHIN = "What did Prigozhin accuse the 72nd brigade of?"
IZIUM = "Why did Russian troops leave Izium and Balakliia?"
KHARKIV = ("001_8bebd092758b32d5", "004_c5341ec74962319e")


def assert_well_cited(engine, answer):
    """Every [n] has a citation, and every quote is verbatim from the indexed text."""
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == {c.n for c in answer.citations}
    items = engine.store.current().articles_for([c.article_id for c in answer.citations])
    for c in answer.citations:
        assert items[c.article_id].article.text[c.start : c.end] == c.quote


def test_prigozhin_question_cites_bakhmut_first_with_prigozhin(seed_engine):
    answer = seed_engine.ask(PRIGOZHIN)
    assert not answer.abstained
    first = answer.citations[0]
    assert first.article_id.startswith("002_")
    assert "Prigozhin" in first.claimant
    assert_well_cited(seed_engine, answer)


def test_izium_question_cites_both_kharkiv_articles_and_the_ministry(seed_engine):
    answer = seed_engine.ask(IZIUM)
    cited = {c.article_id for c in answer.citations}
    assert set(KHARKIV) <= cited
    regroup = [c for c in answer.citations if re.search(r"regroup|reorganiz|redeploy", c.quote)]
    assert any(
        re.search(r"Defen[cs]e Ministry|Ministry of Defen[cs]e", c.claimant) for c in regroup
    )
    assert_well_cited(seed_engine, answer)


def test_attributed_claims_are_never_stated_as_fact(seed_engine):
    answer = seed_engine.ask(IZIUM)
    for paragraph in answer.answer.split("\n\n"):
        for n in re.findall(r"\[(\d+)\]", paragraph):
            c = answer.citations[int(n) - 1]
            if c.claimant not in ("the article", c.outlet):
                assert c.claimant in paragraph


def test_off_topic_question_abstains(seed_engine):
    answer = seed_engine.ask("What is the capital of Australia?")
    assert answer.abstained and not answer.citations
    assert "do not say" in answer.answer


def test_filters_narrow_the_sources(seed_engine):
    press_tv = seed_engine.ask(IZIUM, Filters(outlet="Press TV"))
    assert {c.article_id for c in press_tv.citations} == {KHARKIV[1]}
    recent = seed_engine.ask("What happened to the Russian brigade?", Filters(since="2023-01-01"))
    assert {c.article_id[:3] for c in recent.citations} == {"002"}
    by_speaker = seed_engine.ask("What losses were reported?", Filters(claimant="Prigozhin"))
    assert by_speaker.citations
    assert all("Prigozhin" in c.claimant for c in by_speaker.citations)


def test_follow_up_carries_the_previous_question(seed_engine):
    first = seed_engine.ask(IZIUM)
    history = [Turn(IZIUM, first.answer)]
    follow = seed_engine.ask("And what did Ukraine's president claim?", history=history)
    assert not follow.abstained
    assert any(re.search(r"Ukrain|Zelensk", c.claimant) for c in follow.citations)


def test_ask_json_contract(seed_engine):
    result = CliRunner().invoke(
        cli, ["--store", str(seed_engine.store.root), "ask", PRIGOZHIN, "--json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == {
        "question",
        "answer",
        "abstained",
        "backend",
        "warnings",
        "citations",
        "coverage",
        "lead",
    }
    assert out["lead"] and out["answer"].startswith(out["lead"])
    assert out["backend"] == "extractive"
    keys = {"n", "article_id", "title", "outlet", "date", "claimant", "cue", "quote"}
    assert keys | {"start", "end", "score", "also_in", "label"} <= set(out["citations"][0])


def test_an_untitled_article_is_named_by_what_it_gives_never_by_its_id(seed_engine):
    answer = seed_engine.ask(PRIGOZHIN)
    bakhmut = [c for c in answer.citations if c.article_id.startswith("002_")]
    assert bakhmut and bakhmut[0].label == "La Razón (credited), 2023-05-11"
    assert "La Razón (credited), 2023-05-11" in answer.answer
    assert "article 002_" not in answer.answer
    sources = render_sources(answer)
    assert "La Razón (credited), 2023-05-11 (002_" in sources
    rt = seed_engine.ask("What kind of helicopter did RT show destroying armoured vehicles?")
    footage = [c for c in rt.citations if c.article_id.startswith("000_")]
    assert footage and footage[0].label.startswith("“Amid the ongoing Russian invasion")
    assert footage[0].label.endswith("…”, 2022-03-06")


def test_ask_batch_answers_every_line_with_its_id(seed_engine, tmp_path):
    batch = tmp_path / "q.jsonl"
    lines = [{"id": "a", "question": PRIGOZHIN, "type": "x"}, {"id": "b", "question": IZIUM}]
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    store = str(seed_engine.store.root)
    result = CliRunner().invoke(cli, ["--store", store, "ask", "--batch", str(batch), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert all(r["citations"] for r in rows)


def test_openai_backend_answers_through_a_real_http_server(seed_engine, engine_factory):
    text = "According to Prigozhin, the brigade fled [1]. Something invented [7]."
    with running_server(reply(text)) as server:
        engine = engine_factory(
            seed_engine.store.root, backend="openai", base_url=server.base_url, model="m"
        )
        answer = engine.ask(PRIGOZHIN)
        sent = json.dumps(server.requests[-1])
    assert answer.backend == "openai"
    assert "[7]" not in answer.answer and [c.n for c in answer.citations] == [1]
    assert "<<<SOURCES" in sent and "[1]" in sent
    assert "Lead with the answer" in sent  # the prompt asks for the extractive answer's shape
    assert answer.lead == "According to Prigozhin, the brigade fled [1]."
    assert_well_cited(engine, answer)


def test_openai_streaming_yields_text_then_the_answer(seed_engine, engine_factory):
    with running_server(reply("Prigozhin accused the brigade of fleeing [1].")) as server:
        engine = engine_factory(
            seed_engine.store.root, backend="openai", base_url=server.base_url, model="m"
        )
        parts = list(engine.ask_stream(PRIGOZHIN))
    assert len(parts) > 2 and all(isinstance(p, str) for p in parts[:-1])
    assert parts[-1].citations and parts[-1].answer.endswith("[1].")


def test_server_error_falls_back_to_the_extractive_answer(seed_engine, engine_factory):
    with running_server(error(500)) as server:
        engine = engine_factory(
            seed_engine.store.root, backend="openai", base_url=server.base_url, model="m"
        )
        answer = engine.ask(PRIGOZHIN)
    assert answer.citations and answer.backend == "extractive"
    assert any("extractive answer instead" in w for w in answer.warnings)
    assert answer.lead and answer.answer.startswith(answer.lead)  # the fallback leads too


def test_dead_endpoint_falls_back_within_the_timeout(seed_engine, engine_factory):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine = engine_factory(
        seed_engine.store.root,
        backend="openai",
        base_url=f"http://127.0.0.1:{port}/v1",
        model="m",
        timeout=2,
        max_retries=1,
    )
    started = time.monotonic()
    answer = engine.ask(PRIGOZHIN)
    elapsed = time.monotonic() - started
    assert answer.citations and any("could not connect" in w for w in answer.warnings)
    # the stated bound (two tries of at most 2 s, one back-off) plus retrieval on a loaded machine
    assert elapsed < call_bound(2, 1) + 10, f"the fallback took {elapsed:.1f} s"


def test_cli_streams_an_openai_answer_and_lists_its_sources(seed_engine):
    store = str(seed_engine.store.root)
    with running_server(reply("Prigozhin accused the brigade of fleeing [1]. Made up [4].")) as srv:
        args = ["--store", store, "ask", PRIGOZHIN, "--backend", "openai"]
        result = CliRunner().invoke(cli, [*args, "--base-url", srv.base_url, "--model", "m"])
    assert result.exit_code == 0, result.output
    assert "checked answer:\nPrigozhin accused the brigade of fleeing [1]." in result.stdout
    assert "[1] " in result.stdout and "claimant:" in result.stdout


def test_terminal_chat_answers_a_follow_up(seed_engine):
    store = str(seed_engine.store.root)
    talk = f"{IZIUM}\nAnd what did Ukraine's president claim?\n\n"
    result = CliRunner().invoke(cli, ["--store", store, "chat", "--terminal"], input=talk)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("claimant:") >= 2
    assert re.search(r"claimant: [^\n]*(Ukrain|Zelensk)", result.stdout)


def test_openai_follow_up_is_condensed_before_retrieval(seed_engine, engine_factory):
    standalone = "What did Ukraine's president claim about Kharkiv?"
    answer_text = "According to the Ukrainian President, Russian forces were fleeing [1]."
    with running_server(reply(standalone), reply(answer_text)) as server:
        engine = engine_factory(
            seed_engine.store.root, backend="openai", base_url=server.base_url, model="m"
        )
        history = [Turn(IZIUM, "According to the Russian Defence Ministry, … [1]")]
        answer = engine.ask("And what did Ukraine say?", history=history)
        condense, final = (json.dumps(r) for r in server.requests)
    assert "And what did Ukraine say?" in condense and IZIUM in condense
    assert "Ukrainian President" in final or "Zelensky" in final  # retrieved by the rewrite
    assert "And what did Ukraine say?" in final  # the model answers the user's own words
    assert answer.backend == "openai" and answer.citations


def test_a_filter_no_article_passes_is_explained(seed_engine):
    answer = seed_engine.ask(IZIUM, Filters(outlet="Fox News"))
    assert answer.abstained
    assert any("outlet 'Fox News'" in w and "Press TV" in w for w in answer.warnings)


def test_a_quoted_sentence_keeps_its_own_marks_balanced():
    assert in_quotes("The bridge was hit.") == "“The bridge was hit.”"
    assert in_quotes("“The teams are being reorganised.") == "“The teams are being reorganised.”"
    assert in_quotes("“Units are moving,” he said.") == "“Units are moving,” he said."
    assert in_quotes('"Units are moving," he said.') == '"Units are moving," he said.'
    assert in_quotes('"Units are moving.') == '"Units are moving."'
