"""Pinyin syllables: tone numbers ("lu:4", CC-CEDICT style) to tone marks ("lǜ").

The tone table is pypinyin's (``pypinyin.contrib.tone_convert``), the one LearnKit uses.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

_NUMBERED = re.compile(r"^([a-zü:]+?)([1-5])?$", re.IGNORECASE)


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
def _to_tone2():
    from pypinyin.contrib.tone_convert import to_tone2

    return to_tone2
