"""The previous build as a ledger: the LearnKit notes of an existing ``.apkg``.

A rebuild reads the package it is about to replace, so that a corrected item keeps its id
(:func:`learnkit.ids.carry_ids`), an unchanged note keeps its modification time (a
re-import then leaves it, and the learner's tags on it, alone) and an item that
disappeared is carried into the new package, tagged retired, instead of vanishing.
"""

from __future__ import annotations

import html
import os
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from learnkit.anki.notetypes import NOTE_TYPES
from learnkit.errors import BuildError
from learnkit.ids import Item, article_of

_KINDS = {nt.id: nt for nt in NOTE_TYPES}
_TAG = re.compile(r"<[^>]+>")  # a phrase's sentence is highlighted in its note
_ITEM_KINDS = {"phrase": "phrase", "sentence": "sentence"}  # cloze notes share phrase keys
_BLANK = re.compile(r"\{\{c1::(.*?)(?:::.*?)?\}\}")  # a cloze note's blanked text


@dataclass(frozen=True)
class OldNote:
    kind: str  # the note type's kind
    key: str  # the item id
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    mod: int

    def field(self, name: str) -> str:
        nt = next(nt for nt in NOTE_TYPES if nt.kind == self.kind)
        return self.fields[nt.fields.index(name)]


@dataclass(frozen=True)
class Ledger:
    notes: tuple[OldNote, ...] = ()

    def article(self, article_id: str) -> Ledger:
        """The notes of one article (item ids start with the article's id)."""
        return Ledger(tuple(n for n in self.notes if n.key.startswith(f"{article_id}-")))

    def articles(self) -> dict[str, tuple[Item, ...]]:
        """Each article's items (see :meth:`items`), by article id."""
        out: dict[str, list[Item]] = {}
        for item in self.items():
            out.setdefault(article_of(item.id), []).append(item)
        return {article: tuple(items) for article, items in out.items()}

    def items(self) -> tuple[Item, ...]:
        """The sentences and phrases it held, with their Chinese text (a phrase's with its
        sentence and what its cloze note blanked)."""
        blanks = {
            n.key: html.unescape(m.group(1))
            for n in self.notes
            if n.kind == "cloze" and (m := _BLANK.search(n.field("Text")))
        }
        return tuple(
            Item(
                _ITEM_KINDS[n.kind],
                n.key,
                html.unescape(n.field("Hanzi")),
                html.unescape(_TAG.sub("", n.field("Sentence"))) if n.kind == "phrase" else "",
                blanks.get(n.key, "") if n.kind == "phrase" else "",
            )
            for n in self.notes
            if n.kind in _ITEM_KINDS
        )

    def by_key(self) -> dict[tuple[str, str], OldNote]:
        return {(n.kind, n.key): n for n in self.notes}


def read_ledger(path: str | os.PathLike[str]) -> Ledger:
    """The LearnKit notes of the package at ``path`` (none if there is no file there)."""
    path = Path(path)
    if not path.is_file():
        return Ledger()
    try:
        with zipfile.ZipFile(path) as z, tempfile.TemporaryDirectory() as tmp:
            z.extract("collection.anki2", tmp)
            conn = sqlite3.connect(Path(tmp) / "collection.anki2")
            try:
                rows = conn.execute("select mid, flds, tags, mod from notes").fetchall()
            finally:
                conn.close()
    except (OSError, KeyError, zipfile.BadZipFile, sqlite3.DatabaseError) as exc:
        raise BuildError(
            f"{path}: cannot read the previous package to keep its ids ({exc}); "
            "move it away to build afresh"
        ) from None
    notes = []
    for mid, flds, tags, mod in rows:
        nt = _KINDS.get(mid)
        values = tuple(flds.split("\x1f"))
        if nt is None or len(values) != len(nt.fields):
            continue  # not a LearnKit note of this contract
        key = values[nt.fields.index("Key")]
        notes.append(OldNote(nt.kind, key, values, tuple(tags.split()), int(mod)))
    return Ledger(tuple(notes))
