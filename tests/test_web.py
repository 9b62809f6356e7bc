"""The Flask app through its test client: pages, quiz flow, uploads, errors and security."""

from __future__ import annotations

import html
import io
import re
import sqlite3
import stat
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from learnkit.anki.notes import deck_spec
from learnkit.cli import cli
from learnkit.study.answers import check_typed
from learnkit.study.quiz import build_items, session_choices
from web import create_app

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
UPLOAD = """---
title: 经济讨论
date: 2025-01-02
---

# 经济讨论

我们今天讨论**经济政策**。政府发布了一份**年度报告**。

---

# Talking economics

Today we discuss **economic policy**. The government released an **annual report**.
"""
HOSTILE = """# 标题<script>alert(1)</script> & "引号"

我们讨论**经济问题**：1 < 2 && 3 > 2，<script>alert("zh")</script>和&lt;b&gt;。

---

# Title <img src=x onerror=alert(1)> & co

We discuss **economic issues**: 1 < 2 && 3 > 2, <script>alert("en")</script> and &lt;b&gt;.
"""


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def make_app(make_app, clock):
    """conftest's ``make_app`` on this module's clock (a test may still pass its own)."""
    return lambda **config: make_app(**{"CLOCK": clock, **config})


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def sample_items(sample_study_set):
    return {i.id: i for i in build_items(sample_study_set)}


def token(client, path="/upload/"):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def post(client, url, **data):
    return client.post(url, data={"csrf_token": token(client), **data})


def start_quiz(client, article=None):
    response = post(client, "/quiz/start", **({"article": article} if article else {}))
    assert response.status_code == 302
    return response.location


