"""Quiz sessions: start (one article, or what is due), one cloze at a time, feedback, summary.

Every answer is a form POST: it is graded, scheduled and the session moves on in one
transaction; the feedback page links to the next item. Sessions live in SQLite, so a
quiz survives a server restart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for

from learnkit.study.answers import Outcome, Rating, check_choice, check_typed, rating
from learnkit.study.quiz import ClozeItem, session_choices
from learnkit.study.store import Answered, Grade, QuizSession, ReviewRow
from web.db import get_library, get_store, now

bp = Blueprint("quiz", __name__, url_prefix="/quiz")

SESSION_SIZE = 20
NEW_PER_REVIEW = 10  # new items added to a "what is due" review


def _session_items(article: str | None) -> list[str]:
    store, library = get_store(), get_library()
    if article:
        entry = library.get(article, store)
        if entry is None:
            abort(404)
        ids = [i.id for i in entry.items]
        due = store.due_items(now(), ids)
        studied = store.studied_items()
        new = [i for i in ids if i not in studied]
        later = sorted(
            (i for i in ids if i in studied and i not in due), key=store.due_dates(ids).__getitem__
        )
        return (due + new + later)[:SESSION_SIZE]
    due, new = review_plan()
    return due + new


def review_plan() -> tuple[list[str], list[str]]:
    """What a "review" session across the library holds: the due items (most overdue
    first), then up to NEW_PER_REVIEW new ones, SESSION_SIZE in all. The library's review
    button says these counts ("5 due + 5 new"), so a session holds what it promised."""
    store, library = get_store(), get_library()
    items = library.items(store)
    due = store.due_items(now(), items)[:SESSION_SIZE]
    studied = store.studied_items()
    room = min(NEW_PER_REVIEW, SESSION_SIZE - len(due))
    new = [i for i in items if i not in studied][:room]
    return due, new


@bp.post("/start")
def start() -> Response:
    article = request.form.get("article") or None
    items = _session_items(article)
    if not items:
        flash("Nothing is due right now: well done. Pick an article to practise anyway.")
        return redirect(url_for("browse.index"))
    sid = get_store().create_session(article, items, now())
    return redirect(url_for("quiz.show", sid=sid))


def _load(sid: str) -> QuizSession:
    session = get_store().session(sid)
    if session is None:
        abort(404)
    return session


class _Gone(Exception):
    """The question answered is no longer in the library."""


def _item(item_id: str) -> ClozeItem:
    item = get_library().item(item_id, get_store())
    if item is None:
        raise _Gone(item_id)
    return item


def _skip_gone(session: QuizSession) -> QuizSession:
    """The session moved past its next questions that are no longer in the library (their
    article was edited or deleted while it was open), saying so."""
    store, library = get_store(), get_library()
    to = session.position
    while to < len(session.items) and library.item(session.items[to], store) is None:
        to += 1
    if to == session.position:
        return session
    if store.skip(session.id, session.position, to):
        n = to - session.position
        flash(
            f"{n} question{'s' if n != 1 else ''} of this quiz"
            f" {'is' if n == 1 else 'are'} no longer in the library (the article was edited"
            " or deleted): skipped."
        )
    return _load(session.id)


@bp.get("/<sid>")
def show(sid: str) -> Response | str:
    session = _skip_gone(_load(sid))
    if session.finished:
        return _summary(session)
    try:
        item = _item(session.items[session.position])
    except _Gone:  # taken out since the line above: the next page load skips it
        return redirect(url_for("quiz.show", sid=sid))
    return render_template(
        "quiz/item.html", session=session, item=item, choices=session_choices(item, session.id)
    )


@bp.post("/<sid>/answer")
def answer(sid: str) -> Response | str:
    position = request.form.get("position", type=int)
    try:
        done = (
            None
            if position is None
            else get_store().answer_with(sid, position, lambda i: _judge(sid, i), now())
        )
    except _Gone:  # nothing recorded: the next page skips it
        _load(sid)
        flash(
            "That answer was not counted: its question is no longer in the library"
            " (the article was edited or deleted while the quiz was open)."
        )
        return redirect(url_for("quiz.show", sid=sid))
    if done is None:
        session = _load(sid)  # 404 for an unknown session
        page = _answered_again(session, position)
        if page is not None:
            return page
        # Sent twice, from a second tab or after Back: that question was already graded.
        flash(
            "That answer was not counted: the question had already been answered"
            " (in another tab, or before going Back). "
            + (
                "The quiz is over; here is its summary."
                if session.finished
                else "Here is where the quiz is now."
            )
        )
        return redirect(url_for("quiz.show", sid=sid))
    (item, outcome, grade), answered = done
    return _feedback(sid, position, answered.count, item, outcome, grade, answered)


def _feedback(
    sid: str,
    position: int,
    total: int,
    item: ClozeItem,
    outcome: Outcome,
    grade: Rating,
    answered: Answered | ReviewRow,
    again: bool = False,
) -> str:
    return render_template(
        "quiz/feedback.html",
        sid=sid,
        position=position,
        total=total,
        item=item,
        outcome=outcome,
        grade=grade,
        due=answered.due,
        now=now(),
        last=position + 1 >= total,
        practice=answered.practice,
        again=again,
    )


def _answered_again(session: QuizSession, position: int | None) -> str | None:
    """The feedback page again when the very answer the session's last one recorded is
    sent again for the same question (Enter pressed twice, a double click, the feedback
    page reloaded): it was counted once, and the learner sees how it was graded rather
    than "not counted". None for anything else (another answer, an older question)."""
    if position is None or session.position != position + 1:
        return None
    last = get_store().session_reviews(session.id, last=True)
    if not last or last[0].item != session.items[position]:
        return None
    try:
        graded, (item, outcome, grade) = _judge(session.id, last[0].item)
    except _Gone:
        return None
    if (graded.rating, graded.verdict, graded.answer) != (
        last[0].rating,
        last[0].verdict,
        last[0].answer,
    ):
        return None
    return _feedback(
        session.id, position, len(session.items), item, outcome, grade, last[0], again=True
    )


@bp.get("/<sid>/answer")
@bp.get("/<sid>/undo")
def resume(sid: str) -> Response:
    """The address of an answer's feedback opened again (a restored tab, the address bar,
    a link copied): the quiz where it is now, not "405 Method Not Allowed" (a quiz has no
    other way back in)."""
    _load(sid)  # 404 for an unknown session
    return redirect(url_for("quiz.show", sid=sid))


@bp.post("/<sid>/undo")
def undo(sid: str) -> Response:
    """Take back the last answer (a slip of the finger): it is asked again and regraded;
    the first answer stays in the log, marked undone."""
    position = request.form.get("position", type=int)
    if position is None or not get_store().undo_last(sid, position):
        _load(sid)  # 404 for an unknown session
        flash("Nothing to undo: that answer is no longer the last one.")
    return redirect(url_for("quiz.show", sid=sid))


def _judge(sid: str, item_id: str) -> tuple[Grade, tuple[ClozeItem, Outcome, Rating]]:
    """Check the posted answer to the item (inside the answer's transaction): a choice is
    the text of the choice picked (or, from a page of an older version, its number in
    the session's order of choices); "Show me" counts as an empty answer."""
    item = _item(item_id)
    choice = request.form.get("choice")
    if choice is not None:
        number = int(choice) if choice.isascii() and choice.isdigit() else None
        outcome = check_choice(
            replace(item, choices=session_choices(item, sid)),
            choice if number is None else number,
        )
    elif request.form.get("show") == "1":
        outcome = check_typed(item, "")
    else:
        outcome = check_typed(item, request.form.get("answer", ""))
    grade = rating(outcome, request.form.get("hinted") == "1")
    return (
        Grade(item.article, int(grade), outcome.verdict.value, outcome.answer, item.sentence.id),
        (item, outcome, grade),
    )


def _summary(session: QuizSession) -> str:
    reviews = get_store().session_reviews(session.id)
    items = get_library().items(get_store())
    counts = Counter(r.verdict for r in reviews)
    rows = [(items.get(r.item), r) for r in reviews]
    return render_template(
        "quiz/summary.html", session=session, rows=rows, counts=counts, now=now()
    )


def humanize(due: datetime, moment: datetime) -> str:
    """'now', 'in under a minute', 'in 10 minutes', 'in 3 days'…"""
    seconds = (due - moment).total_seconds()
    for size, unit in ((86400 * 30, "month"), (86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            n = round(seconds / size)
            return f"in {n} {unit}{'s' if n != 1 else ''}"
    return "in under a minute" if seconds > 0 else "now"


bp.add_app_template_filter(humanize, "humanize")
