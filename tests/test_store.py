"""The SQLite quiz store: FSRS cards, review logs, sessions, the study-set cache."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from learnkit.errors import StoreError
from learnkit.study.store import Answered, Grade, Store

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
AGAIN, HARD, GOOD = 1, 2, 3


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "quiz.sqlite3"


@pytest.fixture
def store(db_path):
    with Store.create(db_path, fuzzing=False) as s:
        yield s


def grade(store, item, rating, now, verdict="right", answer="x", sid=None, position=0):
    """Answer ``item`` as the app does (a session, then ``answer_with``); its next due date,
    or None when nothing was recorded."""
    if sid is None:
        sid = store.create_session(None, [item], now)
    done = store.answer_with(
        sid,
        position,
        lambda named: (Grade(named.split("-")[0], rating, verdict, answer), None),
        now,
    )
    return None if done is None else done[1].due


def review_count(store):
    return store.db.execute("SELECT count(*) FROM reviews").fetchone()[0]


def test_create_uses_wal(store, db_path):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {
        r[0]
        for r in sqlite3.connect(db_path).execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
    }
    assert tables == {"study_sets", "cards", "reviews", "sessions"}


def test_unopenable_database_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match=r"nowhere/quiz.sqlite3: cannot open the quiz database"):
        Store.create(tmp_path / "nowhere" / "quiz.sqlite3")


@pytest.mark.parametrize(
    ("ratings", "interval"),
    [
        ([GOOD], timedelta(minutes=10)),  # second learning step
        ([AGAIN], timedelta(minutes=1)),  # first learning step
        ([HARD], timedelta(minutes=5, seconds=30)),  # between the two steps
        ([AGAIN, GOOD], timedelta(minutes=10)),
        ([GOOD, GOOD], timedelta(days=2)),  # graduated to review
        ([GOOD, GOOD, GOOD], timedelta(days=11)),
    ],
    ids=["good", "again", "hard", "again-good", "good-good", "good-good-good"],
)
def test_review_schedules_with_fsrs(store, ratings, interval):
    """Each review happens when the card is due; the last one sets the interval."""
    due = T0
    for rating in ratings:
        reviewed = due
        due = grade(store, "a-p1", rating, reviewed, "right", "x")
    assert due - reviewed == interval
    assert due.tzinfo is UTC


def test_due_items_and_every_review_kept(store):
    grade(store, "a-p1", GOOD, T0, "right", "对手")
    grade(store, "a-p2", AGAIN, T0, "wrong", "对头")
    assert store.due_items(T0) == []
    assert store.due_items(T0 + timedelta(minutes=2)) == ["a-p2"]
    assert store.due_items(T0 + timedelta(minutes=11)) == ["a-p2", "a-p1"]
    assert store.due_items(T0 + timedelta(minutes=11), items=["a-p1"]) == ["a-p1"]
    grade(store, "a-p2", GOOD, T0 + timedelta(minutes=2), "right", "对手")
    logs = store.db.execute("SELECT item, rating, verdict, answer, log FROM reviews ORDER BY id")
    rows = [(i, r, v, a, json.loads(log)["rating"]) for i, r, v, a, log in logs]
    assert rows == [
        ("a-p1", 3, "right", "对手", 3),
        ("a-p2", 1, "wrong", "对头", 1),
        ("a-p2", 3, "right", "对手", 3),
    ]
    assert store.studied_items() == {"a-p1", "a-p2"}


def test_progress_survives_reopening(store, db_path):
    sid = store.create_session("a", ["a-p1", "a-p2"], T0)
    assert grade(store, None, GOOD, T0, "right", "对手", sid=sid, position=0) == T0 + timedelta(
        minutes=10
    )
    store.close()
    with Store(db_path, fuzzing=False) as again:
        assert again.session(sid).position == 1
        assert review_count(again) == 1
        assert again.due_items(T0 + timedelta(hours=1)) == ["a-p1"]


def test_session_answer_is_idempotent(store):
    sid = store.create_session(None, ["a-p1", "b-p1"], T0)
    assert grade(store, None, GOOD, T0, "right", "对手", sid=sid, position=0) is not None
    assert (
        grade(store, None, GOOD, T0, "right", "对手", sid=sid, position=0) is None
    )  # the form sent twice
    assert grade(store, None, AGAIN, T0, "wrong", "", sid=sid, position=1) is not None
    assert grade(store, None, AGAIN, T0, "wrong", "", sid=sid, position=2) is None  # past the end
    session = store.session(sid)
    assert (session.article, session.items, session.position, session.finished) == (
        None,
        ("a-p1", "b-p1"),
        2,
        True,
    )
    assert [(r.item, r.verdict, r.rating) for r in store.session_reviews(sid)] == [
        ("a-p1", "right", 3),
        ("b-p1", "wrong", 1),
    ]
    assert review_count(store) == 2
    assert store.session("nope") is None


def test_answer_with_grades_the_item_the_session_names(store):
    sid = store.create_session(None, ["a-p1", "b-p1"], T0)
    seen = []

    def judge(item):
        seen.append(item)
        return Grade(item.split("-")[0], GOOD, "right", "对手"), f"checked {item}"

    assert store.answer_with(sid, 0, judge, T0) == (
        "checked a-p1",
        Answered("a-p1", 2, T0 + timedelta(minutes=10)),
    )
    assert store.answer_with(sid, 0, judge, T0) is None  # sent twice: not judged again
    assert store.answer_with("nope", 0, judge, T0) is None
    assert seen == ["a-p1"]
    assert [(r.item, r.verdict) for r in store.session_reviews(sid)] == [("a-p1", "right")]


def test_answer_with_records_nothing_when_the_judge_fails(store):
    sid = store.create_session(None, ["a-p1"], T0)

    def judge(item):
        raise LookupError(item)

    with pytest.raises(LookupError):
        store.answer_with(sid, 0, judge, T0)
    assert (store.session(sid).position, review_count(store), store.studied_items()) == (
        0,
        0,
        set(),
    )


def test_fsrs_card_ids_are_the_card_rows(store):
    grade(store, "a-p1", GOOD, T0, "right", "x")
    grade(store, "a-p2", GOOD, T0, "right", "x")
    rows = store.db.execute("SELECT card_id, data FROM cards ORDER BY card_id").fetchall()
    assert [(cid, json.loads(data)["card_id"]) for cid, data in rows] == [(1, 1), (2, 2)]


def test_sample_study_set_round_trip(store, sample_study_set):
    store.cache_study_set("k1", sample_study_set, T0)
    assert store.cached_study_set("k1") == sample_study_set
    assert store.cached_study_set("k2") is None


@pytest.mark.parametrize("rating", [AGAIN, GOOD], ids=["again", "good"])
def test_practice_before_due_is_logged_without_moving_the_schedule(store, rating):
    due = grade(store, "a-p1", GOOD, T0)  # due in 10 minutes
    card = store.db.execute("SELECT due, data FROM cards").fetchone()
    sid = store.create_session("a", ["a-p1"], T0 + timedelta(minutes=3))
    done = store.answer_with(
        sid, 0, lambda i: (Grade("a", rating, "right", "x"), None), T0 + timedelta(minutes=3)
    )
    assert done[1] == Answered("a-p1", 1, due, practice=True)
    assert store.db.execute("SELECT due, data FROM cards").fetchone() == card
    rows = store.db.execute("SELECT rating, practice, log FROM reviews ORDER BY id").fetchall()
    assert [(r, p) for r, p, _ in rows] == [(GOOD, 0), (rating, 1)]
    assert rows[1][2] == ""  # no FSRS log: a retuning replay skips it
    assert [r.item for r in store.session_reviews(sid)] == ["a-p1"]
    # once due, the answer is a review again
    assert grade(store, "a-p1", GOOD, due) - due == timedelta(days=2)


def test_an_older_database_gains_the_new_columns(db_path):
    db = sqlite3.connect(db_path)
    db.execute(
        "CREATE TABLE reviews (id INTEGER PRIMARY KEY, card_id INTEGER NOT NULL, item TEXT NOT"
        " NULL, session TEXT, rating INTEGER NOT NULL, verdict TEXT NOT NULL, answer TEXT NOT"
        " NULL, reviewed TEXT NOT NULL, log TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE study_sets (key TEXT PRIMARY KEY, article TEXT NOT NULL, data TEXT NOT"
        " NULL, created TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE cards (card_id INTEGER PRIMARY KEY, item TEXT NOT NULL UNIQUE, article"
        " TEXT NOT NULL, due TEXT NOT NULL, data TEXT NOT NULL)"
    )
    db.execute("INSERT INTO cards (item, article, due, data) VALUES ('a-w1', 'a', '', '')")
    db.close()
    with Store.create(db_path) as store:
        columns = [r[1] for r in store.db.execute("PRAGMA table_info(reviews)")]
        cached = [r[1] for r in store.db.execute("PRAGMA table_info(study_sets)")]
        cards = [r[1] for r in store.db.execute("PRAGMA table_info(cards)")]
        assert store.placements("a") == {}  # studied before placements were kept
    assert columns[-3:] == ["practice", "before", "undone"]
    assert cached[-1] == "source"  # the file a study set was read from
    assert cards[-1] == "sentence"  # the sentence a card's item was first asked in


def test_a_card_keeps_the_sentence_it_was_first_asked_in(store):
    for sentence in ("a-s1", "a-s2"):  # asked again in another sentence: the first stays
        sid = store.create_session("a", ["a-w1"], T0)
        grade = Grade("a", GOOD, "right", "对手", sentence)
        store.answer_with(sid, 0, lambda _item, g=grade: (g, None), T0 + timedelta(days=9))
    assert store.placements("a") == {"a-w1": "a-s1"}
    assert store.placements("b") == {}


def test_undo_restores_the_card_and_keeps_the_review(store):
    grade(store, "a-p1", GOOD, T0)
    card = store.db.execute("SELECT due, data FROM cards").fetchone()
    at = T0 + timedelta(minutes=10)
    sid = store.create_session(None, ["a-p1", "a-p2"], at)
    grade(store, "a-p1", AGAIN, at, "wrong", sid=sid)
    assert store.undo_last(sid, 1) is False  # not the last answer
    assert store.undo_last(sid, 0) is True
    assert store.db.execute("SELECT due, data FROM cards").fetchone() == card
    assert store.session(sid).position == 0
    assert store.undo_last(sid, 0) is False  # once
    assert grade(store, "a-p1", GOOD, at, sid=sid) - at == timedelta(days=2)  # regraded
    rows = store.db.execute("SELECT rating, undone FROM reviews ORDER BY id").fetchall()
    assert rows == [(GOOD, 0), (AGAIN, 1), (GOOD, 0)]
    assert [r.rating for r in store.session_reviews(sid)] == [GOOD]


@pytest.mark.parametrize(
    ("position", "to", "moved", "now_at"),
    [(0, 2, True, 2), (0, 3, True, 3), (1, 2, False, 0), (0, 4, False, 0), (0, 0, False, 0)],
    ids=["skip-two", "to-the-end", "not-there", "past-the-end", "nowhere"],
)
def test_skip_moves_a_session_on_without_a_review(store, position, to, moved, now_at):
    """Questions gone from the library are skipped: the session moves on, nothing logged."""
    sid = store.create_session(None, ["a-p1", "a-p2", "a-p3"], T0)
    assert store.skip(sid, position, to) is moved
    assert (store.session(sid).position, review_count(store)) == (now_at, 0)
