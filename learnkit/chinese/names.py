"""Hand-kept names and news terms that CC-CEDICT lacks (``data/news_words.txt``)."""

from __future__ import annotations

from functools import cache

from learnkit.data import data_path

FILE = "news_words.txt"


@cache
def entries() -> dict[str, tuple[int, str]]:
    """word → (jieba frequency, English) for every line of the list."""
    out: dict[str, tuple[int, str]] = {}
    with data_path(FILE).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                word, freq, english = (line.rstrip("\n").split("\t") + ["", ""])[:3]
                out[word] = (int(freq or 0), english)
    return out


def gloss(word: str) -> str | None:
    """The English of a listed word, None if it is not listed."""
    entry = entries().get(word)
    return entry[1] or None if entry else None


def is_name(word: str) -> bool:
    return word in entries()
