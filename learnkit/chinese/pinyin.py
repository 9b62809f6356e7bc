"""Pinyin of whole lines, as the ``learnkit pinyin`` command prints it.

Two layouts: one cell per character (Han → its syllable, anything else → itself), or
running pinyin with each word's syllables written together ("xíjìnpíng zài mòsīkē").
Two styles: tone marks ("lǜ") or CC-CEDICT tone numbers ("lu:4", neutral tone 5).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from learnkit.chinese.reading import Reading, read_many, to_simplified
from learnkit.chinese.syllables import to_marks
from learnkit.text.charclass import OPENERS, is_punct

Style = Literal["marks", "numbers"]


def pinyin_lines(lines: Sequence[str], style: Style = "marks", per_char: bool = False) -> list[str]:
    """The pinyin of each line (read together, so the polyphone model runs once)."""
    readings = read_many(lines)
    if per_char:
        return [_cells(line, reading, style) for line, reading in zip(lines, readings, strict=True)]
    return [_running(line, reading, style) for line, reading in zip(lines, readings, strict=True)]


def _cells(line: str, reading: Reading, style: Style) -> str:
    """Tab-separated: one cell per character of ``line``."""
    return "\t".join(
        char if syllable is None else _styled(syllable, style)
        for char, syllable in zip(line, reading, strict=True)
    )


def _running(line: str, reading: Reading, style: Style) -> str:
    """Words separated by spaces; a Han word's syllables written together (jieba words)."""
    from learnkit.chinese.segment import tokenize

    parts: list[str] = []
    opening = ""  # opening quotes/brackets wait for the word they open
    for _word, start, end in tokenize(to_simplified(line)):
        syllables = [s for s in reading[start:end] if s is not None]
        original = line[start:end]
        if not syllables:
            if all(char in OPENERS for char in original):
                opening += original
            elif parts and not opening and all(map(is_punct, original)):
                parts[-1] += original  # closing punctuation sticks to the word before it
            elif not original.isspace():
                parts.append(opening + original)
                opening = ""
            continue
        styled = [_styled(s, style) for s in syllables]
        if style == "marks":  # apostrophe before a, o, e inside a word: xī'ān, not xiān
            styled = [styled[0], *("'" + s if s[0] in "aāáǎàoōóǒòeēéěè" else s for s in styled[1:])]
        parts.append(opening + "".join(styled))
        opening = ""
    if opening:
        parts.append(opening)
    return " ".join(parts)


def _styled(syllable: str, style: Style) -> str:
    return to_marks(syllable) if style == "marks" else syllable
