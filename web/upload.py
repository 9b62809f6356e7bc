"""Upload: paste text or choose a file, preview its phrases and pairs, then save it.

Nothing is written until the learner saves a preview; a bad upload only gets a message.
Saved articles are stored under generated names, never the uploader's file name.
Study sets are computed by the app's worker processes (:mod:`web.jobs`), never on a
request thread; when all are busy the form comes back with "try again" and ``Retry-After``.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from learnkit.errors import (
    ArticleError,
    ArticleTooLarge,
    BusyError,
    DuplicateArticle,
    LearnkitError,
    NoChinese,
    NotText,
    TimeLimitError,
)
from learnkit.models import StudySet
from learnkit.study.library import parse, same_text
from learnkit.text.article import decode
from web.db import get_library, get_store

RETRY_AFTER = 30  # seconds, for the busy page
_ALREADY = "This article is already in your library."
_SAME_TITLE = (
    "Another article in your library has the same Chinese title and no date or source link,"
    " so the two cannot be told apart: add a date (a line date: 2024-05-20 between --- lines"
    " at the top) or the source link, or change the title."
)

bp = Blueprint("upload", __name__, url_prefix="/upload")


def _clean(text: str) -> str:
    # Browsers send textarea lines with CRLF: normalise so preview and save hash the same.
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _submitted() -> str:
    """The article text from the chosen file, else the pasted text (ArticleError if the file
    is not text)."""
    file = request.files.get("file")
    if file is not None and file.filename:
        data = file.read()
        if not data.strip():
            raise ArticleError("upload: the chosen file is empty: choose another or paste the text")
        return _clean(decode(data, "upload"))
    return _clean(request.form.get("text", ""))


def _form(
    message: str, text: str = "", status: int = 400, existing: str | None = None
) -> tuple[str, int]:
    return (
        render_template("upload/form.html", error=message, text=text, existing=existing),
        status,
    )


def _plain(exc: LearnkitError) -> str:
    """What went wrong, in a learner's words (the technical line stays for the CLI)."""
    if isinstance(exc, NotText):
        return (
            "This file is not plain text: it looks like a picture, a PDF or a Word document, "
            "or it is saved in an encoding other than UTF-8. Save the article as plain text "
            "(UTF-8, .txt or .md) and choose that file, or paste the text."
        )
    if isinstance(exc, NoChinese):
        return (
            "No Chinese text was found. Paste the Chinese half first, then a line with ---, "
            "then the English half."
        )
    if isinstance(exc, ArticleTooLarge):
        return f"This article is too long to use in one piece: {str(exc).split(': ', 2)[-1]}."
    message = str(exc).removeprefix("upload: ")
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


def _pooled(data: bytes, source: str) -> StudySet:
    return current_app.extensions["learnkit.jobs"].run(parse, data, source)


def _heavy_failure(exc: BusyError | TimeLimitError, text: str) -> Response:
    """The form again, text kept: busy (503, ``Retry-After``) or over the time limit."""
    if isinstance(exc, BusyError):
        message = (
            f"The server is busy processing other uploads: try again in {RETRY_AFTER} seconds "
            "(your text is kept below)."
        )
        page, status = _form(message, text, 503)
        return Response(page, status, headers={"Retry-After": str(RETRY_AFTER)})
    limit = current_app.extensions["learnkit.jobs"].time_limit
    message = (
        f"This article took more than {limit:g} seconds to process, so it was stopped: "
        "split it into shorter articles and try again."
    )
    return Response(*_form(message, text, 413))


@bp.get("/")
def form() -> str:
    return render_template("upload/form.html", error=None, text="")


@bp.post("/")
def preview() -> Response | tuple[str, int] | str:
    text = ""
    try:
        text = _submitted()
        if not text.strip():
            return _form("Paste an article or choose a file first.", text)
        ss = get_library().study_set(text.encode("utf-8"), "upload", get_store(), _pooled)
    except (BusyError, TimeLimitError) as exc:
        return _heavy_failure(exc, text)
    except LearnkitError as exc:
        return _form(_plain(exc), text)
    existing = get_library().get(ss.id, get_store())
    if existing is not None:  # told now, not after the learner has read the preview
        message = _ALREADY if same_text(ss, existing.study_set) else _SAME_TITLE
        return _form(message, text, existing=existing.key)
    pairs = {p.id: p for p in ss.sentences}
    return render_template("upload/preview.html", ss=ss, pairs=pairs, text=text)


@bp.post("/save")
def save() -> Response | tuple[str, int]:
    text = _clean(request.form.get("text", ""))
    if not text.strip():
        return _form("Paste an article or choose a file first.")
    try:
        entry = get_library().save_upload(text.encode("utf-8"), get_store(), _pooled)
    except (BusyError, TimeLimitError) as exc:
        return _heavy_failure(exc, text)
    except DuplicateArticle as exc:
        return _form(_ALREADY if exc.same_text else _SAME_TITLE, text, existing=exc.key)
    except LearnkitError as exc:
        return _form(f"Not saved. {_plain(exc)}", text)
    flash("Saved. Quiz it now, or download its deck for Anki.")
    return redirect(url_for("browse.article", key=entry.key))
