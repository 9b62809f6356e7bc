"""Secret key, security headers: a strict Content-Security-Policy with no inline code."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask, Response

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
}


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


def _add_headers(response: Response) -> Response:
    headers = response.headers
    present = {name.lower() for name, _ in headers}  # one pass, not one per header
    headers.extend([(n, v) for n, v in HEADERS.items() if n.lower() not in present])
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
