"""Readings of Chinese text: one numbers-style pinyin syllable per Han character.

``read("银行")`` → ``("yin2", "hang2")``. Syllables use CC-CEDICT's numbers style: tone
digit 1-4, ``5`` for the neutral tone, ``u:`` for ü; citation tones (no tone sandhi).
Simplified and Traditional input are both accepted; the result is per original character.

Polyphonic characters are read by g2pM's bi-LSTM (:mod:`learnkit.polyphone`) over the
whole sentence, combined with pypinyin's phrase dictionary and particle rules
(:mod:`learnkit.particles`); every other character takes pypinyin's reading
(:func:`learnkit.chinese.syllables.dictionary_reading`, word by word: the sentence's
words are those of :func:`learnkit.chinese.annotate.segmented`, so text is never split
two ways). On CPP dev this beats each of them alone (bench/pinyin_cpp.py).
Tone marks: :func:`learnkit.syllables.to_marks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from learnkit.chinese.particles import choose
from learnkit.chinese.syllables import dictionary_reading
from learnkit.text.charclass import HAN, is_han

Reading = tuple[str | None, ...]
Words = tuple[tuple[int, int], ...]  # [start, end) of each word, covering the text

# pypinyin's phrase table writes the spoken sandhi of 一 and 不 (一个 yi2, 不要 bu2);
# learners' dictionaries and LearnKit use their citation tones.
_CITATION = {"一": "yi1", "不": "bu4"}


def read(text: str) -> Reading:
    """One syllable per character of ``text``; None for characters that are not Han."""
    return read_many((text,))[0]


def read_many(
    texts: Iterable[str],
    simplified: Sequence[str] | None = None,
    words: Sequence[Words] | None = None,
) -> list[Reading]:
    """:func:`read` for many texts: the polyphone model runs once over all of them.
    ``simplified``: the texts already converted by :func:`to_simplified` (not redone);
    ``words``: their words (:func:`learnkit.chinese.annotate.segmented`'s, found here
    when not given).

    A text read before in this process is not read again (a sentence repeated across the
    articles of a batch): the model reads each sentence on its own, so its reading is the
    same in any batch."""
    texts = list(texts)
    if words is None:
        from learnkit.chinese.annotate import segmented  # the one segmentation (jieba)

        cut = [segmented(text) for text in texts]
        simplified, words = [c.simplified for c in cut], [c.words for c in cut]
    elif simplified is None:
        simplified = [to_simplified(text) for text in texts]
    keys = list(zip(texts, simplified, words, strict=True))
    new = list(dict.fromkeys(key for key in keys if key not in _READ))
    if new:
        if len(_READ) + len(new) > _READ_MAX:
            _READ.clear()
        _READ.update(zip(new, _read_many(new), strict=True))
    return [_READ[key] for key in keys]


_READ: dict[tuple[str, str, Words], Reading] = {}  # (text, its Simplified, words) → reading
_READ_MAX = 20_000


def _read_many(texts: list[tuple[str, str, Words]]) -> list[Reading]:
    from learnkit.chinese import polyphone  # numpy and the model's weights: loaded on first use

    readings: list[list[str | None]] = []
    phrase_readings: list[dict[int, tuple[str, bool]]] = []
    piece_starts: list[list[int]] = []
    word_starts: list[set[int]] = []
    for _, text, words in texts:
        syllables, phrases, starts = _dictionary_reading(text, words)
        readings.append(syllables)
        phrase_readings.append(phrases)
        piece_starts.append(starts)
        word_starts.append({start for start, _ in words})
    simplified = [text for _, text, _ in texts]
    targets = polyphone.targets(simplified)
    for target, scores in zip(targets, polyphone.scores(simplified, targets), strict=True):
        phrase, lexical = phrase_readings[target.sentence].get(target.position, (None, False))
        position, starts = target.position, piece_starts[target.sentence]
        # a character inside a word (纪念地) follows no word of its own: 0, as at the start
        starts_word = position in word_starts[target.sentence]
        piece_before = position - starts[position - 1] if position and starts_word else 0
        readings[target.sentence][position] = choose(
            simplified[target.sentence], position, scores, phrase, piece_before, lexical
        )
    return [
        tuple(
            _CITATION.get(char, syllable) if is_han(char) else None
            for char, syllable in zip(text, row, strict=True)
        )
        for (text, _, _), row in zip(texts, readings, strict=True)
    ]


def _dictionary_reading(
    text: str, words: Words
) -> tuple[list[str | None], dict[int, tuple[str, bool]], list[int]]:
    """pypinyin's reading of ``text`` per character, word by word; the readings that come
    from a multi-character phrase of its dictionary, each with whether the word is
    lexicalised with that reading (:func:`_lexical`); and the start of the dictionary piece
    that holds each character."""
    syllables: list[str | None] = []
    from_phrases: dict[int, tuple[str, bool]] = {}
    starts: list[int] = []
    whole = {(start, end) for start, end in words if end - start > 1}
    for start, end in _units(words):
        for offset, piece, phrase in dictionary_reading(text[start:end]):
            at = start + offset
            if phrase:
                # a phrase over single-character words jieba kept apart (船都会: dou1) is
                # not taken for the dictionary word (都会 du1, city)
                word = text[at : at + len(piece)] if (start, end) in whole else ""
                from_phrases.update(
                    (at + i, (s, bool(word) and _lexical(word, i, s)))
                    for i, s in enumerate(piece)
                    if s is not None
                )
            syllables.extend(piece)
            starts.extend([at] * len(piece))
    return syllables, from_phrases, starts


@lru_cache(maxsize=65536)
def _lexical(word: str, index: int, syllable: str) -> bool:
    """Whether CC-CEDICT lists ``word`` with one reading of its ``index``-th character, the
    phrase table's ``syllable`` (CC-CEDICT's neutral tone agrees with any tone of the same
    syllable: 头发 tou2 fa5 and the table's fa4 both rule out fa1). Such a word is a
    dictionary word with a settled reading (头发, 自传, 都市), which the model, trained on
    sentences chosen for their rare readings, must not override; a word listed with several
    readings there (朝阳 chao2 / zhao1) is left to the model."""
    from learnkit.chinese import dictionary

    readings = set()
    for entry in dictionary.lookup(word):
        parts = entry.numbers.lower().split()
        if len(parts) != len(word):
            return False
        readings.add(parts[index].replace("u:", "v"))
    if len(readings) != 1:
        return False
    (listed,) = readings
    syllable = syllable.replace("u:", "v")
    return listed == syllable or (listed[-1:] == "5" and listed[:-1] == syllable[:-1])


def _units(words: Words) -> list[tuple[int, int]]:
    """The words, with each run of one-character words as one unit: jieba leaves a phrase
    it does not know in single characters (还书 in 我还没还书), where pypinyin's phrase
    table still finds it."""
    units: list[tuple[int, int]] = []
    for start, end in words:
        if end - start == 1 and units and units[-1][1] == start and units[-1][2]:
            units[-1] = (units[-1][0], end, True)
        else:
            units.append((start, end, end - start == 1))
    return [(start, end) for start, end, _ in units]


# --- Traditional → Simplified ------------------------------------------------------


def to_simplified(text: str) -> str:
    """``text`` in Simplified characters if it is written in Traditional ones; same length.

    Text counts as Traditional when converting it to Simplified changes more characters
    than converting it to Traditional would, so characters valid in both scripts (藉 菸)
    keep their own reading in Simplified text.
    """
    if not HAN.search(text):
        return text
    to_simple, to_traditional = _converters()
    simple = _convert_same_length(to_simple, text)
    if simple == text:
        return text
    changed = sum(a != b for a, b in zip(text, simple, strict=True))
    traditional = _convert_same_length(to_traditional, text)
    return simple if changed > sum(a != b for a, b in zip(text, traditional, strict=True)) else text


def fold_script(text: str) -> str:
    """``text`` with every Traditional character in its Simplified form, whatever the
    script of the rest (OpenCC's t2s; same length): the same text in either script folds
    to one string."""
    if not HAN.search(text):
        return text
    return _convert_same_length(_converters()[0], text)


def to_traditional(text: str) -> str:
    """``text`` in Traditional characters (OpenCC's phrase-aware s2t); same length."""
    if not HAN.search(text):
        return text
    return _convert_same_length(_converters()[1], text)


@lru_cache(maxsize=4096)
def spellings(text: str) -> tuple[frozenset[str], ...]:
    """For each character of ``text``, read in context, the characters that write it in
    either script: itself, its Simplified form and its Traditional forms in OpenCC's
    general, Taiwan and Hong Kong standards (发 in 头发: 发 髮; in 发展: 发 發; 里 in 里面:
    里 裏 裡). Any other character is another word (頭發 is not 头发)."""
    if not HAN.search(text):
        return tuple(frozenset(ch) for ch in text)
    simple = to_simplified(text)
    forms = [text, simple, *(_convert_same_length(c, simple) for c in _traditional_standards())]
    return tuple(frozenset(chars) for chars in zip(*forms, strict=True))


def _convert_same_length(converter, text: str) -> str:
    """OpenCC's phrase-aware conversion; per character where it would change the length."""
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    chars = (converter.convert(char) for char in text)
    return "".join(new if len(new) == 1 else old for old, new in zip(text, chars, strict=True))


@cache
def _converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


@cache
def _traditional_standards():
    import opencc

    return _converters()[1], opencc.OpenCC("s2tw"), opencc.OpenCC("s2hk")
