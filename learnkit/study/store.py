"""The quiz database: one SQLite file (WAL) holding cards, every review log, quiz sessions
and a cache of study sets keyed by content hash.

Writes that belong together (a review and the session moving on) share one transaction,
so stopping the server at any moment loses nothing that was acknowledged.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from learnkit import codec
from learnkit.errors import StoreError
from learnkit.models import StudySet
from learnkit.study import schedule

T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS study_sets (
    key TEXT PRIMARY KEY, article TEXT NOT NULL, data TEXT NOT NULL, created TEXT NOT NULL,
    source TEXT);
CREATE TABLE IF NOT EXISTS cards (
    card_id INTEGER PRIMARY KEY, item TEXT NOT NULL UNIQUE, article TEXT NOT NULL,
    due TEXT NOT NULL, data TEXT NOT NULL, sentence TEXT);
CREATE INDEX IF NOT EXISTS study_sets_article ON study_sets (article, created);
CREATE INDEX IF NOT EXISTS cards_due ON cards (due);
CREATE INDEX IF NOT EXISTS cards_article ON cards (article, item, due);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY, card_id INTEGER NOT NULL REFERENCES cards (card_id),
    item TEXT NOT NULL, session TEXT, rating INTEGER NOT NULL, verdict TEXT NOT NULL,
    answer TEXT NOT NULL, reviewed TEXT NOT NULL, log TEXT NOT NULL,
    practice INTEGER NOT NULL DEFAULT 0, before TEXT, undone INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS reviews_session ON reviews (session);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, article TEXT, items TEXT NOT NULL, position INTEGER NOT NULL,
    created TEXT NOT NULL);
"""

# columns added since the first databases, as (table, column, type)
ADDED_COLUMNS = (
    # answered before due: the card is unchanged
    ("reviews", "practice", "INTEGER NOT NULL DEFAULT 0"),
    ("reviews", "before", "TEXT"),  # the card's due date and data before this review, for undo
    ("reviews", "undone", "INTEGER NOT NULL DEFAULT 0"),  # taken back by undo, no longer counted
    ("study_sets", "source", "TEXT"),  # the file a study set was read from
    ("cards", "sentence", "TEXT"),  # the sentence a card's item was first asked in
)


@dataclass(frozen=True)
class QuizSession:
    id: str
    article: str | None  # None for "review what is due" across the library
    items: tuple[str, ...]
    position: int  # index of the next item to answer; len(items) when finished

    @property
    def finished(self) -> bool:
        return self.position >= len(self.items)


@dataclass(frozen=True)
class Grade:
    """What one answer earns: the FSRS rating and what is logged with it."""

    article: str
    rating: int
    verdict: str
    answer: str
    sentence: str | None = None  # the sentence the item was asked in (its first review's)


@dataclass(frozen=True)
class Answered:
    item: str  # the item graded
    count: int  # items in the session
    due: datetime  # when the item is due next
    practice: bool = False  # answered before it was due: logged, its schedule unchanged


@dataclass(frozen=True)
class ReviewRow:
    item: str
    rating: int
    verdict: str
    answer: str
    reviewed: datetime
    due: datetime  # the card's due date now
    practice: bool = False  # answered before it was due: its schedule unchanged


def _iso(moment: datetime) -> str:
    # Fixed width, so comparing the text compares the instants.
    return schedule.utc(moment).isoformat(timespec="microseconds")


