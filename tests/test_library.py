"""learnkit.study.library: an edited article keeps its items' ids, so quiz reviews stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from learnkit.study.library import Library
from learnkit.study.store import Grade, Store

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def seeded(tmp_path, sample_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    article = seeds / "a.md"
    article.write_bytes(sample_path.read_bytes())
    clock = iter(T0 + timedelta(seconds=k) for k in range(1000))
    library = Library(seeds, tmp_path / "uploads", lambda: next(clock))
    with Store.create(tmp_path / "db.sqlite3", fuzzing=False) as store:
        yield article, library, store


def _phrases(library, store):
    (entry,) = library.entries(store)
    return {p.zh: p.id for p in entry.study_set.phrases}


def _answer(store, item, article):
    sid = store.create_session(article, [item], T0)
    store.answer_with(sid, 0, lambda i: (Grade(article, 3, "right", "双重遏制"), None), T0)


@pytest.mark.parametrize(
    ("old", "new", "phrase_before", "phrase_after"),
    [
        ('**"双重遏制"**', '**"双重遏止"**', "双重遏制", "双重遏止"),  # a corrected character
        ("世界观**. 文章", "世界观**。文章", "威权民族主义世界观", "威权民族主义世界观"),
        ("](https://ft.com/", "](https://www.ft.com/", "双重遏制", "双重遏制"),  # the article's id
        ("title: 习近平和普京", "title: 习近平与普京", "双重遏制", "双重遏制"),
    ],
    ids=["character", "punctuation", "source-link", "title"],
)
def test_an_edit_keeps_the_reviewed_item(seeded, old, new, phrase_before, phrase_after):
    article, library, store = seeded
    before = _phrases(library, store)
    item = before[phrase_before]
    (entry,) = library.entries(store)
    _answer(store, item, entry.key)
    text = article.read_text(encoding="utf-8")
    assert old in text
    article.write_text(text.replace(old, new), encoding="utf-8")
    after = _phrases(library, store)
    assert after[phrase_after] == item
    assert set(after.values()) == set(before.values())  # no other id moved or appeared
    assert store.studied_items() == {item}
    assert item in {i.id for i in library.entries(store)[0].items}


def test_a_new_phrase_gets_a_new_id_and_takes_no_review(seeded):
    article, library, store = seeded
    before = _phrases(library, store)
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("同时双方也相信", "同时双方也**相信**"), encoding="utf-8")
    after = _phrases(library, store)
    assert {zh: after[zh] for zh in before} == before
    assert after["相信"] not in before.values()


@pytest.mark.parametrize(
    ("old", "new", "phrase", "answer"),
    [
        # the key word's English edited away: the quiz still blanks 民族主义, not 威权
        (
            "**autocratic nationalism**",
            "**autocratic chauvinism**",
            "威权民族主义世界观",
            "民族主义",
        ),
    ],
    ids=["key-word-english"],
)
def test_an_english_edit_keeps_what_a_long_phrase_blanks(seeded, old, new, phrase, answer):
    article, library, store = seeded

    def blanked() -> str:
        (entry,) = library.entries(store)
        ids = _phrases(library, store)
        (item,) = [i for i in entry.items if i.id == ids[phrase]]
        return item.answer

    assert blanked() == answer
    text = article.read_text(encoding="utf-8")
    assert old in text
    article.write_text(text.replace(old, new), encoding="utf-8")
    assert blanked() == answer


TOWN = """# 小城的新图书馆

上个月，小城终于开了一家**新图书馆**。很多家长带着孩子去**借书**。

馆长说，他们希望**培养阅读习惯**。

---

# The small town's new library

Last month, the small town finally opened a **new library**. Many parents take their
children to **borrow books**.

The director said they hope to **build reading habits**.
"""
RIVER = """# 河边的早市

每天早上，河边都有一个热闹的**早市**。农民把新鲜的**蔬菜**运到城里。

---

