"""Pinyin syllables from pypinyin, the only module that imports it.

* its tone table (``pypinyin.contrib.tone_convert``): tone numbers ("lu:4", CC-CEDICT
  style) to tone marks ("lǜ") and back, the one LearnKit uses;
* its dictionary readings of a word (:func:`dictionary_reading`): the word cut by its
  phrase table as ``pinyin(word)`` cuts it, each piece read from that table or from the
  characters' default readings.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

_NUMBERED = re.compile(r"^([a-zü:]+?)([1-5])?$", re.IGNORECASE)
_SYLLABLE = re.compile(r"[a-z]+(?:u:[a-z]*)?[1-5]")


def tone(numbers: str) -> int:
    """The tone (1-5) of a numbered syllable; 5 when it carries no number."""
    return int(numbers[-1]) if numbers[-1:].isdigit() else 5


@lru_cache(maxsize=4096)
def to_marks(numbers: str) -> str:
    """One numbered syllable to tone marks: "zhong4" → "zhòng", "lu:4" → "lǜ", "le5" → "le",
    "Bei3" → "Běi", "m2" → "ḿ". Text that is not a numbered syllable is returned unchanged.
    """
    match = _NUMBERED.match(numbers)
    if not match:
        return numbers
    body, digit = match.group(1), match.group(2) or "5"
    plain = body.lower().replace("u:", "v").replace("ü", "v")
    marked = _to_tone()(plain + digit if digit != "5" else plain).replace("v", "ü")
    return marked[:1].upper() + marked[1:] if body[:1].isupper() else marked


@cache
def _to_tone():
    from pypinyin.contrib.tone_convert import to_tone

    return to_tone


@cache
def split_mark(char: str) -> tuple[str, int | None]:
    """One lower-case letter's base letter and tone, by pypinyin's tone table: "ǎ" → ("a", 3),
    "ǜ" → ("v", 4), "ü" → ("v", None), "ḿ" → ("m", 2). For letters, not digits."""
    converted = _to_tone2()(char)
    if len(converted) == 2 and converted[1] in "1234":
        return converted[0], int(converted[1])
    return converted, None


@cache
def all_syllables() -> frozenset[str]:
    """Every syllable pypinyin reads a character with, without tone ("zhong", "lv", "ng")."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    readings = {reading for line in set(pinyin_dict.values()) for reading in line.split(",")}
    return frozenset(to_normal(reading).replace("ü", "v") for reading in readings)


@cache
def _to_tone2():
    from pypinyin.contrib.tone_convert import to_tone2

    return to_tone2


# --- dictionary readings ----------------------------------------------------------------

Piece = tuple[int, tuple[str | None, ...], bool]  # (start in the word, syllables, a phrase)


@lru_cache(maxsize=65536)
def dictionary_reading(word: str) -> tuple[Piece, ...]:
    """pypinyin's reading of ``word`` (Simplified) as ``pinyin(word)`` gives it: the pieces its
    phrase table cuts it into, each as (start, one numbers-style syllable or None per
    character, whether the piece is a multi-character phrase of the table)."""
    segment, phrases = _segmenter()
    pieces: list[Piece] = []
    start = 0
    for piece in segment(word):
        pieces.append((start, _piece_reading(piece), len(piece) > 1 and piece in phrases))
        start += len(piece)
    return tuple(pieces)


@lru_cache(maxsize=65536)
def _piece_reading(piece: str) -> tuple[str | None, ...]:
    """pypinyin's numbers-style reading of one piece, one entry per character."""
    pinyin, style = _pypinyin()
    cells = pinyin(piece, style=style, neutral_tone_with_five=True, errors=_no_reading)
    if len(cells) != len(piece):  # pypinyin keeps one cell per character; guard anyway
        return tuple(_piece_reading(char)[0] for char in piece) if len(piece) > 1 else (None,)
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
    """pypinyin's own cutting by its phrase table, and the table (what ``pinyin()`` uses)."""
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.seg.simpleseg import seg

    return seg, PHRASES_DICT
