"""The README can't rot: every command it lists exists, and its example runs."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from claimtrace.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_command_in_the_readme_table_exists():
    commands = re.findall(r"^\| `claimtrace ([a-z ]+?)(?: [A-Z\[-]|`)", README, re.M)
    assert len(commands) >= 9
    for command in commands:
        result = CliRunner().invoke(cli, [*command.split(), "--help"])
        assert result.exit_code == 0, (command, result.output)


def test_the_readme_chat_example_answers_as_shown(seed_engine):
    example = README[README.index("? Why did") :].split("```")[0]
    question = example.splitlines()[0].removeprefix("? ")
    shown = example.splitlines()[1].split("“")[0]
    answer = seed_engine.ask(question)
    assert answer.answer.startswith(shown)


ROOT = Path(__file__).resolve().parents[1]


def _anchors(markdown: str) -> set[str]:
    """GitHub's anchors for the headings of a Markdown text."""
    headings = re.findall(r"^#+ (.+)$", markdown, re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


def test_the_readme_is_a_guide_of_at_most_400_lines():
    assert len(README.splitlines()) <= 400


def test_the_records_live_in_docs_linked_from_the_readme():
    for doc in ("docs/EVALUATION.md", "docs/BENCHMARKS.md", "docs/RELIABILITY.md"):
        assert (ROOT / doc).is_file(), doc
        assert f"]({doc}" in README, f"the README does not link {doc}"


def test_every_link_in_the_readme_and_docs_leads_somewhere():
    for page in (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))):
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text()):
            if target.startswith(("http://", "https://")):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            assert linked.is_file(), f"{page.name}: {target}"
            if anchor:
                assert anchor in _anchors(linked.read_text()), f"{page.name}: {target}"


def test_the_first_screen_shows_how_to_start_on_ones_own_archive():
    first_screen = "\n".join(README.splitlines()[:30])
    assert "make chat ARTICLES=" in first_screen and "STORE=" in first_screen
    assert re.search(r"^ARTICLES\s*\?=\s*data/articles$", (ROOT / "Makefile").read_text(), re.M)
