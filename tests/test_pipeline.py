"""The whole pipeline on the sample article: pairs, phrases, ids, JSON."""

from __future__ import annotations

import json

import pytest

from learnkit.codec import to_dict
from learnkit.pipeline import load, study_set

# Every sentence pair of the sample, as (Chinese start, English start); the third is the 2-1.
SAMPLE_PAIRS = [
    ("中俄两国之间持久的伙伴关系", "The enduring partnership between China and Russia"),
    ("正是因为有着这样的共识", "This unity is underscored"),
    ("这篇文章探讨了习近平和弗拉基米尔·普京之间的联系", "The article explores how this bond"),
    ("尽管由于地缘政治形势不同", "Despite underlying tensions"),
    ("亨利·基辛格在20世纪70年代策划的", "The US-China rapprochement engineered"),
    ("如今，西方政府试图效仿这一策略", "Today's western governments"),
    ("这种战略分歧凸显了管理全球联盟的复杂性", "This divide in strategy"),
    ("由于入侵乌克兰", "While Russia has become a pariah state"),
    ("这一动态影响了俄罗斯甘冒巨大风险的意愿", "This dynamic influences"),
    ("此外，历史上中国曾向俄罗斯割让大片领土", "Additionally, China's historical cession"),
    ("然而，这些紧张局势大多处于暗潮涌动的状态", "However, these tensions remain"),
    ("若想破坏当前的俄中联盟", "To disrupt the current Russian-Chinese axis"),
    ("因此，习近平与普京的友谊", "As a result, the Xi-Putin bond"),
]

SAMPLE_PHRASES = [
    (
        "中俄两国之间持久的伙伴关系仍然是地缘政治方面的一个重大问题",
        "The enduring partnership between China and Russia remains a significant "
        "geopolitical issue",
    ),
    ("双重遏制", "dual containment"),
    ("习近平和弗拉基米尔·普京之间的联系", "bond between Xi Jinping and Vladimir Putin"),
    ("威权民族主义世界观", "autocratic nationalism"),
    ("中美关系解冻", "US-China rapprochement"),
    ("习近平与普京的友谊", "the Xi-Putin bond"),
]


def test_every_sample_sentence_is_paired_correctly(sample_study_set):
    got = [(s.zh, s.en) for s in sample_study_set.sentences]
    assert len(got) == len(SAMPLE_PAIRS)
    for (zh, en), (zh_start, en_start) in zip(got, SAMPLE_PAIRS, strict=True):
        assert zh.startswith(zh_start), zh
        assert en is not None and en.startswith(en_start), (zh, en)


def test_two_chinese_sentences_pair_with_one_english(sample_study_set):
    pair = sample_study_set.sentences[2]
    assert pair.zh.endswith("可能对两国关系产生何种影响。")
    assert "世界观." in pair.zh
    assert pair.en.endswith("North Korea's military closeness with Russia.")


def test_sample_phrases_pair_by_meaning(sample_study_set):
    # the halves bold in different orders and pieces; the bold comma is no phrase
    assert [(p.zh, p.en) for p in sample_study_set.phrases] == SAMPLE_PHRASES


def test_phrases_link_to_their_sentence_and_spans(sample_study_set):
    by_id = {s.id: s for s in sample_study_set.sentences}
    for phrase in sample_study_set.phrases:
        pair = by_id[phrase.sentence]
        assert pair.zh[phrase.zh_span.start : phrase.zh_span.end] == phrase.zh
        assert pair.en[phrase.en_span.start : phrase.en_span.end] == phrase.en


@pytest.mark.parametrize(
    ("zh", "pinyin"),
    [
        ("双重遏制", "shuāng chóng è zhì"),
        ("中美关系解冻", "zhōng měi guān xì jiě dòng"),
        ("习近平与普京的友谊", "xí jìn píng yǔ pǔ jīng de yǒu yì"),
    ],
    ids=["shuangchong", "jiedong", "youyi"],
)
def test_phrase_pinyin(sample_study_set, zh, pinyin):
    phrase = next(p for p in sample_study_set.phrases if p.zh == zh)
    assert phrase.pinyin.replace(" ", "").lower() == pinyin.replace(" ", "")


def test_sample_metadata(sample_study_set):
    ss = sample_study_set
    assert ss.title_zh == "习近平和普京的友谊长存"
    assert ss.title_en == "The relationship between Xi and Putin is built to last"
    assert ss.meta.source_url == "https://ft.com/content/6459a746-e11e-4340-9cb5-ae3ebaa23e0e"
    assert ss.meta.tags == ()
    assert ss.meta.author == "ft"
    assert ss.meta.date.startswith("2024-05-20")
    assert ss.script == "simplified"


def test_ids_are_stable_across_english_corrections(sample_path, sample_study_set):
    text = sample_path.read_text(encoding="utf-8")
    edited = text.replace("underscored", "underlined").replace(
        "rapprochement engineered", "rapprochement devised"
    )
    again = study_set(edited, source=str(sample_path))
    assert [s.id for s in again.sentences] == [s.id for s in sample_study_set.sentences]
    assert [p.id for p in again.phrases] == [p.id for p in sample_study_set.phrases]
    assert again.sentences[1].en.startswith("This unity is underlined")


