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


def test_readme_study_set_example_matches_the_sample(sample_study_set):
    import json

    from learnkit.codec import to_dict

    example = json.loads(re.search(r"```json\n(.*?)```", README, flags=re.S).group(1))
    real = to_dict(sample_study_set)
    assert example["id"] == real["id"]
    assert example["title"] == real["title"]
    assert example["meta"]["source_url"] == real["meta"]["source_url"]
    phrase = {k: v for k, v in example["phrases"][0].items() if k != "words"}
    assert phrase.items() <= real["phrases"][1].items()
    word = example["sentences"][0]["words"][0]
    assert word in real["sentences"][0]["words"]
    assert real["sentences"][0]["emphasis"] == example["sentences"][0]["emphasis"]


def test_readme_python_example_runs(tmp_path, monkeypatch, capsys):
    """The three-line example: it prints what its comment says and writes a deck Anki
    imports (every card of the sample)."""
    from anki_support import import_package, open_collection

    code = re.search(r"```python\n(.*?)```", README, flags=re.S).group(1)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "decks").mkdir()
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    printed = next(line for line in code.splitlines() if line.startswith("print("))
    assert capsys.readouterr().out.strip() == printed.split("#", 1)[1].strip()
    deck = tmp_path / "decks" / "xi-putin.apkg"
    col = open_collection(tmp_path / "col")
    try:
        import_package(col, deck)
        assert col.note_count() > 0 and col.card_count() >= col.note_count()
    finally:
        col.close()


def test_public_verbs_are_lazy_and_documented():
    import subprocess
    import sys

    code = (
        "import sys, learnkit; "
        "print(sorted(m for m in sys.modules if m.startswith(('learnkit.pipeline', 'jieba')))); "
        "print(all(callable(getattr(learnkit, v)) for v in "
        "('study_set', 'load', 'write_deck', 'deck_bytes')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["[]", "True"]
    for verb in (
        "learnkit.study_set",
        "learnkit.load",
        "learnkit.write_deck",
        "learnkit.deck_bytes",
    ):
        assert verb in README
