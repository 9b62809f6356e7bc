"""End to end in a real headless Chromium: a keyboard-only quiz, an upload, a deck, a restart.

The app runs in a thread (werkzeug) on 127.0.0.1 with a fresh instance folder per test.
Without /usr/bin/chromium these tests skip, or fail when the CI variable is set.
"""

from __future__ import annotations

import io
import os
import re
import sqlite3
import threading
import zipfile
from pathlib import Path

import pytest
from conftest import SEEDS
from test_web import UPLOAD
from werkzeug.serving import WSGIRequestHandler, make_server

from learnkit.study.quiz import build_items
from web import create_app

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(os.environ.get("LEARNKIT_SCREENSHOTS", "/tmp"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium fonts-wqy-microhei)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def base_url():
    # Replaces pytest-playwright's fallback fixture (a plugin method that pytest 9 warns
    # about, an error here); each test uses its own server's address.
    return None


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: object) -> None:
        pass


class Server:
    """The app on a free port of 127.0.0.1; ``restart`` builds a new app on the same data."""

    def __init__(self, instance: Path) -> None:
        self.instance = instance
        self.thread: threading.Thread | None = None
        self.start()

    def start(self) -> None:
        app = create_app(
            {"INSTANCE_PATH": str(self.instance), "SEEDS_DIR": str(SEEDS), "FSRS_FUZZING": False}
        )
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        assert self.thread is not None
        self.thread.join(5)

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def server(tmp_path):
    s = Server(tmp_path / "instance")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def answers(sample_study_set):
    return {i.id: i for i in build_items(sample_study_set)}


def current_item(page, answers):
    return answers[page.locator("section.quiz").get_attribute("data-item")]


def next_item(page, position: str) -> None:
    """Enter on the feedback page continues (the Next link has the focus)."""
    expect(page.get_by_test_id("next-item")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".progress span")).to_have_text(position)


def loaded(page) -> None:
    """Wait until quiz.js has bound its keys. It is deferred, so this also means the
    stylesheet has loaded: a key pressed or a style read before that would race."""
    expect(page.locator("html")).to_have_attribute("data-keys", "ready")


def press_key(page, key: str, target=None) -> None:
    """Press a shortcut once the page's keys work."""
    loaded(page)
    (target or page.keyboard).press(key)


def type_answer(page, text: str) -> None:
    box = page.get_by_test_id("answer-input")
    expect(box).to_be_focused()
    box.fill(text)
    box.press("Enter")


def start_sample_quiz(page, server, sample_study_set):
    page.goto(server.url + "/")
    page.locator(f'li[data-article="{sample_study_set.id}"]').get_by_test_id("quiz-start").click()
    expect(page.get_by_test_id("cloze-prompt")).to_be_visible()
    loaded(page)


def start_uploaded_quiz(page, server, text: str) -> dict:
    """Upload ``text``, save it and start its quiz; the library's items by id."""
    page.goto(server.url + "/upload/")
    page.get_by_test_id("upload-text").fill(text)
    page.get_by_test_id("upload-submit").click()
    page.get_by_test_id("upload-save").click()
    page.get_by_test_id("quiz-start").click()
    with server.app.app_context():
        from web.db import get_library, get_store

        return get_library().items(get_store())


