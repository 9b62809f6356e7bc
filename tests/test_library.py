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
