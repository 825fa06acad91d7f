"""One Engine shared by many threads: each question's backend, model and filters are its own."""

from __future__ import annotations

import threading

import pytest
from click.testing import CliRunner
from openai_server import Reply, running_server

from assistant.backends import BackendChoice
from assistant.errors import ConfigError
from assistant.retrieve import Filters
from assistant.settings import Settings
from claimtrace.cli import cli

QUESTION = "What did Prigozhin accuse the Ukrainian brigade of?"
CASES = [
    ("extractive", None, Filters(since="2023-01-01")),
    ("extractive", None, Filters(until="2022-03-31")),
    ("extractive", None, Filters(outlet="Press TV")),
    ("extractive", None, Filters(claimant="Prigozhin")),
    ("openai", "model-a", Filters(since="2023-01-01")),
    ("openai", "model-b", Filters(until="2022-09-30")),
    ("openai", "model-c", Filters(outlet="Press TV")),
    ("openai", "model-d", Filters()),
]


def _obeys(citation, filters: Filters) -> bool:
    if filters.since and not (citation.date and citation.date >= filters.since):
        return False
    if filters.until and not (citation.date and citation.date <= filters.until):
        return False
    if filters.outlet and citation.outlet != filters.outlet:
        return False
    return not filters.claimant or filters.claimant in citation.claimant


def test_eight_threads_ask_one_engine_each_with_its_own_backend_and_filters(seed_engine):
    def responder(body: dict) -> Reply:
        return Reply(text=f"Answered by {body['model']} [1].")

    engine = seed_engine
    engine.retriever()  # loaded once, before the threads start
    results: dict[int, object] = {}
    start = threading.Barrier(len(CASES))

    with running_server(responder=responder) as server:

        def ask(i: int, backend: str, model: str | None, filters: Filters) -> None:
            start.wait()
            choice = BackendChoice(backend, server.base_url, model)
            results[i] = engine.ask(QUESTION, filters, choice=choice)

        threads = [threading.Thread(target=ask, args=(i, *case)) for i, case in enumerate(CASES)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        models = sorted(r["model"] for r in server.requests)

    assert len(results) == len(CASES)
    assert models == ["model-a", "model-b", "model-c", "model-d"]
    for i, (backend, model, filters) in enumerate(CASES):
        answer = results[i]
        assert answer.backend == backend, (i, answer.warnings)
        assert answer.citations, (i, answer.answer)
        assert all(_obeys(c, filters) for c in answer.citations), (i, filters, answer.citations)
        if model:
            assert f"Answered by {model}" in answer.answer
    assert engine.settings.backend == "extractive"  # nothing a question chose stuck to the Engine


def test_engine_settings_cannot_be_reassigned(seed_engine):
    with pytest.raises(AttributeError):
        seed_engine.settings = Settings.load(env={}, backend="openai")


def test_settings_precedence_option_over_environment_over_default():
    env = {
        "CLAIMTRACE_BACKEND": "openai",
        "CLAIMTRACE_TOP_K": "3",
        "OPENAI_BASE_URL": "http://x/v1",
    }
    assert Settings.load(env={}).backend == "extractive"
    assert Settings.load(env=env).backend == "openai"
    assert Settings.load(env=env, backend="extractive").backend == "extractive"
    assert Settings.load(env=env).top_k == 3 and Settings.load(env=env, top_k=5).top_k == 5
    assert Settings.load(env=env).base_url == "http://x/v1"
    both = {**env, "CLAIMTRACE_BASE_URL": "http://mine/v1"}
    assert Settings.load(env=both).base_url == "http://mine/v1"
    assert Settings.load(env={"CLAIMTRACE_DEBUG": "yes"}).debug is True


@pytest.mark.parametrize(
    "env, named",
    [
        ({"CLAIMTRACE_TOP_K": "many"}, "CLAIMTRACE_TOP_K"),
        ({"CLAIMTRACE_TIMEOUT": "soon"}, "CLAIMTRACE_TIMEOUT"),
        ({"CLAIMTRACE_TIMEOUT": "-1"}, "timeout"),
        ({"CLAIMTRACE_BACKEND": "gpt"}, "extractive or openai"),
        ({"CLAIMTRACE_DEBUG": "maybe"}, "CLAIMTRACE_DEBUG"),
    ],
)
def test_bad_environment_values_are_named(env, named):
    with pytest.raises(ConfigError, match=named):
        Settings.load(env=env)


def test_bad_environment_value_is_a_usage_error_on_the_command_line(tmp_path):
    result = CliRunner().invoke(
        cli, ["--store", str(tmp_path), "index", "stats"], env={"CLAIMTRACE_TOP_K": "many"}
    )
    assert result.exit_code == 2 and "CLAIMTRACE_TOP_K" in result.output


def test_unknown_article_is_its_own_error_naming_the_id(seed_engine):
    result = CliRunner().invoke(cli, ["--store", str(seed_engine.store.root), "index", "show", "x"])
    assert result.exit_code == 1
    assert "no article 'x'" in result.output and "claimtrace index list" in result.output
    assert "Traceback" not in result.output


def test_a_bug_is_reported_as_a_bug_and_debug_shows_the_traceback(seed_engine, monkeypatch):
    """An unexpected exception is not dressed up as bad input."""
    from assistant import engine as engine_module

    def broken(self):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(engine_module.Engine, "stats", broken)
    args = ["--store", str(seed_engine.store.root), "index", "stats"]
    result = CliRunner().invoke(cli, args, env={"CLAIMTRACE_DEBUG": ""})
    assert result.exit_code == 70
    assert "bug in claimtrace" in result.output and "CLAIMTRACE_DEBUG=1" in result.output
    result = CliRunner().invoke(cli, args, env={"CLAIMTRACE_DEBUG": "1"})
    assert isinstance(result.exception, ZeroDivisionError)
