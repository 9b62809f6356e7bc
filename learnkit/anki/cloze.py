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
    """``zh`` escaped, the blank written as ``{{c1::text::hint}}`` and each repeat of its
    text as ``{{c1::text}}`` (one card hides them all, the hint on the blank)."""
    out, at = [], 0
    for start, end, main in blank.hidden:
        hint = f"::{_cloze_safe(blank.hint)}" if main and blank.hint else ""
        out += [_plain(zh[at:start]), f"{{{{c1::{_cloze_safe(zh[start:end])}{hint}}}}}"]
        at = end
    return "".join(out) + _plain(zh[at:])
