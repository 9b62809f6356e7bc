"""Chinese annotation on real sentences: words, pinyin, glosses, HSK, study flags, scripts."""

from __future__ import annotations

import pytest

from learnkit.chinese import annotate as chinese
from learnkit.chinese import segment
from learnkit.chinese.pinyin import numbers_line, pinyin_line
from learnkit.models import Word

# Sentences of the sample article (seeds/2024-05-20-xi-putin.md) and a few of our own.
TITLE = "习近平和普京的友谊长存"
RIVALS = "两国有着共同的对手--美国，他们认为美国是一种扩张主义的威胁。"
ARTICLE = "这篇文章探讨了习近平和弗拉基米尔·普京之间的联系, 他们有着共同的威权民族主义世界观."
KISSINGER = "亨利·基辛格在20世纪70年代策划的中美关系解冻极大地改变了冷战态势"
CONTAIN = '对两国实施的 "双重遏制" 。'
TENSIONS = "尽管由于地缘政治形势不同，莫斯科和北京之间存在潜在紧张局势"
TSMC = "台積電的晶圓廠在台灣南部。"
TITLE_TRAD = "習近平和普京的友誼長存"


@pytest.fixture(scope="session")
def annotated():
    """annotate() of every sentence used below, computed once."""
    texts = [
        TITLE,
        RIVALS,
        ARTICLE,
        KISSINGER,
        CONTAIN,
        TENSIONS,
        TSMC,
        TITLE_TRAD,
        "他在银行工作，每天步行上班。",
        "这孩子长大了。",
        "桌子的长度是两米。",
    ]
    return {text: chinese.annotate(text) for text in texts}


def texts(words):
    return [w.text for w in words]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TITLE, "习近平|和|普京|的|友谊|长存"),
        (RIVALS[:9], "两国|有着|共同|的|对手"),  # not 两/国有/着
        (ARTICLE[:24], "这|篇|文章|探讨|了|习近平|和|弗拉基米尔|·|普京|之间|的|联系"),
        (KISSINGER[:15], "亨利|·|基辛格|在|20|世纪|70|年代"),
        (TENSIONS, "尽管|由于|地缘|政治|形势|不同|，|莫斯科|和|北京|之间|存在|潜在|紧张|局势"),
        (TSMC, "台積電|的|晶圓廠|在|台灣|南部|。"),
        (TITLE_TRAD, "習近平|和|普京|的|友誼|長存"),
        ("桌子的长度是两米。", "桌子|的|长度|是|两|米|。"),
        ("他数了数苹果。", "他|数|了|数|苹果|。"),  # jieba's HMM: 他数
        ("这是他种的树。", "这|是|他|种|的|树|。"),  # 他种
        ("他们都是我的朋友。", "他们|都|是|我|的|朋友|。"),
    ],
    ids=[
        "names",
        "liangguo",
        "fusions",
        "numbers",
        "compounds",
        "traditional",
        "traditional-title",
        "numeral-measure",
        "pronoun-verb",
        "pronoun-verb-2",
        "pronoun-word",
    ],
)
def test_segmentation(annotated, text, expected):
    words = annotated.get(text) or chinese.annotate(text)
    assert "|".join(texts(words)) == expected


@pytest.mark.parametrize("fused", ["和普京", "篇文章", "国有"])
def test_no_cross_boundary_words(annotated, fused):
    assert all(fused not in texts(words) for words in annotated.values())


def test_tokenize_keeps_offsets_and_script():
    assert chinese.tokenize("台積電的晶圓廠") == [("台積電", 0, 3), ("的", 3, 4), ("晶圓廠", 4, 7)]
    assert segment.tokenize("台积电的晶圆厂") == [("台积电", 0, 3), ("的", 3, 4), ("晶圆厂", 4, 7)]


@pytest.mark.parametrize(
    "text",
    [
        TITLE,
        RIVALS,
        ARTICLE,
        KISSINGER,
        CONTAIN,
        TSMC,
        "",
        "  ",
        "abc 123",
        "US-China 关系 ok",
        "他说：“好！”\n然后走了……",
    ],
    ids=lambda t: t[:8] or "empty",
)
def test_words_cover_the_text(text):
    words = chinese.annotate(text)
    assert "".join(w.text for w in words) == text
    pos = 0
    for w in words:
        assert (w.start, w.text) == (pos, text[w.start : w.end])
        assert w.is_han == bool(w.pinyin) == bool(w.numbers)
        assert len(w.tones) == len(w.pinyin.split()) == len(w.numbers.split())
        pos = w.end


def word(words, text):
    return next(w for w in words if w.text == text)


@pytest.mark.parametrize(
    ("text", "target", "pinyin", "tones", "gloss"),
    [
        (TITLE, "和", "hé", (2,), "and; together with; with"),
        (TITLE, "长存", "cháng cún", (2, 2), "to last for a long time; to endure"),
        ("他在银行工作，每天步行上班。", "银行", "yín háng", (2, 2), "bank"),
        ("他在银行工作，每天步行上班。", "步行", "bù xíng", (4, 2), "to go on foot; to walk"),
        ("这孩子长大了。", "长大", "zhǎng dà", (3, 4), "to grow up"),
        ("桌子的长度是两米。", "长度", "cháng dù", (2, 4), "length"),
        (TITLE, "的", "de", (5,), "of; ~'s (possessive particle)"),
        (
            TSMC,
            "台積電",
            "tái jī diàn",
            (2, 1, 4),
            "Taiwan Semiconductor Manufacturing Company (TSMC)",
        ),
        (TSMC, "晶圓廠", "jīng yuán chǎng", (1, 2, 3), "wafer + factory"),
        (TSMC, "台灣", "tái wān", (2, 1), "Taiwan"),
        (ARTICLE, "普京", "pǔ jīng", (3, 1), "Vladimir Putin"),
    ],
    ids=[
        "he2",
        "chang2cun2",
        "yinhang",
        "buxing",
        "zhangda",
        "changdu",
        "de5",
        "tsmc",
        "fab",
        "taiwan",
        "putin",
    ],
)
def test_word_reading_and_gloss(annotated, text, target, pinyin, tones, gloss):
    w = word(annotated[text], target)
    assert (w.pinyin, w.tones, w.gloss) == (pinyin, tones, gloss)


