"""Cloze items (learnkit.quiz) and answer checking (learnkit.answers)."""

from __future__ import annotations

import pytest
import studysets

from learnkit.ids import item_id
from learnkit.study.answers import Rating, Verdict, check_choice, check_typed, parse_pinyin, rating
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
        # a 17-character clause blanks its study word; the phrase's English stays
        (
            "伙伴关系",
            "中俄两国之间持久的",
            "仍然重要。",
            "huo3 ban4 guan1 xi4",
            "The enduring partnership",
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


@pytest.mark.parametrize(
    ("answer", "typed", "verdict", "how"),
    [
        ("对手", "对手", Verdict.RIGHT, "hanzi"),
        ("对手", " 对 手 ", Verdict.RIGHT, "hanzi"),
        ("双重遏制", "“双重遏制”", Verdict.RIGHT, "hanzi"),
        ("对手", "对头", Verdict.WRONG, "hanzi"),
        ("对手", "duì shǒu", Verdict.RIGHT, "pinyin"),
        ("对手", "DUI4SHOU3", Verdict.RIGHT, "pinyin"),
        ("对手", "duishou", Verdict.TONELESS, "pinyin"),
        ("对手", "dui shou", Verdict.TONELESS, "pinyin"),
        ("对手", "dui3 shou4", Verdict.TONES, "pinyin"),
        ("对手", "duì shou3", Verdict.RIGHT, "pinyin"),
        ("对手", "dui", Verdict.WRONG, "pinyin"),
        ("绿色", "lǜ sè", Verdict.RIGHT, "pinyin"),
        ("绿色", "lv4 se4", Verdict.RIGHT, "pinyin"),
        ("绿色", "lu:4se4", Verdict.RIGHT, "pinyin"),
        ("绿色", "lu se", Verdict.TONELESS, "pinyin"),
        ("一个重大问题", "yí gè zhòng dà wèn tí", Verdict.RIGHT, "pinyin"),
        ("一个重大问题", "yi1 ge4 zhong4 da4 wen4 ti2", Verdict.RIGHT, "pinyin"),
        ("一个重大问题", "yi3 ge4 zhong4 da4 wen4 ti2", Verdict.TONES, "pinyin"),
        ("好了", "hǎo le", Verdict.RIGHT, "pinyin"),
        ("好了", "hao3 le", Verdict.RIGHT, "pinyin"),
        ("好了", "hao3 le5", Verdict.RIGHT, "pinyin"),
        ("好了", "hao4 le5", Verdict.TONES, "pinyin"),
        ("对手", "", Verdict.WRONG, "none"),
        ("对手", " ?! ", Verdict.WRONG, "none"),
    ],
    ids=lambda v: v if isinstance(v, str) and v.strip() else None,
)
def test_check_typed(items, answer, typed, verdict, how):
    outcome = check_typed(items[answer], typed)
    assert (outcome.verdict, outcome.how) == (verdict, how)
    assert outcome.answer == typed.strip()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("对手", "Right!"),
        ("duishou", "Right, but mind the tones: duì shǒu."),
        ("dui3 shou4", "Right syllables, wrong tones: it is duì shǒu."),
        ("对头", "Not quite: the answer is 对手."),
        ("xyz", "Not quite: the answer is 对手 (duì shǒu)."),
        ("", "The answer is 对手."),
    ],
    ids=["right", "toneless", "tones", "wrong-hanzi", "wrong-pinyin", "empty"],
)
def test_messages(items, typed, message):
    assert check_typed(items["对手"], typed).message == message


def test_check_choice(items):
    item = items["对手"]
    right = item.choices.index("对手") + 1
    wrong = 1 if right != 1 else 2
    assert check_choice(item, right).verdict is Verdict.RIGHT
    assert check_choice(item, right).how == "choice"
    assert check_choice(item, wrong).verdict is Verdict.WRONG
    assert check_choice(item, wrong).answer == item.choices[wrong - 1]
    assert check_choice(item, 7).verdict is Verdict.WRONG


@pytest.mark.parametrize(
    ("typed", "hinted", "grade"),
    [
        ("对手", False, Rating.GOOD),
        ("duì shǒu", False, Rating.GOOD),
        ("对手", True, Rating.HARD),
        ("duishou", False, Rating.HARD),
        ("dui3 shou4", False, Rating.AGAIN),
        ("对头", False, Rating.AGAIN),
        ("", True, Rating.AGAIN),
    ],
    ids=["hanzi", "pinyin", "hinted", "toneless", "wrong-tones", "wrong", "empty"],
)
def test_rating(items, typed, hinted, grade):
    assert rating(check_typed(items["对手"], typed), hinted) is grade


def test_a_right_choice_is_only_hard(items):
    item = items["对手"]
    assert rating(check_choice(item, item.choices.index("对手") + 1)) is Rating.HARD


@pytest.mark.parametrize(
    ("text", "letters", "tones"),
    [
        ("Zhōng guó", "zhongguo", [1, 2]),
        ("zhong1guo2", "zhongguo", [1, 2]),
        ("nǚ ér", "nver", [3, 2]),
        ("nu:3", "nv", [3]),
        ("ni3 hǎo", "nihao", [3, 3]),
    ],
    ids=["marks", "numbers", "u-umlaut", "u-colon", "mixed"],
)
def test_parse_pinyin(text, letters, tones):
    got_letters, got_tones = parse_pinyin(text)
    assert ("".join(got_letters), got_tones) == (letters, tones)


def test_sample_items(sample_study_set):
    """The real sample: every phrase becomes an item whose blank sits in its sentence."""
    built = build_items(sample_study_set)
    assert len(built) == len(sample_study_set.phrases)
    for item in built:
        assert item.sentence.zh[item.start : item.end] == item.answer
        assert check_typed(item, item.answer).verdict is Verdict.RIGHT
        assert check_typed(item, item.numbers).verdict is Verdict.RIGHT
        assert (
            check_typed(item, "".join(c for c in item.numbers if c.isalpha())).verdict
            is Verdict.TONELESS
        )


def test_sample_distractors_are_answers_or_words_worth_studying(sample_study_set):
    built = build_items(sample_study_set)
    answers = {i.answer for i in built}
    study = {w.text for p in sample_study_set.sentences for w in p.words if w.study}
    for item in built:
        assert set(item.choices) - {item.answer} <= answers | study, item.choices
