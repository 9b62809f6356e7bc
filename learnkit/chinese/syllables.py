"""Pinyin syllables: tone numbers ("lu:4", CC-CEDICT style) to tone marks ("lǜ")."""

from __future__ import annotations

import re

_MARKS = {
    "a": "āáǎàa",
    "e": "ēéěèe",
    "i": "īíǐìi",
    "o": "ōóǒòo",
    "u": "ūúǔùu",
    "ü": "ǖǘǚǜü",
}
_NUMBERED = re.compile(r"^([a-zü:]+?)([1-5])?$", re.IGNORECASE)


def tone(numbers: str) -> int:
    """The tone (1-5) of a numbered syllable; 5 when it carries no number."""
    return int(numbers[-1]) if numbers[-1:].isdigit() else 5


def to_marks(numbers: str) -> str:
    """One numbered syllable to tone marks: "zhong4" → "zhòng", "lu:4" → "lǜ", "le5" → "le".

    Follows the standard placement: a or e takes the mark, else the o of "ou", else the
    last vowel. Text that is not a numbered syllable is returned unchanged.
    """
    match = _NUMBERED.match(numbers)
    if not match:
        return numbers
    body, digit = match.group(1), int(match.group(2) or 5)
    body = body.replace("u:", "ü").replace("U:", "Ü").replace("v", "ü").replace("V", "Ü")
    if digit == 5:
        return body
    lower = body.lower()
    for candidate in ("a", "e", "ou"):
        at = lower.find(candidate)
        if at >= 0:
            break
    else:
        vowels = [i for i, c in enumerate(lower) if c in _MARKS]
        if not vowels:  # "m2", "ng2", "r5": no vowel to mark
            return body
        at = vowels[-1]
    marked = _MARKS[lower[at]][digit - 1]
    if body[at].isupper():
        marked = marked.upper()
    return body[:at] + marked + body[at + 1 :]
