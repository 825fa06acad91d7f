"""Reading files into articles: the seed articles' provenance and boilerplate, every format,
and bad inputs that become ReadErrors while the rest of the file is still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_BOILERPLATE as BOILERPLATE

from index.read import read_paths

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BODY = "The ministry said the convoy reached the city on Tuesday after a long delay."


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    articles, errors = read_paths([SEEDS])
    assert errors == []
    return {a.article_id[:3]: a for a in articles}


def test_seed_000_date_marker_read_and_removed_title_none(seeds):
    article = seeds["000"]
    assert (article.date, article.title, article.outlet) == ("2022-03-06", None, None)
    assert article.text.startswith("Amid the ongoing Russian invasion")
    assert "date 2022-03-06" not in article.text


def test_seed_000_embedded_tweets_keep_their_text_only(seeds):
    text = seeds["000"].text
    assert "Drone footage over city of Schastia as LPR forces take control\n" in text
    assert "as the Donbass operation continues\n" in text
    assert "RT (@RT_com)" not in text and "March 6, 2022" not in text


def test_seed_001_repeated_headline_is_the_title_once(seeds):
    article = seeds["001"]
    title = "Russia admits to partial withdrawal from Kharkiv to fulfil goals in Donbas"
    assert article.title == title
    assert article.text.count(title) == 1
    assert article.text.startswith(title + "\n\nMoscow/Kyiv:")


def test_seed_002_date_and_closing_credit(seeds):
    article = seeds["002"]
    assert (article.date, article.credit, article.outlet) == ("2023-05-11", "La Razón", None)
    assert article.text.endswith("driving out Ukrainian forces.")


def test_seed_003_no_title_and_related_stories_dropped(seeds):
    article = seeds["003"]
    assert article.title is None and article.date is None
    assert article.text.endswith("reluctant to call the fall of Luhansk a defeat.")


def test_seed_004_dateline_gives_outlet_and_date(seeds):
    article = seeds["004"]
    assert (article.date, article.outlet) == ("2022-09-11", "Press TV")
    assert article.title.startswith("Defense Ministry: Russian troops hit")
    assert "Press TV" not in article.text and "Sept 11, 2022" not in article.text


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_boilerplate_is_gone_and_text_is_verbatim(seeds, seed):
    article = seeds[seed]
    source = Path(article.path).read_text(encoding="utf-8")
    for junk in BOILERPLATE:
        assert junk not in article.text, junk
    for paragraph in article.text.split("\n"):
        assert paragraph in source
    assert len(article.content_hash) == 64


def test_txt_and_md_use_the_stem_as_id_with_byline_and_agency_credit(tmp_path):
    (tmp_path / "a.txt").write_text(f"Convoy reaches the city\n\nBy Jane Doe\n\n{BODY} (AFP)\n")
    (tmp_path / "b.md").write_text(f"Reuters - 5 March 2023\n\n{BODY}\n\nSource: Kyiv Independent")
    articles, errors = read_paths([tmp_path])
    assert errors == []
    a, b = articles
    assert (a.article_id, a.title, a.author, a.credit) == (
        "a",
        "Convoy reaches the city",
        "Jane Doe",
        "AFP",
    )
    assert "By Jane Doe" not in a.text
    assert (b.article_id, b.outlet, b.date, b.credit) == (
        "b",
        "Reuters",
        "2023-03-05",
        "Kyiv Independent",
    )
    assert b.text == BODY


def test_html_drops_navigation_and_scripts_and_reads_metadata():
    [article], errors = read_paths([FIXTURES / "article.html"])
    assert errors == []
    assert article.title == "Grain ships leave Odesa under new corridor deal"
    assert (article.date, article.author) == ("2023-08-16", "Olena Marchenko")
    assert article.url == "https://harbourtimes.example/odesa-grain"
    assert "Three cargo ships carrying Ukrainian grain" in article.text
    for junk in ("NAVMENU", "NAVSCRIPT", "SCRIPT_BODY_TEXT", "FOOTER_LINKS", "console.log"):
        assert junk not in article.text


def test_jsonl_records_with_dates_normalised(tmp_path):
    rows = [
        {"id": "r1", "title": "One", "text": BODY, "date": "02/28/2022", "outlet": "Daily"},
        {"id": "r2", "title": "Two", "text": BODY, "date": "Sept 11, 2022", "credit": "AP"},
        {"id": "r3", "title": "Three", "text": BODY, "date": "2022-03-06T10:00Z"},
        {"id": "r4", "title": "Four", "text": BODY, "date": "sometime last spring"},
        {"id": "r5", "title": "Five", "text": BODY},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    articles, errors = read_paths([path])
    assert errors == []
    assert [a.date for a in articles] == ["2022-02-28", "2022-09-11", "2022-03-06", None, None]
    assert (articles[0].outlet, articles[1].credit, articles[0].path) == ("Daily", "AP", str(path))


def test_json_list_and_single_record(tmp_path):
    (tmp_path / "many.json").write_text(json.dumps([{"id": 1, "title": "T", "text": BODY}] * 1))
    (tmp_path / "one.json").write_text(json.dumps({"id": "x", "title": "T", "text": BODY}))
    articles, errors = read_paths([tmp_path])
    assert errors == []
    assert [a.article_id for a in articles] == ["1", "x"]


def test_csv_with_our_column_names(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(f'id,title,text,date\nc1,Convoy,"{BODY}",5 March 2023\n')
    [article], errors = read_paths([path])
    assert errors == [] and (article.article_id, article.date) == ("c1", "2023-03-05")


def test_csv_with_a_column_mapping_and_ids_from_the_urls(tmp_path):
    path = tmp_path / "scrape.csv"
    path.write_text(
        "desc,Date,Site,src\n"
        f'"{BODY}",02/28/2022,Daily Planet,https://example.org/1\n'
        f'"{BODY} Again.",,Daily Planet,https://example.org/2\n'
    )
    mapping = {"text": "desc", "date": "Date", "outlet": "Site", "url": "src"}
    articles, errors = read_paths([path], mapping=mapping)
    assert errors == []
    ids = [a.article_id for a in articles]
    assert all(i.startswith("url-") for i in ids) and len(set(ids)) == 2
    assert [a.date for a in articles] == ["2022-02-28", None]
    assert articles[0].outlet == "Daily Planet" and articles[1].url == "https://example.org/2"


def test_mapping_applies_to_json_records(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"key": "k1", "headline": "H", "body": BODY}))
    [article], errors = read_paths([path], {"id": "key", "title": "headline", "text": "body"})
    assert errors == [] and (article.article_id, article.title) == ("k1", "H")


def test_binary_file_is_an_error_with_a_way_out(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    articles, [error] = read_paths([path])
    assert articles == []
    assert error.file == str(path)
    assert "binary or undecodable file" in error.error and "convert it to UTF-8" in error.error


def test_latin1_file_is_decoded(tmp_path):
    text = "Le président a déclaré que la situation à Kharkiv était très préoccupante. " * 5
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    [article], errors = read_paths([tmp_path / "fr.txt"])
    assert errors == [] and "président a déclaré" in article.text


def test_malformed_json_line_is_reported_and_the_others_kept(tmp_path):
    good = json.dumps({"id": "ok", "title": "T", "text": BODY})
    path = tmp_path / "feed.jsonl"
    path.write_text(f'{good}\n{{"id": "bad", "title": \n{good.replace("ok", "ok2")}\n')
    articles, [error] = read_paths([path])
    assert [a.article_id for a in articles] == ["ok", "ok2"]
    assert "line 2" in error.error and "malformed JSON" in error.error


def test_missing_required_field_is_named(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(
        json.dumps([{"id": "a", "title": "T", "text": BODY}, {"id": "b", "text": BODY}])
    )
    articles, [error] = read_paths([path])
    assert [a.article_id for a in articles] == ["a"]
    assert "record 2" in error.error and "'title'" in error.error


def test_csv_missing_mapped_column_lists_the_columns(tmp_path):
    path = tmp_path / "scrape.csv"
    path.write_text(f'body,when\n"{BODY}",2022-01-01\n')
    articles, [error] = read_paths([path], {"text": "desc"})
    assert articles == [] and "'desc'" in error.error and "body, when" in error.error


def test_unknown_extension_named_explicitly_is_an_error_but_skipped_in_folders(tmp_path):
    (tmp_path / "notes.docx").write_text("x")
    (tmp_path / ".hidden.txt").write_text(BODY)
    (tmp_path / "keep.txt").write_text(BODY)
    articles, errors = read_paths([tmp_path])
    assert [a.article_id for a in articles] == ["keep"] and errors == []
    _, [error] = read_paths([tmp_path / "notes.docx"])
    assert ".docx" in error.error and ".txt" in error.error and ".csv" in error.error


def test_duplicate_ids_keep_the_first_and_name_both_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text(BODY)
    (tmp_path / "b" / "same.txt").write_text(BODY + " Later.")
    articles, [error] = read_paths([tmp_path])
    assert [a.path for a in articles] == [str(tmp_path / "a" / "same.txt")]
    assert error.file == str(tmp_path / "b" / "same.txt")
    assert str(tmp_path / "a" / "same.txt") in error.error


def test_content_hash_changes_with_text_or_provenance(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY)
    first = read_paths([path])[0][0].content_hash
    assert read_paths([path])[0][0].content_hash == first
    path.write_text(f"Reuters - 5 March 2023\n\n{BODY}")
    assert read_paths([path])[0][0].content_hash != first


def test_unknown_mapping_field_names_the_valid_ones(tmp_path):
    with pytest.raises(ValueError, match="'body'.*id, title, text"):
        read_paths([tmp_path], {"body": "desc"})


def test_prose_that_looks_like_provenance_is_left_alone(tmp_path):
    text = (
        f"Copyright claims rose sharply last year\n\n{BODY}\n\n"
        "Sources said the talks would continue next week.\n\n- Russia withdrew its troops"
    )
    (tmp_path / "a.txt").write_text(text)
    [article], _ = read_paths([tmp_path / "a.txt"])
    assert (article.outlet, article.credit) == (None, None)
    assert "Sources said the talks" in article.text and "Russia withdrew" in article.text


def test_copyright_line_names_the_outlet_and_lead_agency_the_credit(tmp_path):
    text = f"LONDON (Reuters) - {BODY}\n\nPublished: 12 January 2024\n\n© 2024 Daily Planet"
    (tmp_path / "a.txt").write_text(text)
    [article], _ = read_paths([tmp_path / "a.txt"])
    assert (article.outlet, article.credit, article.date) == (
        "Daily Planet",
        "Reuters",
        "2024-01-12",
    )
    assert article.text == f"LONDON (Reuters) - {BODY}"
