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
