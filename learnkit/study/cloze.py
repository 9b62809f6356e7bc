"""The one cloze engine: which part of its sentence a phrase blanks, from offsets.

The Anki cloze note (:mod:`learnkit.anki.cloze`) and the browser quiz
(:mod:`learnkit.study.quiz`) both take a phrase's :class:`Blank` from :func:`phrase_blank`,
so they hide the same characters and show the same English. A short phrase blanks
itself; a long one (more than ``LONG_PHRASE`` Han characters, a clause nobody can
recall) blanks its one word most worth recalling, never a name. The hint is English from
the sentence's translation: the phrase's aligned English, or for a key word the English
words its glosses explain inside that phrase's English.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from learnkit.models import Phrase, SentencePair, Span, Word
from learnkit.text.charclass import is_han

LONG_PHRASE = 8  # Han characters: a longer emphasised phrase blanks its key word


@dataclass(frozen=True)
class Blank:
    """What a cloze hides: ``[start, end)`` of the sentence's Chinese, its English hint
    and where that English is in the sentence's translation (None if not known)."""

    start: int
    end: int
    hint: str
    en: Span | None
    words: tuple[Word, ...]  # the sentence's words inside the blank
    whole: bool = True  # the whole phrase (False: a long phrase's key word)
    repeats: tuple[tuple[int, int], ...] = ()  # the same text elsewhere, hidden too

    @property
    def hidden(self) -> tuple[tuple[int, int, bool], ...]:
        """Every part of the sentence the cloze hides, in order: (start, end, is the blank
        itself; False for a repeat)."""
        return tuple(
            sorted([(self.start, self.end, True), *((s, e, False) for s, e in self.repeats)])
        )


def is_long(text: str) -> bool:
    """True for a phrase too long to recall whole: a cloze blanks its key word instead."""
    return sum(map(is_han, text)) > LONG_PHRASE


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past spaces, punctuation and symbols at either edge: quotes
    around an emphasised phrase stay in the sentence, outside the blank."""
    while start < end and unicodedata.category(text[start])[0] in "PZS":
        start += 1
    while end > start and unicodedata.category(text[end - 1])[0] in "PZS":
        end -= 1
    return start, end


def _rank(word: Word) -> tuple[bool, int, float]:
    # The learner's curriculum decides (the highest HSK level), then rarity. Words outside
    # the HSK lists come after listed ones, because jieba's counts make compositional
    # compounds (两国之间) look rare.
    return (word.hsk is None, -(word.hsk or 0), word.zipf if word.zipf is not None else 0.0)


def key_words(words: Sequence[Word], start: int, end: int, limit: int) -> list[Word]:
    """Up to ``limit`` study words inside ``[start, end)`` most worth recalling, best first.

    Only words of two or more characters qualify unless nothing else is there; names and
    function words never do (they are not study words).
    """
    inside = [w for w in words if w.is_han and w.study and start <= w.start and w.end <= end]
    candidates = [w for w in inside if len(w.text) >= 2] or inside
    return sorted(candidates, key=_rank)[:limit]


def repeats(pair: SentencePair, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Other places where the blanked text ``pair.zh[start:end]`` stands in its sentence as
    words of its own (没有改革就没有发展 after 需要改革): a cloze hides them too, or they give
    the answer away. Not where it is part of another word (改革 in 改革开放 stays)."""
    text = pair.zh[start:end]
    starts = {w.start for w in pair.words}
    ends = {w.end for w in pair.words}
    out, at = [], pair.zh.find(text)
    while text and at >= 0:
        stop = at + len(text)
        if (stop <= start or at >= end) and (not pair.words or (at in starts and stop in ends)):
            out.append((at, stop))
            at = stop
        else:
            at += 1
        at = pair.zh.find(text, at)
    return tuple(out)


def _inside(words: Sequence[Word], start: int, end: int) -> tuple[Word, ...]:
    return tuple(w for w in words if start <= w.start and w.end <= end)


def phrase_blank(pair: SentencePair, phrase: Phrase) -> Blank | None:
    """The blank of ``phrase`` in its sentence ``pair`` (None if it has no Han character,
    or no Chinese at all: bold English whose counterpart was not found)."""
    span = phrase.zh_span
    if span is None:
        return None
    if pair.zh[span.start : span.end] != span.text:
        return None  # offsets from another sentence: never guess by searching
    start, end = trim(pair.zh, span.start, span.end)
    if not any(is_han(c) for c in pair.zh[start:end]):
        return None
    en_span = phrase.en_span if pair.en else None
    if is_long(pair.zh[start:end]):
        key = _key_blank(pair, start, end, en_span, _carried(pair, phrase, start, end))
        if key is not None:
            return replace(key, repeats=repeats(pair, key.start, key.end))
    words = _inside(pair.words, start, end)
    return Blank(start, end, phrase.en or "", en_span, words, repeats=repeats(pair, start, end))


def _carried(pair: SentencePair, phrase: Phrase, start: int, end: int) -> Word | None:
    """The phrase's key word carried from the previous build (``phrase.key``), as a word
    of the sentence, or None if it has none or it no longer stands inside the blank."""
    key, at = phrase.key, phrase.zh_span.start
    if key is None or not start <= at + key.start < at + key.end <= end:
        return None
    if pair.zh[at + key.start : at + key.end] != key.text:
        return None
    inside = _inside(pair.words, at + key.start, at + key.end)
    word = inside[0] if len(inside) == 1 else None
    if word is None or (word.start, word.end) != (at + key.start, at + key.end):
        return None
    return word


def _key_blank(
    pair: SentencePair, start: int, end: int, en_span: Span | None, carried: Word | None
) -> Blank | None:
    """The best key word of a long phrase, preferring one whose English is found; the
    ``carried`` one (the previous build's) if given, so an English edit moves no review."""
    from learnkit.align.phrases import word_counterpart

    ranked = [carried] if carried is not None else key_words(pair.words, start, end, 3)
    if not ranked:
        return None
    for word in ranked:
        found = None
        if en_span is not None and pair.en:
            where = Span(word.start, word.end, word.text)
            found = word_counterpart(
                pair.zh, pair.en, pair.words, Span(start, end, pair.zh[start:end]), en_span, where
            )
        if found is not None:
            return Blank(word.start, word.end, found.text, found, (word,), whole=False)
    word = ranked[0]
    return Blank(word.start, word.end, "", None, (word,), whole=False)