def quiz_on(make_app, tmp_path, name: str, text: str):
    """An app whose only article is ``text`` (written to seeds/``name``, to be edited
    while a quiz runs) and a quiz started on it: (article, app, client, quiz url)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    article = seeds / name
    article.write_text(text, encoding="utf-8")
    app = make_app(SEEDS_DIR=str(seeds))
    client = app.test_client()
    return article, app, client, start_quiz(client)


def current(client, url):
    page = client.get(url).text
    item = re.search(r'data-item="([^"]+)"', page).group(1)
    position = re.search(r'name="position" value="(\d+)"', page).group(1)
    return item, position, page


def answer(client, url, **data):
    item, position, _ = current(client, url)
    return item, post(client, f"{url}/answer", position=position, **data)


def verdict(response):
    return re.search(r'data-verdict="(\w+)"', response.text).group(1)


def uploads(app):
    return sorted(p.name for p in Path(app.config["UPLOAD_DIR"]).glob("*"))


# -- pages -------------------------------------------------------------------------------


def test_library_lists_the_sample(client, sample_study_set):
    page = client.get("/").text
    ss = sample_study_set
    assert ss.title_zh in page and ss.title_en in page
    assert '<time datetime="2024-05-20">' in page
    assert f"{len(ss.phrases)} phrases · {len(ss.sentences)} sentences" in page
    assert f'<strong data-testid="items-due">0</strong> due · {len(ss.phrases)} new' in page
    assert f'href="/deck/{ss.id}.apkg" data-testid="deck-download"' in page
    assert f'name="article" value="{ss.id}"' in page


def test_favicon(client, sample_study_set):
    """/favicon.ico is there (browsers ask for it: a 404 in every console before), and
    pages link the same icon."""
    with client.get("/favicon.ico") as icon:
        assert icon.status_code == 200
        assert icon.mimetype in ("image/x-icon", "image/vnd.microsoft.icon")
        assert icon.data[:4] == b"\0\0\1\0"  # an ICO header
    for url in ("/", f"/article/{sample_study_set.id}", "/upload/", "/no-such-page"):
        page = client.get(url).text
        assert '<link rel="icon" href="/static/favicon.ico" sizes="32x32">' in page, url
    with client.get("/static/favicon.ico") as linked:
        assert linked.data == icon.data


def test_article_page(client, sample_study_set):
    page = client.get(f"/article/{sample_study_set.id}").text
    for phrase in sample_study_set.phrases:
        assert phrase.zh.replace('"', "&#34;") in page
    assert 'data-testid="deck-download"' in page


@pytest.mark.parametrize("url", ["/article/nope", "/quiz/nope", "/deck/nope.apkg", "/zzz"])
def test_not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "There is no such page, article or quiz." in response.text


def test_security_headers(client):
    headers = client.get("/").headers
    assert headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self'")
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_no_inline_script_or_style(client, sample_study_set):
    url = start_quiz(client, sample_study_set.id)
    for page in (client.get("/").text, client.get(url).text, client.get("/upload/").text):
        assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []
        assert " style=" not in page and "<style" not in page and " on" + "click=" not in page


def test_deck_download(client, sample_study_set):
    response = client.get(f"/deck/{sample_study_set.id}.apkg")
    assert response.status_code == 200
    spec = deck_spec(sample_study_set)
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=\"{spec.file_name}\"; filename*=UTF-8''"
        + quote("2024-05-20 习近平和普京的友谊长存.apkg", safe="")
    )
    with zipfile.ZipFile(io.BytesIO(response.data)) as z:
        collection = sqlite3.connect(":memory:")
        collection.deserialize(z.read("collection.anki2"))
    notes = collection.execute("SELECT count(*) FROM notes").fetchone()[0]
    assert notes == len(spec.notes)


# -- the quiz ----------------------------------------------------------------------------


def test_quiz_flow_grades_and_summarises(client, app, sample_study_set, sample_items):
    url = start_quiz(client, sample_study_set.id)
    item, response = answer(client, url, answer=sample_items[current(client, url)[0]].answer)
    assert verdict(response) == "right"
    assert "Next review in 10 minutes." in response.text
    hits = re.findall(r'<ruby class="hit">([^<]+)<rt>', response.text)
    assert "".join(hits) == sample_items[item].answer  # the whole sentence in ruby, answer marked
    item, response = answer(
        client, url, answer=re.sub(r"\d", "", sample_items[current(client, url)[0]].numbers)
    )
    assert verdict(response) == "toneless"
    assert f"Right, but mind the tones: {sample_items[item].pinyin}." in response.text
    item, response = answer(client, url, answer="不对")
    assert verdict(response) == "wrong"
    assert f"Not quite: the answer is {sample_items[item].answer} (" in response.text
    item = current(client, url)[0]
    order = session_choices(sample_items[item], url.rsplit("/", 1)[-1])  # this session's order
    right = order.index(sample_items[item].answer) + 1
    _, response = answer(client, url, choice=str(right))
    assert verdict(response) == "right"
    while 'data-item="' in client.get(url).text:
        answer(client, url, answer="")
    summary = client.get(url).text
    total = len(sample_study_set.phrases)
    assert f"<strong>3</strong> of {total} right" in summary
    assert f"right (1 without tones)\n    · {total - 3} to practise again" in summary


def test_answer_sent_twice_is_graded_once(client, sample_study_set):
    url = start_quiz(client, sample_study_set.id)
    item, position, _ = current(client, url)
    first = post(client, f"{url}/answer", position=position, answer="x")
    again = post(client, f"{url}/answer", position=position, answer="y")
    assert first.status_code == 200 and again.status_code == 302
    assert current(client, url)[1] == str(int(position) + 1)


@pytest.mark.parametrize("path", ["answer", "undo"])
def test_the_feedback_address_opened_again_resumes_the_quiz(client, sample_study_set, path):
    """After an answer the address bar shows /quiz/<id>/answer: opening it again (a
    restored tab, a copied link) is the quiz where it is now, nothing counted."""
    url = start_quiz(client, sample_study_set.id)
    item, position, _ = current(client, url)
    post(client, f"{url}/answer", position=position, answer="不对")
    response = client.get(f"{url}/{path}")
    assert response.status_code == 302 and response.location == url
    assert current(client, url)[1] == str(int(position) + 1)
    assert client.get(f"/quiz/no-such-quiz/{path}").status_code == 404


def _right(items, item, sid):
    return {"answer": items[item].answer}


def _right_choice(items, item, sid):
    return {"choice": str(session_choices(items[item], sid).index(items[item].answer) + 1)}


def _wrong_choice(items, item, sid):
    order = session_choices(items[item], sid)
    return {"choice": str(next(n for n, c in enumerate(order, 1) if c != items[item].answer))}


SENT_TWICE = [
    # (first form, the form sent again, its feedback shown again: verdict, or None for
    # "not counted" and the quiz where it is now)
    ("typed-right", _right, _right, "right"),
    ("typed-wrong", lambda *a: {"answer": "不对"}, lambda *a: {"answer": " 不对 "}, "wrong"),
    ("show-me", lambda *a: {"show": "1"}, lambda *a: {"show": "1"}, "wrong"),
    ("empty", lambda *a: {"answer": ""}, lambda *a: {"show": "1"}, "wrong"),  # both "show"
    ("choice-right", _right_choice, _right_choice, "right"),
    ("choice-wrong", _wrong_choice, _wrong_choice, "wrong"),
    ("hinted", lambda i, t, s: _right(i, t, s) | {"hinted": "1"}, _right, None),  # another grade
    ("another-answer", _right, lambda *a: {"answer": "不对"}, None),
    ("right-then-choice", _right, _right_choice, None),
]


@pytest.mark.parametrize(
    ("first", "again", "shown"), [row[1:] for row in SENT_TWICE], ids=[r[0] for r in SENT_TWICE]
)
def test_the_same_answer_sent_again_shows_its_feedback(
    client, app, sample_study_set, sample_items, first, again, shown
):
    """Enter pressed twice, a double click or a reload sends the answer's form again: the
    learner sees how that answer was graded (it counts once), not "not counted" and the
    next question; another answer for a question already answered is not counted."""
    url = start_quiz(client, sample_study_set.id)
    sid = url.rsplit("/", 1)[-1]
    item, position, _ = current(client, url)
    response = post(client, f"{url}/answer", position=position, **first(sample_items, item, sid))
    assert response.status_code == 200
    response = post(client, f"{url}/answer", position=position, **again(sample_items, item, sid))
    if shown is None:
        assert response.status_code == 302
        assert "That answer was not counted" in client.get(url).text
    else:
        assert response.status_code == 200 and verdict(response) == shown
        assert "This answer was sent twice: it is counted once." in response.text
        assert f'name="position" value="{position}"' in response.text  # its undo
    assert current(client, url)[1] == str(int(position) + 1)
    with app.app_context():
        from web.db import get_store

        assert [r.item for r in get_store().session_reviews(sid)] == [item]
        # the card keeps the sentence it was asked in (a word item stays there)
        placed = get_store().placements(sample_study_set.id)
        assert placed == {item: sample_items[item].sentence.id}


def test_an_older_answer_sent_again_is_not_counted(client, sample_study_set, sample_items):
    """The form of the question before the last one, sent again (Back twice): not counted,
    even with the same answer; only the last answer's feedback is shown again."""
    url = start_quiz(client, sample_study_set.id)
    item, position, _ = current(client, url)
    post(client, f"{url}/answer", position=position, answer="不对")
    answer(client, url, answer="不对")
    response = post(client, f"{url}/answer", position=position, answer="不对")
    assert response.status_code == 302
    assert current(client, url)[1] == str(int(position) + 2)


