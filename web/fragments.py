"""Work that is the same for every request, done once: per-item HTML and fixed links.

A cloze item is a frozen dataclass, rebuilt only when its article's file changes, so the
parts of the feedback page that depend on the item alone (the answer with its pinyin, the
whole sentence with pinyin over each word, the English with the phrase marked, the word
glosses) are the same for every answer. They are rendered from ``quiz/_answer.html``
(autoescaped like any template) on first use and reused while the item object is the same
one: a re-parsed or edited article brings new item objects, which render afresh.

The links of every page's header (stylesheet, script, library, upload) depend only on
where the app is mounted, so ``fixed_url`` builds each once per mount point.
"""

from __future__ import annotations

from flask import Flask, current_app, render_template, request, url_for
from markupsafe import Markup

from learnkit.quiz import ClozeItem

TEMPLATE = "quiz/_answer.html"


def answer_fragment(item: ClozeItem) -> Markup:
    """The item's answer, sentence with ruby, English and glosses as HTML."""
    cache: dict[str, tuple[ClozeItem, Markup]] = current_app.extensions["learnkit.fragments"]
    hit = cache.get(item.id)
    if hit is not None and hit[0] is item:
        return hit[1]
    html = Markup(render_template(TEMPLATE, item=item))
    cache[item.id] = (item, html)  # a race renders twice and keeps either: both are equal
    return html


def fixed_url(endpoint: str, **values: str) -> str:
    """``url_for(endpoint, **values)``, memoized per mount point (``SCRIPT_NAME``): only
    for a small, fixed set of links, since every distinct one is kept."""
    cache: dict[tuple[str, ...], str] = current_app.extensions["learnkit.urls"]
    key = (request.script_root, endpoint, *(f"{k}={v}" for k, v in sorted(values.items())))
    url = cache.get(key)
    if url is None:
        url = cache[key] = url_for(endpoint, **values)
    return url


def init_app(app: Flask) -> None:
    app.extensions["learnkit.fragments"] = {}
    app.extensions["learnkit.urls"] = {}
    app.add_template_global(answer_fragment)
    app.add_template_global(fixed_url)
