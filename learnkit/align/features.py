"""Evidence that Chinese and English text units translate each other: length and lexical.

Each sentence is reduced once to :class:`Unit` features; :class:`Evidence` keeps the
overlaps of sentence pairs as bit masks so that any candidate bead (a range of sentences,
or of whole paragraphs, on each side) is scored in a few integer operations:
CC-CEDICT gloss overlap in both directions, plus anchors: numbers with tolerance for
notation (``1971-1972年`` ↔ ``1971–72``, ``300万`` ↔ ``3 million``, ``38.1%``),
Latin-script words, quotation marks, ``?`` and ``!``.

Chinese comes as the words the annotation uses (one segmentation per sentence), each
split into CC-CEDICT headwords (:func:`learnkit.chinese.dictionary.split`) so that every
part has glosses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from learnkit.chinese import dictionary as cedict
from learnkit.text import english
from learnkit.text.charclass import HAN_RUN

_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_RANGE_EN = re.compile(r"\b(\d{4})\s*[-–—]\s*(\d{2})\b")  # 1971–72 → also 1972
_DECADE_EN = re.compile(r"\b(\d{2})(\d0)s\b")  # 1970s → also 70 (20世纪70年代)
_SPACE = re.compile(r"\s")
_MAGNITUDES = {
    "万": 1e4,
    "亿": 1e8,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
_MAGNITUDE = re.compile(
    r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万|亿|thousand|million|billion|trillion)", re.IGNORECASE
)
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_QUOTE = re.compile('["“”「」『』《》]')
# a straight single quote opening or closing quoted speech (not an apostrophe: it's, Jias')
_SINGLE_QUOTE = re.compile(r"(?:^|(?<=[\s(\[—–-]))'(?=[\w‘“…])|(?<=[.,!?;:…—–-])'(?=\s|$|[)\]—–-])")
_PAIRED = {"“": "”", "「": "」", "『": "』"}


@dataclass(frozen=True)
class Unit:
    """Features of one sentence: all sets hold normalised tokens."""

    length: int  # characters (Chinese: spaces excluded)
    glosses: tuple[frozenset[str], ...] = ()  # Chinese: one gloss-stem set per word
    stems: frozenset[str] = frozenset()  # English content lemmas; Chinese: union of glosses
    anchors: frozenset[str] = frozenset()  # numbers, Latin words, '"' (quoted text), "?", "!"


@lru_cache(maxsize=65536)
def _gloss_stems(word: str) -> frozenset[str]:
    return frozenset(map(english.match_key, cedict.english_words(word)))


@lru_cache(maxsize=65536)
def _dictionary_words(word: str) -> tuple[str, ...]:
    """The CC-CEDICT headwords (or single characters) a word's Han runs are made of."""
    word = unicodedata.normalize("NFKC", word)
    return tuple(run[s:e] for run in HAN_RUN.findall(word) for s, e in cedict.split(run))


def _numbers(text: str) -> set[str]:
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    found |= {a[:2] + b for a, b in _RANGE_EN.findall(text)}
    found |= {b for _, b in _DECADE_EN.findall(text)}
    # 300万 ↔ 3 million, 1.9万 ↔ 19,000: also the number times its magnitude word
    for number, word in _MAGNITUDE.findall(text):
        value = float(number.replace(",", "")) * _MAGNITUDES[word.lower()]
        found.add(f"{value:.0f}")
    return {n.rstrip("0").rstrip(".") if "." in n else n for n in found}


def _length(text: str) -> int:
    return len(text) - sum(1 for _ in _SPACE.finditer(text))


def _marks(text: str) -> set[str]:
    out = set()
    if _QUOTE.search(text) or _SINGLE_QUOTE.search(text):
        out.add('"')
    if "?" in text:
        out.add("?")
    if "!" in text:
        out.add("!")
    return out


def zh_unit(text: str, words: Sequence[tuple[int, int]] | None = None) -> Unit:
    """Features of a Chinese sentence; ``words``: its word offsets, when already segmented
    (:func:`learnkit.chinese.annotate.segmented`, done here otherwise)."""
    if words is None:
        from learnkit.chinese.annotate import segmented

        words = segmented(text).words
    glosses = []
    for start, end in words:
        for word in _dictionary_words(text[start:end]):
            stems = _gloss_stems(word)
            if stems:
                glosses.append(stems)
    text = unicodedata.normalize("NFKC", text)
    latin = {w.lower() for w in _LATIN.findall(text)}
    return Unit(
        length=_length(text),
        glosses=tuple(glosses),
        stems=frozenset().union(*glosses),
        anchors=frozenset(_numbers(text) | latin | _marks(text)),
    )


