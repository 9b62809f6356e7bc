"""Inline markdown of one paragraph → clean text and emphasis spans (offsets into it).

Links become their text, images and italics markers go, ``**bold**`` becomes a Span.
Bold in pieces (``**a** **b**``) is merged back (the span keeps where each piece starts),
punctuation and quotes at a span's
edges are left out of it (``**"双重遏制"**`` → 双重遏制, ``**x****,**`` → x) and
whitespace is normalised per language: Chinese loses every space next to CJK text or
punctuation, English keeps single spaces between words.
"""

from __future__ import annotations

import html
import re

from learnkit.models import Span
from learnkit.text.charclass import CLOSERS, OPENERS, QUOTES, is_cjk, is_punct

_ESCAPES = {"\\*": "\ue000", "\\_": "\ue001", "\\[": "\ue002", "\\]": "\ue003"}
_UNESCAPE = str.maketrans({v: k[1] for k, v in _ESCAPES.items()})
# Whitespace runs (\s is exactly str.isspace() for str patterns) that normalising may
# change; English: not the single spaces between words, which always stay.
_SPACES = {
    "zh": re.compile(r"\s+"),
    "en": re.compile(r"(?<!\s)(?:\s{2,}|[^\S ]|^ | (?=[,;:!?).]|$))(?!\s)"),
}
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
# Formatting tags that some exported articles carry; any other tag (<script>…) is text
# that the learner should see as written, and every layer that shows text escapes it.
_HTML_TAG = re.compile(
    r"</?(?:a|b|br|div|em|font|i|mark|p|small|span|strong|sub|sup|u)\b[^>]*>", re.IGNORECASE
)
_CODE = re.compile(r"`([^`]*)`")
_TRIPLE = re.compile(r"\*\*\*(?=\S)(.+?)\*\*\*")
# Word characters are ASCII here: Han text glues markers to words (这是*斜体*和).
_BOLD = re.compile(r"\*\*(.+?)\*\*|(?<![A-Za-z0-9_])__(.+?)__(?![A-Za-z0-9_])")
_ITALIC = re.compile(
    r"(?<![*A-Za-z0-9])\*(?=\S)(.+?)(?<=\S)\*(?![*A-Za-z0-9])"
    r"|(?<![A-Za-z0-9_])_(?=\S)(.+?)(?<=\S)_(?![A-Za-z0-9_])"
)
_ABBREV_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Ltd|Co|Corp)\.$")
_SPACE_BEFORE = ",;:!?.)"


def strip_links(text: str) -> str:
    """Markdown links and autolinks reduced to their text; images and formatting tags removed."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    return html.unescape(_HTML_TAG.sub(" ", text))


def clean_inline(raw: str, lang: str) -> tuple[str, tuple[Span, ...]]:
    """Clean text of one paragraph (or heading) and its emphasised spans."""
    for seq, mark in _ESCAPES.items():
        raw = raw.replace(seq, mark)
    raw = _CODE.sub(r"\1", strip_links(raw))
    raw = _TRIPLE.sub(r"**\1**", raw)
    chars: list[str] = []
    bold: list[bool] = []
    pos = 0
    for m in _BOLD.finditer(raw):
        _append(chars, bold, raw[pos : m.start()], False)
        _append(chars, bold, m.group(1) if m.group(1) is not None else m.group(2), True)
        pos = m.end()
    _append(chars, bold, raw[pos:], False)
    text, bold = _normalise_space("".join(chars).translate(_UNESCAPE), bold, lang)
    return text, _spans(text, bold)


def _append(chars: list[str], bold: list[bool], piece: str, is_bold: bool) -> None:
    piece = piece.replace("**", "")  # an unpaired marker is noise, not text
    piece = _ITALIC.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), piece)
    chars.extend(piece)
    bold.extend([is_bold] * len(piece))


def _normalise_space(text: str, bold: list[bool], lang: str) -> tuple[str, list[bool]]:
    """Collapse whitespace runs to one space, or drop them where they are stray."""
    pieces: list[str] = []
    out_b: list[bool] = []
    pos, n = 0, len(text)
    for m in _SPACES["zh" if lang == "zh" else "en"].finditer(text):
        i, j = m.span()
        pieces.append(text[pos:i])
        out_b += bold[pos:i]
        if 0 < i and j < n and _keep_space(text[i - 1], text[j], lang):
            pieces.append(" ")
            out_b.append(bold[i])
        pos = j
    pieces.append(text[pos:])
    out_b += bold[pos:]
    return "".join(pieces), out_b


def _keep_space(before: str, after: str, lang: str) -> bool:
    if lang == "zh":
        if is_cjk(before) or is_cjk(after) or before in QUOTES or after in QUOTES:
            return False
        return not (after in _SPACE_BEFORE and is_punct(after))
    return not (after in ",;:!?)" or (after == "." and before != "."))


def _spans(text: str, bold: list[bool]) -> tuple[Span, ...]:
    runs: list[list] = []  # [start, end, starts of later pieces]
    i, n = 0, len(text)
    while i < n:
        if not bold[i]:
            i += 1
            continue
        j = i
        while j < n and bold[j]:
            j += 1
        # Pieces of one phrase: nothing or only whitespace between two bold runs.
        if runs and not text[runs[-1][1] : i].strip():
            runs[-1][1] = j
            runs[-1][2].append(i)
        else:
            runs.append([i, j, []])
        i = j
    spans = []
    for start, end, later in runs:
        start, end = _trim(text, start, end)
        if start < end:
            pieces = tuple(k - start for k in later if start < k < end)
            spans.append(Span(start, end, text[start:end], pieces))
    return tuple(spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Leave whitespace, edge punctuation and unbalanced quotes/brackets out of a span."""
    while start < end and (text[start].isspace() or _edge_punct(text, start, end, leading=True)):
        start += 1
    while end > start and (text[end - 1].isspace() or _edge_punct(text, start, end, leading=False)):
        end -= 1
    return start, end


def _edge_punct(text: str, start: int, end: int, leading: bool) -> bool:
    ch = text[start] if leading else text[end - 1]
    if not is_punct(ch):
        return False
    inner = text[start:end]
    if ch in QUOTES:
        return True
    if leading and ch in OPENERS:
        return CLOSERS[OPENERS.index(ch)] not in inner[1:]
    if not leading and ch in CLOSERS:
        return OPENERS[CLOSERS.index(ch)] not in inner[:-1]
    if not leading and ch == "." and _ABBREV_END.search(inner):
        return False
    return ch not in "%$€£¥#@&+<>=≤≥±~"  # signs that are part of what is said (<50%)
