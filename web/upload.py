"""Upload: paste text or choose a file, preview its phrases and pairs, then save it.

Nothing is written until the learner saves a preview; a bad upload only gets a message.
Saved articles are stored under generated names, never the uploader's file name.
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from learnkit.errors import LearnkitError
from learnkit.text.article import decode
from web.db import get_library, get_store

bp = Blueprint("upload", __name__, url_prefix="/upload")


def _clean(text: str) -> str:
    # Browsers send textarea lines with CRLF: normalise so preview and save hash the same.
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _submitted() -> str:
    """The article text from the chosen file, else the pasted text (ArticleError if the file
    is not text)."""
    file = request.files.get("file")
    if file is not None and file.filename:
        return _clean(decode(file.read(), "upload"))
    return _clean(request.form.get("text", ""))


def _form(message: str, text: str = "", status: int = 400) -> tuple[str, int]:
    return render_template("upload/form.html", error=message, text=text), status


@bp.get("/")
def form() -> str:
    return render_template("upload/form.html", error=None, text="")


@bp.post("/")
def preview() -> tuple[str, int] | str:
    text = ""
    try:
        text = _submitted()
        if not text.strip():
            return _form("Paste an article or choose a file first.", text)
        ss = get_library().study_set(text.encode("utf-8"), "upload", get_store())
    except LearnkitError as exc:
        return _form(f"This article cannot be used: {exc}", text)
    pairs = {p.id: p for p in ss.sentences}
    return render_template("upload/preview.html", ss=ss, pairs=pairs, text=text)


@bp.post("/save")
def save() -> Response | tuple[str, int]:
    text = _clean(request.form.get("text", ""))
    if not text.strip():
        return _form("Paste an article or choose a file first.")
    try:
        entry = get_library().save_upload(text.encode("utf-8"), get_store())
    except LearnkitError as exc:
        return _form(f"Not saved: {exc}", text)
    flash("Saved. Quiz it now, or download its deck for Anki.")
    return redirect(url_for("browse.article", key=entry.key))
