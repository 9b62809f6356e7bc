"""Sentence splitting for Chinese and English paragraphs, as offsets into the text.

Chinese sentences end at 。！？… and at an ASCII ``.`` ``!`` ``?`` that ends a Chinese
sentence (``世界观.文章还…``), never inside ``38.1%`` or ``U.S.``. English sentences do
not end at titles (``Mr.``), initialisms (``U.S.``), ``e.g.``, decimals or initials unless a
typical sentence opener follows. Closing quotes and brackets stay with their sentence, and
no sentence boundary falls inside a protected span (an emphasised phrase).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

from learnkit.models import Span
from learnkit.text.charclass import CLOSERS, OPENERS, is_cjk, is_han

_ZH_ENDS = "。！？!?…．｡"
_EN_ENDS = ".!?…"
_CLOSE_AFTER_END = "”’」』）)》〉】］]\"'"
_PAUSE = "，,、；;：:"
# Never the end of a sentence: titles before a name, Latin abbreviations before an example.
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "sr",
    "jr",
    "gen",
    "gov",
    "sen",
    "rep",
    "lt",
    "col",
    "capt",
    "sgt",
    "rev",
    "hon",
    "pres",
    "messrs",
    "mt",
    "ft",
    "vs",
    "v",
    "no",
    "nos",
    "fig",
    "figs",
    "cf",
    "e.g",
    "i.e",
    "approx",
    "ca",
    "al",
    "op",
    "vol",
    "pp",
    "ed",
    "eds",
    "art",
    "sec",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
# End a sentence only when a typical sentence opener follows: "in the U.S. The …".
_SOFT = {"etc", "inc", "ltd", "co", "corp", "bros", "plc", "llc", "a.m", "p.m"}
_OPENERS_WORDS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "there",
    "but",
    "and",
    "so",
    "yet",
    "however",
    "in",
    "on",
    "at",
    "for",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "his",
    "her",
    "their",
    "our",
    "my",
    "some",
    "many",
    "most",
    "both",
    "such",
    "despite",
    "although",
    "though",
    "meanwhile",
    "still",
    "then",
    "today",
}
_WORD_BEFORE = re.compile(r"([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)$")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_NEXT_WORD = re.compile(r"[A-Za-z]+")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_DOTTED = re.compile(r"[A-Za-z]+\.[A-Za-z]")


def split_sentences(
    text: str, lang: str, protected: Iterable[Span] = ()
) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each sentence of ``text``, whitespace excluded, in order."""
    ends = _zh_ends(text) if lang == "zh" else _en_ends(text)
    inside = _guard(protected)
    cuts = [e for e in ends if not inside(e)]
    out: list[tuple[int, int]] = []
    start = 0
    for end in [*cuts, len(text)]:
        a, b = start, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
        start = end
    return tuple(out)


def _guard(protected: Iterable[Span]) -> Callable[[int], bool]:
    """Whether an offset falls strictly inside one of the spans (a bisection, not a scan)."""
    spans = sorted((s.start, s.end) for s in protected)
    starts = [a for a, _ in spans]
    reach, furthest = [], -1  # reach[k]: the furthest end among the first k + 1 spans
    for _, b in spans:
        furthest = max(furthest, b)
        reach.append(furthest)

    def inside(offset: int) -> bool:
        k = bisect.bisect_left(starts, offset)  # spans[:k] start before the offset
        return k > 0 and reach[k - 1] > offset

    return inside


def _absorb(text: str, i: int, start: int, ends: str) -> int:
    """Index after a run of sentence-ending marks and the closing quotes that follow it."""
    n = len(text)
    while i < n and text[i] in ends:
        i += 1
    while i < n and text[i] in _CLOSE_AFTER_END:
        ch = text[i]
        # A straight quote closes if the sentence holds an unpaired one, or if a space
        # (or the end) follows it: an opening quote comes before its first word, and
        # speech may run over several sentences ('Misty. I don't know.' 'You must …').
        after = text[i + 1 : i + 2]
        if ch in "\"'" and _quotes(text, ch, start, i) % 2 == 0 and after.strip():
            break
        i += 1
    return i


def _quotes(text: str, ch: str, start: int, end: int) -> int:
    """How many straight quotes ``ch`` stand in ``text[start:end]``; a ``'`` between two
    letters is an apostrophe (don't, he's), not a quote."""
    count = text.count(ch, start, end)
    if ch == "'" and count:
        count -= sum(
            1
            for k in range(max(start, 1), min(end, len(text) - 1))
            if text[k] == "'" and text[k - 1].isalpha() and text[k + 1].isalpha()
        )
    return count


