"""HTML for Anki note fields, built from structured records (never from stored HTML).

Every piece of article text is HTML-escaped here; markup is added only around escaped
text, from offsets and annotations.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from learnkit.chinese.annotate import word_level
from learnkit.models import Meta, Span, Word
from learnkit.text.charclass import is_han

HSK_STANDARD = "HSK 3.0"
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def esc(text: str) -> str:
    """Text as field HTML: only ``<``, ``>`` and ``&`` escaped, so Anki's search finds
    ``Today's`` and ``"dual containment"`` as written."""
    return html.escape(text, quote=False)


def han_count(text: str) -> int:
    return sum(1 for c in text if is_han(c))


Syllables = tuple[tuple[str, str | None, int | None], ...]


@lru_cache(maxsize=65536)
def _syllables(text: str, pinyin: str, tones: tuple[int, ...]) -> Syllables:
    """(character, syllable, tone) for each character; syllable None for non-Han or a mismatch."""
    syllables = pinyin.split()
    if tones and len(syllables) == len(tones) == han_count(text):
        it = iter(zip(syllables, tones, strict=True))
        return tuple((c, *next(it)) if is_han(c) else (c, None, None) for c in text)
    return tuple((c, None, None) for c in text)


@lru_cache(maxsize=65536)
def _colored_word(text: str, pinyin: str, tones: tuple[int, ...]) -> str:
    return "".join(
        f'<span class="tone{tone}">{esc(char)}</span>' if tone else esc(char)
        for char, _syllable, tone in _syllables(text, pinyin, tones)
    )


@lru_cache(maxsize=65536)
def _ruby_word(text: str, pinyin: str, tones: tuple[int, ...]) -> str:
    return "".join(
        f" {esc(char)}[{esc(syllable)}]" if syllable else _ruby_text(char)
        for char, syllable, _tone in _syllables(text, pinyin, tones)
    )


def colored(words: Iterable[Word]) -> str:
    """Hanzi with one ``<span class="toneN">`` per Han character (Chinese Support style)."""
    return "".join(_colored_word(w.text, w.pinyin, w.tones) for w in words)


def _ruby_text(text: str) -> str:
    # Brackets would be read as readings by Anki's furigana filter.
    return esc(text).replace("[", "&#91;").replace("]", "&#93;")


def ruby(words: Iterable[Word]) -> str:
    """``字[zì]`` form for Anki's ``{{furigana:}}`` filter; a space opens each reading's base."""
    return "".join(_ruby_word(w.text, w.pinyin, w.tones) for w in words).lstrip(" ")


def level_text(level: int | None) -> str:
    if level is None:
        return ""
    return f"{HSK_STANDARD} · {'7–9' if level >= 7 else level}"


def sentence_level(words: Iterable[Word]) -> float | None:
    """The average level of the sentence's words that have one, to one decimal: unlike
    the hardest word (7–9 in almost every news sentence) it tells sentences apart."""
    levels = [lv for lv in map(word_level, words) if lv]  # names and the like have none
    return round(sum(levels) / len(levels), 1) if levels else None


def sentence_level_text(average: float | None, hardest: int | None) -> str:
    if average is None:
        return ""
    top = "7–9" if (hardest or 0) >= 7 else str(hardest)
    return f"{HSK_STANDARD} · {average:.1f} average · hardest {top}"


def breakdown(words: Iterable[Word]) -> str:
    """One row per distinct Han word: coloured hanzi, pinyin, CC-CEDICT gloss, HSK level."""
    rows: dict[str, str] = {}
    for w in words:
        if w.is_han and w.text not in rows:
            rows[w.text] = _row(w.text, w.pinyin, w.tones, w.gloss, w.hsk)
    return "".join(rows.values())


@lru_cache(maxsize=65536)
def _row(text: str, pinyin: str, tones: tuple[int, ...], gloss: str | None, hsk: int | None) -> str:
    parts = [
        f'<span class="w-zh">{_colored_word(text, pinyin, tones)}</span>',
        f'<span class="w-py">{esc(pinyin)}</span>',
    ]
    if gloss:
        parts.append(f'<span class="w-en">{esc(gloss)}</span>')
    if hsk:
        parts.append(f'<span class="w-hsk">{esc(level_text(hsk))}</span>')
    return f'<div class="word">{" ".join(parts)}</div>'


def highlight(text: str | None, spans: Sequence[Span | None]) -> str:
    """Escaped text with ``<span class="hl">`` around the given (non-overlapping) spans."""
    if not text:
        return ""
    out, pos = [], 0
    for span in sorted((s for s in spans if s is not None), key=lambda s: s.start):
        if span.start < pos or span.end > len(text) or span.start >= span.end:
            continue
        out.append(esc(text[pos : span.start]))
        out.append(f'<span class="hl">{esc(text[span.start : span.end])}</span>')
        pos = span.end
    out.append(esc(text[pos:]))
    return "".join(out)


def iso_date(meta: Meta) -> str | None:
    """``YYYY-MM-DD`` from the front matter's date or date-time, None if absent or malformed."""
    m = _DATE.match(meta.date or "")
    return "-".join(m.groups()) if m else None


def safe_url(url: str | None) -> str | None:
    if url and re.match(r"^https?://\S+$", url.strip()):
        return url.strip()
    return None


def source(title_zh: str | None, title_en: str | None, meta: Meta) -> str:
    """The article's titles (linked to the original when known), date and author."""
    title = " · ".join(esc(t) for t in (title_zh, title_en) if t) or "article"
    url = safe_url(meta.source_url)
    parts = [f'<a href="{html.escape(url, quote=True)}">{title}</a>' if url else title]
    parts += [esc(x) for x in (iso_date(meta), meta.author) if x]
    return " · ".join(parts)
