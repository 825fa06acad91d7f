"""The claims explorer: ``claimtrace speakers``/``claims``, ``GET /v1/speakers``/``claims``."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from click.testing import CliRunner

from assistant.claims import ClaimFilters
from assistant.web.app import check_serving, create_app
from claimtrace.cli import cli
from tests.web_server import running_app

KEY = "serve-key-claims-91c2e4"

SPEAKER_FIELDS = {
    "id", "name", "kind", "roles", "aliases", "claims", "articles", "outlets", "first_date",
    "last_date",
}  # fmt: skip
CLAIM_FIELDS = {
    "id", "speaker", "claimant", "cue", "kind", "content", "quote", "article_id", "title",
    "outlet", "date", "start", "end", "content_start", "content_end", "label", "also_in",
}  # fmt: skip


def _run(engine, *args: str):
    result = CliRunner().invoke(cli, ["--store", str(engine.store.root), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_speakers_lists_each_speaker_once_with_counts_most_claims_first(seed_engine):
    rows = json.loads(_run(seed_engine, "speakers", "--json"))
    assert rows and set(rows[0]) == SPEAKER_FIELDS
    assert len({r["id"] for r in rows}) == len(rows)
    assert [r["claims"] for r in rows] == sorted((r["claims"] for r in rows), reverse=True)
    konashenkov = [r for r in rows if "Konashenkov" in r["name"]]
    assert len(konashenkov) == 1 and konashenkov[0]["kind"] == "person"
    busy = json.loads(_run(seed_engine, "speakers", "--json", "--min-claims", "2"))
    assert busy and all(r["claims"] >= 2 for r in busy)


def test_speakers_search_matches_a_surname_or_a_role(seed_engine):
    by_name = json.loads(_run(seed_engine, "speakers", "--search", "konashenkov", "--json"))
    assert [r["name"] for r in by_name] == ["Igor Konashenkov"]
    by_role = json.loads(_run(seed_engine, "speakers", "--search", "spokesperson", "--json"))
    assert "Igor Konashenkov" in [r["name"] for r in by_role]


def test_claims_json_has_the_speaker_the_verbatim_sentence_and_its_article(seed_engine):
    rows = json.loads(_run(seed_engine, "claims", "--json", "--limit", "100"))
    assert rows and set(rows[0]) == CLAIM_FIELDS
    assert set(rows[0]["speaker"]) == {"id", "name", "role", "kind"}
    for row in rows:
        text = seed_engine.show(row["article_id"]).text
        assert text[row["start"] : row["end"]] == row["quote"]
        assert text[row["content_start"] : row["content_end"]] == row["content"]
        assert row["start"] <= row["content_start"] < row["end"]
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated, reverse=True)  # newest first


def test_claimant_matches_loosely_a_surname_finds_every_alias(seed_engine):
    rows = json.loads(_run(seed_engine, "claims", "--claimant", "prigozhin", "--json"))
    assert rows and all("prigozhin" in r["speaker"]["name"].lower() for r in rows)
    assert len({r["speaker"]["id"] for r in rows}) >= 1
    none = json.loads(_run(seed_engine, "claims", "--claimant", "Nobody Atall", "--json"))
    assert none == []
    said = _run(seed_engine, "claims", "--claimant", "Nobody Atall")
    assert "no claims match 'Nobody Atall'" in said and "claimtrace speakers" in said


def test_claims_about_a_topic_come_by_relevance_and_keep_to_the_dates(seed_engine):
    rows = seed_engine.claims(ClaimFilters(about="Izium Balakliia regroup", limit=5))
    assert rows and any("Izium" in r.quote or "Balakliia" in r.quote for r in rows[:2])
    late = seed_engine.claims(ClaimFilters(since="2023-01-01", limit=100))
    assert late and all(r.date and r.date >= "2023-01-01" for r in late)


def test_claims_csv_holds_the_same_claims_as_json(seed_engine):
    as_json = json.loads(_run(seed_engine, "claims", "--json", "--limit", "20"))
    table = list(csv.DictReader(io.StringIO(_run(seed_engine, "claims", "--csv", "--limit", "20"))))
    assert [int(r["id"]) for r in table] == [r["id"] for r in as_json]
    for row, claim in zip(table, as_json):
        assert row["quote"] == claim["quote"] and row["content"] == claim["content"]
        assert row["speaker_name"] == claim["speaker"]["name"]
        assert row["speaker_id"] == claim["speaker"]["id"]
        assert (row["date"] or None) == claim["date"]


def test_claims_refuses_a_malformed_date_naming_the_format(seed_engine):
    result = CliRunner().invoke(
        cli, ["--store", str(seed_engine.store.root), "claims", "--since", "yesterday"]
    )
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


@pytest.fixture(scope="module")
def served(seed_engine):
    serving, _ = check_serving("127.0.0.1", 0, None, False, KEY)
    with running_app(create_app(seed_engine, serving)) as base:
        yield base


def test_the_api_lists_speakers_and_claims_as_the_cli_does(served, seed_engine):
    auth = {"Authorization": f"Bearer {KEY}"}
    speakers = httpx.get(f"{served}/v1/speakers", headers=auth, timeout=60)
    assert speakers.status_code == 200
    cli_rows = json.loads(_run(seed_engine, "speakers", "--json"))
    assert speakers.json()["data"] == cli_rows
    got = httpx.get(
        f"{served}/v1/claims",
        params={"claimant": "Konashenkov", "limit": 3},
        headers=auth,
        timeout=60,
    )
    assert got.status_code == 200
    data = got.json()["data"]
    assert 0 < len(data) <= 3 and all(set(d) == CLAIM_FIELDS for d in data)
    assert data == json.loads(
        _run(seed_engine, "claims", "--claimant", "Konashenkov", "--limit", "3", "--json")
    )


def test_the_claims_routes_need_the_key_and_name_a_bad_parameter(served):
    for path in ("/v1/speakers", "/v1/claims"):
        assert httpx.get(served + path, timeout=60).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert httpx.get(served + path, headers=wrong, timeout=60).status_code == 401
    auth = {"Authorization": f"Bearer {KEY}"}
    for params, named in (
        ({"since": "yesterday"}, "since"),
        ({"limit": "ten"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"speaker": "Peskov"}, "speaker"),
    ):
        r = httpx.get(f"{served}/v1/claims", params=params, headers=auth, timeout=60)
        assert r.status_code == 400, params
        assert named in r.json()["error"]["message"]


def test_the_articles_own_voice_is_never_a_claims_speaker(seed_engine):
    """A sentence the article says in its own voice (a reporter's description) is no claim."""
    from index.attribution.speakers import voice_speaker
    from index.names import outlet_name

    rows = seed_engine.claims(ClaimFilters(limit=500))
    assert rows
    for row in rows:
        article = seed_engine.show(row.article_id)
        voice = voice_speaker(outlet_name(article.outlet) if article.outlet else "the article").id
        assert row.speaker.id != voice, (row.speaker, row.quote)
    names = [s.name for s in seed_engine.speakers()]
    assert "the article" not in names


def test_claims_by_speaker_id_keep_to_that_one_speaker_in_the_cli_and_the_api(served, seed_engine):
    top = json.loads(_run(seed_engine, "speakers", "--json"))[0]
    rows = json.loads(_run(seed_engine, "claims", "--speaker-id", top["id"], "--json"))
    assert len(rows) == top["claims"] or len(rows) == 50
    assert {r["speaker"]["id"] for r in rows} == {top["id"]}
    auth = {"Authorization": f"Bearer {KEY}"}
    got = httpx.get(
        f"{served}/v1/claims", params={"speaker_id": top["id"]}, headers=auth, timeout=60
    )
    assert got.status_code == 200 and got.json()["data"] == rows
    none = json.loads(_run(seed_engine, "claims", "--speaker-id", "person:nobody", "--json"))
    assert none == []
