"""Stable identities: an item's id comes from what it is, never from its position.

The same id is the Anki GUID and the quiz's key, so correcting an English typo
(or moving a paragraph) must not change any id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from learnkit.models import Article

_SPACE = re.compile(r"\s+")


def _digest(*parts: str, size: int = 12) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:size]


def normalize(text: str) -> str:
    """Text as it identifies an item: NFKC, whitespace removed."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def article_id(article: Article) -> str:
    """From the source link if there is one, else the Chinese title and date, else the text."""
    meta = article.meta
    if meta.source_url:
        return _digest("url", meta.source_url.strip(), size=10)
    title = meta.title or (article.zh.title if article.zh else None)
    if title:
        return _digest("title", normalize(title), meta.date or "", size=10)
    first = article.zh.paragraphs[0].text if article.zh and article.zh.paragraphs else ""
    return _digest("text", normalize(first), size=10)


def item_id(article_key: str, kind: str, zh: str) -> str:
    """Id of a sentence or phrase: its article, its kind and its Chinese text."""
    return f"{article_key}-{kind[0]}{_digest(kind, article_key, normalize(zh))}"
