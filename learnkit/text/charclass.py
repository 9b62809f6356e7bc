"""Character classes shared by the parser, the sentence splitter and phrase pairing."""

from __future__ import annotations

import re

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

# Opening/closing quotes and brackets, ASCII and full-width.
OPENERS = "\"'“‘「『《〈（(【［[｛{"
CLOSERS = "\"'”’」』》〉）)】］]｝}"
QUOTES = "\"'“”‘’「」『』"


def is_han(ch: str) -> bool:
    return bool(HAN.match(ch))


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
