"""The words of a long phrase most worth recalling: what a cloze blanks instead of a clause.

One ranking serves the Anki cloze cards and the browser quiz, so both blank the same words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from learnkit.models import Word
from learnkit.text.charclass import is_han

LONG_PHRASE = 8  # Han characters: a longer emphasised phrase blanks its key words


def is_long(text: str) -> bool:
    """True for a phrase too long to recall whole: a cloze blanks its key words instead."""
    return sum(map(is_han, text)) > LONG_PHRASE


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past spaces, punctuation and symbols at either edge: quotes
    around an emphasised phrase stay in the sentence, outside the blank."""
    while start < end and unicodedata.category(text[start])[0] in "PZS":
        start += 1
    while end > start and unicodedata.category(text[end - 1])[0] in "PZS":
        end -= 1
    return start, end


def _rank(word: Word) -> tuple[bool, bool, int, float]:
    # Study words first; among them the learner's curriculum decides (the highest HSK
    # level), then rarity. Words outside the HSK lists come after listed ones, because
    # jieba's counts make compositional compounds (两国之间) look rare.
    return (
        not word.study,
        word.hsk is None,
        -(word.hsk or 0),
        word.zipf if word.zipf is not None else 0.0,
    )


def key_words(words: Sequence[Word], start: int, end: int, limit: int) -> list[Word]:
    """Up to ``limit`` words inside ``[start, end)`` most worth recalling, in text order.

    Only Han words of two or more characters qualify unless nothing else is there.
    """
    inside = [w for w in words if w.is_han and start <= w.start and w.end <= end]
    candidates = [w for w in inside if len(w.text) >= 2] or inside
    best = sorted(candidates, key=_rank)[:limit]
    return sorted(best, key=lambda w: w.start)