# The riverside morning market

Every morning there is a lively **morning market** by the river. Farmers bring fresh
**vegetables** into town.
"""


@pytest.mark.parametrize(
    "between",
    [(), ("save", RIVER), ("preview", RIVER), ("save", RIVER, "preview", TOWN + "\n")],
    ids=["nothing", "another-upload", "another-preview", "upload-and-preview"],
)
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("# 小城的新图书馆", "# 小城新开的图书馆"),  # its id: no date, no link
        ("# 小城的新图书馆\n", "---\ndate: 2025-02-01\n---\n\n# 小城的新图书馆\n"),
    ],
    ids=["title", "date-added"],
)
def test_a_reuploaded_edit_keeps_its_reviews_whatever_came_between(tmp_path, between, old, new):
    """An uploaded article deleted and uploaded again with its id changed (its title
    edited, a date added) is found by its sentences among every upload, not only the
    upload read last: with another article uploaded or previewed between, it was a new
    article, its reviews left on items no longer in the library."""
    clock = iter(T0 + timedelta(seconds=k) for k in range(1000))
    library = Library(None, tmp_path / "uploads", lambda: next(clock))
    with Store.create(tmp_path / "db.sqlite3", fuzzing=False) as store:
        first = library.save_upload(TOWN.encode(), store)
        item = next(i.id for i in first.items if i.answer == "借书")
        sid = store.create_session(first.key, [item], T0)
        store.answer_with(sid, 0, lambda i: (Grade(first.key, 3, "right", "借书"), None), T0)
        library.delete_upload(first.key, store)
        for what, text in zip(between[::2], between[1::2], strict=True):
            if what == "save":
                library.save_upload(text.encode(), store)
            else:
                library.study_set(text.encode(), "upload", store)
        assert old in TOWN
        again = library.save_upload(TOWN.replace(old, new).encode(), store)
        assert again.key == first.key
        assert {i.id for i in again.items} == {i.id for i in first.items}
        assert item in library.items(store) and store.studied_items() == {item}


FEW_PHRASES = (
    "# 测试\n\n今天的**天气**很好。政府决定治理污染。\n\n---\n\n# Test\n\n"
    "The weather is fine today. The government decided to tackle pollution.\n"
)


@pytest.mark.parametrize(
    "edits",
    [
        # a sentence with the word added before the one it was studied in
        [
            ("今天的", "治理需要时间。今天的"),
            ("The weather", "Tackling it takes time. The weather"),
        ],
        # ... and after it: the item stays in the first sentence either way
        [("治理污染。", "治理污染。治理需要时间。"), ("pollution.", "pollution. It takes time.")],
    ],
    ids=["added-before", "added-after"],
)
def test_a_word_item_stays_in_the_sentence_it_was_studied_in(tmp_path, edits):
    """An article with few phrases quizzes its study words too (one item per word): a
    reviewed word item keeps asking the sentence it was reviewed in."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    article = seeds / "a.md"
    article.write_text(FEW_PHRASES, encoding="utf-8")
    library = Library(seeds, tmp_path / "uploads", lambda: T0)
    with Store.create(tmp_path / "db.sqlite3", fuzzing=False) as store:

        def word_item():
            (entry,) = library.entries(store)
            (item,) = [i for i in entry.items if i.kind == "word" and i.answer == "治理"]
            return item

        item = word_item()
        studied = item.sentence.zh
        assert "治理污染" in studied
        sid = store.create_session(item.article, [item.id], T0)
        grade = Grade(item.article, 3, "right", "治理", item.sentence.id)
        store.answer_with(sid, 0, lambda i: (grade, None), T0)
        text = FEW_PHRASES
        for old, new in edits:
            text = text.replace(old, new)
        article.write_text(text, encoding="utf-8")
        moved = word_item()
        assert (moved.id, moved.sentence.zh) == (item.id, studied)
        assert store.studied_items() == {item.id}
