"""One quiz-database connection per request (flaskr's ``get_db``), and the library."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, current_app, g

from learnkit.store import Store

from .library import Library


def get_store() -> Store:
    if "store" not in g:
        g.store = Store(current_app.config["DATABASE"], fuzzing=current_app.config["FSRS_FUZZING"])
    return g.store


def get_library() -> Library:
    return current_app.extensions["learnkit.library"]


def now() -> datetime:
    return current_app.config["CLOCK"]()


def _close(exc: BaseException | None = None) -> None:
    store = g.pop("store", None)
    if store is not None:
        store.close()


def init_app(app: Flask) -> None:
    Store.create(app.config["DATABASE"]).close()
    app.teardown_appcontext(_close)
