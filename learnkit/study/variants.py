"""Other ways to write a quiz answer that say exactly the same thing.

* an optional erhua 儿 left out: 一点 for 一点儿, 玩 for 玩儿, where CC-CEDICT calls the word
  an erhua variant of the word without 儿, or gives the two a sense in common (not 哪 for
  哪儿, "which" and "where", nor 这 for 这儿);
* 这里, 那里, 哪里 for 这儿, 那儿, 哪儿 (the same words, northern and standard);
* digits read as Chinese numerals: 二十世纪 (èrshí shìjì) for 20世纪, 两百 or 二百 for 200,
  一九七一年 for 1971年, 一点五 for 1.5. Not the other way round: 一 is "a" as often as
  "1", and 十一 is a holiday as well as 11.

Each variant is the answer with its numbers line, so typed hanzi and pinyin are judged
against it as against the answer itself (:func:`learnkit.study.answers.check_typed`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from learnkit.text.charclass import is_han

_DIGITS = "零一二三四五六七八九"
_NUMBERS = dict(
    zip(
        "零〇一二两三四五六七八九十百千万亿点",
        "ling2 ling2 yi1 er4 liang3 san1 si4 wu3 liu4 qi1 ba1 jiu3 shi2 bai3 qian1 wan4 yi4 "
        "dian3".split(),
        strict=True,
    )
)
_PLAIN_NUMBER = re.compile(r"\d{1,12}(?:\.\d{1,6})?")
_NOT_NUMBER, _NOT_NUMBER_AFTER = r"(?<![0-9A-Za-z.])", r"(?![0-9A-Za-z.%‰])"  # not G20, 5G, 38%
_HERE = {
    "这儿": ("这里", "zhe4 li3"),
    "那儿": ("那里", "na4 li3"),
    "哪儿": ("哪里", "na3 li3"),
    "這兒": ("這裡", "zhe4 li3"),
    "那兒": ("那裡", "na4 li3"),
    "哪兒": ("哪裡", "na3 li3"),
}
_ERHUA_OF = re.compile(r"erhua variant of (?:([^\s|\[]+)\|)?([^\s|\[]+)\[")  # 一點|一点[…]


@dataclass(frozen=True)
class Variant:
    answer: str  # the other spelling
    numbers: str  # its numbers line
    why: str  # for the learner: "without the erhua 儿", "20 read as a number"


def variants(answer: str, numbers: str, ends: frozenset[int] | None = None) -> tuple[Variant, ...]:
    """Other spellings of ``answer`` (whose numbers line is ``numbers``) that mean the same.
    ``ends``: where the answer's words end (offsets into it), when known: an erhua 儿 must
    end one (not the 儿 of 这儿童, this child)."""
    answer, numbers = unicodedata.normalize("NFKC", answer), unicodedata.normalize("NFKC", numbers)
    return _variants(answer, numbers, ends)


@lru_cache(maxsize=4096)
def _variants(answer: str, numbers: str, ends: frozenset[int] | None) -> tuple[Variant, ...]:
    erhua = "儿" in answer or "兒" in answer
    out = list(_erhua(answer, numbers, ends)) if erhua else []
    tokens = numbers.split()
    if any(_PLAIN_NUMBER.fullmatch(t) for t in tokens):
        out += _numerals(answer, tokens)
    return tuple(out)


def _erhua(answer: str, numbers: str, ends: frozenset[int] | None) -> list[Variant]:
    """The answer without an erhua 儿 (or with 里 for the 儿 of 这儿 那儿 哪儿)."""
    syllables = numbers.split()
    hans = [n for n, ch in enumerate(answer) if is_han(ch)]
    if len(hans) != len(syllables):
        return []
    out = []
    for k, at in enumerate(hans):
        if answer[at] not in "儿兒" or k == 0 or hans[k - 1] != at - 1:
            continue
        if ends is not None and at + 1 not in ends:
            continue  # 儿 starts a word (儿童): no erhua
        for word in (answer[max(0, at - n) : at + 1] for n in (3, 2, 1)):
            if len(word) > 1 and all(map(is_han, word)) and _is_erhua(word):
                break
        else:
            continue
        rest = syllables[:k] + syllables[k + 1 :]
        if _optional_erhua(word):
            out.append(Variant(answer[:at] + answer[at + 1 :], " ".join(rest), "without the 儿"))
        if word in _HERE:
            other, reading = _HERE[word]
            spelt = answer[: at - 1] + other + answer[at + 1 :]
            line = " ".join(syllables[: k - 1] + reading.split() + syllables[k + 1 :])
            out.append(Variant(spelt, line, f"{other} for {word[-2:]}"))
    return out


def _is_erhua(word: str) -> bool:
    """True if CC-CEDICT reads the final 儿 of ``word`` as erhua r (一点儿 yi1 dian3 r5)."""
    from learnkit.chinese.dictionary import lookup

    return any(e.numbers.lower().endswith(" r5") for e in lookup(word))


def _senses(word: str) -> set[str]:
    from learnkit.chinese.dictionary import lookup

    senses = set()
    for entry in lookup(word):
        for definition in entry.definitions:
            for sense in definition.split(";"):
                sense = re.sub(r"\([^)]*\)", "", sense).strip().lower()
                if sense and "variant of" not in sense and not sense.startswith(("cl:", "also pr")):
                    senses.add(sense)
    return senses


def _optional_erhua(word: str) -> bool:
    """True if ``word`` without its final 儿 means the same: CC-CEDICT calls ``word`` its
    erhua variant, or gives the two a sense in common."""
    from learnkit.chinese.dictionary import lookup

    plain = word[:-1]
    for entry in lookup(word):
        for definition in entry.definitions:
            found = _ERHUA_OF.search(definition)
            if found and plain in found.groups():
                return True
    return bool(_senses(word) & _senses(plain))


def _numerals(answer: str, tokens: list[str]) -> list[Variant]:
    """The answer with its plain numbers (a token of the numbers line such as "20" or
    "1.5", standing alone in the answer) read as Chinese numerals, each way of reading them."""
    spelt, lines = [(answer, 0)], [[]]
    for token in tokens:
        if not _PLAIN_NUMBER.fullmatch(token):
            lines = [line + [token] for line in lines]
            continue
        grown_spelt, grown_lines = [], []
        for (text, at), line in zip(spelt, lines, strict=True):
            found = re.compile(rf"{_NOT_NUMBER}{re.escape(token)}{_NOT_NUMBER_AFTER}").search(
                text, at
            )
            if found is None:
                return []
            after = text[found.end() : found.end() + 1]
            for chinese in _readings(token, year=after == "年"):
                spelt_so = text[: found.start()] + chinese + text[found.end() :]
                grown_spelt.append((spelt_so, found.start() + len(chinese)))
                grown_lines.append(line + [_NUMBERS[ch] for ch in chinese])
        spelt, lines = grown_spelt[:8], grown_lines[:8]
    return [
        Variant(text, " ".join(line), "the number in Chinese numerals")
        for (text, _), line in zip(spelt, lines, strict=True)
    ]


def _readings(number: str, *, year: bool) -> list[str]:
    """Ways to read ``number`` ("20", "1.5", "1971") in Chinese numerals; a year digit by
    digit (一九七一, 二〇二四 or 二零二四)."""
    whole, _, fraction = number.partition(".")
    if year and not fraction and len(whole) == 4:
        by_digit = "".join(_DIGITS[int(d)] for d in whole)
        return [by_digit, by_digit.replace("零", "〇")] if "零" in by_digit else [by_digit]
    if len(whole) > 1 and whole.startswith("0"):
        return []  # 007, 0800: not a number as such
    tail = "点" + "".join(_DIGITS[int(d)] for d in fraction) if fraction else ""
    return [cardinal + tail for cardinal in _cardinals(int(whole))]


def _cardinals(n: int) -> list[str]:
    """``n`` (below 10¹²) in Chinese numerals: 二十, 一百零一, 一万两千 (and 一万二千)."""
    if n == 0:
        return ["零"]
    groups, parts = [], n
    while parts:
        groups.append(parts % 10000)
        parts //= 10000
    plain = _spell(groups)
    liang = _spell(groups, liang=True)
    return [liang, plain] if liang != plain else [plain]


def _spell(groups: list[int], *, liang: bool = False) -> str:
    out, zero = "", False
    for k in range(len(groups) - 1, -1, -1):
        group = groups[k]
        if group == 0:
            zero = bool(out)
            continue
        if out and (zero or group < 1000):
            out += "零"
        if liang and group == 2 and k and not out:
            out += "两"  # 两万, 两亿
        else:
            out += _group(group, liang=liang, leading=not out)
        out += ("", "万", "亿", "万亿")[k]
        zero = False
    return out


def _group(n: int, *, liang: bool, leading: bool) -> str:
    """1-9999 in numerals: 十五 leading a number, 一十五 after 万 or 亿 (一万零一十五)."""
    digits = [n // 1000, n // 100 % 10, n // 10 % 10, n % 10]
    out, zero = "", False
    for digit, unit in zip(digits, ("千", "百", "十", ""), strict=True):
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
        zero = False
        if unit == "十" and digit == 1 and not out and leading:
            out += "十"
        elif digit == 2 and liang and unit in ("千", "百") and not out:
            out += "两" + unit
        else:
            out += _DIGITS[digit] + unit
    return out
