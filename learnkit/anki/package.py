"""Anki packages (.apkg) from deck records: the only module that imports genanki.

Packages are written atomically: a temporary file in the destination folder, renamed
over the destination only once complete. The note timestamp is the build time (Anki
updates an existing note on re-import only when the incoming one is newer), so callers
pass ``timestamp`` only for reproducible test builds; a note unchanged since the previous
build keeps that build's time (``NoteSpec.mod``), so a re-import leaves it alone.
"""

from __future__ import annotations

import functools
import io
import itertools
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from learnkit.anki.notes import DeckSpec, NoteSpec
from learnkit.anki.notetypes import CSS, NoteType
from learnkit.errors import BuildError

if TYPE_CHECKING:
    import genanki

# "/2": the note types of the final contract (new model ids); notes of the first ones
# would conflict with them in Anki if they shared GUIDs.
GUID_NAMESPACE = "learnkit/2"


def note_guid(note_type: NoteType, key: str) -> str:
    """The note's GUID: from its note type's kind and item id only, never its text."""
    import genanki

    return genanki.guid_for(GUID_NAMESPACE, note_type.kind, key)


@functools.cache
def _model(note_type: NoteType) -> genanki.Model:
    import genanki

    return genanki.Model(
        note_type.id,
        note_type.name,
        fields=[{"name": name} for name in note_type.fields],
        templates=[
            {
                "name": t.name,
                "qfmt": t.front,
                "afmt": t.back,
                "bqfmt": t.browser_front,
                "bafmt": t.browser_back,
            }
            for t in note_type.templates
        ],
        css=CSS,
        model_type=genanki.Model.CLOZE if note_type.cloze else genanki.Model.FRONT_BACK,
        sort_field_index=note_type.sort_index,
    )


@functools.cache
def _note_class() -> type[genanki.Note]:
    import genanki

    class EscapedNote(genanki.Note):
        """Fields are built from escaped text (learnkit.fields): skip genanki's re-scan."""

        def _check_invalid_html_tags_in_fields(self) -> None:
            pass

    return EscapedNote


def _note(spec: NoteSpec, due: int) -> genanki.Note:
    return _note_class()(
        model=_model(spec.note_type),
        fields=list(spec.fields),
        tags=list(spec.tags),
        guid=note_guid(spec.note_type, spec.key),
        due=due,
    )


def _deck(spec: DeckSpec) -> genanki.Deck:
    import genanki

    deck = genanki.Deck(spec.id, spec.name, spec.description)
    for due, note in enumerate(spec.notes):  # new cards come in deck order
        deck.add_note(_note(note, due))
    return deck


_last_id = 0
_lane, _lanes = 0, 1  # this process's share of the ids when several processes build


def set_id_lane(lane: int, lanes: int) -> None:
    """Give this process the ids ``≡ lane (mod lanes)``: processes building one batch in
    parallel then never hand out the same note or card id."""
    global _lane, _lanes
    _lane, _lanes = lane, lanes


def _id_counter(timestamp: float | None) -> itertools.count[int]:
    """Note/card ids from the build time, never reused within a batch (see set_id_lane).

    A pinned timestamp gives pinned ids (reproducible test builds).
    """
    if timestamp is not None:
        return itertools.count(int(timestamp * 1000))
    start = max(int(time.time() * 1000), _last_id + 1)
    return itertools.count(start + (_lane - start) % _lanes, _lanes)


def package_bytes(decks: Sequence[DeckSpec], timestamp: float | None = None) -> bytes:
    """The SQLite collection of a package holding ``decks`` (built in memory)."""
    global _last_id
    stamp = time.time() if timestamp is None else timestamp
    ids = _id_counter(timestamp)
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(_empty_collection())
        cursor = conn.cursor()
        for deck in decks:  # genanki.Package.write_to_db, its tables already made
            _deck(deck).write_to_db(cursor, stamp, ids)
        kept = [
            (n.mod, note_guid(n.note_type, n.key))
            for d in decks
            for n in d.notes
            if n.mod is not None
        ]
        cursor.executemany("update notes set mod = ? where guid = ?", kept)
        conn.commit()
        data = conn.serialize()
    finally:
        conn.close()
    _last_id = max(_last_id, next(ids))
    return data


@functools.cache
def _empty_collection() -> bytes:
    """A collection with genanki's tables and its ``col`` row, as a database file's bytes:
    made once a process, then copied for each package (creating them cost ~0.5 ms each)."""
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(APKG_SCHEMA)
        conn.executescript(APKG_COL)
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


def write_package(
    decks: Sequence[DeckSpec], path: str | os.PathLike[str], timestamp: float | None = None
) -> Path:
    """Write ``decks`` as one .apkg at ``path`` atomically; raise BuildError if impossible."""
    path = Path(path)
    publish(stage_package(decks, path, timestamp), path)
    return path


def apkg_bytes(decks: Sequence[DeckSpec], timestamp: float | None = None) -> bytes:
    """The ``.apkg`` file holding ``decks``, built in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("collection.anki2", package_bytes(decks, timestamp))
        z.writestr("media", "{}")
    return buffer.getvalue()


def stage_package(
    decks: Sequence[DeckSpec], path: str | os.PathLike[str], timestamp: float | None = None
) -> Path:
    """Write the package for ``path`` to a temporary file beside it (for :func:`publish`,
    or to be deleted); raise BuildError, naming ``path``, if impossible."""
    path = Path(path)
    data = apkg_bytes(decks, timestamp)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise BuildError(f"{path}: cannot write deck: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BuildError(f"{path}: cannot write deck: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def publish(staged: str | os.PathLike[str], path: str | os.PathLike[str]) -> None:
    """Rename a staged package over ``path`` (atomic); raise BuildError if impossible."""
    try:
        os.replace(staged, path)
    except OSError as exc:
        Path(staged).unlink(missing_ok=True)
        raise BuildError(f"{path}: cannot write deck: {exc.strerror or exc}") from None


@functools.cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
