"""Error pages: every failure is a page with one clear sentence, never a traceback."""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from learnkit.errors import LearnkitError

MESSAGES = {
    400: "The request could not be understood.",
    404: "There is no such page, article or quiz.",
    405: "That address does not accept this kind of request.",
}


def _too_large() -> str:
    limit = current_app.config["MAX_CONTENT_LENGTH"] / (1024 * 1024)
    return (
        f"The upload is too large: the limit is {limit:g} MB. "
        "Split the article or remove images and try again."
    )


def _page(title: str, message: str, status: int) -> tuple[str, int]:
    return render_template("error.html", title=title, message=message), status


def _http(exc: HTTPException) -> tuple[str, int]:
    code = exc.code or 500
    if code == 413 and request.blueprint == "upload":  # the form again, with the reason
        return render_template("upload/form.html", error=_too_large(), text=""), 413
    if code == 413:
        message = _too_large()
    elif exc.description and exc.description != type(exc).description:
        message = exc.description  # the view's own words: abort(404, "…")
    else:
        message = MESSAGES.get(code, exc.description or exc.name)
    return _page(f"{code} {exc.name}", message, code)


def _csrf(exc: CSRFError) -> tuple[str, int]:
    return _page(
        "400 Form expired",
        f"The form was rejected ({exc.description}). Reload the page and try again.",
        400,
    )


def _learnkit(exc: LearnkitError) -> tuple[str, int]:
    return _page("Something went wrong", str(exc), 500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(LearnkitError, _learnkit)