def _zh_ends(text: str) -> list[int]:
    ends: list[int] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in _ZH_ENDS + "." or not _zh_is_end(text, i):
            i += 1
            continue
        j = _absorb(text, i, start, _ZH_ENDS + ".")
        k = j
        while k < n and text[k].isspace():
            k += 1
        if k < n and text[k] in _PAUSE:  # "……，" pauses, it does not end
            i = j
            continue
        if text[i] == "…" and _stammer(text, i, k):  # "遇到一个小…… 小太监": one sentence
            i = j
            continue
        ends.append(j)
        start = i = j
    return ends


def _stammer(text: str, i: int, k: int) -> bool:
    """Whether the ellipsis at ``i`` is a hesitation inside the sentence: the text at ``k``
    after it takes up again the one to three Han characters before it (小…… 小太监,
    所以…… 所以连饭也…, 我叫…… 叫小玄子), or is one to three Han characters trailing
    off again or pausing (那部书…… 书…… 我…… 我……, 不…… 服，: one faltering sentence)."""
    for m in (3, 2, 1):
        before = text[i - m : i]
        if i >= m and all(is_han(c) for c in before) and text.startswith(before, k):
            return True
    again = next((j for j in range(k + 1, min(len(text), k + 4)) if text[j] in "…，、"), -1)
    return again > k and all(is_han(c) for c in text[k:again])


def _zh_is_end(text: str, i: int) -> bool:
    ch = text[i]
    nxt = _next_visible(text, i + 1)
    if ch in "。！？…｡":
        return True
    prev = text[i - 1] if i else ""
    if ch == "．":
        return not (prev.isdigit() and nxt.isdigit())
    # ASCII mark: a sentence end only between Chinese text (or at the end of the text).
    prev_ok = prev != "" and (is_cjk(prev) or prev in CLOSERS)
    if ch == ".":
        return prev_ok and (nxt == "" or is_han(nxt) or nxt in OPENERS or is_cjk(nxt))
    return nxt == "" or not nxt.isascii() or not nxt.isalnum()


def _next_visible(text: str, i: int) -> str:
    while i < len(text) and text[i].isspace():
        i += 1
    return text[i] if i < len(text) else ""


def _en_ends(text: str) -> list[int]:
    ends: list[int] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        if text[i] not in _EN_ENDS:
            i += 1
            continue
        j = _absorb(text, i, start, _EN_ENDS)
        spaced = _SPACED_ELLIPSIS.match(text, i)
        if spaced:  # ". . ." is one mark: "I met this . . . little eunuch"
            j = _absorb(text, spaced.end() - 1, start, _EN_ENDS)
        if j < n and not text[j].isspace() and not _glued_end(text, i, j):
            i = j  # "38.1", "U.S.-China", "Yahoo!Japan": no space, no end
            continue
        if _en_is_end(text, i, j):
            ends.append(j)
            start = j
        i = j
    return ends


_SPACED_ELLIPSIS = re.compile(r"\.(?: \.)+")


def _word_before(text: str, i: int) -> str:
    """The lower-cased word ending at ``i``: an initialism whole ("u.s", "e.g"), else the
    last dotted part ("staff.Mr" → "mr")."""
    # the regex anchored at ``i`` would scan the text from its start: look back instead
    start = i - 1 if i and text[i - 1] == "\n" else i
    while start and (text[start - 1] in _WORD_CHARS):
        start -= 1
    m = _WORD_BEFORE.search(text, start, i)
    if not m:
        return ""
    word = m.group(1).lower()
    return word if _INITIALISM.fullmatch(word) else word.rsplit(".", 1)[-1]


def _glued_end(text: str, i: int, j: int) -> bool:
    """A missing space after a sentence: "the majority.Three judges", "violence.”The case"."""
    word = _word_before(text, i)
    return (
        i > 0
        and text[i - 1].islower()
        and text[j : j + 2].istitle()
        and text[j + 1 : j + 2].isalpha()
        and len(word) > 1
        and word not in _TITLES | _SOFT
        and not _DOTTED.match(text, j)  # www.Google.com
    )


def _en_is_end(text: str, i: int, j: int) -> bool:
    nxt = _next_visible(text, j)
    if nxt == "":
        return True
    if nxt.islower() or nxt in ",;:)]}":
        return False
    if text[i] != "." or text[i:j].startswith("..") or text[j - 1] in _CLOSE_AFTER_END:
        return True  # a closing quote after the stop: no abbreviation ("The answer's no.'")
    word = _word_before(text, i)
    if not word:
        return True
    next_word = _NEXT_WORD.match(text, text.index(nxt, j)) if nxt.isalpha() else None
    opener_follows = bool(next_word and next_word.group(0).lower() in _OPENERS_WORDS)
    if word in _TITLES:
        return False
    if word in _SOFT or len(word) == 1 or _INITIALISM.fullmatch(word):
        return opener_follows  # "J. K. Rowling", "U.S. President", but "the U.S. The …"
    return True
