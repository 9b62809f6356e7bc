"""Checking a quiz answer: typed hanzi, pinyin (tone marks, tone numbers or no tones), a choice.

The verdict grades the review: a right answer is Good; right without tones, right after
the pinyin hint, or a right multiple choice (recognition, not recall) is Hard; else Again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from learnkit.study.quiz import ClozeItem
from learnkit.text.charclass import is_han

_MARKED = {
    "ā": ("a", 1),
    "á": ("a", 2),
    "ǎ": ("a", 3),
    "à": ("a", 4),
    "ē": ("e", 1),
    "é": ("e", 2),
    "ě": ("e", 3),
    "è": ("e", 4),
    "ī": ("i", 1),
    "í": ("i", 2),
    "ǐ": ("i", 3),
    "ì": ("i", 4),
    "ō": ("o", 1),
    "ó": ("o", 2),
    "ǒ": ("o", 3),
    "ò": ("o", 4),
    "ū": ("u", 1),
    "ú": ("u", 2),
    "ǔ": ("u", 3),
    "ù": ("u", 4),
    "ǖ": ("v", 1),
    "ǘ": ("v", 2),
    "ǚ": ("v", 3),
    "ǜ": ("v", 4),
    "ü": ("v", 0),
    "ń": ("n", 2),
    "ň": ("n", 3),
    "ǹ": ("n", 4),
    "ḿ": ("m", 2),
}
_SYLLABLE = re.compile(r"([a-z]+)([1-5])")  # non-Han text in a numbers line has no digit
# Tone sandhi learners write as heard: 一 yī/yí/yì, 不 bù/bú.
_SANDHI = {("yi", 1): {1, 2, 4}, ("bu", 4): {2, 4}}


class Rating(IntEnum):
    """FSRS grades (same values as ``fsrs.Rating``)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class Verdict(StrEnum):
    RIGHT = "right"
    TONELESS = "toneless"  # right letters, no tones given: right, with a nudge
    TONES = "tones"  # right letters, wrong tones: wrong
    WRONG = "wrong"


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    how: str  # "hanzi", "pinyin", "choice" or "none"
    answer: str  # what the learner gave
    message: str

    @property
    def correct(self) -> bool:
        return self.verdict in (Verdict.RIGHT, Verdict.TONELESS)


def rating(outcome: Outcome, hinted: bool = False) -> Rating:
    """The FSRS grade an answer earns."""
    if not outcome.correct:
        return Rating.AGAIN
    if hinted or outcome.verdict is Verdict.TONELESS or outcome.how == "choice":
        return Rating.HARD
    return Rating.GOOD


def _bare(text: str) -> str:
    """Text as compared: NFKC, without spaces, punctuation or symbols."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZS")


def parse_pinyin(text: str) -> tuple[list[str], list[int]]:
    """Letters (ü as v) and tones, in order, of pinyin with tone marks and/or numbers."""
    letters: list[str] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", text.lower()):
        if ch in _MARKED:
            base, tone = _MARKED[ch]
            letters.append(base)
            if tone:
                tones.append(tone)
        elif ch in "12345":
            tones.append(int(ch))
        elif ch == ":" and letters and letters[-1] == "u":
            letters[-1] = "v"
        elif "a" <= ch <= "z":
            letters.append(ch)
    return letters, tones


def _syllables(numbers: str) -> list[tuple[str, int]]:
    """("zhong", 1) pairs of a numbers-style line such as "zhong1 guo2 lu:4 er3·pu3 le5"."""
    text = numbers.lower().replace("u:", "v").replace("ü", "v")
    return [(letters, int(tone)) for letters, tone in _SYLLABLE.findall(text)]


def _tones_match(given: list[int], expected: list[tuple[str, int]]) -> bool:
    def fits(tones: list[int], sylls: list[tuple[str, int]]) -> bool:
        return len(tones) == len(sylls) and all(
            t in _SANDHI.get(s, {s[1]}) for t, s in zip(tones, sylls, strict=True)
        )

    # Neutral tones may be written (5) or left unmarked.
    return fits(given, expected) or fits(given, [s for s in expected if s[1] != 5])


def _loose(letters: str) -> str:
    return letters.replace("v", "u")


def check_typed(item: ClozeItem, text: str) -> Outcome:
    """Judge a typed answer: hanzi if it contains Chinese characters, pinyin otherwise."""
    text = text.strip()
    if not _bare(text):
        return Outcome(Verdict.WRONG, "none", text, f"The answer is {item.answer}.")
    if any(is_han(ch) for ch in text):
        if _bare(text) == _bare(item.answer):
            return Outcome(Verdict.RIGHT, "hanzi", text, "Right!")
        return Outcome(Verdict.WRONG, "hanzi", text, f"Not quite: the answer is {item.answer}.")
    expected = _syllables(item.numbers)
    letters, tones = parse_pinyin(text)
    if not expected or _loose("".join(letters)) != _loose("".join(s for s, _ in expected)):
        return Outcome(
            Verdict.WRONG,
            "pinyin",
            text,
            f"Not quite: the answer is {item.answer} ({item.pinyin}).",
        )
    if not tones:
        return Outcome(
            Verdict.TONELESS, "pinyin", text, f"Right, but mind the tones: {item.pinyin}."
        )
    if _tones_match(tones, expected):
        return Outcome(Verdict.RIGHT, "pinyin", text, "Right!")
    return Outcome(
        Verdict.TONES, "pinyin", text, f"Right syllables, wrong tones: it is {item.pinyin}."
    )


def check_choice(item: ClozeItem, index: int) -> Outcome:
    """Judge a multiple choice, index counted from 1."""
    if not 1 <= index <= len(item.choices):
        return Outcome(Verdict.WRONG, "none", "", f"The answer is {item.answer}.")
    picked = item.choices[index - 1]
    if picked == item.answer:
        return Outcome(Verdict.RIGHT, "choice", picked, "Right!")
    return Outcome(Verdict.WRONG, "choice", picked, f"Not quite: the answer is {item.answer}.")
