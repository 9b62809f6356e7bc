"""Article files → :class:`Article`: front matter, the two language halves, clean paragraphs.

The format and its quirks are described in ``FORMAT.md``. Parsing is pure
(:func:`parse_article`); :func:`load_article` adds reading and decoding with one-line
errors that name the file.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

from learnkit.errors import ArticleError, NoChinese, NotText
from learnkit.limits import check_characters
from learnkit.models import Article, Half, Meta, Paragraph
from learnkit.text.charclass import detect_lang
from learnkit.text.inline import clean_inline, strip_links

_SEPARATOR = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$")
_KNOWN_KEYS = {
    "title",
    "date",
    "description",
    "tag",
    "tags",
    "keywords",
    "author",
    "authors",
    "source",
    "source_url",
    "url",
    "link",
    "original",
}
_LINK_LINE = re.compile(r"^[*_]*\[([^\]]*)\]\(<?(\S+?)>?(?:\s+\"[^\"]*\")?\)[*_]*$")
_LABELLED_URL = re.compile(r"^[*_]*([^:：]{1,20}?)[*_]*\s*[:：]\s*<?(https?://\S+?)>?$")
_BARE_URL = re.compile(r"^<?(https?://\S+?)>?$")
_SOURCE_WORDS = re.compile(
    r"原文|链接|鏈接|来源|來源|出处|出處|source|original|link|read more", re.IGNORECASE
)
_PLACEHOLDER_TAGS = {"tag us", "tag", "tags", "todo", "none", "null", "~"}
_LANG_NAME = {"zh": "Chinese", "en": "English"}


@dataclass(frozen=True)
class _Block:
    """A heading or a paragraph of raw markdown, with its detected language."""

    heading: bool
    raw: str
    lang: str | None


def load_article(path: str | os.PathLike[str]) -> Article:
    """Read and parse an article file; every problem is an ArticleError naming the file."""
    name = os.fspath(path)
    p = Path(path)
    if not p.exists():
        raise ArticleError(f"{name}: no such file")
    if p.is_dir():
        raise ArticleError(f"{name}: is a directory, not an article file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{name}: cannot read the file ({exc.strerror})") from None
    return parse_article(decode(data, name), source=name)


def decode(data: bytes, source: str) -> str:
    """Article bytes → text: UTF-8 (BOM or not) or UTF-16 with a BOM; else an ArticleError."""
    if not data.strip():
        raise ArticleError(f"{source}: empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotText(f"{source}: not valid UTF-16 text despite its byte-order mark") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise NotText(f"{source}: binary file, not text (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotText(
            f"{source}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def parse_article(text: str, source: str = "<text>") -> Article:
    """Parse article text (markdown-ish, see FORMAT.md) into metadata and language halves."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(f"{source}: empty file")
    check_characters(text, source)
    lines = text.split("\n")
    fields, lines = _front_matter(lines)
    source_urls: list[str] = []
    segments = [_blocks(seg, source_urls) for seg in _segments(lines)]
    segments = [seg for seg in segments if any(b.lang for b in seg)]
    meta = _meta(fields, source_urls)
    warnings: list[str] = []
    by_lang = _assign(segments, warnings)
    halves = {lang: _half(lang, blocks, meta) for lang, blocks in by_lang.items()}
    zh, en = halves.get("zh"), halves.get("en")
    if zh is None or not zh.paragraphs:
        raise NoChinese(f"{source}: no Chinese text found (LearnKit needs Chinese paragraphs)")
    if en is None or not en.paragraphs:
        en = None
        warnings.append(
            "only Chinese text found: no English half (no '---' line followed by English text)"
        )
    return Article(source=source, meta=meta, zh=zh, en=en, warnings=tuple(warnings))


