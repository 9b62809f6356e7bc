"""Cloze markup for a phrase's note: its sentence with the phrase's blank as deletion c1.

What is blanked and its English hint come from the one cloze engine
(:func:`learnkit.study.cloze.phrase_blank`), which the browser quiz uses too.
"""

from __future__ import annotations

from learnkit.anki.fields import esc
from learnkit.study.cloze import Blank


def _plain(text: str) -> str:
    # Literal braces could be read as cloze markup.
    return esc(text).replace("{", "&#123;").replace("}", "&#125;")


def _cloze_safe(text: str) -> str:
    # A colon pair inside a deletion would start its hint early.
    return _plain(text).replace(":", "&#58;")


def cloze_text(zh: str, blank: Blank) -> str:
    """``zh`` escaped, the blank written as ``{{c1::text::hint}}``."""
    hint = f"::{_cloze_safe(blank.hint)}" if blank.hint else ""
    deletion = f"{{{{c1::{_cloze_safe(zh[blank.start : blank.end])}{hint}}}}}"
    return _plain(zh[: blank.start]) + deletion + _plain(zh[blank.end :])
