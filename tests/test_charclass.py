"""learnkit.text.charclass: the one definition of a Chinese character."""

from __future__ import annotations

import pytest

from learnkit.chinese.reading import read
from learnkit.text.charclass import CLAUSE_BREAK, HAN_RUN, detect_lang, is_cjk, is_han, is_punct


@pytest.mark.parametrize(
    ("char", "han"),
    [
        ("中", True),
        ("〇", True),  # read líng: 二〇二四
        ("㐀", True),  # Extension A
        ("\U00020000", True),  # Extension B
        ("\U00030000", True),  # Extension G
        ("豈", True),  # compatibility ideograph U+F900
        ("，", False),
        ("。", False),
        ("A", False),
        ("1", False),
        ("䷀", False),  # a hexagram symbol, not a character
        ("⺀", False),  # a radical
        ("", False),
        ("中国", False),  # one character, not a run
    ],
    ids=lambda v: repr(v) if isinstance(v, str) else str(v),
)
def test_is_han(char, han):
    assert is_han(char) is han


def test_readings_follow_is_han():
    """Exactly the Han characters get a syllable (〇 included), so cards and quiz agree."""
    text = "二〇二四年，A股涨了。"
    assert [c for c, s in zip(text, read(text), strict=True) if s] == [c for c in text if is_han(c)]


@pytest.mark.parametrize(
    ("text", "runs"),
    [("二〇二四年，他在A股赚了100万。", ["二〇二四年", "他在", "股赚了", "万"]), ("abc", [])],
    ids=["mixed", "latin"],
)
def test_han_runs(text, runs):
    assert HAN_RUN.findall(text) == runs


@pytest.mark.parametrize(
    ("char", "cjk", "punct"),
    [
        ("中", True, False),
        ("，", True, True),
        ("“", True, True),
        (",", False, True),
        ("a", False, False),
    ],
    ids=["han", "full-width-comma", "quote", "ascii-comma", "letter"],
)
def test_cjk_and_punct(char, cjk, punct):
    assert (is_cjk(char), is_punct(char)) == (cjk, punct)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("中俄关系", "zh"), ("Xi and Putin", "en"), ("普京会见了Donald Trump", "zh"), ("123", None)],
    ids=["zh", "en", "zh-with-name", "neither"],
)
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang


@pytest.mark.parametrize(
    ("between", "breaks"),
    [
        (", ", True),
        ("; ", True),
        (" — ", True),  # an English dash ends a clause for phrases and gaps alike
        ("（", True),
        ("，", True),
        ("、", True),
        ("。", True),
        (". T", True),  # a full stop before the next word
        (".1", False),  # 38.1: a decimal point (searched with the next character)
        (" ", False),
        (" and ", False),
        ("-", False),  # a hyphen joins words
    ],
)
def test_clause_break(between, breaks):
    """One definition of a clause break, for phrase windows, span extensions and gaps."""
    assert bool(CLAUSE_BREAK.search(between)) is breaks
