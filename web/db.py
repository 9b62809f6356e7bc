"""The quiz database connection of the current thread, and the library.

Each server thread keeps its connection open across requests (unlike flaskr's per-request
``get_db``): closing the last connection to a WAL database checkpoints and deletes the
log, which would cost every answer a few synchronous disk writes. Committed reviews are
in the log either way, so stopping the server loses nothing. The request connections do
not checkpoint either: a background :class:`~web.checkpoint.Checkpointer`, started with the
first connection and stopped at exit, does it off the request path.
"""

from __future__ import annotations

import atexit
import threading
from datetime import datetime

from flask import Flask, current_app

from learnkit.study.checkpoint import Checkpointer
from learnkit.study.library import Library
from learnkit.study.store import Store

_start_lock = threading.Lock()


def _checkpointer() -> None:
    """Start the app's checkpointer once (the first connection of the app)."""
    ext = current_app.extensions
    with _start_lock:
        if ext.get("learnkit.checkpointer") is None:
            worker = ext["learnkit.checkpointer"] = Checkpointer(current_app.config["DATABASE"])
            atexit.register(worker.stop)
            worker.start()


def get_store() -> Store:
    local = current_app.extensions["learnkit.connections"]
    store = getattr(local, "store", None)
    if store is None:
        _checkpointer()
        store = local.store = Store(
            current_app.config["DATABASE"],
            fuzzing=current_app.config["FSRS_FUZZING"],
            autocheckpoint=False,
        )
    return store


def get_library() -> Library:
    return current_app.extensions["learnkit.library"]


def now() -> datetime:
    return current_app.config["CLOCK"]()


def init_app(app: Flask) -> None:
    Store.create(app.config["DATABASE"]).close()
    app.extensions["learnkit.connections"] = threading.local()
    app.extensions["learnkit.checkpointer"] = None
