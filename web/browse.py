"""The library page, one article's page, its Anki deck download, and a health check."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import Blueprint, Response, abort, render_template

from learnkit.study.library import Entry
from web.db import get_library, get_store, now

bp = Blueprint("browse", __name__)


@dataclass(frozen=True)
class Row:
    entry: Entry
    due: int  # studied items due now
    new: int  # items never studied


def rows() -> list[Row]:
    store = get_store()
    entries = get_library().entries(store)
    due = set(store.due_items(now()))
    studied = store.studied_items()
    return [
        Row(e, sum(i.id in due for i in e.items), sum(i.id not in studied for i in e.items))
        for e in entries
    ]


def entry_or_404(key: str) -> Entry:
    entry = get_library().get(key, get_store())
    if entry is None:
        abort(404)
    return entry


@bp.get("/")
def index() -> str:
    table = rows()
    return render_template(
        "browse/index.html",
        rows=table,
        errors=sorted(get_library().errors.values()),
        due=sum(r.due for r in table),
    )


@bp.get("/health")
def health() -> Response:
    """A trivial page: is the server up (and the baseline of bench/web_speed.py)."""
    return Response("ok\n", mimetype="text/plain")


@bp.get("/article/<key>")
def article(key: str) -> str:
    entry = entry_or_404(key)
    row = next(r for r in rows() if r.entry.key == entry.key)
    pairs = {p.id: p for p in entry.study_set.sentences}
    return render_template("browse/article.html", row=row, ss=entry.study_set, pairs=pairs)


@bp.get("/deck/<key>.apkg")
def deck(key: str) -> Response:
    import learnkit
    from learnkit.anki.notes import deck_spec

    ss = entry_or_404(key).study_set
    name = re.sub(r"[^\w.-]", "_", deck_spec(ss).file_name, flags=re.ASCII)
    try:
        data = learnkit.deck_bytes([ss])
    except learnkit.BuildError:  # nothing to study in it
        abort(404)
    return Response(
        data,
        mimetype="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
