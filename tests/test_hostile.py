"""Bad input: a hostile corpus (tests/hostile, plus what is too large or odd to commit, made
here) is read without a crash; each bad file or record is reported by name and reason and
skipped, and every good article beside it is read (and, through the CLI, indexed)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrace.cli import cli
from index.checks import MAX_ARTICLE_CHARS
from index.find import MAX_FILE_SETTING
from index.read import read_paths

HOSTILE = Path(__file__).resolve().parent / "hostile"
SAID = "The regional governor said the convoy reached {} on Tuesday after a long delay."
MB = 1024 * 1024

#: The articles of tests/hostile and of ``_generate`` that must be read (ids of text files
#: are their stems; the two CSV rows get ids from their urls).
GOOD = {
    "good",
    "with space",
    'quote\'s "double"',
    "unicode-статья-記事",
    "latin1",
    "cp1251",
    "utf16-bom",
    "utf16-le-no-bom",
    "feed-1",
    "feed-2",
    "json-good",
    "same-story",
    "two\nlines",
    "big-1",
    "big-4",
}
GOOD_URL_ROWS = 2  # short-rows.csv's two whole rows

#: file name (below the corpus root) → what its error must say.
BAD = {
    "empty.txt": "no article text",
    "blank.txt": "no article text",
    "boilerplate-only.txt": "no article text",
    "random.txt": "binary or undecodable file",
    "random-no-nul.txt": "binary or undecodable file",
    "script-only.html": "no article text found in the HTML page",
    "feed.jsonl": "line 2: malformed JSON",
    "record-without-text.json": "record 2: missing required field 'text'",
    "no-text-column.csv": "missing required field 'text'",
    "short-rows.csv": "row 2: missing required field 'text'",
    "dup-b/same-story.txt": "duplicate article id 'same-story' (first read from",
    "huge-40mb.txt": f"MB (41,943,040 bytes), over the 10 MB limit — split it into smaller files, "
    f"or raise the limit with {MAX_FILE_SETTING}",
    "one-line-30mb.txt": "over the 10 MB limit",
    "big-cells.csv": f"over the {MAX_ARTICLE_CHARS:,} an article may have",
    "loop.txt": "symbolic link loop",
    "dup-a/back": "symbolic link loop or a folder given twice: it was already read as",
    "gone.txt": "broken symbolic link",
    "pipe.txt": "not a regular file",
    "deep.json": "JSON nested too deeply",
}


def _generate(root: Path) -> None:
    """What is too large or too odd to commit: big files, links, a FIFO, a newline name."""
    line = SAID.format("Kyiv") + " "
    with open(root / "huge-40mb.txt", "w") as f:  # 40 MB of ordinary paragraphs
        paragraph = line * 50 + "\n\n"
        for _ in range(40 * MB // len(paragraph)):
            f.write(paragraph)
        f.write("x" * (40 * MB - f.tell()))
    (root / "one-line-30mb.txt").write_text(line * (30 * MB // len(line) + 1))
    rows = [
        ("big-1", "Convoy reaches Uman", SAID.format("Uman")),
        ("big-2", "A one-megabyte text cell", line * (MB // len(line))),
        ("big-3", "T" * MB, SAID.format("Bucha")),  # a 1 MB cell in the title column
        ("big-4", "Convoy reaches Irpin", SAID.format("Irpin")),
    ]
    with open(root / "big-cells.csv", "w", newline="") as f:
        f.write("id,title,text\n")
        for row in rows:
            f.write(",".join(f'"{v}"' for v in row) + "\n")
    (root / "two\nlines.txt").write_text("Aid reaches Kupiansk\n\n" + SAID.format("Kupiansk"))
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "gone.txt").symlink_to("nowhere.txt")
    (root / "dup-a" / "back").symlink_to("..", target_is_directory=True)
    os.mkfifo(root / "pipe.txt")
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000)  # json.loads would recurse


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(HOSTILE, root)
    _generate(root)
    return root


def _by_file(errors, root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for e in errors:
        found.setdefault(str(Path(e.file).relative_to(root)), []).append(e.error)
    return found


def test_each_bad_input_is_reported_by_name_and_reason_and_every_good_one_read(corpus):
    articles, errors = read_paths([corpus])

    ids = [a.article_id for a in articles]
    assert len(ids) == len(set(ids))
    assert GOOD <= set(ids)
    assert len([i for i in ids if i.startswith("url-")]) == GOOD_URL_ROWS
    assert len(ids) == len(GOOD) + GOOD_URL_ROWS
    reported = _by_file(errors, corpus)
    for name, reason in BAD.items():
        assert any(reason in e for e in reported.get(name, [])), (name, reported.get(name))
    assert set(reported) == set(BAD), set(reported) ^ set(BAD)
    too_long_title = [e for e in reported["big-cells.csv"] if "its title is" in e]
    assert too_long_title and "article 'big-3'" in too_long_title[0]
    # every good article's text is what its file says, whatever the encoding
    by_id = {a.article_id: a for a in articles}
    assert "président a déclaré" in by_id["latin1"].text
    assert "Министерство обороны России" in by_id["cp1251"].text
    assert "grain corridor" in by_id["utf16-le-no-bom"].text
    assert by_id["same-story"].path.endswith("dup-a/same-story.txt")


def test_a_folder_the_reader_may_not_enter_is_reported_and_the_rest_read():
    """Run as a non-root user: root ignores permissions, so as root the reading is done in a
    forked child that has dropped to ``nobody`` (the kernel's real permission check)."""
    root = Path(tempfile.mkdtemp(prefix="claimtrace-perm-"))
    try:
        root.chmod(0o755)
        (root / "ok.txt").write_text("Aid reaches Kharkiv\n\n" + SAID.format("Kharkiv"))
        (root / "ok.txt").chmod(0o644)
        secret = root / "secret"
        secret.mkdir()
        (secret / "hidden-story.txt").write_text(SAID.format("Sumy"))
        secret.chmod(0o000)
        (root / "locked.txt").write_text(SAID.format("Lviv"))
        (root / "locked.txt").chmod(0o000)
        result = _read_as_unprivileged(root)
    finally:
        secret.chmod(0o755)
        shutil.rmtree(root)
    assert result["ids"] == ["ok"]
    errors = dict(result["errors"])
    assert "cannot list the folder: permission denied" in errors[str(secret)]
    assert "permission" in errors[str(root / "locked.txt")].lower()


def _read_as_unprivileged(root: Path) -> dict:
    """``read_paths([root])`` as an unprivileged user: in this process when not root, else in a
    forked child that drops to uid/gid 65534 (nobody) before reading."""
    if os.geteuid() != 0:
        articles, errors = read_paths([root])
        return {
            "ids": [a.article_id for a in articles],
            "errors": [[e.file, e.error] for e in errors],
        }
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, read, report, exit without running pytest's cleanup
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            articles, errors = read_paths([root])
            out = {
                "ids": [a.article_id for a in articles],
                "errors": [[e.file, e.error] for e in errors],
            }
            os.write(write_end, json.dumps(out).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(data)


@pytest.mark.slow
def test_index_build_over_the_hostile_corpus_indexes_the_good_and_exits_1(corpus, tmp_path):
    store = str(tmp_path / "store")
    build = CliRunner().invoke(cli, ["--store", store, "index", "build", str(corpus), "--json"])
    assert build.exit_code == 1, build.output  # some failed; not 70, a crash
    summary = json.loads(build.stdout)
    assert len(summary["added"]) == len(GOOD) + GOOD_URL_ROWS
    assert GOOD <= set(summary["added"])
    assert {str(Path(e["file"]).relative_to(corpus)) for e in summary["errors"]} == set(BAD)
    # one line per problem on stderr, a newline in a file name shown escaped
    assert "skipped " + str(corpus / "pipe.txt") + ": not a regular file" in build.stderr
    listed = CliRunner().invoke(cli, ["--store", store, "index", "list", "--json"])
    assert {a["article_id"] for a in json.loads(listed.stdout)} == set(summary["added"])

    again = CliRunner().invoke(cli, ["--store", store, "index", "update", str(corpus), "--json"])
    assert again.exit_code == 1
    second = json.loads(again.stdout)
    assert (second["added"], second["changed"], second["removed"]) == ([], [], [])
    assert second["unchanged"] == len(summary["added"])


def test_the_size_limit_is_a_setting_named_in_the_refusal(tmp_path):
    (tmp_path / "a.txt").write_text(SAID.format("Kherson") * 40)
    env = {MAX_FILE_SETTING: "0.001"}
    result = CliRunner().invoke(
        cli,
        ["--store", str(tmp_path / "s"), "index", "build", str(tmp_path / "a.txt"), "--json"],
        env=env,
    )
    assert result.exit_code == 1
    [error] = json.loads(result.stdout)["errors"]
    assert error["file"] == str(tmp_path / "a.txt")
    assert "over the 0.001 MB limit" in error["error"] and MAX_FILE_SETTING in error["error"]
    bad = CliRunner().invoke(cli, ["index", "stats"], env={MAX_FILE_SETTING: "ten"})
    assert bad.exit_code != 0 and MAX_FILE_SETTING in bad.output
