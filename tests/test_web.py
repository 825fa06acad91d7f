"""The web app served for real: uvicorn on a loopback port, the official openai client.

The page at ``/`` and the API at ``/v1/`` in one process over one Engine; uploads through
the page's own handler; 8 conversations at once; auth; and escaping of article text.
"""

from __future__ import annotations

import json
import threading
from html import unescape
from pathlib import Path

import httpx
import openai
import pytest
from click.testing import CliRunner
from web_server import copy_engine, running_app

from assistant.engine import _shared_embedder
from assistant.errors import ConfigError
from assistant.models import Answer, Citation
from assistant.plaintext import render_sources
from assistant.retrieve import Filters
from assistant.web.app import check_serving, create_app
from assistant.web.facets import facets
from assistant.web.protocol import RequestError, parse_request
from assistant.web.render import answer_html, escape, source_of, sources_html
from assistant.web.session import PageTurn, ask_on_page, form_options
from assistant.web.uploads import add_uploads, safe_name
from claimtrace.cli import cli

HOSTILE = Path(__file__).parent / "fixtures" / "hostile_bridge.txt"
IZIUM = "Why did Russian troops leave Izium and Balakliia?"
PRIGOZHIN = "What did Prigozhin accuse the Ukrainian brigade of?"


@pytest.fixture(scope="module")
def web_engine(seed_engine, engine_factory, tmp_path_factory):
    """A writable Engine on a copy of the seed index."""
    return copy_engine(seed_engine, tmp_path_factory.mktemp("web") / "store", engine_factory)


@pytest.fixture(scope="module")
def served(web_engine):
    app = create_app(web_engine)
    with running_app(app) as base:
        yield base, app


def _client(base: str, key: str = "unused") -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base}/v1", api_key=key, max_retries=0)


def test_the_page_is_served_at_root_and_the_api_beside_it(served):
    base, _ = served
    page = httpx.get(f"{base}/", timeout=30)
    assert page.status_code == 200
    assert "claimtrace" in page.text
    assert [m.id for m in _client(base).models.list().data] == ["claimtrace"]


def test_openai_client_gets_a_cited_answer_with_structured_citations(served):
    base, _ = served
    reply = _client(base).chat.completions.create(
        model="claimtrace", messages=[{"role": "user", "content": IZIUM}]
    )
    content = reply.choices[0].message.content
    citations = reply.model_extra["citations"]
    assert "[1]" in content and "Izium" in content
    first = citations[0]
    assert set(first) == set(Citation.__dataclass_fields__)
    assert first["n"] == 1 and first["claimant"] and first["quote"] in content
    assert reply.choices[0].finish_reason == "stop"


