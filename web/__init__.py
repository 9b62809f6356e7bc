"""LearnKit's web app: the library, cloze quizzes and uploads (``create_app`` factory)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from learnkit.study.library import Library
from web import auth, browse, db, errors, fragments, jobs, quiz, security, upload

__all__ = ["create_app"]

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _utcnow() -> datetime:
    return datetime.now(UTC)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app. ``test_config`` overrides settings; ``INSTANCE_PATH`` (or the
    ``LEARNKIT_INSTANCE`` environment variable) moves the instance folder."""
    config = dict(test_config or {})
    instance = config.pop("INSTANCE_PATH", None) or os.environ.get("LEARNKIT_INSTANCE")
    app = Flask(__name__, instance_path=os.path.abspath(instance) if instance else None)
    seeds = os.environ.get("LEARNKIT_SEEDS")
    app.config.from_mapping(
        SEEDS_DIR=seeds,
        LOGIN_PASSWORD=os.environ.get("LEARNKIT_PASSWORD") or None,
        DATABASE=os.path.join(app.instance_path, "learnkit.sqlite3"),
        UPLOAD_DIR=os.path.join(app.instance_path, "uploads"),
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        FSRS_FUZZING=True,
        CLOCK=_utcnow,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,  # a quiz page may stay open for hours
        UPLOAD_WORKERS=jobs.WORKERS,  # uploads parsed at once, each in its own process
        UPLOAD_TIME_LIMIT=jobs.TIME_LIMIT,  # seconds per upload before it is stopped
    )
    app.config.update(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config["SECRET_KEY"] = security.secret_key(app)

    security.init_app(app)  # first: a foreign Origin is refused before the CSRF check
    auth.init_app(app)
    CSRFProtect(app)
    db.init_app(app)
    errors.init_app(app)
    fragments.init_app(app)
    app.extensions["learnkit.jobs"] = jobs.shared_pool(
        app.config["UPLOAD_WORKERS"], app.config["UPLOAD_TIME_LIMIT"]
    )
    seeds_dir = app.config["SEEDS_DIR"]
    app.extensions["learnkit.library"] = Library(
        Path(seeds_dir) if seeds_dir else None, Path(app.config["UPLOAD_DIR"]), app.config["CLOCK"]
    )
    app.register_blueprint(browse.bp)
    app.register_blueprint(quiz.bp)
    app.register_blueprint(upload.bp)
    return app
