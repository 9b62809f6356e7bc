"""learnkit.chinese.syllables: tone numbers to tone marks (pypinyin's tone table) and
pypinyin's dictionary readings of words."""

from __future__ import annotations

import pytest

from learnkit.chinese.syllables import dictionary_reading, to_marks, tone


@pytest.mark.parametrize(
    ("numbers", "marks"),
    [
        ("zhong4", "zhòng"),
        ("lu:4", "lǜ"),
        ("lv4", "lǜ"),
        ("nu:3", "nǚ"),
        ("lu:e4", "lüè"),
        ("le5", "le"),
        ("le", "le"),
        ("Bei3", "Běi"),
        ("E2", "É"),
        ("Lu:4", "Lǜ"),
        ("liu2", "liú"),
        ("gui4", "guì"),
        ("m2", "ḿ"),  # 呣: the tone shows (it was dropped before)
        ("r5", "r"),
        ("A", "A"),
        ("100", "100"),
    ],
    ids=lambda v: v,
)
def test_to_marks(numbers, marks):
    assert to_marks(numbers) == marks


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [("zhong1", 1), ("lu:4", 4), ("le5", 5), ("le", 5)],
    ids=lambda v: str(v),
)
def test_tone(numbers, expected):
    assert tone(numbers) == expected


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        ("银行", ((0, ("yin2", "hang2"), True),)),
        ("行", ((0, ("xing2",), False),)),
        ("爱好者", ((0, ("ai4", "hao4"), True), (2, ("zhe3",), False))),  # not hao3
        ("绿色", ((0, ("lu:4",), False), (1, ("se4",), False))),
        ("A股", ((0, (None,), False), (1, ("gu3",), False))),
        ("，", ((0, (None,), False),)),
    ],
    ids=["phrase", "char", "cut-by-table", "u-umlaut", "latin", "punctuation"],
)
def test_dictionary_reading(word, pieces):
    """pypinyin's reading of one word: the pieces its phrase table cuts it into."""
    assert dictionary_reading(word) == pieces


def test_only_this_module_imports_pypinyin():
    """One module wraps pypinyin (STYLE: each third-party library imported once)."""
    import ast
    from pathlib import Path

    import learnkit

    importers = set()
    root = Path(learnkit.__file__).parent
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] == "pypinyin" for n in names):
                importers.add(path.relative_to(root).as_posix())
    assert importers == {"chinese/syllables.py"}