def test_hint_caps_the_grade(client, app, sample_study_set, sample_items):
    url = start_quiz(client, sample_study_set.id)
    item, response = answer(
        client, url, answer=sample_items[current(client, url)[0]].answer, hinted="1"
    )
    assert verdict(response) == "right"
    assert "Next review in 6 minutes." in response.text  # Hard: 5.5 min, not Good's 10


def test_review_what_is_due(client, clock, sample_study_set, sample_items):
    response = post(client, "/quiz/start")  # nothing studied: new items fill the review
    url = response.location
    first, _, _ = current(client, url)
    _, response = answer(client, url, answer="wrong")
    clock.now += timedelta(minutes=2)
    page = client.get("/").text
    assert '<strong data-testid="items-due">1</strong> due' in page
    assert f"Review: 1 due + {len(sample_items) - 1} new" in page  # what the session holds
    url = start_quiz(client)
    assert current(client, url)[0] == first  # the due item comes first


def test_progress_survives_a_restart(make_app, sample_study_set, sample_items):
    client = make_app().test_client()
    url = start_quiz(client, sample_study_set.id)
    answer(client, url, answer="不对")
    answer(client, url, answer="不对")
    item, position, _ = current(client, url)
    restarted = make_app().test_client()  # a new app on the same instance folder
    assert current(restarted, url)[:2] == (item, position)
    assert "2 due" not in restarted.get("/").text  # failed items wait a minute
    db = sqlite3.connect(restarted.application.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 2


# -- uploads -----------------------------------------------------------------------------


def test_upload_preview_save_quiz_and_deck(client, app):
    preview = post(client, "/upload/", text=UPLOAD)
    assert preview.status_code == 200
    for text in ("经济政策", "economic policy", "年度报告", "annual report", "2 phrases"):
        assert text in preview.text
    assert uploads(app) == []  # nothing saved by a preview
    saved = post(client, "/upload/save", text=UPLOAD.replace("\n", "\r\n"))
    assert saved.status_code == 302
    key = saved.location.rsplit("/", 1)[1]
    (name,) = uploads(app)
    assert re.fullmatch(r"[0-9a-f]{16}\.md", name)
    article = client.get(saved.location).text
    assert "Saved. Quiz it now" in article and f"/deck/{key}.apkg" in article
    assert client.get(f"/deck/{key}.apkg").status_code == 200
    url = start_quiz(client, key)
    assert current(client, url)[0].startswith(key)
    duplicate = post(client, "/upload/save", text=UPLOAD)
    assert duplicate.status_code == 400
    assert "This article is already in your library." in duplicate.text
    assert f'href="/article/{key}" data-testid="upload-existing"' in duplicate.text
    assert uploads(app) == [name]


@pytest.mark.parametrize("seed", [False, True], ids=["uploaded-before", "seed-article"])
def test_an_article_already_in_the_library_is_refused_at_preview(client, app, sample_path, seed):
    """The learner hears it at once, on the form with the text kept, not after Save."""
    text = sample_path.read_text(encoding="utf-8") if seed else UPLOAD
    if not seed:
        assert post(client, "/upload/save", text=UPLOAD).status_code == 302
    before = uploads(app)
    preview = post(client, "/upload/", text=text)
    assert preview.status_code == 400
    assert 'data-testid="upload-save"' not in preview.text
    error = re.search(r'data-testid="upload-error">(.*?)</p>', preview.text, re.S).group(1)
    key = re.search(r'href="/article/(\w+)" data-testid="upload-existing"', error).group(1)
    assert error.startswith("This article is already in your library. <a")
    assert client.get(f"/article/{key}").status_code == 200
    assert text.splitlines()[1] in preview.text  # kept in the form, to edit
    assert uploads(app) == before


def test_a_quiz_whose_article_was_deleted_moves_on(client):
    """Answering or reloading a question of a deleted upload: the answer is not counted,
    the quiz skips the questions that are gone and, none being left, shows its summary
    (it used to answer 404 for ever)."""
    key = post(client, "/upload/save", text=UPLOAD).location.rsplit("/", 1)[1]
    url = start_quiz(client, key)
    assert post(client, f"/article/{key}/delete").status_code == 302
    sent = post(client, f"{url}/answer", position=0, answer="经济政策")
    assert sent.status_code == 302 and sent.location == url
    page = client.get(url).text
    assert 'data-testid="summary"' in page
    assert "That answer was not counted: its question is no longer in the library" in page
    assert re.search(r"\d+ questions of this quiz are no longer in the library", page)
    assert "There is no such page, article or quiz." in client.get("/quiz/nope").text


EDITED = """# 经济讨论

我们今天讨论**经济政策**。政府发布了一份**年度报告**。专家认为**通货膨胀**会下降。**失业率**仍然很高。

---

# Talking economics

Today we discuss **economic policy**. The government released an **annual report**.
Experts think **inflation** will fall. **Unemployment** is still high.
"""


def test_a_quiz_skips_a_question_taken_out_of_its_article(make_app, tmp_path):
    """The article is edited while a quiz is open: the question being asked is unbolded
    (retired). Reloading or answering it moves on to the next question, nothing counted."""
    article, app, client, url = quiz_on(make_app, tmp_path, "a.md", EDITED)
    first, position, _ = current(client, url)
    assert first == answered_item(app, "经济政策")
    unbold(article, "经济政策", "economic policy")
    sent = post(client, f"{url}/answer", position=position, answer="经济政策")
    assert sent.status_code == 302 and sent.location == url
    item, moved, page = current(client, url)
    assert (item, moved) == (answered_item(app, "年度报告"), "1")
    assert "That answer was not counted: its question is no longer in the library" in page
    assert "1 question of this quiz is no longer in the library" in page
    answered = post(client, f"{url}/answer", position=moved, answer="年度报告")
    assert verdict(answered) == "right"
    # Taken out before the page is shown again: the reload skips it too.
    unbold(article, "通货膨胀", "inflation")
    item, moved, page = current(client, url)
    assert moved == "3" and "1 question of this quiz is no longer in the library" in page
    assert "That answer was not counted" not in page
    assert item == answered_item(app, "失业率")
    with app.app_context():
        from web.db import get_store

        assert get_store().studied_items() == {answered_item(app, "年度报告")}


LIBRARY = """# 小城的新图书馆

上个月，小城终于开了一家**新图书馆**。很多家长带着孩子去**借书**，周末总是人满为患。

馆长说，他们希望**培养阅读习惯**，也想让老人学会**使用电脑**。

---

# The small town's new library

Last month, the small town finally opened a **new library**. Many parents take their
children to **borrow books**, and it is always packed at weekends.

The director said they hope to **build reading habits** and also want to teach old people
to **use computers**.
"""


@pytest.mark.parametrize(
    ("picked", "shown"),
    [("借书", "right"), ("终于", "wrong"), ("总是", "wrong")],
    ids=["the-answer", "a-choice-gone", "a-choice-kept-first"],
)
def test_a_choice_means_what_was_picked_after_its_article_changed(
    make_app, tmp_path, monkeypatch, picked, shown
):
    """The article is edited while a question is open and a new bold phrase (馆长) becomes
    one of its choices: the choice the learner clicks is judged, not the one now in its
    place (the right choice, third on the page, was graded as 馆长, now third; 终于,
    fourth and no longer offered, as 借书)."""
    monkeypatch.setattr("learnkit.study.store.secrets.token_urlsafe", lambda n: "S1")
    article, app, client, url = quiz_on(make_app, tmp_path, "library.md", LIBRARY)
    wanted = answered_item(app, "借书")
    item, position, page = current(client, url)
    while item != wanted:
        post(client, f"{url}/answer", position=position, answer="不对")
        item, position, page = current(client, url)
    buttons = re.findall(
        r'name="choice" value="([^"]*)"[^>]*><kbd>(\d)</kbd> <span lang="zh">([^<]*)<', page
    )
    assert [text for _, _, text in buttons] == ["总是", "学会", "借书", "终于"]  # session S1
    value = next(value for value, _, text in buttons if text == picked)
    article.write_text(
        LIBRARY.replace("馆长说", "**馆长**说").replace("The director", "The **director**"),
        encoding="utf-8",
    )
    with app.app_context():  # the edit is read: 馆长 is one of the choices now
        from web.db import get_library, get_store

        assert "馆长" in get_library().item(wanted, get_store()).choices
    response = post(client, f"{url}/answer", position=position, choice=html.unescape(value))
    assert verdict(response) == shown
    assert (
        ("You answered" not in response.text)
        if shown == "right"
        else (f'<span class="mixed" lang="zh">{picked}</span>' in response.text)
    )


def unbold(article, *phrases):
    text = article.read_text(encoding="utf-8")
    for phrase in phrases:
        assert f"**{phrase}**" in text
        text = text.replace(f"**{phrase}**", phrase)
    article.write_text(text, encoding="utf-8")


def answered_item(app, answer):
    with app.app_context():
        from web.db import get_library, get_store

        items = get_library().items(get_store()).values()
        return next(i.id for i in items if i.answer == answer)


def test_delete_an_uploaded_article(client, app, sample_study_set):
    saved = post(client, "/upload/save", text=UPLOAD)
    key = saved.location.rsplit("/", 1)[1]
    url = start_quiz(client, key)
    answer(client, url, answer="")
    article = client.get(f"/article/{key}").text
    assert 'data-testid="delete-article"' in article
    seed = client.get(f"/article/{sample_study_set.id}").text
    assert 'data-testid="delete-article"' not in seed  # seed articles stay
    assert client.post(f"/article/{key}/delete").status_code == 400  # no CSRF token
    deleted = post(client, f"/article/{key}/delete")
    assert deleted.status_code == 302 and deleted.location.endswith("/")
    assert uploads(app) == []
    page = client.get("/").text
    assert "Deleted “经济讨论”. Its review history is kept." in page
    assert f'data-article="{key}"' not in page
    assert client.get(f"/article/{key}").status_code == 404
    assert post(client, f"/article/{key}/delete").status_code == 404
    assert post(client, f"/article/{sample_study_set.id}/delete").status_code == 404
    with app.app_context():
        from web.db import get_store

        assert get_store().db.execute("SELECT count(*) FROM reviews").fetchone() == (1,)


def test_upload_a_file_is_stored_under_a_generated_name(client, app):
    data = {
        "csrf_token": token(client),
        "text": "",
        "file": (io.BytesIO(UPLOAD.encode("utf-8-sig")), "../../新闻 evil.md"),
    }
    preview = client.post("/upload/", data=data, content_type="multipart/form-data")
    assert preview.status_code == 200 and "经济政策" in preview.text
    text = re.search(r'<textarea name="text" hidden>\n(.*?)</textarea>', preview.text, re.S)
    assert text.group(1).startswith("---\ntitle: 经济讨论")
    assert post(client, "/upload/save", text=UPLOAD).status_code == 302
    assert all(re.fullmatch(r"[0-9a-f]{16}\.md", n) for n in uploads(app))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "Paste an article or choose a file first."),
        ("   \n ", "Paste an article or choose a file first."),
        (
            "Only English here.",
            "No Chinese text was found. Paste the Chinese half first, then a line with ---,",
        ),
        (b"", "The chosen file is empty: choose another or paste the text."),
        (b" \n\n", "The chosen file is empty: choose another or paste the text."),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "This file is not plain text: it looks like a picture"),
        (b"\xc4\xe3\xba\xc3 gbk", "or it is saved in an encoding other than UTF-8"),
        (
            "好。" * 10_001,
            "This article is too long to use in one piece: 10,001 Chinese sentences (the limit"
            " is 10,000); split it into several articles.",
        ),
    ],
    ids=[
        "empty",
        "blank",
        "no-chinese",
        "empty-file",
        "blank-file",
        "binary",
        "not-utf8",
        "too-many-sentences",
    ],
)
def test_bad_upload_shows_a_message_and_saves_nothing(client, app, content, message):
    if isinstance(content, bytes):
        data = {"csrf_token": token(client), "file": (io.BytesIO(content), "a.md")}
        response = client.post("/upload/", data=data, content_type="multipart/form-data")
    else:
        response = post(client, "/upload/", text=content)
    assert response.status_code == 400
    assert message in response.text
    assert 'data-testid="upload-error"' in response.text
    assert uploads(app) == []


