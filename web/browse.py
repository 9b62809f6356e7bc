"""The library page, one article's page, its Anki deck download, and a health check."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from learnkit.errors import ArticleError
from learnkit.models import StudySet
from learnkit.study.library import Entry
from web import quiz
from web.db import get_library, get_store, now

bp = Blueprint("browse", __name__)


@dataclass(frozen=True)
class Row:
    entry: Entry
    due: int  # studied items due now
    new: int  # items never studied


PAGE_SIZE = 25  # articles per library page: a page costs the same in any library


def rows(entries: list[Entry]) -> list[Row]:
    """Due and new counts of these articles, from one query over their cards."""
    states = get_store().card_states(now(), [e.key for e in entries]) if entries else {}
    return [
        Row(
            e,
            sum(states.get(i.id, False) for i in e.items),
            sum(i.id not in states for i in e.items),
        )
        for e in entries
    ]


def entry_or_404(key: str) -> Entry:
    entry = get_library().get(key, get_store())
    if entry is None:
        abort(404)
    return entry


@bp.get("/")
def index() -> str:
    store, library = get_store(), get_library()
    entries = library.entries(store)
    pages = max(1, -(-len(entries) // PAGE_SIZE))
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    shown = entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return render_template(
        "browse/index.html",
        rows=rows(shown),
        errors=sorted(library.errors.values()),
        plan=[len(part) for part in quiz.review_plan()],
        page=page,
        pages=pages,
        articles=len(entries),
    )


@bp.get("/health")
def health() -> Response:
    """A trivial page: is the server up (and the baseline of bench/web_speed.py)."""
    return Response("ok\n", mimetype="text/plain")


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The icon, where browsers and tools look for it even on pages without the link."""
    return current_app.send_static_file("favicon.ico")


@bp.get("/article/<key>")
def article(key: str) -> str:
    entry = entry_or_404(key)
    row = rows([entry])[0]
    pairs = {p.id: p for p in entry.study_set.sentences}
    return render_template("browse/article.html", row=row, ss=entry.study_set, pairs=pairs)


def deck_file_name(ss: StudySet) -> str:
    """ "2024-05-20 习近平和普京的友谊长存.apkg": the article's date and title, without the
    characters file systems refuse."""
    title = ss.title_zh or ss.title_en or ss.id
    title = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', " ", title).strip(" .")[:80] or ss.id
    date = (ss.meta.date or "")[:10]
    return f"{date} {title}.apkg" if date else f"{title}.apkg"


@bp.get("/stats")
def stats() -> str:
    """Reviews per day, the streak, what falls due in the next 7 days, progress by article."""
    store, library = get_store(), get_library()
    today = now().date()
    per_day = store.reviews_per_day()
    streak, day = 0, today
    if day.isoformat() not in per_day:  # a streak still counts until today is over
        day -= timedelta(days=1)
    while day.isoformat() in per_day:
        streak, day = streak + 1, day - timedelta(days=1)
    recent = [(today - timedelta(days=n)).isoformat() for n in range(13, -1, -1)]
    items = library.items(store)
    dues = store.due_dates_of(items)
    forecast = [
        (
            "today (and overdue)" if n == 0 else (today + timedelta(days=n)).strftime("%a %d %b"),
            sum(
                (d.date() <= today) if n == 0 else (d.date() == today + timedelta(days=n))
                for d in dues
            ),
        )
        for n in range(8)
    ]
    return render_template(
        "browse/stats.html",
        per_day=[(d, per_day.get(d, 0)) for d in recent],
        total=sum(per_day.values()),
        streak=streak,
        forecast=forecast,
        rows=rows(library.entries(store)),
    )


@bp.post("/article/<key>/delete")
def delete(key: str) -> Response:
    """Delete an uploaded article (CSRF-checked like every POST)."""
    try:
        entry = get_library().delete_upload(key, get_store())
    except ArticleError:
        abort(404)
    title = entry.study_set.title_zh or entry.study_set.title_en or key
    flash(f"Deleted “{title}”. Its review history is kept.")
    return redirect(url_for("browse.index"))


@bp.get("/article/<key>/read")
def read(key: str) -> str:
    """The whole article to read: bold phrases marked, pinyin on demand, glosses on click."""
    ss = entry_or_404(key).study_set
    paragraphs: list[list] = []
    for pair in ss.sentences:
        if not paragraphs or paragraphs[-1][0].paragraph != pair.paragraph:
            paragraphs.append([])
        paragraphs[-1].append(pair)
    return render_template("browse/read.html", ss=ss, paragraphs=paragraphs)


@bp.get("/deck/<key>.apkg")
def deck(key: str) -> Response:
    import learnkit
    from learnkit.anki.notes import deck_spec

    ss = entry_or_404(key).study_set
    name = deck_file_name(ss)
    fallback = re.sub(r"[^\w.-]", "_", deck_spec(ss).file_name, flags=re.ASCII)
    try:
        data = learnkit.deck_bytes([ss])
    except learnkit.BuildError:  # nothing to study in it
        abort(404)
    return Response(
        data,
        mimetype="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{fallback}"; '
            f"filename*=UTF-8''{quote(name, safe='')}",
            "Cache-Control": "no-store",
        },
    )