def _front_matter(lines: list[str]) -> tuple[dict[str, str | list[str]], list[str]]:
    """Split off front matter (between ``---`` lines, or a leading block of known keys)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if first < len(lines) and lines[first].strip() == "---":
        close = next(
            (j for j in range(first + 1, len(lines)) if lines[j].strip() in ("---", "...")), None
        )
        if close is not None and _looks_like_front_matter(lines[first + 1 : close]):
            return _fields(lines[first + 1 : close]), lines[close + 1 :]
    if first < len(lines) and lines[first].strip() == "---":  # front matter never closed
        first += 1
    end = next((i for i in range(first, len(lines)) if not lines[i].strip()), len(lines))
    block = lines[first:end]
    if block and all(
        (m := _KEY.match(line)) and m.group(1).lower() in _KNOWN_KEYS for line in block
    ):
        return _fields(block), lines[end:]
    return {}, lines


def _looks_like_front_matter(lines: list[str]) -> bool:
    keys = [m.group(1).lower() for line in lines if (m := _KEY.match(line))]
    if any(k in _KNOWN_KEYS for k in keys):
        return True
    content = [line for line in lines if line.strip()]
    return bool(keys) and all(_KEY.match(line) or line[:1] in " \t-" for line in content)


def _fields(lines: list[str]) -> dict[str, str | list[str]]:
    """Tolerant ``key: value`` / ``- item`` reader: YAML-like, never fails."""
    fields: dict[str, str | list[str]] = {}
    key = None
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = _KEY.match(line)
        if m:
            key = m.group(1).lower()
            value = _unquote((m.group(2) or "").strip())
            if value in ("|", ">", "|-", ">-", "[]", "~", "null"):
                value = ""
            if value.startswith("[") and value.endswith("]"):
                fields[key] = [_unquote(v.strip()) for v in value[1:-1].split(",") if v.strip()]
            else:
                fields[key] = value
        elif key is not None and stripped.startswith("- "):
            current = fields.get(key)
            items = current if isinstance(current, list) else ([current] if current else [])
            fields[key] = [*items, _unquote(stripped[2:].strip())]
        elif key is not None and line[:1] in " \t" and isinstance(fields.get(key), str):
            fields[key] = f"{fields[key]} {stripped}".strip()
    return fields


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _meta(fields: dict[str, str | list[str]], source_urls: list[str]) -> Meta:
    def scalar(*keys: str) -> str | None:
        for k in keys:
            v = fields.get(k)
            if isinstance(v, list):
                v = ", ".join(v)
            if v:
                return v
        return None

    tags: list[str] = []
    for k in ("tags", "tag", "keywords"):
        v = fields.get(k)
        items = v if isinstance(v, list) else (v.split(",") if v else [])
        tags.extend(t.strip() for t in items if t.strip().lower() not in _PLACEHOLDER_TAGS)
    url = scalar("source_url", "source", "url", "link", "original")
    if url and not url.startswith(("http://", "https://")):
        url = None
    return Meta(
        date=scalar("date"),
        author=scalar("author", "authors"),
        description=scalar("description"),
        tags=tuple(dict.fromkeys(t for t in tags if t)),
        source_url=url or (source_urls[0] if source_urls else None),
        title=scalar("title"),
    )


def _segments(lines: list[str]) -> list[list[str]]:
    """The body cut at separator lines (``---``)."""
    segments: list[list[str]] = [[]]
    for line in lines:
        if _SEPARATOR.match(line):
            segments.append([])
        else:
            segments[-1].append(line)
    return segments


def _blocks(lines: list[str], source_urls: list[str]) -> list[_Block]:
    """Headings and paragraphs of one segment; source-link lines go to ``source_urls``."""
    blocks: list[_Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            raw = " ".join(para)
            blocks.append(_Block(False, raw, detect_lang(strip_links(raw))))
            para.clear()

    for line in lines:
        stripped = line.strip()
        url = _source_url(stripped)
        if not stripped or url:
            flush()
            if url:
                source_urls.append(url)
        elif m := _HEADING.match(line):
            flush()
            blocks.append(_Block(True, m.group(2), detect_lang(strip_links(m.group(2)))))
        elif len(para) == 1 and re.fullmatch(r"=+", stripped):  # setext heading
            blocks.append(_Block(True, para[0], detect_lang(strip_links(para[0]))))
            para.clear()
        else:
            para.append(re.sub(r"^(?:>\s?)+|^[-*+]\s+", "", stripped))
    flush()
    return blocks


def _source_url(line: str) -> str | None:
    """The URL of a line that only links to the original article, else None."""
    if m := _LINK_LINE.match(line):
        text, url = m.groups()
        return url if _SOURCE_WORDS.search(text) or not text.strip() or text == url else None
    if (m := _LABELLED_URL.match(line)) and _SOURCE_WORDS.search(m.group(1)):
        return m.group(2)
    m = _BARE_URL.match(line)
    return m.group(1) if m else None


def _assign(segments: list[list[_Block]], warnings: list[str]) -> dict[str, list[_Block]]:
    """Blocks of each language. Each segment's language is detected, not taken from its place."""
    by_lang: dict[str, list[_Block]] = {}
    para_langs = {b.lang for seg in segments for b in seg if b.lang and not b.heading}
    if len(segments) == 1 and para_langs == {"zh", "en"}:
        warnings.append(
            "no '---' line between the Chinese and English text: "
            "halves taken from each paragraph's language"
        )
        for block in segments[0]:
            if block.lang:
                by_lang.setdefault(block.lang, []).append(block)
        return by_lang
    for seg in segments:
        text = " ".join(strip_links(b.raw) for b in seg if not b.heading) or " ".join(
            b.raw for b in seg
        )
        lang = detect_lang(text)
        if lang in by_lang:
            warnings.append(f"{_LANG_NAME[lang]} text in more than one part: the parts were joined")
        by_lang.setdefault(lang, []).extend(seg)
    return by_lang


def _half(lang: str, blocks: list[_Block], meta: Meta) -> Half:
    title = None
    paragraphs: list[Paragraph] = []
    for block in blocks:
        text, emphasis = clean_inline(block.raw, lang)
        if not text:
            continue
        if block.heading and title is None and not paragraphs:
            title = text
        else:
            paragraphs.append(Paragraph(text, emphasis))
    if title is None and meta.title and detect_lang(meta.title) == lang:
        title = meta.title
    return Half(lang=lang, title=title, paragraphs=tuple(paragraphs))