class Store:
    """A connection to the quiz database; ``fuzzing=False`` makes intervals repeatable;
    ``autocheckpoint=False`` leaves WAL checkpoints to someone else (a background thread)."""

    def __init__(
        self, path: str | Path, *, fuzzing: bool = True, autocheckpoint: bool = True
    ) -> None:
        self.path = Path(path)
        self.fuzzing = fuzzing
        try:
            self.db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            if not autocheckpoint:
                self.db.execute("PRAGMA wal_autocheckpoint=0")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the quiz database ({exc})") from None

    @classmethod
    def create(cls, path: str | Path, *, fuzzing: bool = True) -> Store:
        """Open the database, creating the file and its tables if needed."""
        store = cls(path, fuzzing=fuzzing)
        try:
            store.db.executescript(SCHEMA)
            for table, name, kind in ADDED_COLUMNS:  # a database from before these
                columns = {r[1] for r in store.db.execute(f"PRAGMA table_info({table})")}
                if name not in columns:
                    store.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
            store.db.execute(
                "CREATE INDEX IF NOT EXISTS study_sets_source ON study_sets (source, created)"
            )
        except sqlite3.Error as exc:
            store.close()
            raise StoreError(f"{store.path}: cannot create the quiz tables ({exc})") from None
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- study-set cache ------------------------------------------------------------------

    def cached_study_set(self, key: str) -> StudySet | None:
        row = self.db.execute("SELECT data FROM study_sets WHERE key = ?", (key,)).fetchone()
        return codec.loads(row[0]) if row else None

    def latest_study_set(self, article: str) -> StudySet | None:
        """The study set of ``article`` cached last (its previous version, for ids)."""
        row = self.db.execute(
            "SELECT data FROM study_sets WHERE article = ? ORDER BY created DESC, rowid DESC"
            " LIMIT 1",
            (article,),
        ).fetchone()
        return codec.loads(row[0]) if row else None

    def sentences_from(self, source: str) -> list[tuple[int, str, list[str]]]:
        """(row, article id, the Chinese of its sentences) of the study set cached last of
        each article read from ``source`` (its file, or "upload" for every upload),
        whatever its id (an edited source link or title changes it), the article cached
        most recently first. SQLite reads the sentences out of the JSON: no study set is
        decoded (:meth:`study_set_at` decodes the one wanted)."""
        rows = self.db.execute(
            "WITH latest AS (SELECT r, created FROM (SELECT rowid AS r, created, row_number()"
            " OVER (PARTITION BY article ORDER BY created DESC, rowid DESC) AS n"
            " FROM study_sets WHERE source = ?) WHERE n = 1)"
            " SELECT s.rowid, s.article, json_group_array(json_extract(e.value, '$.zh'))"
            " FROM latest JOIN study_sets s ON s.rowid = latest.r,"
            " json_each(s.data, '$.sentences') e"
            " GROUP BY s.rowid ORDER BY latest.created DESC, s.rowid DESC",
            (source,),
        )
        return [(row, article, json.loads(texts)) for row, article, texts in rows]

    def study_set_at(self, row: int) -> StudySet:
        (data,) = self.db.execute("SELECT data FROM study_sets WHERE rowid = ?", (row,)).fetchone()
        return codec.loads(data)

    def cache_study_set(self, key: str, ss: StudySet, now: datetime) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO study_sets (key, article, data, created, source)"
            " VALUES (?, ?, ?, ?, ?)",
            (key, ss.id, codec.dumps(ss), _iso(now), ss.source),
        )

    # -- cards and reviews ----------------------------------------------------------------

    def due_items(self, now: datetime, items: Iterable[str] | None = None) -> list[str]:
        """Studied items due at ``now``, most overdue first (only those in ``items`` if given)."""
        rows = self.db.execute(
            "SELECT item FROM cards WHERE due <= ? ORDER BY due, card_id", (_iso(now),)
        ).fetchall()
        wanted = None if items is None else set(items)
        return [r[0] for r in rows if wanted is None or r[0] in wanted]

    def card_states(self, now: datetime, articles: Sequence[str]) -> dict[str, bool]:
        """Whether each studied item of ``articles`` is due at ``now`` (one indexed query:
        the cost follows those articles' cards, not the library's)."""
        marks = ",".join("?" * len(articles))
        rows = self.db.execute(
            f"SELECT item, due <= ? FROM cards WHERE article IN ({marks})", (_iso(now), *articles)
        )
        return {item: bool(due) for item, due in rows}

    def due_count(self, now: datetime, items: Container[str]) -> int:
        """How many of the items due at ``now`` are in ``items`` (one query over due cards)."""
        rows = self.db.execute("SELECT item FROM cards WHERE due <= ?", (_iso(now),))
        return sum(1 for (item,) in rows if item in items)

    def studied_items(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT item FROM cards")}

    def due_dates(self, items: Sequence[str]) -> dict[str, datetime]:
        marks = ",".join("?" * len(items))
        rows = self.db.execute(f"SELECT item, due FROM cards WHERE item IN ({marks})", items)
        return {item: datetime.fromisoformat(due) for item, due in rows}

    def placements(self, article: str) -> dict[str, str]:
        """The sentence each studied item of ``article`` was first asked in (item → sentence
        id): a quiz word item stays there while the word stands in it."""
        rows = self.db.execute(
            "SELECT item, sentence FROM cards WHERE article = ? AND sentence IS NOT NULL",
            (article,),
        )
        return dict(rows.fetchall())

    def _new_card(self, item: str, grade: Grade, now: datetime) -> tuple[int, str]:
        card_id = self.db.execute(
            "INSERT INTO cards (item, article, due, data, sentence) VALUES (?, ?, ?, '', ?)",
            (item, grade.article, _iso(now), grade.sentence),
        ).lastrowid
        assert card_id is not None
        return card_id, schedule.new_card(card_id, now)

    def _review(
        self,
        card: tuple[int, str],
        item: str,
        rating: int,
        verdict: str,
        answer: str,
        now: datetime,
        session: str | None,
    ) -> datetime:
        card_id, data = card
        before = self.db.execute("SELECT due FROM cards WHERE card_id = ?", (card_id,)).fetchone()
        done = schedule.review(data, rating, now, fuzzing=self.fuzzing)
        self.db.execute(
            "UPDATE cards SET due = ?, data = ? WHERE card_id = ?",
            (_iso(done.due), done.card, card_id),
        )
        self.db.execute(
            "INSERT INTO reviews (card_id, item, session, rating, verdict, answer, reviewed, log,"
            " before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                card_id,
                item,
                session,
                rating,
                verdict,
                answer,
                _iso(now),
                done.log,
                json.dumps([before[0] if before else _iso(now), data]),
            ),
        )
        return done.due

    def answer_with(
        self, session: str, position: int, judge: Callable[[str], tuple[Grade, T]], now: datetime
    ) -> tuple[T, Answered] | None:
        """Grade the session's item at ``position`` and move the session on: one
        transaction moves the session on from ``position``, calls ``judge(item_id)`` for
        the grade (and anything the caller wants back), and records the review. None
        (recording nothing) when the session is unknown, finished or past ``position``;
        if ``judge`` raises, nothing is recorded either."""
        with self._write():
            # One statement moves the session on, names the item and reads its card.
            rows = self.db.execute(
                "UPDATE sessions SET position = position + 1 WHERE id = ?1 AND position = ?2"
                " AND position < json_array_length(items) RETURNING json_extract(items, ?3),"
                " json_array_length(items),"
                " (SELECT card_id FROM cards WHERE item = json_extract(sessions.items, ?3)),"
                " (SELECT data FROM cards WHERE item = json_extract(sessions.items, ?3))",
                (session, position, f"$[{position}]"),
            ).fetchall()  # all: the statement is done before the review's statements
            if not rows:
                return None
            item, count, card_id, data = rows[0]
            grade, extra = judge(item)
            if card_id is not None:
                due = self._due(card_id)
                if due > schedule.utc(now):
                    self._practise(card_id, item, grade, now, session)
                    return extra, Answered(item, count, due, practice=True)
            card = (card_id, data) if card_id is not None else self._new_card(item, grade, now)
            due = self._review(card, item, grade.rating, grade.verdict, grade.answer, now, session)
            return extra, Answered(item, count, due)

    def _due(self, card_id: int) -> datetime:
        row = self.db.execute("SELECT due FROM cards WHERE card_id = ?", (card_id,)).fetchone()
        return datetime.fromisoformat(row[0])

    def _practise(
        self, card_id: int, item: str, grade: Grade, now: datetime, session: str | None
    ) -> None:
        """Log an answer to an item that is not due yet, leaving its card (schedule) as is:
        FSRS models recall at the scheduled time, and an early review would push it out."""
        self.db.execute(
            "INSERT INTO reviews (card_id, item, session, rating, verdict, answer, reviewed, log,"
            " practice) VALUES (?, ?, ?, ?, ?, ?, ?, '', 1)",
            (card_id, item, session, grade.rating, grade.verdict, grade.answer, _iso(now)),
        )

    def skip(self, session: str, position: int, to: int) -> bool:
        """Move the session on from ``position`` to ``to`` without answering (its items
        there are gone from the library); False (changing nothing) when the session is no
        longer at ``position``."""
        return bool(
            self.db.execute(
                "UPDATE sessions SET position = ?3 WHERE id = ?1 AND position = ?2"
                " AND ?3 > ?2 AND ?3 <= json_array_length(items)",
                (session, position, to),
            ).rowcount
        )

    def undo_last(self, session: str, position: int) -> bool:
        """Take back the answer to the session's item at ``position`` (the last one given):
        the card gets back its state from before, the session steps back so the item is
        asked again, and the review stays in the log marked undone. False (changing
        nothing) when that is not the session's last answer."""
        with self._write():
            moved = self.db.execute(
                "UPDATE sessions SET position = position - 1 WHERE id = ? AND position = ?",
                (session, position + 1),
            ).rowcount
            if not moved:
                return False
            row = self.db.execute(
                "SELECT id, card_id, practice, before FROM reviews WHERE session = ? AND undone = 0"
                " ORDER BY id DESC LIMIT 1",
                (session,),
            ).fetchone()
            if row is None:
                raise StoreError(f"quiz session {session}: no answer to undo")
            review_id, card_id, practice, before = row
            if not practice and before:
                due, data = json.loads(before)
                self.db.execute(
                    "UPDATE cards SET due = ?, data = ? WHERE card_id = ?", (due, data, card_id)
                )
            self.db.execute("UPDATE reviews SET undone = 1 WHERE id = ?", (review_id,))
            return True

    # -- statistics -----------------------------------------------------------------------

    def reviews_per_day(self) -> dict[str, int]:
        """Answers (reviews and practice) per UTC day, "2025-03-01": 12, oldest first."""
        rows = self.db.execute(
            "SELECT substr(reviewed, 1, 10) AS day, count(*) FROM reviews WHERE undone = 0"
            " GROUP BY day ORDER BY day"
        )
        return dict(rows.fetchall())

    def due_dates_of(self, items: Container[str]) -> list[datetime]:
        """When each studied item among ``items`` is due."""
        rows = self.db.execute("SELECT item, due FROM cards")
        return [datetime.fromisoformat(due) for item, due in rows if item in items]

    # -- sessions -------------------------------------------------------------------------

    def create_session(self, article: str | None, items: Sequence[str], now: datetime) -> str:
        sid = secrets.token_urlsafe(12)
        self.db.execute(
            "INSERT INTO sessions (id, article, items, position, created) VALUES (?, ?, ?, 0, ?)",
            (sid, article, json.dumps(list(items)), _iso(now)),
        )
        return sid

    def session(self, sid: str) -> QuizSession | None:
        row = self.db.execute(
            "SELECT article, items, position FROM sessions WHERE id = ?", (sid,)
        ).fetchone()
        if row is None:
            return None
        return QuizSession(sid, row[0], tuple(json.loads(row[1])), row[2])

    def session_reviews(self, sid: str, *, last: bool = False) -> list[ReviewRow]:
        """The answers of a session still counted, in order (``last``: only the last one)."""
        rows = self.db.execute(
            "SELECT r.item, r.rating, r.verdict, r.answer, r.reviewed, c.due, r.practice"
            " FROM reviews r JOIN cards c USING (card_id) WHERE r.session = ? AND r.undone = 0"
            + (" ORDER BY r.id DESC LIMIT 1" if last else " ORDER BY r.id"),
            (sid,),
        ).fetchall()
        return [
            ReviewRow(i, rt, v, a, datetime.fromisoformat(rv), datetime.fromisoformat(d), bool(p))
            for i, rt, v, a, rv, d, p in rows
        ]

    def _write(self) -> _Transaction:
        return _Transaction(self.db)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on error; sqlite errors become StoreError."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object
    ) -> None:
        if exc_type is None:
            self.db.execute("COMMIT")
            return
        self.db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"quiz database: cannot save the review ({exc})") from None
