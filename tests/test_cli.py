"""The command line: help for every command, `extract` output and one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from learnkit.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


def test_every_command_has_help(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    commands = list(cli.commands)
    assert {"extract", "build", "serve", "pinyin"} <= set(commands)
    for name in commands:
        sub = runner.invoke(cli, [name, "--help"])
        assert sub.exit_code == 0, name
        assert cli.commands[name].help, f"{name} has no help text"


def test_help_is_instant_because_heavy_libraries_load_lazily():
    code = (
        "import sys; from learnkit.cli import cli; "
        "heavy = {'jieba', 'pypinyin', 'genanki', 'flask', 'numpy', 'anki', 'opencc'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_extract_prints_the_study_set_as_json(runner, sample_path):
    result = runner.invoke(cli, ["extract", str(sample_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == {
        "zh": "习近平和普京的友谊长存",
        "en": "The relationship between Xi and Putin is built to last",
    }
    assert data["phrases"][1]["zh"] == "双重遏制"
    assert data["phrases"][1]["en"] == "dual containment"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        ("", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        (b"# \xd6\xd0\xce\xc4\n\n\xc4\xe3\xba\xc3", "not UTF-8 text"),
        ("# Title\n\nOnly English here.\n", "no Chinese text"),
        (
            "中。" + "a" * 2_000_000,
            "too large: 2,000,002 characters (the limit is 2,000,000); split it into several"
            " articles",
        ),
        (
            "好。" * 10_001,
            "too long: 10,001 Chinese sentences (the limit is 10,000); split it into several"
            " articles",
        ),
    ],
    ids=["missing", "empty", "binary", "gbk", "english-only", "too-many-chars", "too-many-sents"],
)
def test_extract_bad_input_is_one_line_error(runner, write_article, tmp_path, content, problem):
    path = tmp_path / "missing.md" if content is None else write_article(content)
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"Error: {path}: {problem}"), lines[0]
    assert "Traceback" not in result.output


def test_extract_directory_is_one_line_error(runner, tmp_path):
    result = runner.invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {tmp_path}: is a directory, not an article file"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("total", "drawn"), [(499, False), (500, True)], ids=["short article", "long article"]
)
def test_article_bar_draws_on_a_terminal_for_long_articles_only(monkeypatch, total, drawn):
    from learnkit.progress import article_bar

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with article_bar() as report:
        report("Aligning", 0, total)
        report("Pairing phrases", total // 2, total)
    assert ("Pairing phrases" in terminal.getvalue()) is drawn


def test_article_bar_is_silent_off_a_terminal(monkeypatch):
    from learnkit.progress import article_bar

    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    with article_bar() as report:
        report("Aligning", 0, 10_000)
    assert pipe.getvalue() == ""


ARTICLE = "# 银行\n\n我们去**银行**。\n\n---\n\n# The bank\n\nWe go to the **bank**.\n"


@pytest.mark.parametrize(
    ("command", "status", "stdout", "stderr"),
    [
        (["extract", "{article}"], 0, '"zh": "银行"', ""),
        (["extract", "{missing}"], 2, "", "Error: {missing}: no such file"),
        (["build", "{article}", "-o", "{out}"], 0, "Built 1 article, ", ""),
        (["build", "{missing}", "-o", "{out}"], 2, "", "Error: {missing}: no such file"),
    ],
    ids=["extract", "extract-missing", "build", "build-missing"],
)
def test_the_process_ends_with_its_output_and_status(
    write_article, tmp_path, command, status, stdout, stderr
):
    """extract and build end their process without interpreter finalisation (os._exit):
    everything written is still flushed and the exit status is kept."""
    names = {
        "article": write_article(ARTICLE),
        "missing": tmp_path / "missing.md",
        "out": tmp_path / "decks",
    }
    args = [part.format(**names) for part in command]
    main = [sys.executable, "-c", "from learnkit.cli import main; main()"]
    done = subprocess.run([*main, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == status, done.stderr
    assert stdout.format(**names) in done.stdout
    assert done.stderr.startswith(stderr.format(**names)), done.stderr
    if command[0] == "extract" and status == 0:
        assert json.loads(done.stdout)["phrases"][0]["zh"] == "银行"
    if command[0] == "build" and status == 0:
        assert len(list(names["out"].glob("*.apkg"))) == 1
