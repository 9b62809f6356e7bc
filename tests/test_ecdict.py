"""ECDICT look-ups (English → Chinese renderings) over the bisected data file."""

from __future__ import annotations

import pytest

from learnkit.chinese import ecdict
from learnkit.data import data_path


@pytest.mark.parametrize(
    "english, expected_first",
    [
        ("aftershock", "余震"),
        ("deadlock", "僵局"),
        ("Deadlock", "僵局"),  # case folded
        ("word of   mouth", "口头传述的"),  # a phrase; spaces normalised
        ("out of control", "不受控制"),
        ("pleasantries", "客气话"),  # an inflected form with its own entry
        ("re-election", "再次竞选"),  # hyphenated words whole
        ("re‐election", "再次竞选"),  # a Unicode hyphen is the ASCII one
        ("county seat", "县城"),
    ],
)
def test_renderings_first(english, expected_first):
    assert ecdict.renderings(english)[0] == expected_first


@pytest.mark.parametrize(
    "english, contains",
    [("glut", "供过于求"), ("entrenched", "根深蒂固的"), ("make strides", "大有进步")],
)
def test_renderings_include(english, contains):
    assert contains in ecdict.renderings(english)


@pytest.mark.parametrize("english", ["", "   ", "zzzzqx", "café", "aftershocks of", "a-"])
def test_unknown_is_empty(english):
    assert ecdict.renderings(english) == ()


def test_curly_apostrophe_is_plain():
    assert ecdict.key("Don’t  Know") == "don't know"


def test_file_is_sorted_unique_and_every_key_is_found():
    lines = data_path(ecdict.FILE).read_bytes().split(b"\n")
    assert lines[-1] == b""
    keys = [line.split(b"\t", 1)[0] for line in lines[:-1]]
    assert keys == sorted(set(keys))
    assert all(b"\t" in line and line.split(b"\t")[1] for line in lines[:-1])
    # the first, last and a spread of keys are all found by the bisection
    ecdict.renderings.cache_clear()
    for k in keys[:: len(keys) // 500] + [keys[0], keys[-1]]:
        assert ecdict.renderings(k.decode()), k
