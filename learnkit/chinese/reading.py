"""Readings of Chinese text: one numbers-style pinyin syllable per Han character.

``read("银行")`` → ``("yin2", "hang2")``. Syllables use CC-CEDICT's numbers style: tone
digit 1-4, ``5`` for the neutral tone, ``u:`` for ü; citation tones (no tone sandhi).
Simplified and Traditional input are both accepted; the result is per original character.

Polyphonic characters are read by g2pM's bi-LSTM (:mod:`learnkit.polyphone`) over the
whole sentence, combined with pypinyin's phrase dictionary and particle rules
(:mod:`learnkit.particles`); every other character takes pypinyin's reading. On CPP dev
this beats each of them alone (bench/pinyin_cpp.py).
Tone marks: :func:`learnkit.syllables.to_marks`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from learnkit.chinese.particles import choose
from learnkit.text.charclass import HAN, is_han

Reading = tuple[str | None, ...]

_SYLLABLE = re.compile(r"[a-z]+(?:u:[a-z]*)?[1-5]")

# pypinyin's phrase table writes the spoken sandhi of 一 and 不 (一个 yi2, 不要 bu2);
# learners' dictionaries and LearnKit use their citation tones.
_CITATION = {"一": "yi1", "不": "bu4"}


def read(text: str) -> Reading:
    """One syllable per character of ``text``; None for characters that are not Han."""
    return read_many((text,))[0]


def read_many(texts: Iterable[str], simplified: Sequence[str] | None = None) -> list[Reading]:
    """:func:`read` for many texts: the polyphone model runs once over all of them.
    ``simplified``: the texts already converted by :func:`to_simplified` (not redone).

    A text read before in this process is not read again (a sentence repeated across the
    articles of a batch): the model reads each sentence on its own, so its reading is the
    same in any batch."""
    texts = list(texts)
    simplified = [to_simplified(text) for text in texts] if simplified is None else simplified
    keys = list(zip(texts, simplified, strict=True))
    new = list(dict.fromkeys(key for key in keys if key not in _READ))
    if new:
        if len(_READ) + len(new) > _READ_MAX:
            _READ.clear()
        _READ.update(zip(new, _read_many([t for t, _ in new], [s for _, s in new]), strict=True))
    return [_READ[key] for key in keys]


_READ: dict[tuple[str, str], Reading] = {}  # (text, its Simplified) → reading
_READ_MAX = 20_000


def _read_many(texts: list[str], simplified: list[str]) -> list[Reading]:
    from learnkit.chinese import polyphone  # numpy and the model's weights: loaded on first use

    readings: list[list[str | None]] = []
    phrase_readings: list[dict[int, str]] = []
    word_starts: list[list[int]] = []
    for text in simplified:
        syllables, phrases, starts = _dictionary_reading(text)
        readings.append(syllables)
        phrase_readings.append(phrases)
        word_starts.append(starts)
    targets = polyphone.targets(simplified)
    for target, scores in zip(targets, polyphone.scores(simplified, targets), strict=True):
        phrase = phrase_readings[target.sentence].get(target.position)
        position, starts = target.position, word_starts[target.sentence]
        word_before = position - starts[position - 1] if position else 0
        readings[target.sentence][position] = choose(
            simplified[target.sentence], position, scores, phrase, word_before
        )
    return [
        tuple(
            _CITATION.get(char, syllable) if is_han(char) else None
            for char, syllable in zip(text, row, strict=True)
        )
        for text, row in zip(texts, readings, strict=True)
    ]


def _dictionary_reading(text: str) -> tuple[list[str | None], dict[int, str], list[int]]:
    """pypinyin's reading of ``text`` per character (as its ``pinyin(text)`` gives it), the
    readings that come from a multi-character phrase of its dictionary, and the start of
    the segment that holds each character."""
    segment, phrases = _segmenter()
    syllables: list[str | None] = []
    from_phrases: dict[int, str] = {}
    starts: list[int] = []
    for word in segment(text):
        start = len(syllables)
        word_syllables = _word_reading(word)
        if len(word) > 1 and word in phrases:
            from_phrases.update(
                (start + i, s) for i, s in enumerate(word_syllables) if s is not None
            )
        syllables.extend(word_syllables)
        starts.extend([start] * len(word))
    return syllables, from_phrases, starts


@lru_cache(maxsize=200_000)
def _word_reading(word: str) -> tuple[str | None, ...]:
    """pypinyin's numbers-style reading of one segment, one entry per character."""
    pinyin, style = _pypinyin()
    cells = pinyin(word, style=style, neutral_tone_with_five=True, errors=_no_reading)
    if len(cells) != len(word):  # pypinyin keeps one cell per character; guard anyway
        return tuple(_word_reading(char)[0] for char in word) if len(word) > 1 else (None,)
    return tuple(_normalize(cell[0]) for cell in cells)


def _no_reading(chars: str) -> list[str]:
    return [""] * len(chars)


def _normalize(syllable: str) -> str | None:
    """pypinyin's TONE3 style → CC-CEDICT numbers style (``lv4`` → ``lu:4``)."""
    syllable = syllable.replace("v", "u:").replace("ü", "u:")
    return syllable if _SYLLABLE.fullmatch(syllable) else None


@cache
def _pypinyin():
    from pypinyin import Style, pinyin

    return pinyin, Style.TONE3


@cache
def _segmenter():
    """pypinyin's own segmentation and phrase dictionary (what ``pinyin(text)`` uses)."""
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.seg.simpleseg import seg

    return seg, PHRASES_DICT


# --- Traditional → Simplified ------------------------------------------------------


def to_simplified(text: str) -> str:
    """``text`` in Simplified characters if it is written in Traditional ones; same length.

    Text counts as Traditional when converting it to Simplified changes more characters
    than converting it to Traditional would, so characters valid in both scripts (藉 菸)
    keep their own reading in Simplified text.
    """
    if not HAN.search(text):
        return text
    to_simple, to_traditional = _converters()
    simple = _convert_same_length(to_simple, text)
    if simple == text:
        return text
    changed = sum(a != b for a, b in zip(text, simple, strict=True))
    traditional = _convert_same_length(to_traditional, text)
    return simple if changed > sum(a != b for a, b in zip(text, traditional, strict=True)) else text


def to_traditional(text: str) -> str:
    """``text`` in Traditional characters (OpenCC's phrase-aware s2t); same length."""
    if not HAN.search(text):
        return text
    return _convert_same_length(_converters()[1], text)


def _convert_same_length(converter, text: str) -> str:
    """OpenCC's phrase-aware conversion; per character where it would change the length."""
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    chars = (converter.convert(char) for char in text)
    return "".join(new if len(new) == 1 else old for old, new in zip(text, chars, strict=True))


@cache
def _converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
