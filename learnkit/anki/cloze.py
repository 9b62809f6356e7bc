"""Cloze markup for a sentence: each emphasised phrase is one deletion (one card).

A long phrase (more than ``LONG_PHRASE`` Han characters) would blank a whole clause, which
nobody can recall; it blanks its key words instead (:mod:`learnkit.keywords`), all under
the phrase's one cloze number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from learnkit.anki.fields import esc, short_gloss
from learnkit.ids import normalize
from learnkit.models import Phrase, SentencePair
from learnkit.study.cloze import is_long, key_words, trim

MAX_KEY_WORDS = 3


@dataclass(frozen=True)
class Blank:
    start: int  # offsets into the sentence's Chinese text
    end: int
    hint: str


def blanks(pair: SentencePair, start: int, end: int, english: str | None) -> list[Blank]:
    """The deletions of one emphasised span of ``pair.zh``."""
    start, end = trim(pair.zh, start, end)
    if start >= end:
        return []
    if not is_long(pair.zh[start:end]):
        return [Blank(start, end, english or "")]
    key = key_words(pair.words, start, end, MAX_KEY_WORDS)
    if not key:
        return [Blank(start, end, english or "")]
    merged: list[Blank] = []
    for w in key:  # adjacent key words make one blank: "[a][b]" reads as noise
        hint = short_gloss(w.gloss)
        if merged and merged[-1].end == w.start:
            last = merged.pop()
            hint = " · ".join(h for h in (last.hint, hint) if h)
            merged.append(Blank(last.start, w.end, hint))
        else:
            merged.append(Blank(w.start, w.end, hint))
    if len(merged) == 1 and (merged[0].start, merged[0].end) == (start, end) and english:
        return [Blank(start, end, english)]  # the key words are the whole phrase
    return merged


def deletion_groups(
    pair: SentencePair, phrases: Sequence[Phrase], known: Mapping[str, Phrase]
) -> list[list[Blank]]:
    """One group of blanks per emphasised phrase of the sentence, in text order.

    ``phrases`` are the study set's phrases found in this sentence; emphasised spans not
    among them (a phrase already studied earlier in the article) are looked up in
    ``known`` (normalised Chinese → phrase) for their English.
    """
    targets = [(p.zh_span.start, p.zh_span.end, p.en) for p in phrases]
    for span in pair.zh_emphasis:
        if not any(s < span.end and span.start < e for s, e, _ in targets):
            other = known.get(normalize(span.text))
            targets.append((span.start, span.end, other.en if other else None))
    groups, taken = [], 0
    for start, end, english in sorted(targets, key=lambda t: t[0]):
        group = [b for b in blanks(pair, start, end, english) if b.start >= taken]
        if group:
            groups.append(group)
            taken = group[-1].end
    return groups


def _plain(text: str) -> str:
    # Literal braces could be read as cloze markup.
    return esc(text).replace("{", "&#123;").replace("}", "&#125;")


def _cloze_safe(text: str) -> str:
    # A colon pair inside a deletion would start its hint early.
    return _plain(text).replace(":", "&#58;")


def cloze_text(zh: str, groups: Sequence[Sequence[Blank]]) -> str:
    """``zh`` escaped, each group's blanks written as ``{{cN::text::hint}}``."""
    flat = sorted(
        ((b, n) for n, group in enumerate(groups, 1) for b in group), key=lambda item: item[0].start
    )
    out, pos = [], 0
    for blank, n in flat:
        out.append(_plain(zh[pos : blank.start]))
        hint = f"::{_cloze_safe(blank.hint)}" if blank.hint else ""
        out.append(f"{{{{c{n}::{_cloze_safe(zh[blank.start : blank.end])}{hint}}}}}")
        pos = blank.end
    out.append(_plain(zh[pos:]))
    return "".join(out)
