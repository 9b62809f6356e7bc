"""English → Chinese: how ECDICT renders an English word or phrase in Chinese.

CC-CEDICT (:mod:`learnkit.chinese.dictionary`) says what a Chinese word means in English;
ECDICT (MIT, https://github.com/skywind3000/ECDICT) goes the other way: "aftershock" →
余震, "deadlock" → 僵局, "word of mouth" → 口碑. ``learnkit/data/ecdict.tsv`` is a subset
made by ``tools/ecdict_subset.py`` (words in use, their inflections, phrases of 2-4 such
words; 347k entries), one ``word<TAB>rendering|…`` line each, sorted by word.

The file is memory-mapped and searched by bisection, so nothing is loaded up front and a
look-up costs about twenty line reads: a build that never asks pays nothing.
"""

from __future__ import annotations

import mmap
import threading
from functools import lru_cache

from learnkit.data import data_path
from learnkit.text.english import plain

FILE = "ecdict.tsv"

_lock = threading.Lock()
_map: mmap.mmap | None = None


def _data() -> mmap.mmap:
    global _map
    if _map is None:
        with _lock:
            if _map is None:
                with open(data_path(FILE), "rb") as f:
                    _map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    return _map


def key(english: str) -> str:
    """The look-up form of an English word or phrase: lower case, ASCII apostrophes and
    hyphens (:func:`learnkit.text.english.plain`), single spaces."""
    return " ".join(plain(english).split())


@lru_cache(maxsize=65536)
def renderings(english: str) -> tuple[str, ...]:
    """ECDICT's Chinese renderings of ``english`` (a word or phrase), main senses first;
    ``()`` when ECDICT does not list it. Inflected forms are entries of their own where
    ECDICT has them ("strides"); callers wanting the lemma look that up too."""
    wanted = key(english)
    if not wanted or not wanted.isascii():  # every headword kept is plain ASCII
        return ()
    wanted = wanted.encode("ascii")
    data = _data()
    lo, hi = 0, len(data)
    # invariant: every line starting before ``lo`` has a key < wanted; lines are found by
    # stepping from a byte offset to the start of the next line
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", 0, mid) + 1
        tab = data.find(b"\t", start)
        end = data.find(b"\n", tab)
        if end < 0:
            end = len(data)
        word = data[start:tab]
        if word == wanted:
            return tuple(data[tab + 1 : end].decode("utf-8").split("|"))
        if word < wanted:
            lo = end + 1
        else:
            hi = start
    return ()
