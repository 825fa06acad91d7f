"""Access (issue 13): who may use the served app, what it reads, and what it never shows.

The real app on a loopback port (uvicorn in a thread), the real ``openai`` client and
httpx: with ``--auth`` the page and the API refuse requests without credentials; upload
names that are paths land inside the uploads folder or are refused; oversized API bodies
and uploads get 413; the keys never reach logs, error messages, the page or ``index stats``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx
import openai
import pytest
from click.testing import CliRunner
from web_server import copy_engine, running_app

from assistant.web.api import MAX_BODY_BYTES
from assistant.web.app import check_serving, create_app
from assistant.web.uploads import add_folder, add_uploads
from claimtrace.cli import cli

IZIUM = "Why did Russian troops leave Izium and Balakliia?"
ENDPOINT_KEY = "sk-endpoint-7f3a91c2e4b8d6"  # CLAIMTRACE_API_KEY: sent to the answer model
SERVE_KEY = "serve-key-5d2e8b41a9c3f7"  # --api-key / CLAIMTRACE_API_KEY_SERVE
PASSWORD = "pw-6c1d9e3f8a2b47"  # --auth ann:PASSWORD


@pytest.fixture(scope="module")
def access_engine(seed_engine, engine_factory, tmp_path_factory):
    """A writable copy of the seed index; files over 1 MB are refused (upload limit 50)."""
    home = tmp_path_factory.mktemp("access")
    return copy_engine(
        seed_engine,
        home / "store",
        engine_factory,
        max_file_mb=1,
        upload_max_mb=50,
        folder_root=str(home / "root"),
    )


@pytest.fixture(scope="module")
def guarded(access_engine):
    serving, _ = check_serving("127.0.0.1", 0, f"ann:{PASSWORD}", False, SERVE_KEY)
    with running_app(create_app(access_engine, serving)) as base:
        yield base


def _client(base: str, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base}/v1", api_key=key, max_retries=0)


def test_with_auth_the_api_refuses_every_request_without_the_key(guarded):
    base = guarded
    question = {"model": "claimtrace", "messages": [{"role": "user", "content": IZIUM}]}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {SERVE_KEY}"}):
        assert httpx.get(f"{base}/v1/models", headers=headers).status_code == 401
        r = httpx.post(f"{base}/v1/chat/completions", json=question, headers=headers)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    with pytest.raises(openai.AuthenticationError):
        _client(base, PASSWORD + "x").chat.completions.create(**question)
    reply = _client(base, SERVE_KEY).chat.completions.create(**question)
    assert reply.model_extra["citations"]


def test_with_auth_the_page_and_its_routes_refuse_requests_without_the_login(guarded):
    base = guarded
    assert httpx.get(f"{base}/config").status_code == 401
    assert httpx.get(f"{base}/gradio_api/info").status_code == 401
    upload = httpx.post(f"{base}/gradio_api/upload", files={"files": ("a.txt", b"x said y.")})
    assert upload.status_code == 401
    call = httpx.post(f"{base}/gradio_api/call/add_articles", json={"data": [None, "/", ""]})
    assert call.status_code == 401
    page = httpx.get(f"{base}/")
    assert "Add to the index" not in page.text  # the login form, not the page
    bad = httpx.post(f"{base}/login", data={"username": "ann", "password": "nope"})
    assert bad.status_code == 400
    with httpx.Client(base_url=base) as browser:
        assert browser.post("/login", data={"username": "ann", "password": PASSWORD}).is_success
        assert browser.get("/config").status_code == 200


def test_upload_names_that_are_paths_land_inside_the_uploads_folder_or_are_refused(
    access_engine, guarded, tmp_path
):
    base = guarded
    with httpx.Client(base_url=base) as browser:
        browser.post("/login", data={"username": "ann", "password": PASSWORD})
        r = browser.post(
            "/gradio_api/upload",
            files={"files": ("../../etc/passwd.txt", b"The mayor said the bridge opens.")},
        )
    assert r.status_code == 200
    landed = Path(r.json()[0])
    assert ".." not in landed.parts and landed.name == "passwd.txt"  # inside gradio's cache
    sent = tmp_path / "sent.txt"
    sent.write_text("The mayor of Springfield said the harbour bridge opens in May.")
    uploads = Path(access_engine.settings.uploads_dir).resolve()
    names = ["../../etc/passwd", "../../etc/passwd.txt", "/etc/cron.d/x.txt", "..\\..\\win.ini.md"]
    result = add_uploads(access_engine, [(name, sent) for name in names])
    why = dict(result.errors)
    assert "not accepted" in why["passwd"]  # no extension: refused
    kept = sorted(p.name for p in uploads.iterdir())
    assert kept == ["passwd.txt", "win_ini.md", "x.txt"]
    assert all(p.resolve().parent == uploads for p in uploads.iterdir())


def test_a_folder_outside_the_configured_root_is_refused_with_the_setting_named(access_engine):
    root = Path(access_engine.settings.folder_root)
    for folder in ("/etc", "../..", str(root / ".." / "store"), ""):
        result = add_folder(access_engine, folder)
        assert not result.added and "CLAIMTRACE_FOLDER_ROOT" in result.errors[0][1], folder
    root.mkdir(exist_ok=True)
    (root / "outside").symlink_to("/etc")
    assert "CLAIMTRACE_FOLDER_ROOT" in add_folder(access_engine, "outside").errors[0][1]
    assert "no such folder" in add_folder(access_engine, "missing").errors[0][1]


def test_an_oversized_api_request_gets_413_before_it_is_read_whole(guarded):
    base = guarded
    auth = {"Authorization": f"Bearer {SERVE_KEY}"}
    padding = "x" * (MAX_BODY_BYTES + 1)
    body = {"model": "claimtrace", "messages": [{"role": "user", "content": padding}]}
    r = httpx.post(f"{base}/v1/chat/completions", json=body, headers=auth, timeout=60)
    assert r.status_code == 413 and "request body is over" in r.json()["error"]["message"]

    def chunked():  # no Content-Length: counted as it arrives
        yield b'{"model": "claimtrace", "messages": [{"role": "user", "content": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"y" * 65536
        yield b'"}]}'

    r = httpx.post(f"{base}/v1/chat/completions", content=chunked(), headers=auth, timeout=60)
    assert r.status_code == 413
    assert httpx.post(f"{base}/v1/chat/completions", json=body).status_code == 401  # key first


def test_an_upload_over_the_file_limit_is_refused_up_front(access_engine, guarded, tmp_path):
    base = guarded
    assert access_engine.settings.upload_limit_mb == 1  # the indexer's 1 MB, not the 50 MB
    big = b"The minister said so. " * 60_000  # 1.3 MB
    with httpx.Client(base_url=base) as browser:
        browser.post("/login", data={"username": "ann", "password": PASSWORD})
        r = browser.post("/gradio_api/upload", files={"files": ("big.txt", big)})
    assert r.status_code == 413
    (tmp_path / "big.txt").write_bytes(big)
    result = add_uploads(access_engine, [("big.txt", tmp_path / "big.txt")])
    assert "over the 1 MB upload limit" in result.errors[0][1]


def test_keys_never_reach_logs_errors_the_page_or_index_stats(
    seed_engine, engine_factory, tmp_path, caplog, capfd
):
    from openai_server import Reply, error, running_server

    caplog.set_level(logging.DEBUG)
    echoed = f"Incorrect API key provided: {ENDPOINT_KEY[:9]}{'*' * 12}{ENDPOINT_KEY[-4:]}."
    with running_server(Reply(status=401, text=echoed), error(500)) as model:
        engine = copy_engine(
            seed_engine,
            tmp_path / "store",
            engine_factory,
            backend="openai",
            base_url=model.base_url,
            api_key=ENDPOINT_KEY,
            max_retries=0,
            timeout=2,
        )
        serving, _ = check_serving("127.0.0.1", 0, f"ann:{PASSWORD}", False, SERVE_KEY)
        seen = []
        with running_app(create_app(engine, serving)) as base:
            with httpx.Client(base_url=base, timeout=120) as browser:
                seen.append(browser.get("/").text)
                browser.post("/login", data={"username": "ann", "password": PASSWORD})
                seen += [browser.get("/").text, browser.get("/config").text]
                for key in ("wrong", SERVE_KEY):
                    headers = {"Authorization": f"Bearer {key}"}
                    for body in (
                        {"model": "claimtrace", "messages": [{"role": "user", "content": IZIUM}]},
                        {"model": "gpt-4", "messages": []},
                    ):
                        r = browser.post("/v1/chat/completions", json=body, headers=headers)
                        seen.append(r.text)
        assert model.requests  # the endpoint was asked, with the key, and failed
    answered = json.loads(seen[-2])
    assert answered["citations"] and "failed" in " ".join(answered["warnings"])
    env = {"CLAIMTRACE_API_KEY": ENDPOINT_KEY, "CLAIMTRACE_API_KEY_SERVE": SERVE_KEY}
    stats = CliRunner().invoke(
        cli, ["--store", str(tmp_path / "store"), "index", "stats", "--json"], env=env
    )
    plain = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "index", "stats"], env=env)
    assert stats.exit_code == 0 and plain.exit_code == 0
    out, err = capfd.readouterr()
    logs = "\n".join(r.getMessage() + str(r.exc_info or "") for r in caplog.records)
    everything = "\n".join([*seen, stats.output, plain.output, out, err, logs])
    assert "[key hidden]" in everything, answered["warnings"]  # the echoed key, masked
    for secret in (ENDPOINT_KEY, SERVE_KEY, PASSWORD):
        for piece in (secret, secret[:9], secret[-8:]):  # whole, or what a masked key shows
            assert piece not in everything, piece


def test_removing_an_article_deletes_no_file_outside_the_uploads_folder(
    seed_engine, engine_factory, tmp_path
):
    engine = copy_engine(seed_engine, tmp_path / "store", engine_factory)
    outside = tmp_path / "outside.txt"
    outside.write_text(
        "The mayor of Springfield said on Monday that the harbour bridge opens in May."
    )
    uploads = Path(engine.settings.uploads_dir)
    uploads.mkdir(parents=True)
    (uploads / "linked.txt").symlink_to(outside)  # a link in the uploads folder to elsewhere
    (article_id,) = engine.add([uploads]).added
    removed = engine.remove([article_id])
    assert removed.removed == [article_id] and removed.deleted_files == []
    assert outside.read_text().startswith("The mayor")  # the file it points to stays
