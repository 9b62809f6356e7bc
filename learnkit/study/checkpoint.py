"""WAL checkpoints off the request path: a small background thread copies the log into
the database file.

SQLite's automatic checkpoint runs inside whichever COMMIT pushes the log past 1000 pages,
so one answer in a few hundred paid for copying and syncing the others' pages. The app's
request connections turn it off (``Store(autocheckpoint=False)``) and this thread runs a
PASSIVE checkpoint (never blocks readers or writers) ``interval`` seconds after a commit,
or sooner once the log file has grown by ``pages`` pages. Durability is unchanged:
every committed transaction is in the log (WAL, ``synchronous=NORMAL``) before the answer
is sent, and whoever opens the database next replays it. ``stop`` ends the thread and
truncates the log.

Under steady traffic a PASSIVE checkpoint never finds a moment with no reader, so the log
is never restarted and the file grows for good (190 MB in 60 s of answering). Once it
passes ``limit`` bytes, a TRUNCATE checkpoint waits up to ``wait`` seconds for the
readers of the moment to finish, copies the rest, and cuts the file to zero; if readers
stay busy longer it gives up and the next round tries again.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

PAGES = 500  # checkpoint early once the log holds about this many new pages
LIMIT = 4 * 1024 * 1024  # bytes of log file after which it is truncated
WAIT = 0.2  # seconds a truncating checkpoint may wait for readers (writers wait meanwhile)
INTERVAL = 1.0  # seconds: checkpoint anything newer than this
POLL = 0.1  # seconds between looks at the log's size


class Checkpointer:
    """A daemon thread checkpointing the WAL of the SQLite database at ``path``."""

    def __init__(
        self,
        path: str | Path,
        *,
        pages: int = PAGES,
        interval: float = INTERVAL,
        limit: int = LIMIT,
    ) -> None:
        self.path = Path(path)
        self.wal = Path(f"{self.path}-wal")
        self.pages = pages
        self.interval = interval
        self.limit = limit
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="learnkit-checkpoint", daemon=True)

    def start(self) -> Checkpointer:
        self._thread.start()
        return self

    def _connect(self) -> sqlite3.Connection:
        """A connection to the existing database (never creates one: ``mode=rw``)."""
        uri = f"{self.path.absolute().as_uri()}?mode=rw"
        return sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)

    def _log_size(self) -> int:
        try:
            return os.stat(self.wal).st_size
        except FileNotFoundError:
            return 0

    def _run(self) -> None:
        db = self._connect()
        try:
            frame = db.execute("PRAGMA page_size").fetchone()[0] + 24
            version = db.execute("PRAGMA data_version").fetchone()[0]
            copied, dirty, waited = self._log_size(), False, 0.0
            while not self._stop.wait(POLL):
                waited += POLL
                now = db.execute("PRAGMA data_version").fetchone()[0]  # others' commits
                dirty, version = dirty or now != version, now
                size = self._log_size()  # grows until a checkpoint lets the log restart
                if size > self.limit:
                    db.execute(f"PRAGMA busy_timeout={int(WAIT * 1000)}")
                    if self._checkpoint(db, "TRUNCATE"):
                        copied, dirty, waited = 0, False, 0.0
                    db.execute("PRAGMA busy_timeout=10000")
                elif dirty and (waited >= self.interval or size - copied >= self.pages * frame):
                    self._checkpoint(db, "PASSIVE")
                    copied, dirty, waited = size, False, 0.0
                elif not dirty:
                    waited = 0.0
        finally:
            db.close()

    @staticmethod
    def _checkpoint(db: sqlite3.Connection, mode: str) -> bool:
        """True if the checkpoint ran to its end (for TRUNCATE: the log is now empty)."""
        try:
            busy, *_ = db.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        except sqlite3.Error:
            return False  # locked: the next round (or the next opener) copies the pages
        return not busy

    def stop(self) -> None:
        """End the thread, then copy the whole log into the database and truncate it."""
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join(5)
        try:
            with closing(self._connect()) as db:
                self._checkpoint(db, "TRUNCATE")
        except sqlite3.Error:
            pass