def en_unit(text: str) -> Unit:
    """Features of an English sentence."""
    text = unicodedata.normalize("NFKC", text)
    stems = frozenset(english.match_key(w) for w in english.words(text) if not english.is_stop(w))
    # Latin words that may appear verbatim in Chinese text: names and acronyms.
    latin = {w.lower() for w in _LATIN.findall(text) if w[0].isupper()}
    return Unit(
        length=len(text.strip()),
        stems=stems,
        anchors=frozenset(_numbers(text) | latin | _marks(text)),
    )


def _quote_marks(text: str, style: str) -> list[int]:
    """Each quotation mark of one style in ``text``: 1 opens, -1 closes, 0 either."""
    if style in _PAIRED:
        close = _PAIRED[style]
        return [1 if ch == style else -1 for ch in text if ch == style or ch == close]
    out = []
    for match in re.finditer(re.escape(style), text):
        at = match.start()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe (it's) or a word-internal mark
        if not before.isalnum() and before not in ".,!?;:…" and not after.isspace():
            out.append(0 if after.isdigit() else 1)
        elif not after.isalnum():
            out.append(-1)
        else:
            out.append(0)
    return out


_CURLY_SINGLE = str.maketrans("‘’", "''")  # told from apostrophes as straight ones are
QUOTE_UNKNOWN = 2  # a quote opened this many sentences ago, not closed since (see below)
_QUOTE_QUIET = 6


def quote_states(texts: Sequence[str]) -> list[int]:
    """Whether the text is inside quoted speech after each sentence (entry k: after the
    first k sentences, so entry 0 is 0): the last quotation mark decides, a sentence without
    any keeps the state. Only the text's main quotation style counts (“” or 「」 in Chinese,
    “”, straight double or straight single quotes in English, whichever is most frequent),
    so that quotes nested in quotes (‘余烬’, 'embers') and apostrophes leave it alone.
    Inside a quote with no mark for ``_QUOTE_QUIET`` sentences, the state is
    :data:`QUOTE_UNKNOWN` (a long speech, or a stray mark that would otherwise hold the
    state for pages).

    A boundary between two beads lies inside speech on both sides or on neither: a
    translator splitting ``“……，……？”`` into two sentences keeps both inside the quote.
    """
    texts = [text.translate(_CURLY_SINGLE) for text in texts]
    joined = "\n".join(texts)
    counts = {style: joined.count(style) for style in ("“", "「", '"')}
    counts["'"] = sum(1 for m in _quote_marks(joined, "'") if m)
    style = max(counts, key=lambda k: counts[k])
    if not counts[style]:  # no quotes at all: nothing to compare with the other side's
        return [0] + [QUOTE_UNKNOWN] * len(texts)
    out, state, quiet = [0], 0, 0
    for text in texts:
        marks = _quote_marks(text, style)
        for mark in marks:
            state = 1 if mark > 0 else 0 if mark < 0 else 1 - state
        quiet = 0 if marks else quiet + 1
        out.append(QUOTE_UNKNOWN if state and quiet >= _QUOTE_QUIET else state)
    return out


class Evidence:
    """Lexical and length evidence for every bead over two unit lists.

    The overlap of a Chinese unit ``i`` and an English unit ``j`` (which Chinese words of
    ``i`` have a gloss in ``j``, which English stems of ``j`` occur in the glosses of ``i``)
    is a pair of bit masks, computed when a bead first asks for it and kept: an aligner
    that looks only near its path pays for those pairs, never for all ``n × m``.
    """

    def __init__(self, zh: Sequence[Unit], en: Sequence[Unit]):
        self._zh_len = _prefix(u.length for u in zh)
        self._en_len = _prefix(u.length for u in en)
        self._zh_words = _prefix(len(u.glosses) for u in zh)
        self._en_stems = _prefix(len(u.stems) for u in en)
        en_stems = frozenset().union(*(u.stems for u in en))
        # per Chinese unit: gloss stem also in the English -> mask of its words holding it
        self._words_with: list[dict[str, int]] = []
        for u in zh:
            words: dict[str, int] = {}
            for k, gloss in enumerate(u.glosses):
                for stem in gloss & en_stems:
                    words[stem] = words.get(stem, 0) | 1 << k
            self._words_with.append(words)
        zh_stems = frozenset().union(*self._words_with)
        # per English unit: its stems that some Chinese gloss holds (bit k: the k-th)
        self._shared = [tuple(u.stems & zh_stems) for u in en]
        self._pairs: list[dict[int, tuple[int, int]]] = [{} for _ in zh]
        tokens: dict[str, int] = {}
        self._zh_anchor = [_mask(u.anchors, tokens) for u in zh]
        # An English name is evidence only if the Chinese text spells it in Latin letters
        # somewhere (most names are transliterated: their evidence is the gloss overlap).
        self._en_anchor = [
            _mask({a for a in u.anchors if not a.isalpha() or a in tokens}, tokens) for u in en
        ]

    def _pair(self, i: int, j: int) -> tuple[int, int]:
        """(Chinese words of unit i glossed in English unit j, stems of j in i's glosses)."""
        row = self._pairs[i]
        hit = row.get(j)
        if hit is None:
            words_with, zh_hit, en_hit = self._words_with[i], 0, 0
            for k, stem in enumerate(self._shared[j]):
                words = words_with.get(stem)
                if words:
                    zh_hit |= words
                    en_hit |= 1 << k
            hit = row[j] = (zh_hit, en_hit)
        return hit

    def lengths(self, z0: int, z1: int, e0: int, e1: int) -> tuple[int, int]:
        """Characters of Chinese units ``z0:z1`` and English units ``e0:e1``."""
        return self._zh_len[z1] - self._zh_len[z0], self._en_len[e1] - self._en_len[e0]

    def lexical(self, z0: int, z1: int, e0: int, e1: int) -> float:
        """Gloss overlap and anchor agreement of two unit ranges, in [0, 1]."""
        pair = self._pair
        zh_hits = en_hits = 0
        en_acc = [0] * (e1 - e0)
        for i in range(z0, z1):
            acc = 0
            for j in range(e0, e1):
                zh_hit, en_hit = pair(i, j)
                acc |= zh_hit
                en_acc[j - e0] |= en_hit
            zh_hits += acc.bit_count()
        for acc in en_acc:
            en_hits += acc.bit_count()
        words = self._zh_words[z1] - self._zh_words[z0]
        stems = self._en_stems[e1] - self._en_stems[e0]
        score = ((zh_hits / words if words else 0.0) + (en_hits / stems if stems else 0.0)) / 2
        zh_anchor = en_anchor = 0
        for i in range(z0, z1):
            zh_anchor |= self._zh_anchor[i]
        for j in range(e0, e1):
            en_anchor |= self._en_anchor[j]
        anchors = (zh_anchor | en_anchor).bit_count()
        if anchors:
            score = 0.7 * score + 0.3 * (zh_anchor & en_anchor).bit_count() / anchors
        return score


def merge(units: Sequence[Unit], bounds: Sequence[int]) -> list[Unit]:
    """One unit per range ``bounds[k]:bounds[k+1]`` of ``units`` (a coarse view of a text)."""
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        part = units[a:b]
        out.append(
            Unit(
                length=sum(u.length for u in part),
                glosses=tuple(g for u in part for g in u.glosses),
                stems=frozenset().union(*(u.stems for u in part)),
                anchors=frozenset().union(*(u.anchors for u in part)),
            )
        )
    return out


def _prefix(values: Iterable[int]) -> list[int]:
    out = [0]
    for v in values:
        out.append(out[-1] + v)
    return out


def _mask(anchors: Iterable[str], tokens: dict[str, int]) -> int:
    mask = 0
    for token in anchors:
        mask |= 1 << tokens.setdefault(token, len(tokens))
    return mask


def units(
    texts: Sequence[str], lang: str, words: Sequence[Sequence[tuple[int, int]]] | None = None
) -> list[Unit]:
    """Features of each sentence of one language (``words``: each Chinese one's offsets)."""
    if lang != "zh":
        return [en_unit(t) for t in texts]
    if words is None:
        return [zh_unit(t) for t in texts]
    return [zh_unit(t, w) for t, w in zip(texts, words, strict=True)]