def test_upload_over_2_mb_is_413(client, app):
    big = "中" * (2 * 1024 * 1024 // 3 + 10)
    response = client.post("/upload/", data={"csrf_token": token(client), "text": big})
    assert response.status_code == 413
    assert "The upload is too large: the limit is 2 MB." in response.text
    assert 'data-testid="upload-error"' in response.text  # on the upload form, to try again
    assert 'data-testid="upload-text"' in response.text
    assert uploads(app) == []


def test_article_text_is_escaped_everywhere(client, app):
    preview = post(client, "/upload/", text=HOSTILE)
    assert preview.status_code == 200
    saved = post(client, "/upload/save", text=HOSTILE)
    key = saved.location.rsplit("/", 1)[1]
    url = start_quiz(client, key)
    pages = [
        preview.text,
        client.get("/").text,
        client.get(f"/article/{key}").text,
        client.get(url).text,
        answer(client, url, answer="<script>x</script>")[1].text,
    ]
    for page in pages:  # the parser keeps tags as text; every page escapes them
        assert "<script>alert" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#34;zh&#34;)&lt;/script&gt;" in pages[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[0]
    assert "1 &lt; 2 &amp;&amp; 3 &gt; 2" in pages[0] and "和&amp;lt;b&amp;gt;" in pages[0]
    assert "标题&lt;script&gt;alert(1)&lt;/script&gt; &amp;&#34;引号&#34;" in pages[1]
    assert "Title &lt;img src=x onerror=alert(1)&gt; &amp; co" in pages[1]
    assert (
        'You answered <span class="mixed" lang="zh">&lt;script&gt;x&lt;/script&gt;</span>'
        in pages[4]
    )


def test_templates_escape_study_set_text(app):
    """Whatever text a study set holds, markup in it is shown as text."""
    from flask import render_template
    from studysets import sentence, study_set

    from learnkit.study.store import QuizSession

    evil = '<script>alert("x")</script>'
    pair = sentence(
        "evil000001", [("我们", "wo3 men5", evil, {"study": True}), evil, "。"], f"We {evil}."
    )
    (item,) = build_items(study_set("evil000001", [pair], [], title=evil, title_en=evil))
    session = QuizSession("s", None, ("x",), 0)
    with app.test_request_context("/"):
        pages = [
            render_template("quiz/item.html", item=item, session=session),
            render_template(
                "quiz/feedback.html",
                item=item,
                sid="s",
                position=0,
                total=1,
                outcome=check_typed(item, evil),
                due=T0,
                now=T0,
                last=True,
            ),
        ]
    for page in pages:
        assert "<script>alert" not in page
        assert page.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") >= 2


# -- CSRF and secrets --------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/quiz/start", "/upload/", "/upload/save", "/quiz/x/answer"])
def test_every_post_needs_the_csrf_token(client, app, url):
    response = client.post(url, data={"text": UPLOAD, "article": "x"})
    assert response.status_code == 400
    assert "The form was rejected (The CSRF token is missing.)" in response.text
    assert uploads(app) == []


def test_secret_key_generated_once_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("LEARNKIT_SECRET_KEY", raising=False)
    config = {"INSTANCE_PATH": str(tmp_path / "inst"), "SEEDS_DIR": None}
    first = create_app(dict(config))
    path = tmp_path / "inst" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first.config["SECRET_KEY"]) == 64
    assert create_app(dict(config)).config["SECRET_KEY"] == first.config["SECRET_KEY"]
    monkeypatch.setenv("LEARNKIT_SECRET_KEY", "from-env")
    assert create_app(dict(config)).config["SECRET_KEY"] == "from-env"