def test_keyboard_quiz_end_to_end(page, server, sample_study_set, answers):
    total = len(answers)
    start_sample_quiz(page, server, sample_study_set)
    item = current_item(page, answers)
    expect(page.get_by_test_id("cloze-prompt")).to_have_text(item.before + "(blank)" + item.after)
    expect(page.get_by_test_id("cloze-hint")).to_have_text(item.sentence.en)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(SHOTS / "learnkit-quiz-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "learnkit-quiz-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    type_answer(page, item.answer)  # typed hanzi
    feedback = page.get_by_test_id("feedback")
    expect(feedback).to_have_attribute("data-verdict", "right")
    expect(page.locator(".answer-line .big")).to_have_text(item.answer)
    expect(page.locator("p.ruby ruby.hit").first).to_be_visible()  # sentence with pinyin
    next_item(page, f"2 / {total}")

    item = current_item(page, answers)
    type_answer(page, re.sub(r"\d", "", item.numbers))  # pinyin without tones
    expect(feedback).to_have_attribute("data-verdict", "toneless")
    expect(feedback).to_contain_text(f"Right, but mind the tones: {item.pinyin}.")
    next_item(page, f"3 / {total}")

    item = current_item(page, answers)
    hint = page.get_by_test_id("pinyin-hint")
    expect(hint.locator(".py")).to_be_hidden()
    press_key(page, "?")  # the pinyin hint, on demand
    expect(hint.locator(".py")).to_have_text(item.pinyin)
    type_answer(page, "错误")  # a wrong answer
    expect(feedback).to_have_attribute("data-verdict", "wrong")
    expect(feedback).to_contain_text(f"Not quite: the answer is {item.answer} ({item.pinyin})")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "learnkit-feedback-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    next_item(page, f"4 / {total}")

    item = current_item(page, answers)
    choices = page.locator(".choices button [lang=zh]").all_inner_texts()
    key = str(choices.index(item.answer) + 1)
    expect(page.get_by_test_id(f"choice-{key}")).to_contain_text(item.answer)
    press_key(page, key)  # multiple choice by keyboard
    expect(feedback).to_have_attribute("data-verdict", "right")
    for n in range(5, total + 1):
        next_item(page, f"{n} / {total}")
        type_answer(page, "")
    expect(page.get_by_test_id("next-item")).to_be_focused()
    page.keyboard.press("Enter")
    summary = page.get_by_test_id("summary")
    expect(summary).to_contain_text(f"3 of {total} right (1 without tones)")
    expect(summary.locator("tbody tr")).to_have_count(total)
    page.set_viewport_size({"width": 390, "height": 844})  # phone: the table scrolls, not the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 800})


def test_upload_download_deck_and_quiz_it(page, server):
    page.goto(server.url + "/upload/")
    page.get_by_test_id("upload-text").fill(UPLOAD)
    page.get_by_test_id("upload-submit").click()
    expect(page.locator("table.phrases")).to_contain_text("经济政策")
    expect(page.locator("table.pairs")).to_contain_text("The government released an")
    page.get_by_test_id("upload-save").click()
    expect(page.locator("p.flash")).to_contain_text("Saved.")
    with page.expect_download() as info:
        page.get_by_test_id("deck-download").click()
    download = info.value
    assert download.suggested_filename == "2025-01-02 经济讨论.apkg"  # date and title
    with zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())) as z:
        assert "collection.anki2" in z.namelist()
    article = page.url
    page.get_by_test_id("quiz-start").click()
    expect(page.get_by_test_id("cloze-prompt")).to_contain_text("(blank)")
    expect(page.get_by_test_id("choice-4")).to_be_visible()
    page.goto(article)
    page.get_by_test_id("delete-article").click()  # delete the upload
    expect(page.locator("p.flash")).to_contain_text("Deleted “经济讨论”")
    expect(page.locator("li.card")).to_have_count(1)  # the seed article only


LONG_WORDS = """# 长词

记者采访了**弗拉基米尔·普京**，谈到**国际化进程**。

---

# Long words

The reporter interviewed **Vladimir Putin** about **internationalisation**.
"""


def test_phrase_tables_fit_a_phone(page, server, sample_study_set):
    """At 375 px the article page and an upload's preview are no wider than the phone:
    long pinyin and English words break inside their cells (the sample was 378 px before)."""
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{server.url}/article/{sample_study_set.id}")
    expect(page.locator("table.phrases")).to_contain_text("US-China rapprochement")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.goto(server.url + "/upload/")
    page.get_by_test_id("upload-text").fill(LONG_WORDS)
    page.get_by_test_id("upload-submit").click()
    expect(page.locator("table.phrases")).to_contain_text("internationalisation")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_bad_upload_shows_the_reason(page, server):
    page.goto(server.url + "/upload/")
    page.get_by_test_id("upload-text").fill("Just English, no Chinese at all.")
    page.get_by_test_id("upload-submit").click()
    expect(page.get_by_test_id("upload-error")).to_contain_text("No Chinese text was found")
    expect(page.get_by_test_id("upload-text")).to_have_value("Just English, no Chinese at all.")


def test_restart_keeps_progress(page, server, sample_study_set, answers):
    total = len(answers)
    start_sample_quiz(page, server, sample_study_set)
    type_answer(page, current_item(page, answers).answer)
    next_item(page, f"2 / {total}")
    type_answer(page, "不知道")
    quiz_path = page.url.removeprefix(server.url).rsplit("/answer", 1)[0]
    server.restart()
    page.goto(server.url + quiz_path)
    expect(page.locator(".progress span")).to_have_text(f"3 / {total}")
    page.goto(server.url + "/")
    expect(page.get_by_test_id("items-due")).to_have_text("0")
    expect(page.locator(f'li[data-article="{sample_study_set.id}"] .facts')).to_contain_text(
        f"{total - 2} new"
    )
    db = sqlite3.connect(server.instance / "learnkit.sqlite3")
    assert db.execute("SELECT verdict FROM reviews ORDER BY id").fetchall() == [
        ("right",),
        ("wrong",),
    ]


