"""Flask's signed-cookie sessions, with each cookie value's signature checked only once.

A learner's browser sends the same session cookie with every request until the session
changes, and checking it (key derivation, HMAC, base64, zlib, JSON, a new serializer each
time) is a good part of a small request. This interface keeps a bounded table of cookie
values already verified with the current secret keys, with their signing time: the same
bytes checked with the same keys always give the same answer, so a known value only has
its age checked again, exactly as itsdangerous does. A changed key empties the table,
a tampered or unknown value takes the full check, and every request still gets a session
of its own, decoded afresh from the verified JSON.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

if TYPE_CHECKING:
    from flask import Flask, Request

MAX_VERIFIED = 1024  # cookie values remembered (the table is emptied when full)


class _Keyed:
    """The serializer of one set of secret keys and the cookie values it verified."""

    def __init__(self, keys: tuple[Any, ...], serializer: URLSafeTimedSerializer) -> None:
        self.keys = keys
        self.serializer = serializer
        self.verified: dict[str, tuple[int, str]] = {}  # value -> (signed at, JSON)


class VerifiedCookieSessionInterface(SecureCookieSessionInterface):
    """``SecureCookieSessionInterface`` that verifies a given cookie value once."""

    def __init__(self) -> None:
        self._keyed: _Keyed | None = None

    def _current(self, app: Flask) -> _Keyed | None:
        if not app.secret_key:
            return None
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        keyed = self._keyed
        if keyed is None or keyed.keys != keys:
            serializer = super().get_signing_serializer(app)
            assert serializer is not None
            keyed = self._keyed = _Keyed(keys, serializer)
        return keyed

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keyed = self._current(app)
        return keyed.serializer if keyed else None

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        keyed = self._current(app)
        if keyed is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        known = keyed.verified.get(value)
        if known is None:
            try:
                data, signed = keyed.serializer.loads(value, max_age=max_age,
                                                      return_timestamp=True)
            except BadSignature:  # tampered, expired or signed with another key
                return self.session_class()
            if len(keyed.verified) >= MAX_VERIFIED:
                keyed.verified.clear()
            known = keyed.verified[value] = (int(signed.timestamp()),
                                             self.serializer.dumps(data))
            return self.session_class(data)
        age = int(time.time()) - known[0]  # itsdangerous' own expiry rule
        if age > max_age or age < 0:
            return self.session_class()
        return self.session_class(self.serializer.loads(known[1]))
