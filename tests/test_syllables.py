"""learnkit.chinese.syllables: tone numbers to tone marks (pypinyin's tone table)."""

from __future__ import annotations

import pytest

from learnkit.chinese.syllables import to_marks, tone


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
