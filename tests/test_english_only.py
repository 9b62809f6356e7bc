"""Bold English whose Chinese is not in its sentence: kept with ``zh`` null and a warning,
through every consumer (JSON, ids, Anki, quiz, web); both directions of one-sided bold."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from anki_support import import_package, open_collection, render_all
from click.testing import CliRunner

from learnkit import codec
from learnkit.align.phrases import THRESHOLD
from learnkit.anki.notes import deck_spec
from learnkit.cli import cli
from learnkit.ids import carry_ids, english_phrase_id, item_id, study_items
from learnkit.models import Phrase, Span
from learnkit.pipeline import study_set
from learnkit.study.quiz import build_items

# The English adds "to widespread applause", which the Chinese does not say.
ARTICLE = """---
title: 城市交通
date: 2026-03-01
---

[原文链接](https://example.com/city-transport)

# 城市交通

市政府宣布了新的**公共交通**计划。他们有着共同的世界观。

他们还讨论了**气候变化**。

---

# City transport

The city government announced a new **public transport** plan, **to widespread applause**. \
They share a common **worldview**.

They also discussed climate change.
"""
APPLAUSE = "to widespread applause"
WARNING = (
    "bold English 'to widespread applause' has no Chinese counterpart in its sentence; "
    "kept without Chinese (no card, no quiz item)"
)
# The same article where the Chinese does say it (bold on both sides).
SAID = ARTICLE.replace("计划。", "计划，赢得了**广泛的掌声**。")


@pytest.fixture(scope="module")
def ss():
    return study_set(ARTICLE, "city.md")


def english_only(ss) -> Phrase:
    (phrase,) = [p for p in ss.phrases if p.zh is None]
    return phrase


# ---------------------------------------------------------------- the study set


@pytest.mark.parametrize(
    ("index", "zh", "en", "sentence", "confidence_of"),
    [
        (0, "公共交通", "public transport", 0, "en"),
        (1, None, APPLAUSE, 0, "zh"),
        (2, "世界观", "worldview", 1, "zh"),
        (3, "气候变化", "climate change", 2, "en"),
    ],
    ids=["both-bold", "en-bold-not-found-kept", "en-bold-zh-searched", "zh-bold-en-searched"],
)
def test_every_bold_phrase_is_kept(ss, index, zh, en, sentence, confidence_of):
    assert len(ss.phrases) == 4
    p = ss.phrases[index]
    pair = ss.sentences[sentence]
    assert (p.zh, p.en, p.sentence) == (zh, en, pair.id)
    assert pair.en[p.en_span.start : p.en_span.end] == p.en
    if zh is not None:
        assert pair.zh[p.zh_span.start : p.zh_span.end] == zh
    # the confidence is of the side that was not bold (the English when both were)
    kept, none = (
        (p.zh_confidence, p.en_confidence)
        if confidence_of == "zh"
        else (p.en_confidence, p.zh_confidence)
    )
    assert none is None and kept is not None
    assert (kept >= THRESHOLD) is (zh is not None)


def test_english_only_phrase_has_no_chinese_and_a_warning(ss):
    phrase = english_only(ss)
    assert phrase.zh_confidence < THRESHOLD
    assert phrase == Phrase(
        id=english_phrase_id(ss.id, APPLAUSE),
        zh=None,
        en=APPLAUSE,
        pinyin="",
        numbers="",
        sentence=ss.sentences[0].id,
        zh_span=None,
        en_span=Span(59, 81, APPLAUSE),
        zh_confidence=phrase.zh_confidence,
    )
    assert ss.warnings == (WARNING,)


def test_extract_json_has_the_phrase_with_zh_null(tmp_path):
    path = tmp_path / "city.md"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (phrase,) = [p for p in data["phrases"] if p["zh"] is None]
    assert phrase == {
        "id": english_phrase_id(data["id"], APPLAUSE),
        "zh": None,
        "en": APPLAUSE,
        "pinyin": "",
        "numbers": "",
        "sentence": data["sentences"][0]["id"],
        "zh_span": None,
        "en_span": [59, 81],
        "en_confidence": None,
        "zh_confidence": phrase["zh_confidence"],
        "hsk": None,
        "words": [],
    }
    assert data["warnings"] == [WARNING]


def test_json_round_trip(ss):
    assert codec.loads(codec.dumps(ss)) == ss
    assert codec.loads(codec.dumps(ss, indent=2)) == ss


# ---------------------------------------------------------------- ids


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        ("计划。", "计划.", True),  # Chinese punctuation
        ("他们有着", "他们都有着", True),  # the Chinese of another phrase's sentence
        ("a new **public transport** plan", "a new **public-transport** plan", True),
        ("**to widespread applause**", "**To widespread applause**", True),
        ("**to widespread applause**", "**to widespread  applause!**", True),
        ("**to widespread applause**", "**to wide applause**", False),  # a new phrase
    ],
    ids=["zh-punctuation", "zh-elsewhere", "other-en", "en-case", "en-spacing", "en-reworded"],
)
def test_english_only_id_comes_from_its_english(ss, old, new, same):
    assert old in ARTICLE
    edited = english_only(study_set(ARTICLE.replace(old, new), "city.md"))
    assert (edited.id == english_only(ss).id) is same


@pytest.mark.parametrize("text", ["G20", "世界观", "worldview", APPLAUSE])
def test_english_only_ids_never_equal_chinese_ids(text):
    assert english_phrase_id("a1", text) != item_id("a1", "phrase", text)
    assert english_phrase_id("a1", text).startswith("a1-e")
    assert item_id("a1", "phrase", text).startswith("a1-p")


def test_ids_are_never_carried_to_or_from_a_phrase_without_chinese(ss):
    said = study_set(SAID, "city.md")
    (lost,) = [p for p in said.phrases if p.zh == "广泛的掌声"]
    # the Chinese stops saying it: the English-only phrase takes no id of the previous build
    carried = carry_ids(ss, study_items(said))
    assert carried.sentences[0].id == said.sentences[0].id  # a corrected sentence keeps its id
    assert english_only(carried) == replace(english_only(ss), sentence=carried.sentences[0].id)
    assert lost.id not in {p.id for p in carried.phrases}
    # the Chinese starts saying it: a phrase with Chinese takes no English-only id
    carried = carry_ids(said, study_items(ss))
    assert [p.id for p in carried.phrases] == [p.id for p in said.phrases]
    assert english_only(ss).id not in {i.id for i in study_items(ss)}


# ---------------------------------------------------------------- Anki, quiz


def test_anki_makes_no_note_for_a_phrase_without_chinese(ss):
    notes = deck_spec(ss).notes
    with_zh = {p.id for p in ss.phrases if p.zh}
    assert {(n.note_type.kind, n.key) for n in notes} == (
        {("phrase", k) for k in with_zh}
        | {("cloze", k) for k in with_zh}
        | {("sentence", s.id) for s in ss.sentences}
    )
    assert not any(APPLAUSE in n.field("English") for n in notes if n.note_type.kind == "phrase")


def test_deck_imports_in_anki_without_a_card_for_it(ss, tmp_path):
    import learnkit

    path = learnkit.write_deck([ss], tmp_path / "city.apkg")
    col = open_collection(tmp_path / "col")
    try:
        log = import_package(col, path)
        cards = render_all(col)
        assert (len(log.new), col.note_count()) == (3 * 2 + 3, 3 * 2 + 3)
        assert english_only(ss).id not in {c.key for c in cards}
        for card in cards:
            assert not card.empty and card.question and card.answer, (card.key, card.template)
    finally:
        col.close()


def test_rebuild_when_the_chinese_stops_saying_it_retires_its_notes(tmp_path):
    import time

    import learnkit
    from learnkit.anki.notes import RETIRED_TAG

    path = tmp_path / "city.apkg"
    said = study_set(SAID, "city.md")
    learnkit.write_deck([said], path, timestamp=time.time() - 3600)
    col = open_collection(tmp_path / "col")
    try:
        import_package(col, path)
        (lost,) = [p for p in said.phrases if p.zh == "广泛的掌声"]
        before = {c.card_id: c.key for c in render_all(col)}
        learnkit.write_deck([study_set(ARTICLE, "city.md")], path)  # the package is the ledger
        log = import_package(col, path)
        assert len(log.new) == 0
        after = {c.card_id: c.key for c in render_all(col)}
        assert after == before  # every card keeps its key: no review moved
        retired = {col.get_note(n)["Key"] for n in col.find_notes(f"tag:{RETIRED_TAG}")}
        assert retired == {lost.id}  # its phrase and cloze notes
        assert len(col.find_notes(f"tag:{RETIRED_TAG}")) == 2
    finally:
        col.close()


def test_quiz_has_no_item_for_a_phrase_without_chinese(ss):
    items = build_items(ss)
    phrase_items = [i.id for i in items if i.kind == "phrase"]
    assert phrase_items == [p.id for p in ss.phrases if p.zh]
    assert english_only(ss).id not in {i.id for i in items}
    assert all(i.answer and i.english != APPLAUSE for i in items)


# ---------------------------------------------------------------- web


@pytest.fixture
def client(make_app, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "city.md").write_text(ARTICLE.replace(APPLAUSE, HOSTILE), encoding="utf-8")
    return make_app(SEEDS_DIR=str(seeds)).test_client()


HOSTILE = 'to <script>alert("x")</script> & applause'
ESCAPED = "to &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; applause"


def _key(client) -> str:
    return re.search(r'href="/article/([^"]+)"', client.get("/").text).group(1)


def test_library_and_article_page_list_it_without_chinese(client):
    index = client.get("/").text
    assert "4 phrases (1 without Chinese) · 3 sentences" in index
    # the new items are the quiz's: the phrase without Chinese is not one
    items = build_items(study_set(ARTICLE.replace(APPLAUSE, HOSTILE)))
    assert f"· {len(items)} new" in index
    page = client.get(f"/article/{_key(client)}").text
    assert "4 phrases (1 without Chinese) · 3 sentences" in page
    row = re.search(r'<tr class="no-zh"[^>]*>(.*?)</tr>', page, re.S).group(1)
    assert row == f'<td class="missing">not found in the Chinese</td><td></td><td>{ESCAPED}</td>'
    assert "<script>alert" not in page and "None" not in page


def test_read_view_marks_the_bold_english(client):
    page = client.get(f"/article/{_key(client)}/read")
    assert page.status_code == 200
    english = re.search(r'<p class="en reading-en" hidden>(.*?)</p>', page.text, re.S).group(1)
    assert english.startswith(
        'The city government announced a new <strong class="bold">public transport</strong>'
        f' plan, <strong class="bold">{ESCAPED}</strong>. They share a common '
        '<strong class="bold">worldview</strong>.'
    )
    assert "<script>alert" not in page.text


def test_quiz_asks_only_phrases_with_chinese(client):
    key = _key(client)
    page = client.get(f"/article/{key}").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    start = client.post("/quiz/start", data={"csrf_token": token, "article": key})
    assert start.status_code == 302
    quiz = client.get(start.location)
    assert quiz.status_code == 200 and "<script>alert" not in quiz.text


def test_upload_preview_lists_it(make_app, tmp_path):
    (tmp_path / "empty").mkdir()  # not in the library yet: a duplicate is refused at preview
    client = make_app(SEEDS_DIR=str(tmp_path / "empty")).test_client()
    page = client.get("/upload/").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    preview = client.post(
        "/upload/", data={"csrf_token": token, "text": ARTICLE.replace(APPLAUSE, HOSTILE)}
    )
    assert preview.status_code == 200
    assert "4 phrases (1 without Chinese) · 3 sentence pairs" in preview.text
    assert f"<td>{ESCAPED}</td>" in preview.text and "<script>alert" not in preview.text
    assert "kept without Chinese" in preview.text


# ---------------------------------------------------------------- adjacent English bold


@pytest.mark.parametrize(
    "en",
    [
        pytest.param("Both **inflation**, **growth** slowed.", id="comma"),
        pytest.param("Both **inflation** and **growth** slowed.", id="and"),
        pytest.param("Both **inflation**/**growth** slowed.", id="slash"),
        pytest.param("Both **inflation** **growth** slowed.", id="space-only"),
    ],
)
def test_adjacent_english_bold_spans_stay_apart_end_to_end(en):
    ss = study_set(f"# 经济\n\n**通货膨胀**和**经济增长**都放缓了。\n\n---\n\n# Economy\n\n{en}\n")
    assert [(p.zh, p.en) for p in ss.phrases] == [("通货膨胀", "inflation"), ("经济增长", "growth")]
    assert ss.warnings == ()
