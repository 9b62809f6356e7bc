"""Heavy work off the request threads: a bounded pool of worker processes with a time limit.

An upload's study set takes seconds to minutes of pure-Python CPU; parsed on a request
thread it held that thread and the interpreter lock, so four large uploads froze every
page. Here at most ``workers`` jobs run at once, each in its own process (a separate
interpreter: the request threads keep the CPU they need); the caller's thread only waits
on a pipe. A job beyond ``workers`` is refused at once (:class:`BusyError`: the upload
page says "busy, try again" with ``Retry-After``) rather than queued behind the others,
and a job running past ``time_limit`` seconds has its process killed
(:class:`TimeLimitError`). Processes are started with ``spawn`` (never ``fork`` a threaded
server) on first use and reused, so only the first job pays the imports; a worker left
holding more than ``RECYCLE_BYTES`` of memory after a job is ended instead of kept.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from learnkit.errors import BusyError, LearnkitError, TimeLimitError

T = TypeVar("T")
WORKERS = 2
TIME_LIMIT = 120.0  # seconds
RECYCLE_BYTES = 400 * 1024 * 1024  # resident memory beyond which an idle worker is ended


def _serve(conn: Connection) -> None:
    """A worker process: run each (function, args) received, send back the outcome."""
    while True:
        try:
            func, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", func(*args)))
        except LearnkitError as exc:
            conn.send(("error", exc))
        except Exception:  # a bug: the parent logs it and answers with a server error
            conn.send(("bug", traceback.format_exc()))


class _Worker:
    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child,), daemon=True, name="learnkit-job")
        self.process.start()
        child.close()

    def call(
        self, func: Callable[..., Any], args: tuple[Any, ...], limit: float
    ) -> tuple[str, Any]:
        """("ok", result), ("error", LearnkitError) or ("bug", traceback); TimeoutError."""
        self.conn.send((func, args))
        if not self.conn.poll(limit):
            raise TimeoutError
        return self.conn.recv()

    def resident_bytes(self) -> int:
        """The worker's resident memory (0 where ``/proc`` is missing)."""
        try:
            with open(f"/proc/{self.process.pid}/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class JobPool:
    """At most ``workers`` jobs at once, each limited to ``time_limit`` seconds."""

    def __init__(self, workers: int = WORKERS, time_limit: float = TIME_LIMIT) -> None:
        self.workers = workers
        self.time_limit = time_limit
        self._slots = threading.BoundedSemaphore(workers)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def run(self, func: Callable[..., T], *args: Any) -> T:
        """``func(*args)`` in a worker process (``func`` and its arguments picklable)."""
        if not self._slots.acquire(blocking=False):
            raise BusyError(f"the server is already processing {self.workers} uploads")
        try:
            with self._lock:
                worker = self._idle.pop() if self._idle else None
            if worker is None or not worker.process.is_alive():
                worker = _Worker()
            try:
                kind, value = worker.call(func, args, self.time_limit)
            except TimeoutError:
                worker.kill()
                raise TimeLimitError(
                    f"processing stopped after {self.time_limit:g} seconds"
                ) from None
            except BaseException:
                worker.kill()  # its state is unknown: start afresh next time
                raise
            if worker.resident_bytes() > RECYCLE_BYTES:
                worker.kill()  # a large article's memory would stay with the process
            else:
                with self._lock:
                    self._idle.append(worker)
        finally:
            self._slots.release()
        if kind == "error":
            raise value
        if kind == "bug":
            raise RuntimeError(f"upload worker failed:\n{value}")
        return value

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


@functools.cache
def shared_pool(workers: int, time_limit: float) -> JobPool:
    """One pool per setting in this process (apps built by tests share warm workers)."""
    return JobPool(workers, time_limit)
