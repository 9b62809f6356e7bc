"""Article → study set: the one function the CLI and the web app both call."""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import NamedTuple

from learnkit.align import beads, phrases
from learnkit.chinese import annotate
from learnkit.chinese.pinyin import numbers_line, pinyin_line
from learnkit.ids import (
    Item,
    article_id,
    carry_ids,
    english_phrase_id,
    item_id,
    normalize,
    sentence_id,
)
from learnkit.limits import check_sentences
from learnkit.models import (
    Article,
    Bead,
    Half,
    Phrase,
    PhraseMatch,
    Sentence,
    SentencePair,
    Span,
    StudySet,
    Word,
)
from learnkit.text import sentences
from learnkit.text.article import load_article, parse_article


def split_half(half: Half | None) -> tuple[Sentence, ...]:
    """Every sentence of a half, in document order, with emphasis relative to the sentence."""
    if half is None:
        return ()
    out: list[Sentence] = []
    for p, para in enumerate(half.paragraphs):
        # the spans that start in a sentence, found by bisection (a paragraph may hold
        # thousands), in their order in the paragraph
        order = sorted(range(len(para.emphasis)), key=lambda k: para.emphasis[k].start)
        starts = [para.emphasis[k].start for k in order]
        for start, end in sentences.split_sentences(para.text, half.lang, para.emphasis):
            chosen = sorted(
                order[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
            )
            emph = tuple(
                Span(
                    s.start - start,
                    min(s.end, end) - start,
                    para.text[s.start : min(s.end, end)],
                    tuple(k for k in s.pieces if s.start + k < end),
                )
                for s in (para.emphasis[k] for k in chosen)
                if s.end > start
            )
            out.append(Sentence(p, start, end, para.text[start:end], emph))
    return tuple(out)


def _join(parts: Sequence[Sentence], sep: str) -> tuple[str, tuple[Span, ...]]:
    """Concatenate sentences; emphasis offsets are shifted into the joined text."""
    text, spans = "", []
    for s in parts:
        if text:
            text += sep
        spans.extend(
            Span(e.start + len(text), e.end + len(text), e.text, e.pieces) for e in s.emphasis
        )
        text += s.text
    return text, tuple(spans)


def _beads(
    zh: Sequence[Sentence],
    en: Sequence[Sentence],
    zh_words: Sequence[annotate.Segmented],
    progress: Callable[[int, int], None],
) -> tuple[Bead, ...]:
    if not en:
        return tuple(Bead((i,), ()) for i in range(len(zh)))
    return beads.align(
        [s.text for s in zh],
        [s.paragraph for s in zh],
        [s.text for s in en],
        [s.paragraph for s in en],
        zh_words=[w.words for w in zh_words],
        progress=progress,
    )


class _Joined(NamedTuple):
    """A bead's sentences joined into one pair's texts (emphasis shifted into them)."""

    paragraph: int
    zh: str
    segmented: annotate.Segmented  # of ``zh``: the sentences' own words, joined
    zh_emphasis: tuple[Span, ...]
    en: str | None
    en_emphasis: tuple[Span, ...]


def _join_beads(
    zh_sents: Sequence[Sentence],
    en_sents: Sequence[Sentence],
    warnings: list[str],
    progress: Callable[[int, int], None],
) -> list[_Joined]:
    # each sentence converted to Simplified and segmented once, for alignment and annotation
    segmented = [annotate.segmented(s.text) for s in zh_sents]
    joined = []
    for bead in _beads(zh_sents, en_sents, segmented, progress):
        if not bead.zh:
            dropped = " ".join(en_sents[i].text for i in bead.en)
            warnings.append(f"English sentence with no Chinese counterpart: {dropped[:80]}")
            continue
        zh, zh_emph = _join([zh_sents[i] for i in bead.zh], "")
        en, en_emph = _join([en_sents[i] for i in bead.en], " ") if bead.en else (None, ())
        words = annotate.join([segmented[i] for i in bead.zh])
        joined.append(_Joined(zh_sents[bead.zh[0]].paragraph, zh, words, zh_emph, en, en_emph))
    return joined


Progress = Callable[[str, int, int], None]  # (stage, done, total)


def build_study_set(article: Article, progress: Progress | None = None) -> StudySet:
    """Split, align, annotate and pair the phrases of a parsed article.

    ``progress(stage, done, total)`` hears how far each stage is (a bar for long articles).
    """
    report = progress or (lambda stage, done, total: None)
    key = article_id(article)
    warnings = list(article.warnings)
    zh_sents, en_sents = split_half(article.zh), split_half(article.en)
    check_sentences(len(zh_sents), "zh", article.source)
    check_sentences(len(en_sents), "en", article.source)
    joined = _join_beads(zh_sents, en_sents, warnings, lambda d, t: report("Aligning", d, t))
    # the whole article at once: the polyphone model runs once, not once per sentence
    report("Annotating", 0, len(joined))
    annotated = annotate.annotate_many([j.segmented for j in joined], [j.en for j in joined])
    pairs: list[SentencePair] = []
    # by normalised Chinese (a phrase without: ("en", its id)); bolded twice counts once
    found: dict[str | tuple[str, str], Phrase] = {}
    taken: set[str] = set()
    tried: dict[str, int] = {}
    for done, (j, words) in enumerate(zip(joined, annotated, strict=True)):
        if not done % 64:
            report("Pairing phrases", done, len(joined))
        pair = SentencePair(
            id=sentence_id(key, j.zh, taken, tried),
            paragraph=j.paragraph,
            zh=j.zh,
            en=j.en,
            pinyin=pinyin_line(words, j.segmented.simplified),
            words=words,
            zh_emphasis=j.zh_emphasis,
            en_emphasis=j.en_emphasis,
        )
        pairs.append(pair)
        simple = j.segmented.simplified
        for match in _matches(j.zh, simple, j.en, j.zh_emphasis, j.en_emphasis, words):
            if match.zh is None:  # bold English with no Chinese counterpart found: kept
                warnings.append(
                    f"bold English {match.en.text!r} has no Chinese counterpart in its "
                    f"sentence; kept without Chinese (no card, no quiz item)"
                )
                english = _english(key, pair, match)
                found.setdefault(("en", english.id), english)
                continue
            known = normalize(match.zh.text)
            if known not in found:
                found[known] = _phrase(key, pair, match, j.segmented.simplified)
    zh_title = article.zh.title if article.zh else None
    return StudySet(
        id=key,
        source=article.source,
        title_zh=zh_title or article.meta.title,
        title_en=article.en.title if article.en else None,
        meta=article.meta,
        script=annotate.detect_script(j.segmented for j in joined),
        sentences=tuple(pairs),
        phrases=tuple(found.values()),
        warnings=tuple(warnings),
    )


def carry(ss: StudySet, previous: Sequence[Item]) -> StudySet:
    """``ss`` with the ids of the previous build's items it corrects
    (:func:`learnkit.ids.carry_ids`), each phrase bolded in several sentences studied in
    the one the previous build studied it in, if it is still bold there: a bold copy added
    earlier in the article moves no cloze to another sentence."""
    ss = _carry_keys(carry_ids(ss, previous), previous)
    was = {i.id: normalize(i.sentence) for i in previous if i.kind == "phrase" and i.sentence}
    if not was:
        return ss
    pairs = {normalize(p.zh): p for p in reversed(ss.sentences)}  # the first of each text
    out, moved = [], False
    for phrase in ss.phrases:
        pair = pairs.get(was.get(phrase.id, "")) if phrase.zh is not None else None
        there = _phrase_in(ss.id, pair, phrase) if pair and pair.id != phrase.sentence else None
        out.append(there or phrase)
        moved = moved or there is not None
    return replace(ss, phrases=tuple(out)) if moved else ss


def _carry_keys(ss: StudySet, previous: Sequence[Item]) -> StudySet:
    """``ss`` with each phrase whose previous cloze blanked part of it (a long phrase's key
    word) keeping that part as its ``key`` while it still stands in the phrase: an English
    edit moves no review to a card blanking another word."""
    from learnkit.study.cloze import is_long

    blanks = {i.id: i.blank for i in previous if i.kind == "phrase" and i.blank}
    out = []
    for p in ss.phrases:
        text = blanks.get(p.id, "")
        at = p.zh.find(text) if text and p.zh and is_long(p.zh) else -1
        out.append(replace(p, key=Span(at, at + len(text), text)) if at >= 0 else p)
    return replace(ss, phrases=tuple(out)) if blanks else ss


def _matches(
    zh: str,
    simple: str,
    en: str | None,
    zh_emphasis: Sequence[Span],
    en_emphasis: Sequence[Span],
    words: Sequence[Word],
) -> Sequence[PhraseMatch]:
    """The phrase matches of a sentence, found in its Simplified text ``simple`` (same
    length as ``zh``: the dictionaries are Simplified, so an article in Traditional pairs
    as it does in Simplified); the Chinese spans keep the text as written."""
    if simple == zh:
        return phrases.match_phrases(zh, en, zh_emphasis, en_emphasis, words)
    folded = [Span(s.start, s.end, simple[s.start : s.end]) for s in zh_emphasis]
    return [
        replace(m, zh=Span(m.zh.start, m.zh.end, zh[m.zh.start : m.zh.end])) if m.zh else m
        for m in phrases.match_phrases(simple, en, folded, en_emphasis, words)
    ]


def _phrase_in(key: str, pair: SentencePair, phrase: Phrase) -> Phrase | None:
    """``phrase`` as bolded in ``pair`` (its id kept), or None if it is not bold there."""
    from learnkit.chinese.reading import to_simplified

    want = normalize(phrase.zh or "")
    emphasis = pair.zh_emphasis, pair.en_emphasis
    simple = to_simplified(pair.zh)
    for match in _matches(pair.zh, simple, pair.en, *emphasis, pair.words):
        if match.zh is not None and normalize(match.zh.text) == want:
            found = _phrase(key, pair, match, simple)
            return replace(found, id=phrase.id, key=phrase.key if found.zh == phrase.zh else None)
    return None


def _phrase(key: str, pair: SentencePair, match: PhraseMatch, simplified: str) -> Phrase:
    """``simplified``: the pair's Chinese in Simplified (converted once, with the sentence)."""
    start, end = match.zh.start, match.zh.end
    words = annotate.slice_words(pair.words, start, end, simplified)
    return Phrase(
        id=item_id(key, "phrase", match.zh.text),
        zh=match.zh.text,
        en=_card_case(match.en.text, pair.en[: match.en.start], words) if match.en else None,
        pinyin=pinyin_line(words, simplified[start:end]),
        numbers=numbers_line(words),
        sentence=pair.id,
        zh_span=match.zh,
        en_span=match.en,
        words=words,
        hsk=annotate.phrase_level(words),
        en_confidence=None if match.zh_found else match.confidence,
        zh_confidence=match.confidence if match.zh_found else None,
    )


def _card_case(en: str, before: str, words) -> str:
    """The English of a card with a sentence's capital taken off a common word ("Night
    markets" → "night markets"): the word starts the sentence, is not all capitals, and a
    gloss of the phrase's words has it in lower case (a name's gloss keeps its capital:
    中国 "China")."""
    first = re.match(r"[^\W\d_]*", en).group()  # the first word's letters: "China" of "China's"
    start = not before.strip(" \"'“‘(") or before.rstrip(" \"'“‘(")[-1:] in ".!?。"
    if not start or len(first) < 2 or not first[0].isupper() or not first[1:].islower():
        return en
    glosses = " ".join(w.gloss or "" for w in words)
    lower = first.lower()
    if re.search(rf"\b{re.escape(first)}\b", glosses):
        return en
    if not re.search(rf"\b{re.escape(lower[:4])}", glosses.lower()):
        return en
    return lower[0] + en[1:]


def _english(key: str, pair: SentencePair, match: PhraseMatch) -> Phrase:
    """Bold English whose Chinese was not found: a phrase with ``zh`` None, id from its English."""
    return Phrase(
        id=english_phrase_id(key, match.en.text),
        zh=None,
        en=match.en.text,
        pinyin="",
        numbers="",
        sentence=pair.id,
        zh_span=None,
        en_span=match.en,
        zh_confidence=match.confidence,
    )


def study_set(text: str, source: str | None = None) -> StudySet:
    """The study set of an article given as text; ``source`` names it in messages."""
    return build_study_set(parse_article(text, source=source or "<text>"))


def load(path: str | os.PathLike[str], progress: Progress | None = None) -> StudySet:
    """Read, parse and process one article file (``progress``: see build_study_set)."""
    return build_study_set(load_article(path), progress)
