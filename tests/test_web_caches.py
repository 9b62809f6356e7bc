"""The web app's per-process caches behave exactly like the work they save."""

from __future__ import annotations

import re
import shutil
import sqlite3
import time
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from conftest import SEEDS

from learnkit.study.checkpoint import Checkpointer
from learnkit.study.store import Store
from web import create_app
from web.db import get_library, get_store
from web.fragments import answer_fragment

T0 = datetime(2024, 5, 20, 9, 0, tzinfo=UTC)
SAMPLE = next(p for p in sorted(SEEDS.iterdir()) if p.suffix == ".md")


@pytest.fixture
def app(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SAMPLE, seeds / SAMPLE.name)
    return create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SEEDS_DIR": str(seeds),
            "SECRET_KEY": "test-secret",
        }
    )


def start(client, cookie: str | None = None) -> int:
    """POST /quiz/start with the page's CSRF token, optionally under another cookie."""
    page = client.get("/upload/").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    if cookie is not None:
        client.set_cookie("session", cookie)
    return client.post("/quiz/start", data={"csrf_token": token}).status_code


def tamper(value: str) -> str:
    # Not the last character: its low bits are base64 padding, so changing it may not
    # change the decoded signature at all.
    i = len(value) - 5
    return value[:i] + ("A" if value[i] != "A" else "B") + value[i + 1 :]


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ("same", 302),
        ("tampered", 400),
        ("expired", 400),
        ("new key", 400),
    ],
    ids=["same cookie", "tampered", "expired", "rotated key"],
)
def test_session_cookie_must_verify(app, monkeypatch, change, status):
    client = app.test_client()
    assert start(client) == 302
    cookie = client.get_cookie("session").value
    assert start(client, cookie) == 302  # the same cookie again
    if change == "tampered":
        cookie = tamper(cookie)
    elif change == "expired":
        later = time.time() + app.permanent_session_lifetime.total_seconds() + 5
        monkeypatch.setattr(time, "time", lambda: later)
    elif change == "new key":
        app.secret_key = "another-secret"
    page = client.get("/upload/").text  # the token of the page the learner has open
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.set_cookie("session", cookie)
    response = client.post("/quiz/start", data={"csrf_token": token})
    assert response.status_code == status
    if status == 400:
        assert "The form was rejected" in response.text


def test_answer_fragment_is_reused_only_for_the_same_item(app):
    with app.test_request_context("/"):
        item = get_library().entries(get_store())[0].items[0]
        first = answer_fragment(item)
        assert answer_fragment(item) is first
        assert f'<ruby class="hit">{item.answer[0]}' in first or item.answer in first
        changed = replace(item, english="a <b>changed</b> gloss")
        html = answer_fragment(changed)
        assert "a &lt;b&gt;changed&lt;/b&gt; gloss" in html
        assert "a &lt;b&gt;changed&lt;/b&gt; gloss" not in first


def test_library_sees_files_added_changed_and_removed(app, tmp_path):
    seeds = tmp_path / "seeds"
    with app.app_context():
        library, store = get_library(), get_store()
        (first,) = library.entries(store)
        assert library.entries(store)[0] is first  # unchanged folder: the same entry
        (seeds / "notes.txt").write_bytes(b"\xff\xfe not an article")
        assert [e.key for e in library.entries(store)] == [first.key]
        assert list(library.errors) == [seeds / "notes.txt"]
        (seeds / "notes.txt").unlink()
        sample = seeds / SAMPLE.name
        sample.write_text(
            sample.read_text(encoding="utf-8").replace("**", "") + "\n", encoding="utf-8"
        )  # edited in place: no emphasis left
        (edited,) = library.entries(store)
        assert edited is not first and edited.study_set.phrases == ()
        sample.unlink()
        assert library.entries(store) == []


def test_item_lookup_follows_an_edited_article(app, tmp_path):
    sample = tmp_path / "seeds" / SAMPLE.name
    with app.app_context():
        library, store = get_library(), get_store()
        item = next(iter(library.items(store).values()))
        assert library.item(item.id, store) is item  # unchanged file: the cached item
        sample.write_text(sample.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        edited = library.item(item.id, store)  # re-parsed: a new object, as a scan gives
        assert edited is not item and edited is library.items(store)[item.id]
        sample.unlink()
        assert library.item(item.id, store) is None


def wal_frames(db_path) -> tuple[int, int]:
    """(frames in the log, frames copied into the database) without copying any."""
    with closing(sqlite3.connect(db_path)) as db:
        db.execute("PRAGMA wal_autocheckpoint=0")
        busy, log, copied = db.execute("PRAGMA wal_checkpoint(NOOP)").fetchone()
    return log, copied


@pytest.mark.parametrize(
    ("pages", "interval"), [(10_000, 0.2), (2, 60.0)], ids=["after-interval", "log-grew-past-pages"]
)
def test_checkpointer_copies_the_log_off_the_request_path(tmp_path, pages, interval):
    path = tmp_path / "q.sqlite3"
    Store.create(path).close()
    with Store(path, autocheckpoint=False) as store:  # what the app's connections do
        worker = Checkpointer(path, pages=pages, interval=interval).start()
        sids = [store.create_session(None, [f"a-p{n}" for n in range(50)], T0) for _ in range(40)]
        log, copied = wal_frames(path)
        assert log > 0
        deadline = time.monotonic() + 5
        while copied < log and time.monotonic() < deadline:
            time.sleep(0.05)
            log, copied = wal_frames(path)
        assert copied == log  # every committed page is now in the database file
        worker.stop()
        assert (tmp_path / "q.sqlite3-wal").stat().st_size == 0  # truncated at stop
        assert store.session(sids[-1]).items[-1] == "a-p49"
