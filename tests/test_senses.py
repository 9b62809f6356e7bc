"""Word senses chosen by the aligned English sentence, learner defaults, composed glosses."""

from __future__ import annotations

import pytest

from learnkit.chinese import annotate as chinese
from learnkit.chinese import dictionary as cedict
from learnkit.chinese import segment, senses
from learnkit.chinese.pinyin import pinyin_line

# Aligned pairs of the sample article (seeds/2024-05-20-xi-putin.md) and two of our own.
PAIRS = {
    "passive": (
        "这一动态影响了俄罗斯甘冒巨大风险的意愿，比如与朝鲜的军事合作，这可能被视为一种"
        "轻率的行为。",
        "This dynamic influences Russia's willingness to take risks that may be perceived as "
        "reckless by China, such as their military closeness with North Korea.",
    ),
    "taiwan": (
        "若想破坏当前的俄中联盟,需要在诸如台湾或乌克兰等敏感问题上做出重大政策转变--而目前"
        "华盛顿并没有这样的打算。",
        "To disrupt the current Russian-Chinese axis would require challenging policy shifts on "
        "sensitive issues such as Taiwan or Ukraine—shifts that currently lack support in "
        "Washington.",
    ),
    "split": (
        "然而，这些紧张局势大多处于暗潮涌动的状态，与1971-1972年公开的中苏分裂不同，当时尼克松"
        "和基辛格看到了与中华人民共和国改善关系的机会。",
        "However, these tensions remain largely subsurface, contrasting the open Sino-Soviet "
        "split in 1971–72 that presented a clear opportunity for Nixon and Kissinger to realign "
        "with China.",
    ),
    "influence": (
        "文章还分析了一些外部因素,如俄罗斯入侵乌克兰以及朝鲜与俄罗斯的军事紧密关系，可能对两国"
        "关系产生何种影响。",
        "The article also analyses external factors such as Russia's invasion of Ukraine and "
        "North Korea's military closeness with Russia, and how they may influence the relations "
        "of the two countries.",
    ),
    "history": (
        "此外，历史上中国曾向俄罗斯割让大片领土,以及近来在地图制作方面的转变都进一步凸显了两国"
        "的实力不平衡。",
        "Additionally, China's historical cession of vast territories to Russia and recent "
        "cartographical shifts further emphasize the power imbalance between the two nations.",
    ),
    "rivals": (
        "如今，西方政府试图效仿这一策略，而华盛顿则将中国视为更为可怕的长期对手。",
        "Today's western governments seek to replicate this feat, while Washington considers "
        "China as the more formidable long-term adversary.",
    ),
    "japan": ("中国和日本是邻国。", "China and Japan are neighbours."),
    "one": ("他只有一个孩子。", "He has only one child."),
    "fans": ("她的粉丝很多。", "She has many fans."),  # a plural meets "fan" (lemmas)
    "banned": ("政府禁止了这本书。", "The government banned the book."),  # a past tense
}


@pytest.fixture(scope="session")
def annotated():
    """Each pair annotated with and without its English sentence, computed once."""
    return {
        key: (chinese.annotate(zh, english=en), chinese.annotate(zh))
        for key, (zh, en) in PAIRS.items()
    }


def gloss_of(words, text):
    return next(w.gloss for w in words if w.text == text)


@pytest.mark.parametrize(
    ("pair", "word", "with_english", "without"),
    [
        ("passive", "被", "by (passive marker)", "by (passive marker)"),  # not "quilt"
        ("taiwan", "或", "or", "or"),  # not "maybe"
        ("taiwan", "等", "etc.", "etc."),  # not "to wait for"
        ("taiwan", "在", "at", "at"),  # not "to exist"
        ("taiwan", "上", "on", "on"),  # 问题上: not "up"
        ("history", "上", "on", "on"),  # 历史上
        ("influence", "对", "towards", "towards"),  # not "right"
        ("split", "年", "year", "year"),  # not the variant entry 秊 "grain"
        ("taiwan", "转变", "shift", "to change"),  # the English word comes first
        ("rivals", "可怕", "formidable", "awful"),
        ("rivals", "对手", "adversary", "opponent"),
        ("japan", "和", "and", "and"),  # "(bound form) Japan" is no free word
        ("one", "一", "one", "one"),  # not the '"one" radical' sense
        ("fans", "粉丝", "fan (loanword)", "bean vermicelli"),
        ("banned", "禁止", "to ban", "to prohibit"),
    ],
    ids=lambda v: v if isinstance(v, str) else "-",
)
def test_first_sense(annotated, pair, word, with_english, without):
    words, plain = annotated[pair]
    assert gloss_of(words, word).split("; ")[0] == with_english
    assert gloss_of(plain, word).split("; ")[0] == without


@pytest.mark.parametrize(
    ("pair", "word", "gloss", "study"),
    [
        ("influence", "何种", "≈ what + kind", False),
        ("taiwan", "若想", "≈ if + to think", False),
        ("split", "涌动", "≈ to bubble up + to move", False),
        ("split", "中苏", "≈ China-Soviet Union", False),
    ],
    ids=["hezhong", "ruoxiang", "yongdong", "zhongsu"],
)
def test_composed_gloss_for_unknown_words(annotated, pair, word, gloss, study):
    w = next(w for w in annotated[pair][0] if w.text == word)
    assert (w.gloss, w.study) == (gloss, study)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PAIRS["split"][0], "de Zhōng Sū fēnliè"),
        ("中俄两国", "Zhōng É liǎngguó"),
        ("俄中联盟", "É Zhōng liánméng"),
        ("中美关系", "Zhōng Měi guānxì"),
        ("对手--美国", "duìshǒu — Měiguó"),
    ],
    ids=["zhongsu", "zhonge", "ezhong", "zhongmei", "dash"],
)
def test_place_compounds_are_capitalised(text, expected):
    assert expected in pinyin_line(chinese.annotate(text))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("countries", "country"),
        ("perceived", "perceive"),
        ("perceive", "perceive"),
        ("risks", "risk"),
        ("went", "go"),
        ("Russia's", "russia"),
        ("this", "this"),
        ("by", "by"),
    ],
)
def test_senses_match_english_lemmas(word, expected):
    assert senses._stems(word) == [expected]


def test_context_keeps_function_words_and_bigrams():
    ctx = senses.context("Taiwan or Ukraine, such as the US")
    assert {"or", "such_as", "taiwan"} <= ctx
    assert senses.context(None) is None


def test_variant_entries_rank_last():
    entries = cedict.lookup("年")
    variant = next(e for e in entries if e.traditional == "秊")
    assert cedict.is_variant_entry(variant)
    # 了 says "variant of 瞭" but is the commoner character
    assert not cedict.is_variant_entry(next(e for e in cedict.lookup("了") if e.numbers == "liao3"))
    assert cedict.gloss("年", "nian2") == "year"


def test_learner_list_is_small_frequent_and_real():
    listed = dict(senses._learner())
    assert 0 < len(listed) <= 60
    for (word, numbers), word_senses in listed.items():
        assert (segment.zipf(word) or 0) >= 5.0, word
        assert any(e.numbers == numbers for e in cedict.lookup(word)), (word, numbers)
        assert word_senses and all(s.meanings for s in word_senses), word
