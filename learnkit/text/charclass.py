"""Character classes: the one definition of a Chinese character, quotes and punctuation.

Every module that asks "is this Han?" (sentence splitting, readings, annotation, alignment,
phrase pairing, cards, quiz, the segmentation-dictionary tool) uses :data:`HAN_CLASS`.
"""

from __future__ import annotations

import re
from functools import cache

# CJK ideographs: Extension A, the URO, compatibility ideographs, Extensions B-H (planes 2
# and 3), and 〇 (U+3007, read líng in dates such as 二〇二四): the characters that have a
# reading. Not the radicals, strokes or hexagram symbols around them.
HAN_CLASS = "〇\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

# Opening/closing quotes and brackets, ASCII and full-width.
OPENERS = "\"'“‘「『《〈（(【［[｛{"
CLOSERS = "\"'”’」』》〉）)】］]｝}"
QUOTES = "\"'“”‘’「」『』"

# The personal pronouns, one character each (们 makes their plurals).
PRONOUNS = frozenset("我你您他她它咱")

# Punctuation that ends a clause, in either language: commas, colons, stops, brackets and
# dashes, and a full stop that is not a decimal point (search with one character of what
# follows, so that "38.1" is no break).
CLAUSE_BREAK = re.compile(r"[,;:!?。，；：！？、()（）\[\]【】—]|\.(?!\d)")


@cache  # one entry per distinct character
def is_han(ch: str) -> bool:
    """True for one Chinese character (:data:`HAN_CLASS`, 〇 included)."""
    return HAN.fullmatch(ch) is not None


def is_cjk(ch: str) -> bool:
    """Han characters, CJK punctuation and full-width forms."""
    o = ord(ch)
    return (
        is_han(ch)
        or 0x3000 <= o <= 0x303F  # CJK symbols and punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or ch in "“”‘’…—·"
    )


def is_punct(ch: str) -> bool:
    return not ch.isalnum() and not ch.isspace()


def detect_lang(text: str) -> str | None:
    """ "zh" or "en" from the ratio of Han characters to Latin letters; None if neither.

    One Han character carries about as much as three Latin letters, so a Chinese text
    quoting English names stays Chinese and an English text quoting a Chinese term stays English.
    """
    han = len(HAN.findall(text))
    latin = len(LATIN.findall(text))
    if not han and not latin:
        return None
    return "zh" if han * 3 >= latin else "en"
