"""The README's commands are the ones CI runs, and its examples are true."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import ROOT

from learnkit.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _sh_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def test_ci_runs_the_readme_test_command():
    test_command = _sh_blocks()[1].strip()
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci


def test_readme_main_command_builds_decks():
    assert _sh_blocks()[0].strip().endswith("learnkit build")


def test_readme_pinyin_example_is_true():
    line = next(x for x in _sh_blocks()[2].splitlines() if "learnkit pinyin" in x)
    text = re.search(r"echo (\S+) \|", line).group(1)
    expected = line.split("#", 1)[1].strip()
    result = CliRunner().invoke(cli, ["pinyin"], input=text + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == expected