def test_openai_client_streams_and_the_final_chunk_carries_the_citations(served):
    base, _ = served
    stream = _client(base).chat.completions.create(
        model="claimtrace", messages=[{"role": "user", "content": PRIGOZHIN}], stream=True
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    final = chunks[-1]
    assert final.choices[0].finish_reason == "stop"
    assert final.model_extra["citations"][0]["claimant"]
    assert all(c.choices[0].finish_reason is None for c in chunks[:-1])
    assert "[1]" in text and "Prigozhin" in text


def test_every_stream_frame_has_choices_and_the_stream_ends_with_done(served):
    base, _ = served
    body = {"model": "claimtrace", "stream": True, "messages": [{"role": "user", "content": IZIUM}]}
    with httpx.stream("POST", f"{base}/v1/chat/completions", json=body, timeout=60) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        frames = [line[6:] for line in r.iter_lines() if line.startswith("data: ")]
    assert frames[-1] == "[DONE]"
    assert all(json.loads(f)["choices"] for f in frames[:-1])


def test_filters_and_backend_are_extra_fields_of_a_request(served):
    base, _ = served
    reply = _client(base).chat.completions.create(
        model="claimtrace",
        messages=[{"role": "user", "content": PRIGOZHIN}],
        extra_body={"filters": {"since": "2023-01-01"}, "backend": "extractive"},
    )
    citations = reply.model_extra["citations"]
    assert citations and all(c["date"] >= "2023-01-01" for c in citations)


def test_a_bad_request_gets_a_message_saying_what_to_fix(served):
    base, _ = served
    with pytest.raises(openai.BadRequestError, match="the one model here is 'claimtrace'"):
        _client(base).chat.completions.create(
            model="gpt-4", messages=[{"role": "user", "content": IZIUM}]
        )
    with pytest.raises(RequestError, match="unknown backend"):
        parse_request({"messages": [{"role": "user", "content": "x"}], "backend": "gpt"})


def test_a_malformed_filter_is_a_400_naming_the_field_and_the_form(served):
    base, _ = served
    with pytest.raises(openai.BadRequestError, match=r"'filters\.since' is \"yesterday\""):
        _client(base).chat.completions.create(
            model="claimtrace",
            messages=[{"role": "user", "content": IZIUM}],
            extra_body={"filters": {"since": "yesterday"}},
        )
    ask = {"messages": [{"role": "user", "content": IZIUM}]}
    with pytest.raises(RequestError, match="'filters.until' .* YYYY-MM-DD"):
        parse_request({**ask, "filters": {"until": "2022-13-45"}})
    with pytest.raises(RequestError, match="'filters.claimant' is \\[\"Peskov\"\\]; .* string"):
        parse_request({**ask, "filters": {"claimant": ["Peskov"]}})
    with pytest.raises(RequestError, match="'filters.outlet' is 3"):
        parse_request({**ask, "filters": {"outlet": 3}})
    given = {"since": " 2022-09-01 ", "until": "", "claimant": "Peskov"}
    assert parse_request({**ask, "filters": given}).filters == Filters(
        since="2022-09-01", claimant="Peskov"
    )


def test_the_apis_warnings_name_its_own_fields_not_cli_flags(served):
    base, _ = served
    reply = _client(base).chat.completions.create(
        model="claimtrace",
        messages=[{"role": "user", "content": PRIGOZHIN}],
        extra_body={"filters": {"claimant": "Nobodyson", "since": "2022-01-01"}},
    )
    (warning,) = reply.model_extra["warnings"]
    assert "since '2022-01-01', claimant 'Nobodyson'" in warning
    assert "--" not in warning and "claimtrace" not in warning


def test_earlier_messages_are_the_conversation_history():
    req = parse_request(
        {
            "model": "claimtrace",
            "messages": [
                {"role": "system", "content": "be brief"},
                {"role": "user", "content": IZIUM},
                {"role": "assistant", "content": "They regrouped [1]."},
                {"role": "user", "content": [{"type": "text", "text": "And Ukraine?"}]},
            ],
        }
    )
    assert req.question == "And Ukraine?"
    assert [(t.question, t.answer) for t in req.history] == [(IZIUM, "They regrouped [1].")]


def test_the_api_answers_401_without_the_key_when_auth_is_on(web_engine):
    serving, _ = check_serving("127.0.0.1", 0, "ann:s3cret", False, None)
    with running_app(create_app(web_engine, serving)) as base:
        with pytest.raises(openai.AuthenticationError, match="API key"):
            _client(base, "wrong").models.list()
        assert httpx.post(f"{base}/v1/chat/completions", json={}).status_code == 401
        assert httpx.get(f"{base}/config").status_code == 401  # the page wants its login
        ok = _client(base, "s3cret").chat.completions.create(
            model="claimtrace", messages=[{"role": "user", "content": IZIUM}]
        )
        assert ok.model_extra["citations"]


def test_an_uploaded_article_is_answered_from_without_a_restart(served, web_engine, tmp_path):
    from gradio_client import Client, handle_file

    base, _ = served
    ferry = tmp_path / "harbour_ferry.txt"
    ferry.write_text("The harbour master said the Springfield ferry will run again on Monday.\n")
    page = Client(f"{base}/", verbose=False, analytics_enabled=False, download_files=False)
    report, *_ = page.predict(
        files=[handle_file(str(HOSTILE)), handle_file(str(ferry))],
        folder="",
        outlet_given="Springfield Gazette",
        api_name="/add_articles",
    )
    report = unescape(report)
    assert "added 2," in report and "hostile_bridge" in report
    assert len(web_engine.articles()) == 7  # added beside the seed articles, none removed
    outlets = {a.article_id: a.outlet for a in web_engine.articles()}
    assert outlets["harbour_ferry"] == "Springfield Gazette"  # "outlet for these files"
    assert outlets["hostile_bridge"] == "Springfield Courier"  # the file's own outlet wins
    assert not list(Path(web_engine.settings.uploads_dir).glob("*[!A-Za-z0-9_.-]*"))
    reply = _client(base).chat.completions.create(
        model="claimtrace",
        messages=[{"role": "user", "content": "When will the Harbour Bridge in Springfield open?"}],
    )
    assert reply.model_extra["citations"][0]["article_id"] == "hostile_bridge"


def test_eight_conversations_at_once_all_answered_by_one_engine(served, web_engine):
    base, app = served
    before = web_engine.retriever()
    models = _shared_embedder.cache_info().currsize  # one per encoder other tests chose
    results: dict[int, list] = {}
    start = threading.Barrier(8)

    def converse(i: int) -> None:
        client = _client(base)
        messages = [{"role": "user", "content": (IZIUM, PRIGOZHIN)[i % 2]}]
        start.wait()
        first = client.chat.completions.create(model="claimtrace", messages=messages)
        messages += [
            {"role": "assistant", "content": first.choices[0].message.content},
            {"role": "user", "content": "And what did Ukraine's president claim?"},
        ]
        second = client.chat.completions.create(model="claimtrace", messages=messages)
        results[i] = [first.model_extra["citations"], second.model_extra["citations"]]

    threads = [threading.Thread(target=converse, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert sorted(results) == list(range(8))
    assert all(first and second for first, second in results.values())
    assert app.state.engine is web_engine
    assert web_engine.retriever() is before  # the index was opened once, not per request
    # one embedding model in the process for this encoder, none loaded per request
    assert _shared_embedder.cache_info().currsize == models
    assert web_engine.embedder is _shared_embedder(
        web_engine.settings.encoder, web_engine.settings.device
    )


def test_the_page_answers_with_a_notice_when_the_endpoint_is_down(seed_engine):
    with __import__("socket").socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/v1"
    filters, choice = form_options(seed_engine.settings, "", "", "any", "any", "openai", dead, "m")
    *_, (html, turn) = ask_on_page(seed_engine, IZIUM, filters, choice, [])
    assert turn.answer.backend == "extractive" and turn.answer.citations
    assert "ct-notice" in html and "extractive answer instead" in html
    assert choice.api_key == ""  # the configured key never goes to a typed URL


def test_the_page_streams_a_model_answer_and_follow_ups_see_earlier_turns(seed_engine):
    from openai_server import reply, running_server

    with running_server(reply("Prigozhin accused the brigade of fleeing [1].")) as server:
        filters, choice = form_options(
            seed_engine.settings, "", "", None, None, "openai", server.base_url, "m"
        )
        first = list(ask_on_page(seed_engine, PRIGOZHIN, filters, choice, []))
        turn = first[-1][1]
        follow = list(ask_on_page(seed_engine, "And what did he claim?", filters, choice, [turn]))
        sent = server.requests[-1]["messages"]
    assert len(first) > 3  # streamed piece by piece
    assert "ct-cite" in first[-1][0] and turn.answer.backend == "openai"
    assert follow[-1][1] is not None
    assert any("accused the brigade" in m["content"] for m in sent)  # the earlier turn went along


def test_an_empty_index_says_how_to_add_articles(engine_factory, tmp_path):
    empty = engine_factory(tmp_path / "nothing")
    filters, choice = form_options(empty.settings, "", "", None, None, "extractive", "", "")
    *_, (html, turn) = ask_on_page(empty, IZIUM, filters, choice, [])
    assert turn is None and "Add articles" in html and "Traceback" not in html


def test_a_bad_date_on_the_page_says_how_to_write_it(seed_engine):
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        form_options(seed_engine.settings, "last week", "", None, None, "extractive", "", "")


def test_a_claimant_typed_on_the_page_filters_and_warnings_name_no_cli_flags(seed_engine):
    def asked(claimant: str, since: str = "") -> PageTurn:
        filters, choice = form_options(
            seed_engine.settings, since, "", "any", claimant, "extractive", "", ""
        )
        *_, (_, turn) = ask_on_page(seed_engine, PRIGOZHIN, filters, choice, [])
        return turn

    typed = asked(" Prigozhin ")  # a part of the name, as typed, not picked from the menu
    assert typed.answer.citations
    assert all("Prigozhin" in c.claimant for c in typed.answer.citations)
    for turn in (asked("Nobodyson"), asked("", since="2031-01-01")):
        (warning,) = turn.answer.warnings
        assert "no indexed article matches" in warning
        assert "--" not in warning and "claimtrace" not in warning
    assert "claimant 'Nobodyson'" in asked("Nobodyson").answer.warnings[0]


def test_a_sentence_printed_twice_names_the_other_article_by_title_and_outlet(
    corpus_copy, engine_factory, tmp_path
):
    bakhmut = (corpus_copy / "002_e91c7a62ac189f98.txt").read_text(encoding="utf-8")
    (corpus_copy / "005_copy.txt").write_text(
        f"Wagner chief accuses Ukrainian brigade\n\n{bakhmut}\n\n© 2023 The Daily Ledger\n",
        encoding="utf-8",
    )
    engine = engine_factory(tmp_path / "store")
    engine.build([corpus_copy])
    answer = engine.ask(PRIGOZHIN)
    (copied,) = [c for c in answer.citations if c.also_in][:1]
    names = {
        "005_copy": "“Wagner chief accuses Ukrainian brigade” (The Daily Ledger)",
        "002_e91c7a62ac189f98": "La Razón (credited)",  # no title, no outlet: its credit
    }
    assert copied.also_in_names == [names[a] for a in copied.also_in]
    printed = f"also printed in {copied.also_in_names[0]}"
    assert printed in answer.answer and "also printed in 00" not in answer.answer
    assert printed in render_sources(answer)
    card = unescape(sources_html([(answer, [source_of(c, None) for c in answer.citations])]))
    assert f"Also {printed[5:]}" in card


def test_the_remove_menu_names_each_article_by_title_outlet_and_date(seed_engine):
    named = {aid: label for label, aid in facets(seed_engine).listing}
    assert len(named) == 5
    assert named["004_c5341ec74962319e"].startswith("Defense Ministry: Russian troops hit")
    assert named["004_c5341ec74962319e"].endswith(" — Press TV, 2022-09-11")
    assert named["003_f22856542dea74fa"] == "untitled (003_f22856542dea74fa)"


def test_uploads_refuse_other_types_and_big_files_and_say_why(engine_factory, tmp_path):
    engine = engine_factory(tmp_path / "store", upload_max_mb=0.001)
    (tmp_path / "tool.exe").write_bytes(b"MZ")
    (tmp_path / "big.txt").write_text("word " * 1000)
    result = add_uploads(
        engine, [("tool.exe", tmp_path / "tool.exe"), ("big.txt", tmp_path / "big.txt")]
    )
    why = dict(result.errors)
    assert "not accepted" in why["tool.exe"] and ".txt" in why["tool.exe"]
    assert "over the 0.001 MB upload limit" in why["big.txt"]
    assert not result.added


def test_an_upload_name_is_never_a_path():
    assert safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_name("..\\..\\x y;rm -rf.MD") == "x_y_rm_-rf.md"
    assert safe_name("....txt") == "upload.txt"


def test_everything_from_an_article_is_escaped_before_display():
    text = HOSTILE.read_text()
    start = text.index("The mayor")
    end = text.index("</script> will open") + 9
    cite = Citation(
        1,
        "hostile",
        "<b>T</b>",
        "Out<i>",
        None,
        "Ada <img>",
        "said",
        text[start:end],
        start,
        end,
        1.0,
    )
    answer = Answer("q<script>", f"{text} [1] [7]", False, "extractive", ["<b>w</b>"], [cite])
    html = answer_html(answer, 0) + sources_html([(answer, [source_of(cite, text)])])
    for bad in ("<script", "<img", 'onerror="', "javascript:", "](", "<b>", "<i>", '<a href="java'):
        assert bad not in html, bad
    assert 'class="ct-cite" href="#ct-src-0-1"' in html  # our own markup survives
    assert "[7]" not in html and escape("[7]") in html  # a marker with no source stays text


def test_serving_beyond_loopback_needs_auth_or_an_explicit_no_auth():
    with pytest.raises(ConfigError, match="--auth USER:PASSWORD"):
        check_serving("0.0.0.0", 7860, None, False, None)
    serving, warnings = check_serving("0.0.0.0", 7860, None, True, None)
    assert serving.api_key is None and "warning" in warnings[0]
    serving, _ = check_serving("0.0.0.0", 7860, "ann:pw", False, None)
    assert serving.auth == ("ann", "pw") and serving.api_key == "pw"
    assert check_serving("0.0.0.0", 1, "ann:pw", False, "k")[0].api_key == "k"
    result = CliRunner().invoke(cli, ["chat", "--host", "0.0.0.0"])
    assert result.exit_code == 1 and "--no-auth" in result.output


def test_the_terminal_conversation_is_kept(tmp_path):
    result = CliRunner().invoke(cli, ["chat", "--help"])
    assert "--terminal" in result.output and "--api-key" in result.output


def test_a_page_turn_holds_its_sources(seed_engine):
    filters, choice = form_options(seed_engine.settings, "", "", "any", "", "extractive", "", "")
    *_, (html, turn) = ask_on_page(seed_engine, IZIUM, filters, choice, [])
    assert isinstance(turn, PageTurn) and len(turn.sources) == len(turn.answer.citations)
    assert all(s.citation.quote for s in turn.sources)
    assert any(s.before or s.after for s in turn.sources)  # a quote inside its paragraph
    assert "ct-quote" in sources_html([(turn.answer, turn.sources)])


def test_the_readme_api_example_runs_against_the_server(served, capsys):
    base, _ = served
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme[readme.index("## The chat page and the API") :]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    exec(example.replace("http://127.0.0.1:7860", base), {})
    printed = capsys.readouterr().out
    cited = [line for line in printed.splitlines() if line.startswith("1 ")]
    assert "[1]" in printed and "Prigozhin" in cited[0]


def test_a_source_card_names_an_untitled_article_by_what_it_gives_never_its_id(seed_engine):
    """Seed 002 has no title, outlet or date line but credits La Razón; 001 has a title only."""
    filters, choice = form_options(seed_engine.settings, "", "", "any", "", "extractive", "", "")
    question = "What did Prigozhin accuse the Ukrainian brigade of?"
    *_, (html, turn) = ask_on_page(seed_engine, question, filters, choice, [])
    cards = sources_html([(turn.answer, turn.sources)])
    untitled = [s for s in turn.sources if s.citation.title is None]
    assert untitled, "the question cites seed 002"
    for s in untitled:
        assert s.citation.label and s.citation.article_id not in s.citation.label
        assert escape(s.citation.label) in cards
    assert "unknown" not in cards
