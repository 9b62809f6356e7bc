"""The login page: with a password configured (``LOGIN_PASSWORD``, set by ``learnkit serve``
beyond loopback), every page but this one, the stylesheet and ``/health`` needs it.

The session remembers a keyed hash of the password, not the password: changing it signs
everyone out. Wrong passwords are throttled for the whole server (a few a minute), which
makes guessing an environment-set password slow; a generated one has 128 random bits.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import deque

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

bp = Blueprint("auth", __name__)

OPEN_ENDPOINTS = frozenset(
    {"auth.login_form", "auth.login", "static", "browse.health", "browse.favicon"}
)
FAILURES_PER_MINUTE = 10


class Throttle:
    """At most ``limit`` failures in any ``window`` seconds (shared by every client)."""

    def __init__(self, limit: int = FAILURES_PER_MINUTE, window: float = 60.0) -> None:
        self.limit, self.window = limit, window
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def _trim(self, now: float) -> None:
        while self._times and self._times[0] <= now - self.window:
            self._times.popleft()

    def wait(self) -> int:
        """Seconds until another attempt is allowed (0: now)."""
        now = time.monotonic()
        with self._lock:
            self._trim(now)
            if len(self._times) < self.limit:
                return 0
            return int(self._times[0] + self.window - now) + 1

    def failed(self) -> None:
        with self._lock:
            self._times.append(time.monotonic())


def _marker(password: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, password.encode(), hashlib.sha256).hexdigest()


def signed_in() -> bool:
    password = current_app.config.get("LOGIN_PASSWORD")
    if not password:
        return True
    return hmac.compare_digest(session.get("login", ""), _marker(password))


def _local(target: str) -> str:
    """A path on this server (never another site's address) to go to after signing in."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("browse.index")


def _require_login() -> Response | None:
    if request.endpoint in OPEN_ENDPOINTS or signed_in():
        return None
    target = request.full_path if request.method == "GET" else "/"
    return redirect(url_for("auth.login", next=target.rstrip("?")))


def _form(error: str | None, status: int = 200) -> tuple[str, int]:
    target = _local(request.values.get("next", "/"))
    return render_template("auth/login.html", error=error, next=target), status


@bp.get("/login")
def login_form() -> tuple[str, int]:
    return _form(None)


@bp.post("/login")
def login() -> Response | tuple[str, int]:
    throttle: Throttle = current_app.extensions["learnkit.login_throttle"]
    wait = throttle.wait()
    if wait:
        page, status = _form(f"Too many wrong passwords: wait {wait} seconds and try again.", 429)
        return Response(page, status, headers={"Retry-After": str(wait)})
    password = current_app.config.get("LOGIN_PASSWORD") or ""
    given = request.form.get("password", "")
    if not password or not hmac.compare_digest(given.encode(), password.encode()):
        throttle.failed()
        return _form("Wrong password.", 403)
    session.clear()
    session["login"] = _marker(password)
    return redirect(_local(request.form.get("next", "/")))


def init_app(app: Flask) -> None:
    app.extensions["learnkit.login_throttle"] = Throttle()
    app.before_request(_require_login)
    app.register_blueprint(bp)
