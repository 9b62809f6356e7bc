"""Immutable records that flow through LearnKit's stages.

Offsets are character offsets (``str`` indices) into the text of the record that
holds them, so highlighting and cloze blanks never re-search strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """Half-open range ``[start, end)`` of a text; ``text`` is that slice.

    ``pieces``: for emphasis written in pieces (``**a** **b**``), where each later piece
    starts, relative to ``start``; evidence for phrase pairing, not part of the identity.
    """

    start: int
    end: int
    text: str
    pieces: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with this span."""
        return start < self.end and self.start < end


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of clean text (markdown removed) with its emphasised spans."""

    text: str
    emphasis: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Half:
    """One language half of an article."""

    lang: str  # "zh" or "en"
    title: str | None
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Meta:
    date: str | None = None
    author: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    source_url: str | None = None
    title: str | None = None  # the front-matter title, if any


@dataclass(frozen=True)
class Article:
    """A parsed article: metadata and up to two halves (either may be missing)."""

    source: str  # the path (or "<text>") it came from, for messages
    meta: Meta
    zh: Half | None
    en: Half | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """A sentence of one half, located in its paragraph."""

    paragraph: int  # index of the paragraph in its half
    start: int  # offsets into that paragraph's text
    end: int
    text: str
    emphasis: tuple[Span, ...] = ()  # offsets into ``text``


@dataclass(frozen=True)
class Bead:
    """An alignment unit: indices of Chinese and English sentences that translate each other.

    Indices are positions in the flat, document-order list of each half's sentences.
    Either side may be empty (1-0 or 0-1 beads).
    """

    zh: tuple[int, ...]
    en: tuple[int, ...]
    score: float = 0.0


@dataclass(frozen=True)
class Word:
    """One jieba word of a Chinese sentence, annotated."""

    text: str
    start: int  # offsets into the sentence's Chinese text
    end: int
    pinyin: str = ""  # tone marks, syllables separated by spaces: "xí jìn píng"
    numbers: str = ""  # tone numbers, citation tones: "xi2 jin4 ping2"
    tones: tuple[int, ...] = ()  # one tone (1-5) per syllable; empty for non-Han words
    gloss: str | None = None  # CC-CEDICT sense matching the reading
    hsk: int | None = None  # HSK 3.0 level (1-7, 7 = levels 7-9), None if not listed
    zipf: float | None = None  # word frequency on the Zipf scale
    study: bool = False  # worth studying: not a name, not too basic, not a function word

    @property
    def is_han(self) -> bool:
        return bool(self.tones)


@dataclass(frozen=True)
class PhraseMatch:
    """An emphasised span and its counterpart on the other side (None when not found).

    ``zh_found``: the English was the emphasised side and ``zh`` came from a search.
    ``confidence`` (0-1) is that of the counterpart, kept even when it was withheld.
    """

    zh: Span | None
    en: Span | None
    score: float = 0.0
    confidence: float = 0.0
    zh_found: bool = False


@dataclass(frozen=True)
class SentencePair:
    """An aligned Chinese-English sentence pair (one bead) with annotation."""

    id: str
    paragraph: int  # paragraph index in the Chinese half
    zh: str
    en: str | None  # None for a Chinese sentence with no English counterpart
    pinyin: str = ""
    words: tuple[Word, ...] = ()
    zh_emphasis: tuple[Span, ...] = ()  # offsets into ``zh``
    en_emphasis: tuple[Span, ...] = ()  # offsets into ``en``


@dataclass(frozen=True)
class Phrase:
    """An emphasised phrase worth studying, linked to its sentence pair.

    ``zh`` is None for bold English whose Chinese was not found in its sentence: it is
    kept (with a warning) but has no pinyin, words, card or quiz item.
    """

    id: str
    zh: str | None
    en: str | None
    pinyin: str
    numbers: str
    sentence: str  # SentencePair.id
    zh_span: Span | None  # offsets into the sentence pair's ``zh`` (None with ``zh``)
    en_span: Span | None  # offsets into the sentence pair's ``en``
    words: tuple[Word, ...] = ()
    hsk: int | None = None  # highest HSK level among its words (None if any is unlisted)
    en_confidence: float | None = None  # of ``en`` found for a bold Chinese phrase
    zh_confidence: float | None = None  # of ``zh`` found for bold English (None: zh was bold)
    key: Span | None = None  # a long phrase's blanked word carried from the previous build
    # (offsets into ``zh``); None: the cloze engine chooses


@dataclass(frozen=True)
class StudySet:
    """Everything LearnKit derives from one article."""

    id: str
    source: str
    title_zh: str | None
    title_en: str | None
    meta: Meta
    script: str
    sentences: tuple[SentencePair, ...]
    phrases: tuple[Phrase, ...]
    warnings: tuple[str, ...] = ()