@pytest.mark.parametrize(
    ("text", "target", "hsk", "study"),
    [
        (TITLE, "友谊", 5, True),
        (TITLE, "和", 1, False),  # HSK 1, function word
        (TITLE, "的", 1, False),
        (TITLE, "习近平", None, False),  # a name
        (TITLE, "长存", None, True),  # beyond HSK, glossed
        (CONTAIN, "遏制", 7, True),  # levels 7-9 are reported as 7
        (CONTAIN, "两国", None, True),
        (RIVALS, "美国", None, False),
        (RIVALS, "认为", 2, False),  # too basic
        (RIVALS, "威胁", 6, True),
        (RIVALS, "对手", 3, True),
        (KISSINGER, "20", None, False),
        (ARTICLE, "之间", 4, False),  # function word
        (TSMC, "晶圓廠", None, True),
        (TITLE_TRAD, "友誼", 5, True),  # Traditional text is graded in Simplified
        (TSMC, "台積電", None, False),
    ],
    ids=lambda v: str(v)[:10],
)
def test_hsk_and_study(annotated, text, target, hsk, study):
    w = word(annotated[text], target)
    assert (w.hsk, w.study) == (hsk, study)


def test_zipf_orders_words_by_frequency(annotated):
    words = annotated[TITLE]
    assert word(words, "的").zipf > word(words, "友谊").zipf > word(words, "长存").zipf > 0
    assert word(annotated[TSMC], "台積電").zipf is None  # not in jieba's counts


def test_slice_words_cuts_boundary_words_per_character(annotated):
    words = chinese.slice_words(annotated[TITLE], 1, 5)  # 近平和普
    assert [(w.text, w.start, w.end, w.pinyin) for w in words] == [
        ("近平", 0, 2, "jìn píng"),
        ("和", 2, 3, "hé"),
        ("普", 3, 4, "pǔ"),
    ]
    assert words[1] == Word(
        "和", 2, 3, "hé", "he2", (2,), "and; together with; with", 1, words[1].zipf, False
    )


def test_slice_words_whole_phrase(annotated):
    text = CONTAIN
    start = text.index("双重遏制")
    words = chinese.slice_words(annotated[text], start, start + 4)
    assert [(w.text, w.start, w.end) for w in words] == [("双重", 0, 2), ("遏制", 2, 4)]
    assert pinyin_line(words) == "shuāngchóng èzhì"
    assert numbers_line(words) == "shuang1 chong2 e4 zhi4"


@pytest.mark.parametrize(
    ("phrase", "level"),
    [
        ("双重遏制", 7),
        ("习近平与普京的友谊", 5),  # names and function words do not count
        ("威权民族主义世界观", 7),  # study words no HSK 3.0 list has count as 7–9
        ("我们的朋友", 1),  # no study word: the highest listed level
        ("习近平", None),
    ],
)
def test_phrase_level(phrase, level):
    assert chinese.phrase_level(chinese.annotate(phrase)) == level


@pytest.mark.parametrize(
    ("sentences", "script"),
    [
        ([TITLE], "simplified"),
        ([TITLE_TRAD], "traditional"),
        ([TSMC], "traditional"),
        (["台湾的晶圆厂"], "simplified"),
        ([], "simplified"),
        (["hello"], "simplified"),
        # a quoted Traditional sentence does not make a Simplified article Traditional
        (
            [TITLE, "台積電的晶圓廠。", "中俄两国之间持久的伙伴关系仍然是一个重大问题。"],
            "simplified",
        ),
        ([TSMC, "他们都长大了。"], "traditional"),
    ],
    ids=[
        "sample",
        "traditional-title",
        "tsmc",
        "simplified-tai",
        "empty",
        "latin",
        "quote",
        "mixed",
    ],
)
def test_detect_script(sentences, script):
    """From each sentence's own conversion (made once, when it is segmented)."""
    assert chinese.detect_script([chinese.segmented(s) for s in sentences]) == script


@pytest.mark.parametrize(
    "parts",
    [
        ["中俄两国之间持久的伙伴关系仍然是地缘政治方面的一个重大问题。", "两国有着共同的对手。"],
        ["“你好！”", "他说。"],
        ["台積電的晶圓廠在台灣南部。", "他们都长大了。"],
    ],
    ids=["sentences", "quote", "traditional"],
)
def test_joined_sentences_keep_their_words(parts):
    """A bead's text reuses its sentences' segmentation: the same words as segmenting it."""
    joined = chinese.join([chinese.segmented(p) for p in parts])
    assert joined == chinese.segmented("".join(parts))
    assert chinese.annotate_many([joined]) == [chinese.annotate("".join(parts))]
