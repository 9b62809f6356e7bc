"""Which words of a long phrase a cloze blanks."""

from __future__ import annotations

import pytest

from learnkit.models import Word
from learnkit.study.cloze import key_words


def w(
    text: str,
    start: int,
    *,
    hsk: int | None = None,
    zipf: float | None = None,
    study: bool = True,
    han: bool = True,
) -> Word:
    return Word(
        text,
        start,
        start + len(text),
        tones=(1,) * len(text) if han else (),
        hsk=hsk,
        zipf=zipf,
        study=study,
    )


# 中俄两国之间持久的伙伴关系仍然是地缘政治方面: as the sample's annotation gives it.
SAMPLE = (
    w("中俄", 0, zipf=2.0, study=False),
    w("两国之间", 2, zipf=1.67),
    w("持久", 6, hsk=7, zipf=4.07),
    w("的", 8, hsk=1, zipf=7.0, study=False),
    w("伙伴", 9, hsk=4, zipf=4.4),
    w("关系", 11, hsk=3, zipf=5.5),
    w("仍然", 13, hsk=3, zipf=4.9),
    w("是", 15, hsk=1, study=False),
    w("地缘", 16, zipf=2.9),
    w("政治", 18, hsk=4, zipf=5.0),
    w("方面", 20, hsk=2, zipf=5.2, study=False),
)


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (1, ["持久"]),
        (3, ["持久", "伙伴", "政治"]),
        (6, ["两国之间", "持久", "伙伴", "关系", "仍然", "政治"]),
    ],
    ids=["one", "three", "six"],
)
def test_curriculum_words_come_before_rare_looking_compounds(limit, expected):
    assert [x.text for x in key_words(SAMPLE, 0, 22, limit)] == expected


def test_only_words_inside_the_span_count():
    assert [x.text for x in key_words(SAMPLE, 9, 16, 2)] == ["伙伴", "仍然"]
    assert [x.text for x in key_words(SAMPLE, 11, 16, 2)] == ["关系", "仍然"]


def test_single_characters_only_when_nothing_longer():
    words = (w("我", 0, hsk=1, study=False), w("，", 1, han=False), w("他", 2, hsk=1))
    assert [x.text for x in key_words(words, 0, 3, 1)] == ["他"]
