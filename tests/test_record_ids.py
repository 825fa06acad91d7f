"""Records without an id get a stable one (url, else title+date+outlet), never a row number;
true duplicates are reported; ``--set FIELD=VALUE`` fills a field a file lacks."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from claimtrace.cli import cli
from index.errors import MappingError
from index.read import read_paths

SAID = "The regional governor said the convoy reached {} on Tuesday after a long delay."
ROWS = [
    {"title": "Convoy reaches Kharkiv", "url": "https://news.example/kharkiv", "date": ""},
    {"title": "Convoy reaches Odesa", "url": "https://news.example/odesa/", "date": ""},
    {"title": "Convoy reaches Sumy", "url": "", "date": "2024-03-01"},
    {"title": "Convoy reaches Lviv", "url": "", "date": "2024-03-02"},
    {"title": "Convoy reaches Poltava", "url": "", "date": ""},
    {"title": "Convoy reaches Dnipro", "url": "https://news.example/dnipro", "date": ""},
]
NEW = {"title": "Convoy reaches Kherson", "url": "", "date": "2024-03-05"}


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["title", "text", "date", "url"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "text": SAID.format(row["title"].split()[-1])})
    return out.getvalue()


def _ids(path) -> list[str]:
    articles, errors = read_paths([path])
    assert errors == []
    return [a.article_id for a in articles]


def test_inserting_a_row_at_the_top_changes_no_other_id(tmp_path):
    path = tmp_path / "scrape.csv"
    path.write_text(_csv(ROWS))
    before = _ids(path)
    path.write_text(_csv([NEW, *ROWS]))
    after = _ids(path)
    assert after[1:] == before and after[0] not in before
    path.write_text(_csv(list(reversed(ROWS))))  # reordering changes nothing either
    assert sorted(_ids(path)) == sorted(before)
    assert [i[:4] for i in before] == ["url-", "url-", "rec-", "rec-", "rec-", "url-"]


def test_an_id_given_in_the_file_is_kept(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "r1", "title": "T", "text": SAID.format("Kyiv")}))
    assert _ids(path) == ["r1"]


def test_true_duplicates_are_reported_naming_both_rows(tmp_path):
    path = tmp_path / "scrape.csv"
    again = {**ROWS[1], "url": "HTTPS://NEWS.EXAMPLE/odesa#comments"}  # the same page
    path.write_text(_csv([*ROWS, again, ROWS[3]]))
    articles, errors = read_paths([path])
    assert len(articles) == 6
    assert [e.error.split(" — ")[0] for e in errors] == [
        f"row 7: duplicate of row 2 (the same url, or title, date and outlet: id "
        f"'{articles[1].article_id}')",
        f"row 8: duplicate of row 4 (the same url, or title, date and outlet: id "
        f"'{articles[3].article_id}')",
    ]


def test_a_fixed_value_fills_only_what_the_file_lacks_and_never_changes_ids(tmp_path):
    path = tmp_path / "scrape.csv"
    path.write_text(_csv(ROWS))
    (tmp_path / "own.txt").write_text(f"Reuters - 5 March 2023\n\n{SAID.format('Kyiv')}")
    plain, _ = read_paths([tmp_path])
    given, errors = read_paths([tmp_path], fixed={"outlet": "Daily Planet", "date": "Jan 5, 2024"})
    assert errors == []
    assert [a.article_id for a in given] == [a.article_id for a in plain]
    by_id = {a.article_id: a for a in given}
    assert by_id["own"].outlet == "Reuters" and by_id["own"].date == "2023-03-05"
    rows = [a for a in given if a.article_id != "own"]
    assert {a.outlet for a in rows} == {"Daily Planet"}
    assert [a.date for a in rows] == ["2024-01-05", "2024-01-05", "2024-03-01", "2024-03-02"] + [
        "2024-01-05"
    ] * 2
    assert all(g.content_hash != p.content_hash for g, p in zip(rows, plain[: len(rows)]))


@pytest.mark.parametrize(
    "fixed, named",
    [({"id": "x"}, "'id'"), ({"text": "x"}, "'text'"), ({"date": "someday"}, "YYYY-MM-DD")],
)
def test_a_fixed_value_for_a_field_that_cannot_be_fixed_is_refused(tmp_path, fixed, named):
    with pytest.raises(MappingError, match=named):
        read_paths([tmp_path], fixed=fixed)


def test_set_option_syntax_errors_are_usage_errors(tmp_path):
    (tmp_path / "a.txt").write_text(SAID.format("Kyiv"))
    args = ["--store", str(tmp_path / "s"), "index", "build", str(tmp_path / "a.txt")]
    result = CliRunner().invoke(cli, [*args, "--set", "outlet"])
    assert result.exit_code == 2 and "FIELD=VALUE" in result.output
    result = CliRunner().invoke(cli, [*args, "--set", "id=abc"])
    assert result.exit_code == 1 and "cannot set 'id'" in result.output


@pytest.mark.slow
def test_update_after_inserting_a_row_adds_one_and_touches_nothing_else(tmp_path):
    path = tmp_path / "data" / "scrape.csv"
    path.parent.mkdir()
    path.write_text(_csv(ROWS))
    store = str(tmp_path / "store")

    def run(*args):
        result = CliRunner().invoke(cli, ["--store", store, "index", *args, "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    first = run("build", str(path.parent), "--set", "outlet=Reuters")
    assert len(first["added"]) == 6
    path.write_text(_csv([NEW, *ROWS]))
    second = run("update", str(path.parent), "--set", "outlet=Reuters")
    assert len(second["added"]) == 1 and second["added"][0] not in first["added"]
    assert (second["changed"], second["removed"], second["unchanged"]) == ([], [], 6)
    listed = run("list")
    assert {a["outlet"] for a in listed} == {"Reuters"} and len(listed) == 7
