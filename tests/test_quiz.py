"""Cloze items and their choices (learnkit.study.quiz); grading is in test_answers.py."""

from __future__ import annotations

import pytest
import studysets

from learnkit.ids import item_id
from learnkit.study.quiz import build_items, pick_choices


@pytest.fixture(scope="module")
def items():
    return {i.answer: i for i in build_items(studysets.rivals())}


def test_one_item_per_phrase_in_document_order():
    ss = studysets.rivals()
    built = build_items(ss)
    assert [i.answer for i in built] == [
        "对手",
        "双重遏制",
        "绿色",
        "一个重大问题",
        "伙伴关系",
        "好了",
    ]
    assert [i.id for i in built] == [p.id for p in ss.phrases]  # the Anki GUID key
    assert {i.kind for i in built} == {"phrase"}


@pytest.mark.parametrize(
    ("answer", "before", "after", "numbers", "english"),
    [
        ("对手", "两国有着共同的", "。", "dui4 shou3", "rival"),
        # quotes around an emphasised phrase stay in the sentence, outside the blank
        ("双重遏制", '这篇文章探讨了"', '"。', "shuang1 chong2 e4 zhi4", "dual containment"),
        # a 17-character clause blanks its study word, with that word's English
        (
            "伙伴关系",
            "中俄两国之间持久的",
            "仍然重要。",
            "huo3 ban4 guan1 xi4",
            "partnership",
        ),
        ("好了", "我们", "！", "hao3 le5", None),
    ],
    ids=["plain", "quoted", "long-clause-key-word", "no-english"],
)
def test_blank_and_context(items, answer, before, after, numbers, english):
    item = items[answer]
    got = (item.before, item.after, item.numbers, item.english)
    assert got == (before, after, numbers, english)
    assert item.sentence.zh[item.start : item.end] == answer


def test_hint_span_marks_the_phrase_english(items):
    item = items["双重遏制"]
    assert item.sentence.en == 'The article explores "dual containment".'
    assert item.sentence.en[item.hint_span.start : item.hint_span.end] == "dual containment"


def test_choices_are_four_distinct_options_from_the_same_article(items):
    answers = set(items)
    words = {w.text for p in studysets.rivals().sentences for w in p.words}
    for item in items.values():
        assert len(item.choices) == 4 and len(set(item.choices)) == 4
        assert item.answer in item.choices
        assert set(item.choices) <= answers | words


def test_distractors_have_similar_length():
    pool = ["一二", "一二三四", "甲乙丙丁戊", "天地", "很长很长很长的一个短语", "山水画"]
    got = pick_choices("双重遏制", pool, seed="x")
    assert sorted(got, key=len) == sorted(["双重遏制", "一二三四", "甲乙丙丁戊", "山水画"], key=len)
    assert pick_choices("双重遏制", pool, seed="x") == got  # stable
    # the order is shuffled per item
    assert {pick_choices("双重遏制", pool, seed=s) for s in "abcdefgh"} != {got}


def test_an_article_without_emphasis_quizzes_its_study_words():
    built = build_items(studysets.plain())
    assert [(i.answer, i.kind) for i in built] == [
        ("讨论", "word"),
        ("经济", "word"),
        ("政府", "word"),
        ("发布", "word"),
        ("报告", "word"),
    ]
    assert built[0].id == item_id("plain00001", "word", "讨论")
    assert built[1].english == "economy"


def test_sample_items(sample_study_set):
    """The real sample: every phrase becomes an item whose blank sits in its sentence."""
    built = build_items(sample_study_set)
    assert len(built) == len(sample_study_set.phrases)
    for item in built:
        assert item.sentence.zh[item.start : item.end] == item.answer


def test_sample_distractors_are_answers_or_words_worth_studying(sample_study_set):
    built = build_items(sample_study_set)
    answers = {i.answer for i in built}
    study = {w.text for p in sample_study_set.sentences for w in p.words if w.study}
    for item in built:
        assert set(item.choices) - {item.answer} <= answers | study, item.choices
