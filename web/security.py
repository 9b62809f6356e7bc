"""Secret key, trusted hosts, same-origin POSTs and security headers on every response.

DNS rebinding (a foreign page whose name points at this server) is stopped by the
``Host`` check: only loopback names and the names the server was started for are served
(Flask's ``TRUSTED_HOSTS``; anything else is a 400). A cross-origin form POST is stopped
by the ``Origin`` check (or ``Referer`` when a browser sends no ``Origin``) on top of the
CSRF token. Redirects never carry the ``Host`` header back: an absolute ``Location`` on
this server is cut to its path. The headers (a strict Content-Security-Policy with no
inline code) are added by WSGI middleware, so server errors carry them too.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, abort, request
from werkzeug.sansio.utils import host_is_trusted

# Not "[::1]": werkzeug 3.1 cuts a trusted name at its first ":", so an IPv6 literal
# never matches; browse to localhost or 127.0.0.1 instead.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1")
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def secret_key(app: Flask) -> str:
    """From the config, else ``LEARNKIT_SECRET_KEY``, else the instance folder's
    ``secret_key`` file, generated (owner-only) on first run."""
    key = app.config.get("SECRET_KEY") or os.environ.get("LEARNKIT_SECRET_KEY")
    if key:
        return key
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip()


def trusted_hosts(extra: Iterable[str] = ()) -> list[str]:
    """The loopback names plus ``extra`` (never empty: an empty list would trust any host)."""
    names = [*LOOPBACK_HOSTS]
    for name in extra:
        name = name.strip().lower()
        if name and name not in names:
            names.append(name)
    return names


def _same_origin() -> None:
    """403 unless a POST's ``Origin`` (else ``Referer``) names this server.

    Browsers send ``Origin`` with every POST (``null`` from sandboxed or privacy-stripped
    pages, refused); a request with neither header is not from a browser page, and still
    needs its CSRF token.
    """
    if request.method not in UNSAFE_METHODS:
        return
    origin = request.headers.get("Origin")
    source = origin if origin is not None else request.headers.get("Referer")
    if source is None:
        return
    parts = urlsplit(source)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != request.host.lower():
        abort(403, "This form was sent from another site, so it was refused.")


def _relative_location(response: Response) -> Response:
    location = response.headers.get("Location")
    host = request.headers.get("Host", "")  # raw: request.host raises for a foreign one
    if location:
        parts = urlsplit(location)
        if parts.netloc and parts.netloc.lower() == host.lower():
            path = parts.path or "/"
            response.headers["Location"] = path + (f"?{parts.query}" if parts.query else "")
    return response


FOREIGN_HOST = b"400 Bad Request: this server does not answer to that host name.\n"


class Guard:
    """WSGI middleware: a plain 400 for an untrusted ``Host`` (before Flask, whose error
    pages need a trusted one to build their links), :data:`HEADERS` on every response."""

    def __init__(self, wsgi_app: Callable[..., Any], hosts: Callable[[], list[str]]) -> None:
        self.wsgi_app = wsgi_app
        self.hosts = hosts

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            present = {name.lower() for name, _ in headers}
            headers.extend((n, v) for n, v in HEADERS.items() if n.lower() not in present)
            return start_response(status, headers, exc_info)

        if not host_is_trusted(environ.get("HTTP_HOST") or "", self.hosts() or LOOPBACK_HOSTS):
            start("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [FOREIGN_HOST]
        return self.wsgi_app(environ, start)


def init_app(app: Flask) -> None:
    if not app.config.get("TRUSTED_HOSTS"):  # None or empty would accept any Host
        app.config["TRUSTED_HOSTS"] = trusted_hosts()
    app.before_request(_same_origin)
    app.after_request(_relative_location)
    app.wsgi_app = Guard(app.wsgi_app, lambda: app.config["TRUSTED_HOSTS"])  # type: ignore[method-assign]