# -- the serve command -------------------------------------------------------------------


def test_serve_help():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host TEXT" in result.output and "[default: 127.0.0.1]" in result.output


def test_serve_missing_seeds_folder(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--seeds", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.output.strip().endswith(f"Error: {tmp_path / 'nope'}: no such folder of articles")


def test_statistics_page(client, clock, sample_study_set, sample_items):
    day1 = clock.now
    url = start_quiz(client, sample_study_set.id)
    first = sample_items[current(client, url)[0]]
    answer(client, url, answer=first.answer)  # Good: due in 10 minutes
    answer(client, url, answer="")  # Again: due in a minute
    clock.now += timedelta(days=1)
    url = start_quiz(client, sample_study_set.id)
    answer(client, url, answer="")  # the item due again comes first
    page = " ".join(client.get("/stats").text.split())
    assert '<strong data-testid="streak">2</strong> days in a row · 3 answers in all' in page
    assert f"{day1.date().isoformat()}</time></td><td>2</td>" in page
    assert f"{clock.now.date().isoformat()}</time></td><td>1</td>" in page
    total = len(sample_items)
    assert "<tr><td>today (and overdue)</td><td>2</td></tr>" in page  # the two from day 1
    assert (
        f'<tr data-article="{sample_study_set.id}"> <td><a href="/article/{sample_study_set.id}"'
        f' lang="zh">{sample_study_set.title_zh}</a></td> <td>2 of {total}</td>'
    ) in page
    assert 'href="/stats">Statistics</a>' in page
    clock.now += timedelta(days=2)  # a day without answers ends the streak
    page = client.get("/stats").text
    assert '<strong data-testid="streak">0</strong> days in a row' in page


ONE = """# 银行

我们去**银行**。

---

# The bank

We go to the **bank**.
"""


def test_counts_of_one_are_singular(client, sample_study_set):
    """'1 phrase · 1 sentence', not '1 phrases · 1 sentences', on every page that counts."""
    preview = " ".join(post(client, "/upload/", text=ONE).text.split())
    assert "1 phrase · 1 sentence pair</p>" in preview
    key = post(client, "/upload/save", text=ONE).location.rsplit("/", 1)[1]
    facts = "1 phrase · 1 sentence ·"
    assert facts in " ".join(client.get(f"/article/{key}").text.split())
    assert facts in " ".join(client.get("/").text.split())
    answer(client, start_quiz(client, sample_study_set.id), answer="")
    assert "· 1 answer in all</p>" in client.get("/stats").text


def test_undo_the_last_answer_regrades_and_keeps_the_log(
    client, app, sample_study_set, sample_items
):
    url = start_quiz(client, sample_study_set.id)
    item, position, _ = current(client, url)
    answer(client, url, answer="错")  # a slip: Again
    sid = url.rsplit("/", 1)[-1]
    assert post(client, f"{url}/undo", position=position).status_code == 302
    assert current(client, url)[:2] == (item, position)  # asked again
    _, response = answer(client, url, answer=sample_items[item].answer)
    assert verdict(response) == "right"
    assert "Next review in 10 minutes." in response.text  # Good from the card as it was
    # only the last answer can be undone, once
    assert (
        "Nothing to undo"
        in client.post(
            f"{url}/undo",
            data={"csrf_token": token(client), "position": "5"},
            follow_redirects=True,
        ).text
    )
    with app.app_context():
        from web.db import get_store

        rows = (
            get_store()
            .db.execute("SELECT verdict, undone FROM reviews WHERE session = ? ORDER BY id", (sid,))
            .fetchall()
        )
    assert rows == [("wrong", 1), ("right", 0)]  # the log keeps the undone answer


LESSON_1 = (
    "# 课文\n\n我们需要**改革**。他们喜欢**音乐**。\n\n---\n\n# Lesson\n\n"
    "We need **reform**. They like **music**.\n"
)
LESSON_2 = "# 课文\n\n今天天气**很好**。\n\n---\n\n# Lesson\n\nThe weather is **fine** today.\n"


@pytest.mark.parametrize("step", ["/upload/", "/upload/save"], ids=["preview", "save"])
def test_another_article_with_the_same_title_is_told_why(client, app, step):
    """Two lessons both titled 课文, with no date or link, share an article id: the second
    is refused saying so and what to do, not "already in your library" (it is not)."""
    assert post(client, "/upload/save", text=LESSON_1).status_code == 302
    before = uploads(app)
    refused = post(client, step, text=LESSON_2)
    assert refused.status_code == 400
    assert "already in your library" not in refused.text
    assert "same Chinese title and no date or source link" in refused.text
    assert uploads(app) == before
    again = post(client, step, text=LESSON_1.replace("改革", "改变"))  # an edit of it
    assert "This article is already in your library." in again.text
    dated = "---\ndate: 2024-05-20\n---\n\n" + LESSON_2
    assert post(client, "/upload/save", text=dated).status_code == 302
