"""Work that is the same for every request, done once: per-item HTML and fixed links.

A cloze item is a frozen dataclass, rebuilt only when its article's file changes, so the
parts of the feedback page that depend on the item alone (the answer with its pinyin, the
whole sentence with pinyin over each word, the English with the phrase marked, the word
glosses) are the same for every answer. They are rendered from ``quiz/_answer.html``
(autoescaped like any template) on first use and reused while the item object is the same
one: a re-parsed or edited article brings new item objects, which render afresh.

The links of every page (stylesheet, script) and its header (library, upload) depend only
on where the app is mounted, so ``page_chrome`` renders them once per mount point.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, get_template_attribute, render_template, request
from markupsafe import Markup

from learnkit.study.quiz import ClozeItem

TEMPLATE = "quiz/_answer.html"
CHROME = "_chrome.html"


def answer_fragment(item: ClozeItem) -> Markup:
    """The item's answer, sentence with ruby, English and glosses as HTML."""
    cache: dict[str, tuple[ClozeItem, Markup]] = current_app.extensions["learnkit.fragments"]
    hit = cache.get(item.id)
    if hit is not None and hit[0] is item:
        return hit[1]
    html = Markup(render_template(TEMPLATE, item=item))
    cache[item.id] = (item, html)  # a race renders twice and keeps either: both are equal
    return html


@dataclass(frozen=True)
class Chrome:
    head: Markup  # stylesheet and script links
    header: Markup  # the site header with its navigation


def page_chrome() -> Chrome:
    """The links and header of every page, rendered once per mount point (``SCRIPT_NAME``)."""
    cache: dict[str, Chrome] = current_app.extensions["learnkit.chrome"]
    root = request.script_root
    chrome = cache.get(root)
    if chrome is None:
        head = get_template_attribute(CHROME, "head")
        header = get_template_attribute(CHROME, "header")
        chrome = cache[root] = Chrome(Markup(head()), Markup(header()))
    return chrome


def init_app(app: Flask) -> None:
    app.extensions["learnkit.fragments"] = {}
    app.extensions["learnkit.chrome"] = {}
    app.add_template_global(answer_fragment)
    app.add_template_global(page_chrome)