def test_ids_are_unique_and_deterministic(sample_path, sample_study_set):
    ids = [s.id for s in sample_study_set.sentences] + [p.id for p in sample_study_set.phrases]
    assert len(set(ids)) == len(ids)
    assert load(sample_path).sentences[0].id == sample_study_set.sentences[0].id


def test_json_export_has_the_documented_keys(sample_study_set):
    data = json.loads(json.dumps(to_dict(sample_study_set), ensure_ascii=False))
    assert set(data) >= {"id", "title", "meta", "sentences", "phrases", "warnings"}
    assert set(data["meta"]) >= {"date", "author", "description", "tags", "source_url"}
    sentence = data["sentences"][0]
    assert set(sentence) >= {"id", "paragraph", "zh", "en", "pinyin", "words"}
    assert set(sentence["words"][0]) >= {"zh", "pinyin", "gloss"}
    assert set(data["phrases"][0]) >= {"id", "zh", "en", "pinyin", "sentence"}
    assert data["phrases"][1]["sentence"] == data["sentences"][1]["id"]


CHINESE_ONLY = """# 测试文章

**银行**今天开门。我们明天去银行。
"""


def test_chinese_only_article_keeps_phrases_without_english():
    ss = study_set(CHINESE_ONLY, source="zh-only.md")
    assert [(p.zh, p.en, p.pinyin) for p in ss.phrases] == [("银行", None, "yínháng")]
    assert [(s.zh, s.en) for s in ss.sentences] == [
        ("银行今天开门。", None),
        ("我们明天去银行。", None),
    ]
    assert any("only Chinese" in w for w in ss.warnings)


BOLD_TWICE = """# 银行

**银行**今天开门。我们明天去**银行**。
"""


def test_a_phrase_bolded_twice_is_built_once(monkeypatch):
    """The first occurrence is the study phrase; the second is not even built."""
    from learnkit import pipeline

    built = []
    original = pipeline._phrase

    def counting(key, pair, match, simplified):
        built.append(pair.zh)
        return original(key, pair, match, simplified)

    monkeypatch.setattr(pipeline, "_phrase", counting)
    ss = study_set(BOLD_TWICE, source="twice.md")
    assert [(p.zh, p.sentence) for p in ss.phrases] == [("银行", ss.sentences[0].id)]
    assert built == ["银行今天开门。"]


TRADITIONAL = """# 台積電在美國建廠

**台積電**宣布將在亞利桑那州興建第二座**晶圓廠**。這項投資金額高達四百億美元。

---

# TSMC builds in America

**TSMC** announced it will build a second **wafer fab** in Arizona. The investment is worth \
as much as $40 billion.
"""


def test_traditional_article_end_to_end():
    ss = study_set(TRADITIONAL, source="tw.md")
    assert ss.script == "traditional"
    assert [(p.zh, p.en, p.numbers) for p in ss.phrases] == [
        ("台積電", "TSMC", "tai2 ji1 dian4"),
        ("晶圓廠", "wafer fab", "jing1 yuan2 chang3"),
    ]
    assert [p.pinyin.lower() for p in ss.phrases] == ["táijīdiàn", "jīngyuánchǎng"]
    first = ss.sentences[0]
    assert first.en.startswith("TSMC announced")
    by_text = {w.text: w for w in first.words}
    assert by_text["宣布"].gloss.startswith("to announce")  # looked up in Simplified
    assert by_text["興建"].numbers == "xing1 jian4"  # shown in the article's own script


@pytest.mark.parametrize(
    ("zh", "en", "english"),
    [
        (
            "两国担心**双重遏制**的战略。",
            "Both countries fear a strategy of dual containment.",
            "dual containment",
        ),
        (
            "山上修了一座**水电站**。",
            "A hydroelectric dam was built on the mountain.",
            "hydroelectric dam",
        ),
        (
            "全球**供应链**正在重组。",
            "The global supply chain is being reorganised.",
            "supply chain",
        ),
    ],
    ids=["idiom", "compound", "noun"],
)
def test_a_traditional_article_pairs_as_its_simplified_version(zh, en, english):
    """Phrases are paired on the Simplified text (the dictionaries' script): converting an
    article to Traditional loses no English (雙重遏制 and 水電站 had none)."""
    from learnkit.chinese.reading import to_traditional

    for text in (zh, to_traditional(zh)):
        ss = study_set(f"# 测试\n\n{text}\n\n---\n\n# Test\n\n{en}\n", source="t.md")
        assert [(p.zh, p.en) for p in ss.phrases] == [(_bold_of(text), english)]


def _bold_of(text: str) -> str:
    """The bold phrase of ``text``."""
    return text.split("**")[1]


def test_build_reports_each_stage_in_order(sample_path):
    from learnkit.pipeline import load

    seen = []
    load(sample_path, lambda stage, done, total: seen.append((stage, total)))
    stages = list(dict.fromkeys(stage for stage, _ in seen))
    assert stages == ["Aligning", "Annotating", "Pairing phrases"]
    assert {total for stage, total in seen if stage == "Aligning"} == {14}  # Chinese sentences