# -- readable: pinyin glyphs, the verdict in view, dark mode -------------------------------

THIRD_TONES = "ǎǒǔǐǚ"

INK_PROBE = """([chars, cls]) => {
  const box = document.createElement("div");
  box.id = "ink-probe";
  document.body.prepend(box);
  for (const ch of [" ", ...chars]) {
    const span = document.createElement("span");
    span.className = cls;
    span.textContent = ch;
    Object.assign(span.style, {display: "inline-block", width: "48px", height: "48px",
      fontSize: "32px", lineHeight: "48px", textAlign: "center", color: "#000",
      background: "#fff", overflow: "hidden"});
    box.append(span);
  }
}"""


def _inked(page, cls: str) -> dict[str, bool]:
    """Whether each third-tone vowel draws any ink in an element of class ``cls``."""
    page.evaluate(INK_PROBE, [THIRD_TONES, cls])
    spans = page.locator("#ink-probe span")
    blank = spans.nth(0).screenshot()
    inked = {ch: spans.nth(n + 1).screenshot() != blank for n, ch in enumerate(THIRD_TONES)}
    page.evaluate("document.getElementById('ink-probe').remove()")
    return inked


def test_tone_marked_vowels_render_with_ink(page, server, sample_study_set, answers):
    start_sample_quiz(page, server, sample_study_set)
    type_answer(page, current_item(page, answers).answer)
    expect(page.get_by_test_id("feedback")).to_be_visible()
    loaded(page)
    assert _inked(page, "py") == dict.fromkeys(THIRD_TONES, True)  # pinyin, ruby, glosses
    # The control: the CJK font alone draws them blank (why the Latin font comes first).
    assert _inked(page, "zh") == dict.fromkeys(THIRD_TONES, False)
    for selector in (".glosses .py", "p.ruby rt", ".answer-line .py"):
        family = page.locator(selector).first.evaluate("e => getComputedStyle(e).fontFamily")
        assert family.startswith('"DejaVu Sans"'), (selector, family)
    next_item(page, f"2 / {len(answers)}")
    box = page.get_by_test_id("answer-input")
    assert box.evaluate("e => getComputedStyle(e).fontFamily").startswith('"DejaVu Sans"')


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_verdict_and_answer_in_view_on_phone_and_desktop(
    page, server, sample_study_set, answers, scheme
):
    page.emulate_media(color_scheme=scheme)
    start_sample_quiz(page, server, sample_study_set)
    blank = page.get_by_test_id("blank")
    em = float(blank.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert blank.bounding_box()["width"] == pytest.approx(3 * em, abs=1)  # any answer's length
    expect(page.get_by_test_id("blank")).to_have_text("(blank)")  # read out as "(blank)"
    type_answer(page, "guanxi")  # wrong letters: the longest message
    feedback = page.get_by_test_id("feedback")
    expect(feedback).to_have_attribute("data-verdict", "wrong")
    paper = {"dark": "rgb(20, 24, 29)", "light": "rgb(251, 250, 247)"}[scheme]
    expect(page.locator("body")).to_have_css("background-color", paper)  # once styled
    for name, size in (("desktop", (1280, 800)), ("phone", (390, 844))):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.get_by_test_id("next-item").focus()
        top = page.evaluate("window.scrollY")
        for element in (feedback.locator(".verdict"), feedback.locator(".message")):
            box = element.bounding_box()
            assert top <= box["y"] and box["y"] + box["height"] <= top + size[1], (name, box)
        page.screenshot(path=str(SHOTS / f"learnkit-feedback-{name}-{scheme}.png"))


# -- choices, audio, a second tab ------------------------------------------------------------


def test_choices_are_shuffled_per_session(page, server, sample_study_set, answers):
    orders = set()
    for _ in range(4):
        start_sample_quiz(page, server, sample_study_set)
        item = current_item(page, answers)
        orders.add(tuple(page.locator(".choices button [lang=zh]").all_inner_texts()))
        assert sorted(next(iter(orders))) == sorted(item.choices)
    assert len(orders) > 1
    choices = page.locator(".choices button [lang=zh]").all_inner_texts()
    press_key(page, str(choices.index(item.answer) + 1))  # the number shown is the one judged
    expect(page.get_by_test_id("feedback")).to_have_attribute("data-verdict", "right")


def test_listen_buttons_hidden_without_a_chinese_voice(page, server, sample_study_set):
    assert page.evaluate("speechSynthesis.getVoices().length") == 0  # headless Chromium
    start_sample_quiz(page, server, sample_study_set)
    expect(page.get_by_test_id("listen-sentence")).to_be_hidden()


FAKE_VOICES = """
window.__spoken = [];
const voice = {lang: "zh-CN", name: "Test Chinese", default: false, localService: true};
Object.defineProperty(speechSynthesis, "getVoices", {value: () => [voice]});
Object.defineProperty(speechSynthesis, "speak", {
  value: (u) => window.__spoken.push([u.text, u.lang]),
});
Object.defineProperty(speechSynthesis, "cancel", {value: () => {}});
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
"""


def test_listen_with_a_chinese_voice_by_button_and_keyboard(
    page, server, sample_study_set, answers
):
    page.add_init_script(FAKE_VOICES)
    start_sample_quiz(page, server, sample_study_set)
    item = current_item(page, answers)
    listen = page.get_by_test_id("listen-sentence")
    expect(listen).to_be_visible()
    press_key(page, "Alt+l", page.get_by_test_id("answer-input"))  # while typing: Alt+L
    spoken = page.evaluate("window.__spoken")
    assert spoken == [[f"{item.before}，{item.after}", "zh-CN"]]  # the blank is not read out
    assert item.answer not in spoken[0][0]
    press_key(page, "l", page.get_by_test_id("answer-input"))  # a plain l is typed, not a shortcut
    expect(page.get_by_test_id("answer-input")).to_have_value("l")
    page.get_by_test_id("answer-input").fill("")
    type_answer(page, item.answer)
    expect(page.get_by_test_id("listen-answer")).to_be_visible()
    press_key(page, "l")
    press_key(page, "s")
    page.get_by_test_id("listen-answer").click()
    assert page.evaluate("window.__spoken") == [  # a new page: a new list
        [item.answer, "zh-CN"],
        [item.sentence.zh, "zh-CN"],
        [item.answer, "zh-CN"],
    ]


def test_an_answer_from_a_second_tab_says_it_was_not_counted(
    page, server, sample_study_set, answers
):
    start_sample_quiz(page, server, sample_study_set)
    other = page.context.new_page()
    other.goto(page.url)
    type_answer(page, current_item(page, answers).answer)
    expect(page.get_by_test_id("feedback")).to_be_visible()
    other.get_by_test_id("answer-input").fill("关系")
    other.get_by_test_id("answer-input").press("Enter")
    expect(other.locator("p.flash")).to_contain_text("That answer was not counted")
    expect(other.locator(".progress span")).to_have_text(f"2 / {len(answers)}")
    db = sqlite3.connect(server.instance / "learnkit.sqlite3")
    assert db.execute("SELECT count(*) FROM reviews").fetchone() == (1,)


@pytest.mark.parametrize("resend", ["enter-twice", "reload"])
def test_an_answer_sent_twice_shows_its_feedback_once_counted(
    page, server, sample_study_set, answers, resend
):
    """Enter pressed twice before the page changes, or the feedback page reloaded: the
    feedback of that answer (it was the "not counted" notice and the next question, the
    answer's grading never seen), and one review."""
    start_sample_quiz(page, server, sample_study_set)
    item = current_item(page, answers)
    box = page.get_by_test_id("answer-input")
    box.fill(item.answer)
    if resend == "enter-twice":
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")
    else:
        box.press("Enter")
        expect(page.get_by_test_id("feedback")).to_be_visible()
        page.reload()
    expect(page.get_by_test_id("feedback")).to_have_attribute("data-verdict", "right")
    expect(page.locator(".progress span")).to_have_text(f"1 / {len(answers)}")
    expect(page.locator("p.flash")).to_have_count(0)
    db = sqlite3.connect(server.instance / "learnkit.sqlite3")
    assert db.execute("SELECT count(*) FROM reviews").fetchone() == (1,)
    next_item(page, f"2 / {len(answers)}")


def test_show_me_grades_again_and_shows_the_answer(page, server, sample_study_set, answers):
    start_sample_quiz(page, server, sample_study_set)
    item = current_item(page, answers)
    press_key(page, "Enter", page.get_by_test_id("answer-input"))  # empty: show me
    feedback = page.get_by_test_id("feedback")
    expect(feedback).to_have_attribute("data-verdict", "wrong")
    expect(feedback.locator("h1")).to_have_text("The answer")
    expect(feedback).to_contain_text(f"The answer is {item.answer} ({item.pinyin}).")


def test_reading_view_pinyin_on_demand_and_gloss_on_click(page, server, sample_study_set):
    page.goto(f"{server.url}/article/{sample_study_set.id}")
    page.get_by_test_id("read-article").click()
    reading = page.get_by_test_id("reading")
    expect(reading.locator("h1")).to_have_text(sample_study_set.title_zh)
    pair = sample_study_set.sentences[0]
    bold = "".join(
        w.text
        for w in pair.words
        if any(s.start < w.end and s.end > w.start for s in pair.zh_emphasis)
    )
    assert bold and reading.locator(".paragraph").first.locator(".bold").first.is_visible()
    first = reading.locator(".paragraph").first.locator(".bold").all_inner_texts()
    assert "".join(t.split("\n")[0] for t in first).startswith(bold[:4])
    rt = reading.locator("rt").first
    expect(rt).to_be_hidden()
    press_key(page, "p")  # pinyin on demand
    expect(rt).to_be_visible()
    expect(page.get_by_test_id("toggle-pinyin")).to_have_attribute("aria-pressed", "true")
    word = next(w for w in pair.words if w.gloss and w.study)
    reading.locator("button.word", has_text=word.text).first.click()
    expect(page.get_by_test_id("gloss-panel")).to_contain_text(
        f"{word.text} {word.pinyin} {word.gloss}"
    )
    expect(reading.locator(".reading-en").first).to_be_hidden()
    page.get_by_test_id("toggle-english").click()
    expect(reading.locator(".reading-en").first).to_contain_text(pair.en)
    for name, size in (("desktop", (1280, 800)), ("phone", (390, 844))):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.screenshot(path=str(SHOTS / f"learnkit-reading-{name}.png"))


# -- accessibility: axe-core (npm, package-lock.json) on every page, light and dark --------

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def _axe(page, name: str, found: dict[str, list[str]]) -> None:
    page.wait_for_load_state()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found[name] = [
        f"{v['id']}: {v['nodes'][0]['html'][:120]} ({v['nodes'][0]['failureSummary'][:160]})"
        for v in result["violations"]
    ]


def _tones_wrong(numbers: str) -> str:
    return re.sub(r"[1-4]", lambda m: str(int(m.group()) % 4 + 1), numbers)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(browser, server, sample_study_set, answers, scheme):
    if not AXE.exists():
        message = f"{AXE} is missing (npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)  # to inject axe
    page = context.new_page()
    found: dict[str, list[str]] = {}
    page.goto(server.url + "/")
    _axe(page, "library", found)
    page.goto(f"{server.url}/article/{sample_study_set.id}")
    _axe(page, "article", found)
    page.get_by_test_id("read-article").click()
    _axe(page, "reading", found)
    press_key(page, "p")
    page.locator("button.word").first.click()
    _axe(page, "reading with pinyin and a gloss", found)
    page.goto(f"{server.url}/article/{sample_study_set.id}")
    page.get_by_test_id("quiz-start").click()
    _axe(page, "quiz item", found)
    total = len(answers)
    typed = [
        ("right", lambda i: i.answer),
        ("toneless", lambda i: re.sub(r"\d", "", i.numbers)),
        ("tones", lambda i: _tones_wrong(i.numbers)),
        ("wrong", lambda i: "错误"),
        ("shown", lambda i: ""),
    ]
    for n in range(total):
        item = current_item(page, answers)
        verdict, answer = typed[n] if n < len(typed) else ("shown", lambda i: "")
        type_answer(page, answer(item))
        expect(page.get_by_test_id("feedback")).to_be_visible()
        if n < len(typed):
            _axe(page, f"feedback ({verdict})", found)
        page.keyboard.press("Enter")
    expect(page.get_by_test_id("summary")).to_be_visible()
    _axe(page, "summary", found)
    page.goto(server.url + "/upload/")
    _axe(page, "upload form", found)
    page.get_by_test_id("upload-text").fill(UPLOAD)
    page.get_by_test_id("upload-submit").click()
    expect(page.locator("table.phrases")).to_be_visible()
    _axe(page, "upload preview", found)
    page.goto(server.url + "/upload/")
    page.get_by_test_id("upload-text").fill("Just English, no Chinese at all.")
    page.get_by_test_id("upload-submit").click()
    expect(page.get_by_test_id("upload-error")).to_be_visible()
    _axe(page, "upload error", found)
    page.goto(server.url + "/no-such-page")
    _axe(page, "not found", found)
    page.goto(server.url + "/stats")
    _axe(page, "statistics", found)
    context.close()
    assert {name: v for name, v in found.items() if v} == {}
    assert len(found) == 16


def test_undo_a_slip_by_keyboard(page, server, sample_study_set, answers):
    start_sample_quiz(page, server, sample_study_set)
    item = current_item(page, answers)
    type_answer(page, "错")
    expect(page.get_by_test_id("feedback")).to_have_attribute("data-verdict", "wrong")
    press_key(page, "u")  # undo: the same question again
    expect(page.get_by_test_id("answer-input")).to_be_focused()
    expect(page.locator(".progress span")).to_have_text(f"1 / {len(answers)}")
    assert current_item(page, answers) == item
    type_answer(page, item.answer)
    expect(page.get_by_test_id("feedback")).to_have_attribute("data-verdict", "right")
    db = sqlite3.connect(server.instance / "learnkit.sqlite3")
    assert db.execute("SELECT verdict, undone FROM reviews ORDER BY id").fetchall() == [
        ("wrong", 1),
        ("right", 0),
    ]


DIGITS = """# 新技术

这家公司的**3D打印**在发展，**5G网络**也在建设。**1号线**的**经济政策**很重要，**年度报告**说了。

---

# New technology

The company's **3D printing** is developing, and **5G networks** are being built. **Line 1**'s
**economic policy** matters, the **annual report** said.
"""


def test_an_answer_typed_from_a_digit_is_typed_not_a_choice(page, server):
    """Keys 1-4 pick a choice in the empty box, except when a choice starts with a digit:
    typing 3D打印 key by key picked choice 3 at its first key, and was graded wrong."""
    items = start_uploaded_quiz(page, server, DIGITS)
    seen = []
    while not page.get_by_test_id("summary").count():
        item = items[page.locator("section.quiz").get_attribute("data-item")]
        expect(page.get_by_test_id("answer-input")).to_be_focused()
        page.keyboard.type(item.answer)  # key by key, as a learner types
        page.keyboard.press("Enter")
        expect(page.get_by_test_id("feedback")).to_have_attribute("data-verdict", "right")
        seen.append(item.answer)
        page.get_by_test_id("next-item").click()
    assert {"3D打印", "1号线"} <= set(seen)


OTHER_SPELLINGS = """# 学习

我们需要**改革**，没有改革就没有发展。他**一点儿**也不累，买了**一个**苹果。这座桥建于**20世纪**。

---

# Learning

We need **reform**; without reform there is no development. He is not **at all** tired, and
bought **an** apple. The bridge was built in the **20th century**.
"""


def test_repeats_are_hidden_and_other_spellings_are_right(page, server):
    """A phrase standing twice in its sentence is hidden both times (the second gave the
    answer away), and is not read out; what learners type for the others is right: 一点 for
    一点儿, yí ge for 一个 (sandhi, neutral 个), èrshí shìjì for 20世纪."""
    page.add_init_script(FAKE_VOICES)
    items = start_uploaded_quiz(page, server, OTHER_SPELLINGS)
    typed = {"改革": "gǎigé", "一点儿": "一点", "一个": "yí ge", "20世纪": "èrshí shìjì"}
    seen = set()
    while not page.get_by_test_id("summary").count():
        item = items[page.locator("section.quiz").get_attribute("data-item")]
        prompt = page.get_by_test_id("cloze-prompt")
        expect(prompt).to_be_visible()
        assert item.answer not in prompt.inner_text(), item.answer
        repeats = 1 if item.answer == "改革" else 0
        expect(page.get_by_test_id("blank-repeat")).to_have_count(repeats)
        press_key(page, "Alt+l", page.get_by_test_id("answer-input"))
        assert item.answer not in page.evaluate("window.__spoken")[-1][0]
        type_answer(page, typed.get(item.answer, item.answer))
        expect(page.get_by_test_id("feedback")).to_have_attribute("data-verdict", "right")
        seen.add(item.answer)
        page.get_by_test_id("next-item").click()
    assert set(typed) <= seen
