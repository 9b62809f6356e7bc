"""The background checkpointer keeps the WAL file bounded while the app serves."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest

from learnkit.study.checkpoint import Checkpointer
from learnkit.study.store import Store

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def write_sessions(store: Store, n: int) -> None:
    for _ in range(n):
        store.create_session(None, [f"a-p{k}" for k in range(200)], T0)


@pytest.mark.parametrize("readers", [0, 2], ids=["quiet", "busy-readers"])
def test_log_is_truncated_once_past_the_limit_while_running(tmp_path, readers):
    path = tmp_path / "q.sqlite3"
    wal = tmp_path / "q.sqlite3-wal"
    Store.create(path).close()
    stop = threading.Event()

    def read() -> None:  # short read transactions back to back, as page requests do
        with Store(path, autocheckpoint=False) as reader:
            while not stop.is_set():
                reader.session("unknown")

    threads = [threading.Thread(target=read) for _ in range(readers)]
    with Store(path, autocheckpoint=False) as store:
        worker = Checkpointer(path, interval=60.0, pages=10**6, limit=64 * 1024).start()
        for t in threads:
            t.start()
        try:
            peak = 0
            for _ in range(20):
                write_sessions(store, 20)
                peak = max(peak, wal.stat().st_size)
                time.sleep(0.15)  # a poll of the checkpointer
            deadline = time.monotonic() + 5
            while wal.stat().st_size > 64 * 1024 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert wal.stat().st_size <= 64 * 1024
            assert peak < 2 * 1024 * 1024  # 20 rounds of writes are ~5 MB of log
        finally:
            stop.set()
            for t in threads:
                t.join(5)
            worker.stop()
        assert len(store.session(store.create_session(None, ["x"], T0)).items) == 1
