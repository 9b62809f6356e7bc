"""The one pinyin renderer: a sentence's words as the learner reads them.

Used for the study set's ``pinyin`` (sentences and phrases), the phrases' ``numbers``,
hence cards and quiz, and by ``learnkit pinyin``, so all of them print the same line:

* tone marks: each word's syllables written together with ' before a, o, e (xī'ān),
  names capitalised and grouped as CC-CEDICT writes them ("Xí Jìnpíng", "Zhōng É"),
  words separated by spaces, punctuation in ASCII attached to its word ("wèntí, liǎngguó");
* tone numbers: the same words, syllables spaced as CC-CEDICT writes them ("wen4 ti2,").

Words come from :mod:`learnkit.chinese.annotate` (jieba + dictionary split, readings).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from learnkit.chinese import dictionary as cedict
from learnkit.chinese import names, senses
from learnkit.chinese.reading import to_simplified
from learnkit.chinese.syllables import to_marks
from learnkit.models import Word

Style = Literal["marks", "numbers"]


def pinyin_lines(lines: Sequence[str], style: Style = "marks", per_char: bool = False) -> list[str]:
    """Each line's pinyin, exactly as a study set writes that sentence's (``learnkit
    pinyin``). ``per_char``: one tab-separated cell per character instead (Han → its
    syllable, anything else → itself)."""
    from learnkit.chinese.annotate import annotate_many, segmented

    texts = [segmented(line) for line in lines]
    annotated = annotate_many(texts)
    if per_char:
        return [_cells(words, style) for words in annotated]
    if style == "numbers":
        return [numbers_line(words) for words in annotated]
    return [pinyin_line(w, t.simplified) for w, t in zip(annotated, texts, strict=True)]


def _cells(words: Sequence[Word], style: Style) -> str:
    cells: list[str] = []
    for w in words:
        syllables = w.numbers.split() if w.tones else []
        if len(syllables) != len(w.text):
            cells.extend(w.text)
            continue
        cells.extend(to_marks(s) if style == "marks" else s for s in syllables)
    return "\t".join(cells)


def word_pinyin(word: Word) -> str:
    """One word in tone marks as :func:`pinyin_line` writes it ("Xí Jìnpíng", "huǒbàn")."""
    return _orthographic(word) if word.tones else word.text


_ASCII = str.maketrans(
    {
        "，": ",",
        "。": ".",
        "、": ",",
        "；": ";",
        "：": ":",
        "？": "?",
        "！": "!",
        "（": "(",
        "）": ")",
        "“": "“",
        "”": "”",
        "‘": "‘",
        "’": "’",
        "《": "«",
        "》": "»",
        "〈": "‹",
        "〉": "›",
        "「": "“",
        "」": "”",
        "『": "‘",
        "』": "’",
        "【": "[",
        "】": "]",
        "·": "·",
        "…": "…",
        "—": "—",
        "～": "~",
        "　": " ",
    }
)
_OPENING = set("(“‘«‹[{")
_CLOSING = set(",.;:?!)”’»›]}%…")
_GLUE = set("·/")
_CHUNK = re.compile(r"\s+|[-—]{2,}|[A-Za-z0-9]+(?:[.,:/'\-][A-Za-z0-9]+)*|.")


def _orthographic(word: Word, simplified: str | None = None) -> str:
    """A word's syllables written together, with ' before a, o, e (xī'ān); names
    capitalised and grouped as CC-CEDICT writes them ("Xí Jìnpíng", "Běijīng").
    ``simplified``: the word in Simplified, when the caller has it (else converted)."""
    if simplified is None:
        simplified = to_simplified(word.text)
    return _orthographic_text(word.text, simplified, word.numbers, word.pinyin)


@lru_cache(maxsize=65536)
def _orthographic_text(text: str, simplified: str, numbers: str, pinyin: str) -> str:
    syllables = pinyin.split()
    name = cedict.name_numbers(text, numbers)
    if name is None and senses.is_place_compound(simplified, numbers):
        name = numbers.title()  # 中苏 "Zhōng Sū", as CC-CEDICT writes 中俄 "Zhong1 E2"
    elif name is None and names.is_name(simplified):
        name = numbers.capitalize()  # one capitalised group: "Zéliánsījī"
    starts = {0}
    if name and len(name.split()) == len(syllables):
        starts = {i for i, s in enumerate(name.split()) if s[:1].isupper()}
    if _erhua(simplified, len(syllables)):
        syllables = [*syllables[:-1], "r"]  # 这儿 zhèr, 一点儿 yīdiǎnr: one syllable, not zhè'ér
    out = ""
    for i, syllable in enumerate(syllables):
        if syllable == "r" and i == len(syllables) - 1 and i:
            out += syllable
            continue
        if name and i in starts:
            out += (" " if out else "") + syllable[:1].upper() + syllable[1:]
            continue
        if out and syllable[:1].lower() in "aoeāáǎàōóǒòēéěè":
            out += "'"
        out += syllable
    return out


def _erhua(simplified: str, count: int) -> bool:
    """True if the word's final 儿 is erhua, the r of the syllable before it: CC-CEDICT
    reads the word so (这儿 zhe4 r5; 女儿 nu:3 er2 is not)."""
    if count < 2 or len(simplified) != count or not simplified.endswith("儿"):
        return False
    return any(
        len(parts := e.numbers.lower().split()) == count and parts[-1] == "r5"
        for e in cedict.lookup(simplified)
    )


def pinyin_line(words: Sequence[Word], simplified: str | None = None) -> str:
    """The pinyin of a sentence in tone marks: each word's syllables written together,
    names capitalised, words separated by spaces, punctuation attached. ``simplified``:
    the sentence in Simplified (words' offsets index it), so it is not converted again."""
    if simplified is None:
        return _line(words, _orthographic)
    return _line(words, lambda w: _orthographic(w, simplified[w.start : w.end]))


def numbers_line(words: Sequence[Word]) -> str:
    """The pinyin of a sentence in tone numbers, syllables spaced as CC-CEDICT writes them."""
    return _line(words, lambda w: w.numbers)


def _line(words: Sequence[Word], han) -> str:
    out: list[str] = []
    glue_next, quote_open = True, False
    for w in words:
        if w.tones:  # a Han word's syllables: always a word of their own
            if not glue_next:
                out.append(" ")
            out.append(han(w))
            glue_next = False
            continue
        for chunk in _chunks(w.text):
            if chunk == '"':
                quote_open = not quote_open
                kind = "open" if quote_open else "close"
            elif chunk in _OPENING:
                kind = "open"
            elif chunk in _CLOSING:
                kind = "close"
            elif chunk in _GLUE:
                kind = "glue"
            else:
                kind = "word"
                if chunk[:2] in ("--", "——"):
                    chunk = "—"
            if not (glue_next or kind in ("close", "glue")):
                out.append(" ")
            out.append(chunk)
            glue_next = kind in ("open", "glue")
    return "".join(out)


@lru_cache(maxsize=16384)
def _chunks(text: str) -> tuple[str, ...]:
    """The punctuation marks and Latin words of a non-Han word, as the line writes them."""
    return tuple(c for c in _CHUNK.findall(text.translate(_ASCII)) if not c.isspace())
