"""Cloze quiz items built from a study set, with multiple-choice distractors.

One item per emphasised phrase: its sentence with what the phrase's Anki cloze blanks
blanked (:mod:`learnkit.study.cloze`: a long phrase, a whole clause nobody can type from
memory, blanks its key word, and its English hint is that word's English). An article with almost
no emphasis also gets items for its study words, so every article can be quizzed.
Answer checking lives in :mod:`learnkit.answers`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from learnkit.chinese.pinyin import numbers_line, pinyin_line
from learnkit.chinese.reading import to_simplified
from learnkit.ids import item_id, normalize
from learnkit.models import SentencePair, Span, StudySet, Word
from learnkit.study.cloze import phrase_blank, repeats
from learnkit.study.variants import variants
from learnkit.text.charclass import is_han

MIN_PHRASE_ITEMS = 4  # below this, study words are quizzed too
CHOICES = 4


@dataclass(frozen=True)
class ClozeItem:
    """One blank in one sentence: what is hidden, what is shown, and the four choices."""

    id: str  # the phrase id (also its Anki GUID) or a word item id
    article: str  # StudySet.id
    kind: str  # "phrase" or "word"
    answer: str  # the hidden Chinese text
    pinyin: str  # tone marks, "shuāng chóng è zhì"
    numbers: str  # tone numbers, "shuang1 chong2 e4 zhi4"
    english: str | None  # the phrase's English (a word's gloss)
    sentence: SentencePair
    start: int  # the blank: offsets into sentence.zh
    end: int
    hint_span: Span | None  # the phrase's English inside sentence.en
    words: tuple[Word, ...]  # the answer's words, for glosses
    choices: tuple[str, ...] = ()
    repeats: tuple[tuple[int, int], ...] = ()  # the answer's text elsewhere, hidden too

    @property
    def before(self) -> str:
        """The sentence before the blank as written (repeats of the answer not hidden: the
        question shows :attr:`prompt`)."""
        return self.sentence.zh[: self.start]

    @property
    def after(self) -> str:
        return self.sentence.zh[self.end :]

    @property
    def prompt(self) -> tuple[tuple[str, str | None], ...]:
        """The sentence as the question shows it: (text, None) shown, ("", "blank") the
        blank, ("", "repeat") another place of the answer's text, hidden too
        (:func:`learnkit.study.cloze.repeats`)."""
        hidden = sorted(
            [(self.start, self.end, "blank"), *((s, e, "repeat") for s, e in self.repeats)]
        )
        out: list[tuple[str, str | None]] = []
        at = 0
        for start, end, kind in hidden:
            if start > at:
                out.append((self.sentence.zh[at:start], None))
            out.append(("", kind))
            at = end
        if at < len(self.sentence.zh):
            out.append((self.sentence.zh[at:], None))
        return tuple(out)

    @property
    def spoken(self) -> str:
        """The sentence to read aloud before the answer: a pause for each hidden part."""
        return "，".join(text for text, kind in self.prompt if kind is None)


def _phrase_items(ss: StudySet) -> list[ClozeItem]:
    """One item per phrase, blanking what its Anki cloze blanks (:func:`phrase_blank`); a
    phrase without Chinese has no blank, so no item."""
    pairs = {p.id: p for p in ss.sentences}
    items = []
    for phrase in ss.phrases:
        pair = pairs.get(phrase.sentence)
        blank = phrase_blank(pair, phrase) if pair else None
        if pair is None or blank is None:
            continue
        items.append(
            ClozeItem(
                id=phrase.id,
                article=ss.id,
                kind="phrase",
                answer=pair.zh[blank.start : blank.end],
                pinyin=phrase.pinyin if blank.whole else pinyin_line(blank.words),
                numbers=phrase.numbers if blank.whole else numbers_line(blank.words),
                english=phrase.en if blank.whole else (blank.hint or blank.words[0].gloss),
                sentence=pair,
                start=blank.start,
                end=blank.end,
                hint_span=blank.en,
                words=blank.words,
                repeats=blank.repeats,
            )
        )
    return items


def _word_items(ss: StudySet, taken: set[str], placed: Mapping[str, str]) -> list[ClozeItem]:
    """One item per study word not already a phrase's answer, in the first sentence it
    stands in, or in the one it was studied in (``placed``: item id → sentence id) while
    it still stands there: a sentence added before moves no review to another sentence."""
    first: dict[str, tuple[SentencePair, Word]] = {}
    for pair in ss.sentences:
        for w in pair.words:
            key = normalize(w.text)
            if not (w.study and w.is_han and len(w.text) >= 2) or key in taken:
                continue
            if key not in first:
                first[key] = (pair, w)
            elif (
                placed.get(_word_id(ss, w)) == pair.id != first[key][0].id
                and w.text == first[key][1].text
            ):
                first[key] = (pair, w)  # the sentence it was studied in, further on
    return [
        ClozeItem(
            id=_word_id(ss, w),
            article=ss.id,
            kind="word",
            answer=w.text,
            pinyin=w.pinyin,
            numbers=w.numbers,
            english=w.gloss,
            sentence=pair,
            start=w.start,
            end=w.end,
            hint_span=None,
            words=(w,),
            repeats=repeats(pair, w.start, w.end),
        )
        for pair, w in first.values()
    ]


def _word_id(ss: StudySet, w: Word) -> str:
    return item_id(ss.id, "word", w.text)


def _rank(seed: str, text: str) -> bytes:
    """A stable pseudo-random order that differs per item."""
    return hashlib.blake2b(f"{seed}\x1f{text}".encode(), digest_size=8).digest()


def _kind(text: str) -> bool:
    """True for all-Han text."""
    return all(is_han(ch) for ch in text)


def pick_choices(
    answer: str, pool: list[str], seed: str, n: int = CHOICES, same: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """The answer and n-1 distractors from pool like it, in a stable order: not part of it
    nor containing it (关系 beside 中美关系 gives the answer away), then of the same length,
    then of the same kind (all Han, or with digits and letters like G20峰会). Never one of
    ``same``, other spellings of the answer that are right when typed (一点 for 一点儿)."""
    key = normalize(answer)
    seen, candidates = {key, _simple(key), *map(normalize, same)}, []
    for text in pool:
        k = normalize(text)
        if k not in seen and _simple(k) not in seen:  # nor its Traditional form (一點兒)
            seen.add(k)
            candidates.append(text)
    kind = _kind(answer)
    candidates.sort(
        key=lambda c: (
            key in normalize(c) or normalize(c) in key,
            abs(len(c) - len(answer)),
            _kind(c) != kind,
            _rank(seed, c),
        )
    )
    return tuple(sorted([answer, *candidates[: n - 1]], key=lambda c: _rank(seed, c)))


def build_items(ss: StudySet, placed: Mapping[str, str] | None = None) -> tuple[ClozeItem, ...]:
    """Cloze items of a study set in document order, each with its multiple choices (a
    word item in the sentence it was studied in, ``placed``: see :func:`_word_items`)."""
    items = _phrase_items(ss)
    if len(items) < MIN_PHRASE_ITEMS:
        items += _word_items(ss, {normalize(i.answer) for i in items}, placed or {})
    # Distractors come from the same article: other answers and its words worth studying;
    # its other words only when those are too few.
    words = [w for p in ss.sentences for w in p.words if w.is_han and len(w.text) >= 2]
    pool = [i.answer for i in items] + [w.text for w in words if w.study]
    if len({normalize(t) for t in pool}) <= CHOICES:
        pool += [w.text for w in words]
    order = {p.id: n for n, p in enumerate(ss.sentences)}
    items.sort(key=lambda i: (order[i.sentence.id], i.start))
    return tuple(
        replace(i, choices=pick_choices(i.answer, pool, i.id, same=_spellings(i))) for i in items
    )


@lru_cache(maxsize=8192)
def _simple(text: str) -> str:
    return to_simplified(text)


def _spellings(item: ClozeItem) -> tuple[str, ...]:
    return tuple(v.answer for v in variants(item.answer, item.numbers, word_ends(item)))


def word_ends(item: ClozeItem) -> frozenset[int] | None:
    """Where the answer's words end, as offsets into the answer (None if not known)."""
    if not item.words or item.sentence.zh[item.start : item.end] != item.answer:
        return None
    return frozenset(w.end - item.start for w in item.words)


def session_choices(item: ClozeItem, session: str) -> tuple[str, ...]:
    """The item's choices in an order of its own for each quiz session (the same on every
    page of that session, so a choice's number keeps meaning the same choice)."""
    return tuple(sorted(item.choices, key=lambda c: _rank(f"{session}\x1f{item.id}", c)))
