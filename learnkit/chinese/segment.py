"""Word segmentation: a private jieba tokenizer with LearnKit's dictionary adjustments.

The only module that imports jieba. Two data files tune jieba's dictionary:

* ``jieba_user.txt``, generated from CC-CEDICT and jieba's own dictionary by
  ``python tools/segdict.py`` (names CC-CEDICT knows, real words jieba rates
  implausibly rare, and jieba's cross-boundary fusions such as 和普京 / 篇文章 removed);
* ``news_words.txt`` (read by ``names``), a small hand-kept list of names and news
  terms CC-CEDICT lacks.

A frequency of 0 deletes a word.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from functools import cache

from learnkit import diskcache
from learnkit.chinese import names
from learnkit.data import data_path
from learnkit.text.charclass import PRONOUNS

GENERATED = "jieba_user.txt"


def _read_adjustments(name: str) -> Iterator[tuple[str, int]]:
    path = data_path(name)
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if parts and not parts[0].startswith("#"):
                yield parts[0], int(parts[1]) if len(parts) > 1 else 0


@cache
def _jieba():
    """jieba, imported without ``pkg_resources``: importing that costs ~0.1 s per process,
    and jieba only uses it to open its own data files (it falls back to ``open``)."""
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
    else:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # ImportError
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    return jieba


@cache
def _tokenizer():
    """A private jieba tokenizer on the adjusted dictionary (cached on disk, built once)."""
    jieba = _jieba()
    from jieba import finalseg

    jieba.setLogLevel(60)  # jieba logs "Building prefix dict..." to stderr otherwise
    stamps = [jieba.__version__]
    for name in (GENERATED, names.FILE):
        path = data_path(name)
        stamps.append(
            f"{name}:{path.stat().st_size}:{path.stat().st_mtime_ns}" if path.exists() else name
        )
    freq, total, original = diskcache.cached("jieba", diskcache.fingerprint(*stamps), _build)
    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.initialized = freq, total, True
    for word in original:
        if not freq.get(word):  # deleted: keep jieba's HMM from re-joining it
            finalseg.add_force_split(word)
    return tk, original


def _build() -> tuple[dict[str, int], int, dict[str, int]]:
    """jieba's dictionary with the adjustments applied, and the original counts they replaced."""
    freq, total = base_frequencies()
    original: dict[str, int] = {}
    curated = ((word, count) for word, (count, _) in names.entries().items())
    for word, count in itertools.chain(_read_adjustments(GENERATED), curated):
        original.setdefault(word, freq.get(word, 0))
        total += count - freq.get(word, 0)
        freq[word] = count
        for i in range(1, len(word)):  # jieba's prefix dictionary marks prefixes with 0
            freq.setdefault(word[:i], 0)
    return freq, total, original


def base_frequencies() -> tuple[dict[str, int], int]:
    """jieba's unadjusted word counts and their total (for building the adjustments)."""
    jieba = _jieba()

    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk.FREQ, tk.total


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """jieba words of ``text`` (Simplified) with their ``[start, end)`` offsets, in order."""
    tk, _ = _tokenizer()
    words = []
    for word, start, end in tk.tokenize(text, HMM=True):
        # jieba's HMM glues a pronoun to the verb after it when the pair is not in its
        # dictionary (他数了数, 他种的树: 他数, 他种); on news text all such words are two.
        if len(word) > 1 and word[0] in PRONOUNS and not tk.FREQ.get(word):
            words.append((word[0], start, start + 1))  # 他数 → 他/数: HMM glued pronoun + verb
            word, start = word[1:], start + 1
        words.append((word, start, end))
    return words


def zipf(word: str) -> float | None:
    """Frequency of ``word`` on the Zipf scale (log10 per billion words) from jieba's counts.

    Words LearnKit added or re-weighted report jieba's original count (None if it had none).
    """
    tk, original = _tokenizer()
    count = original.get(word, tk.FREQ.get(word, 0))
    if not count:
        return None
    return round(math.log10(count / tk.total) + 9, 2)
