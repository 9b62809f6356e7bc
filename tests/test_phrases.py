"""Phrase pairing on small sentence pairs, and the sample's six pairs end to end."""

from __future__ import annotations

import pytest

from learnkit.align.phrases import SEARCH_SURE, THRESHOLD, _searched, match_phrases
from learnkit.chinese.annotate import annotate
from learnkit.models import Span
from learnkit.text.inline import clean_inline


def pairs(
    zh_md: str, en_md: str | None, threshold: float | None = None
) -> list[tuple[str, str | None]]:
    """Phrase pairs of one sentence pair written with **bold** markdown (``threshold=0``:
    every answer found, however unsure, for tests of a span's shape)."""
    zh, zh_emph = clean_inline(zh_md, "zh")
    en, en_emph = clean_inline(en_md, "en") if en_md is not None else (None, ())
    matches = match_phrases(zh, en, zh_emph, en_emph, annotate(zh), threshold)
    for m in matches:
        assert m.zh is None or zh[m.zh.start : m.zh.end] == m.zh.text
        assert m.en is None or en[m.en.start : m.en.end] == m.en.text
    return [(m.zh.text if m.zh else None, m.en.text if m.en else None) for m in matches]


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "**中美关系解冻**改变了**冷战**态势。",
            "The **Cold War** was changed by the **US-China rapprochement**.",
            [("中美关系解冻", "US-China rapprochement"), ("冷战", "Cold War")],
            id="both-sides-crossed-order",
        ),
        pytest.param(
            '他们挫败了 **"双重遏制"** 。',
            'They foil "dual containment" attempts by the US.',
            [("双重遏制", "dual containment")],
            id="zh-only-quoted",
        ),
        pytest.param(
            "**普京**访问了北京。",
            "Putin visited Beijing.",
            [("普京", "Putin")],
            id="name-via-cedict",
        ),
        pytest.param(
            "**美国**和欧洲保持着伙伴关系。",
            "China keeps partnerships with America and Europe.",
            [("美国", "America")],
            id="america-synonym",
        ),
        pytest.param(
            "与1971年公开的**中苏分裂**不同。",
            "Unlike the open Sino-Soviet split in 1971.",
            [("中苏分裂", "Sino-Soviet split")],
            id="sino-prefix",
        ),
        pytest.param(
            "他们有着共同的世界观。",
            "They share a common **worldview**.",
            [("世界观", "worldview")],
            id="en-only-found-in-zh",
        ),
        pytest.param(
            "这些紧张局势大多处于**暗潮涌动**的状态。",
            "These tensions remain largely subsurface.",
            [("暗潮涌动", None)],
            id="no-evidence-no-guess",
        ),
        pytest.param(
            "这些紧张局势大多处于暗潮涌动的状态。",
            "These tensions remain **largely subsurface**.",
            [(None, "largely subsurface")],  # kept, zh None: the pipeline warns
            id="en-only-no-counterpart-kept",
        ),
        pytest.param(
            "**习近平与普京的友谊**有望继续存续。",
            None,
            [("习近平与普京的友谊", None)],
            id="no-english",
        ),
        pytest.param(
            "**贸易伙伴**很重要。",
            "Trade **partners** matter, and so does **peace**.",
            [("贸易伙伴", "partners"), (None, "peace")],
            id="unpaired-en-kept",
        ),
        pytest.param(
            "**習近平**會見了**普京**。",
            "**Putin** met **Xi Jinping**.",
            [("習近平", "Xi Jinping"), ("普京", "Putin")],
            id="traditional",
        ),
        pytest.param(
            "**美国**的贸易逆差扩大了。",
            "The U.S. trade deficit widened.",
            [("美国", "U.S.")],
            id="us-initialism",
        ),
        pytest.param(
            "河里的**鱼儿**游来游去。",
            "The fish in the river swam back and forth.",
            [("鱼儿", "fish")],  # 儿 after a noun is the erhua suffix, not "child" (sure)
            id="erhua-suffix-says-nothing",
        ),
        pytest.param(
            "他们讨论了**气候变化**。",
            "They discussed climate change.",
            [("气候变化", "climate change")],
            id="zh-only-plain",
        ),
        pytest.param(
            "**通货膨胀**和**经济增长**都放缓了。",
            "Both **growth**, **inflation** slowed.",
            [("通货膨胀", "inflation"), ("经济增长", "growth")],
            id="joint-adjacent-en-bold-kept-apart",
        ),
        pytest.param(
            "**监管机构**周二叫停了计划，**股价**下跌。",
            "On Tuesday **regulators** halted the plan.",
            [("监管机构", "regulators"), ("股价", None)],
            id="joint-one-en-bold-for-three-zh",
        ),
        pytest.param(
            "他的建议是个**馊主意**。",
            "His suggestion was a **lousy idea**.",
            [("馊主意", "lousy idea")],
            id="both-bold-prior",
        ),
        pytest.param(
            "他在**火车站**等我。",
            "He waited for me at the train station.",
            [("火车站", "train station")],
            id="complete-span-head-kept",
        ),
        pytest.param(
            "这项计划**不可行**。",
            "The plan is not feasible.",
            [("不可行", "not feasible")],
            id="negation-kept",
        ),
        pytest.param(
            "他们签署了协议。",
            "They signed the **agreement** on **Monday**.",
            [("协议", "agreement"), (None, "Monday")],
            id="en-only-both-outcomes",
        ),
        pytest.param(
            "这些**政策制定者**很谨慎。",
            "These policymakers are cautious.",
            [("政策制定者", "policymakers")],  # no gloss says it: the embeddings do
            id="paraphrase-compound",
        ),
        pytest.param(
            "双方签署了**停火协议**。",
            "The two sides signed a **truce**.",
            [("停火协议", "truce")],
            id="lone-bold-pair",
        ),
        pytest.param(
            "各国都在谈论**气候变化**。",
            "Every country talks about it **loudly and at length**.",
            [("气候变化", None), (None, "loudly and at length")],  # an English addition
            id="lone-bold-unsupported-kept-apart",
        ),
        # English bold that ECDICT renders as plain Chinese of the sentence says that text:
        # not paired with a bold phrase on embeddings alone (火车站 = "airport" before)
        pytest.param(
            "他在**火车站**等朋友，不在机场。",
            "He waited for his friend at the station, not at the **airport**.",
            [("火车站", "station"), ("机场", "airport")],
            id="english-bold-says-plain-chinese",
        ),
        pytest.param(
            "这些结果可能会鼓舞他**寻求连任**，另觅旗手。",
            "The results may make him seek re-election and find another **standard-bearer**.",
            # not 寻求连任 = "standard-bearer" (the lone pair); 旗手 itself is not found
            # (cosine 0.24 to "standard-bearer"): kept without Chinese
            [("寻求连任", None), (None, "standard-bearer")],
            id="lone-english-bold-says-plain-chinese",
        ),
        # bold pieces with a space between reach pairing as one span: split for two phrases
        pytest.param(
            "**美国**的**贸易逆差**扩大了。",
            "The **US** **trade deficit** widened.",
            [("美国", "US"), ("贸易逆差", "trade deficit")],
            id="merged-english-bold-split",
        ),
        pytest.param(
            "**贸易逆差**扩大了。",
            "The **trade** **deficit** widened.",
            [("贸易逆差", "trade deficit")],
            id="english-bold-in-pieces-kept-whole",
        ),
        pytest.param(
            "**实心圆点**代表低能数据，**空心圆圈**为高能数据。",
            "**Solid circles**: low energy data; open circles: high energy data.",
            [("实心圆点", "Solid circles"), ("空心圆圈", "open circles")],  # one bold, one phrase
            id="one-english-bold-never-split",
        ),
        # English → Chinese evidence (ECDICT renderings) and complete spans
        pytest.param(
            "**余震**持续了一整夜。",
            "The earthquake was followed by an aftershock that lasted all night.",
            [("余震", "aftershock")],
            id="rendering-places-span",
        ),
        pytest.param(
            "他们陷入了**僵局**。",
            "They reached a deadlock.",
            [("僵局", "deadlock")],
            id="rendering-outweighs-embeddings",
        ),
        pytest.param(
            "这座城市的**制造部门**和**天然气需求**都在萎缩。",
            "Both the city's factory sector and its gas needs are shrinking.",
            [("制造部门", "factory sector"), ("天然气需求", "gas needs")],
            id="compound-parts-two-phrases",
        ),
        pytest.param(
            "新建的**水电站**改变了这条河。",
            "The new hydroelectric dams changed the river.",
            [("水电站", "hydroelectric dams")],
            id="head-noun-after-adjective",
        ),
        pytest.param(
            "局势已经**失控**。",
            "The situation is out of control.",
            [("失控", "out of control")],
            id="particle-completes-span",
        ),
        pytest.param(
            "他们对政治**漠不关心**。",
            "They treat politics with indifference.",
            [("漠不关心", "indifference")],  # ECDICT renders the word as the idiom
            id="one-word-for-idiom",
        ),
        pytest.param(
            "他们**一反常态**地保持沉默。",
            "They were uncharacteristically silent.",
            # one word, a whole gloss meaning ("quite uncharacteristic"), no rendering
            [("一反常态", "uncharacteristically")],
            id="one-word-saying-a-whole-meaning",
        ),
    ],
)
def test_match_phrases(zh, en, expected):
    assert pairs(zh, en, threshold=0.0) == expected


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "随着指控增多，校友们对她的支持减弱，她于周二宣布**辞职**。",
            "As the allegations grew, support from **alumni** waned, and she announced her "
            "resignation on Tuesday.",
            [("校友", "alumni"), ("辞职", "resignation")],  # was 辞职 ↔ "alumni"
            id="english-bold-says-plain-chinese",
        ),
        pytest.param(
            "夜里他们回到山上的**小屋**，外面风很大。",
            "At night they went back to the hut on the hill, with the wind **howling** outside.",
            [("小屋", "hut"), (None, "howling")],  # was 小屋 ↔ "howling"
            id="chinese-bold-said-by-plain-english",
        ),
        pytest.param(
            "他们说这是**天经地义**的事，老天也管不了。",
            "They said it was **only right**, and Heaven itself could not stop it.",
            [("天经地义", "only right")],  # "Heaven" is a quarter of its literal meaning
            id="a-literal-gloss-word-in-plain-english-pairs-still",
        ),
    ],
)
def test_unrelated_bold_spans_stay_apart(zh, en, expected):
    assert pairs(zh, en) == expected


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "他们削减了成本，公司也恢复了盈利。",
            "They launched a **cost-cutting program**, and the company returned to profit.",
            [(None, "cost-cutting program")],  # 成本 says "cost" only: was the answer
            id="part-of-the-english",
        ),
        pytest.param(
            "风从墙上的大洞呼啸而入。",
            "The wind howled through the **gaping hole** in the wall.",
            [(None, "gaping hole")],  # 洞 says "hole" only
            id="head-noun-only",
        ),
        pytest.param(
            "他们有着共同的世界观。",
            "They share a common **worldview**.",
            [("世界观", "worldview")],
            id="whole-english-said",
        ),
    ],
)
def test_bold_english_found_only_where_the_chinese_says_all_of_it(zh, en, expected):
    assert pairs(zh, en) == expected


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "政府承诺减少**空气污染**。",
            "The government promised to **reduce air pollution**.",
            [("空气污染", "air pollution")],
            id="verb-before-cut",
        ),
        pytest.param(
            "他是一名**公务员**。",
            "He is a **public servant**.",
            [("公务员", "public servant")],  # an adjective of the noun phrase stays
            id="adjective-before-kept",
        ),
        pytest.param(
            "**死神**就在门外。",
            "The **angel of death** was at the door.",
            [("死神", "angel of death")],  # the head noun stays
            id="head-noun-kept",
        ),
        pytest.param(
            "他们过于**依赖**进口。",
            "They **rely too heavily** on imports.",
            [("依赖", "rely")],
            id="adverbs-after-cut",
        ),
        pytest.param(
            "双方打了一场**恶战**。",
            "The two sides fought a **pitched battle**.",
            [("恶战", "pitched battle")],  # "battle" alone is half of "fierce battle"
            id="modifier-saying-part-kept",
        ),
        pytest.param(
            "双方达成了**协议**。",
            "The two sides reached an **agreement** **on Monday**.",
            [("协议", "agreement"), (None, "on Monday")],  # the other piece: bold of its own
            id="piece-apart-no-chinese",
        ),
        pytest.param(
            "双方周一达成了**协议**。",
            "The two sides reached an **agreement** **on Monday**.",
            [("周一", "on Monday"), ("协议", "agreement")],
            id="piece-apart-found-in-chinese",
        ),
        pytest.param(
            "**贸易逆差**扩大了。",
            "The **US** **trade deficit** widened.",
            [("贸易逆差", "trade deficit"), (None, "US")],
            id="leading-piece-apart",
        ),
        pytest.param(
            "**美国贸易逆差**扩大了。",
            "The **US** **trade deficit** widened.",
            [("美国贸易逆差", "US trade deficit")],
            id="pieces-of-one-phrase-stay-together",
        ),
    ],
)
def test_bold_english_cut_to_what_the_chinese_says(zh, en, expected):
    assert pairs(zh, en) == expected


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "周一东京股市**大幅震荡**，投资者感到不安。",
            "Tokyo stocks whipsawed on Monday, and investors felt uneasy.",
            [("大幅震荡", "whipsawed")],  # between "stocks" (股市) and "Monday" (周一)
            id="between-two-anchors",
        ),
        pytest.param(
            "华盛顿**不相信这个说法**，争端持续了数月。",
            "Washington did not buy that line, and the dispute lasted for months.",
            [("不相信这个说法", "did not buy that line")],  # "Washington" and the comma
            id="anchor-and-clause-break",
        ),
        pytest.param(
            "民主党的**胜算不大**",
            "The odds are against Democrats",
            [("胜算不大", "odds are against")],  # the sentence's start and "Democrats"
            id="sentence-edge-and-anchor",
        ),
        pytest.param(
            "华盛顿可能会**不相信这个说法**，争端持续了数月。",
            "Washington may not buy that line, and the dispute lasted for months.",
            [("不相信这个说法", "not buy that line")],  # 可能, 会 ("may"): basic words
            id="basic-words-unlinked",
        ),
        pytest.param(
            "耶伦**措辞温和**，她也提出了担忧。",
            "Yellen struck an accommodating tone, and she also raised concerns.",
            [("措辞温和", "struck an accommodating tone")],  # 耶伦: LearnKit's list of names
            id="listed-name-anchor",
        ),
        pytest.param(
            "尽管**措辞温和**，她也提出了担忧。",
            "Although she struck an accommodating tone, Ms. Yellen also raised concerns.",
            [("措辞温和", "struck an accommodating tone")],  # "Although" (尽管), the comma
            id="conjunction-anchor",
        ),
        pytest.param(
            "华盛顿**不相信这个说法**，争端持续了数月。",
            "The weather in Paris was mild and sunny for most of the week.",
            [("不相信这个说法", None)],
            id="unrelated-no-anchors",
        ),
        pytest.param(
            "华盛顿**不相信这个说法**，争端持续了数月。",
            "Washington told Jones, and the dispute lasted for months.",
            [("不相信这个说法", None)],  # a name is no idiom's English
            id="name-in-gap",
        ),
        pytest.param(
            "工厂的**产能过剩**使价格下跌。",
            "A glut at the factories drove prices down.",
            [("产能过剩", None)],  # "factories" is on the wrong side: no gap is bounded
            id="no-bounded-gap",
        ),
    ],
)
def test_idiom_found_between_the_anchors_of_its_neighbours(zh, en, expected):
    assert pairs(zh, en, threshold=0.0) == expected


def test_pieces_reach_pairing_end_to_end():
    from learnkit.pipeline import study_set

    text = (
        "# 协议\n\n第一句话。双方达成了**协议**。\n\n---\n\n# Deal\n\n"
        "First sentence. The two sides reached an **agreement** **on Monday**.\n"
    )
    ss = study_set(text)
    assert [(p.zh, p.en) for p in ss.phrases] == [("协议", "agreement"), (None, "on Monday")]


def test_words_cut_at_span_edges():
    zh = "中美关系解冻了。"
    words = annotate(zh)
    assert [w.text for w in words][:2] == ["中美", "关系"]
    (match,) = match_phrases(
        zh, "The thaw was Sino-American.", (Span(0, 3, "中美关"),), (), words, threshold=0.0
    )
    assert match.en == Span(13, 26, "Sino-American")


def test_scores_and_order():
    zh, zh_emph = clean_inline("**冷战**之后是**中美关系解冻**。", "zh")
    en, en_emph = clean_inline("After the **Cold War** came the **US-China rapprochement**.", "en")
    matches = match_phrases(zh, en, zh_emph, en_emph, annotate(zh))
    assert [m.zh.start for m in matches] == [0, 5]
    assert all(0.3 <= m.score <= 1.0 for m in matches)
    assert matches[0].en == Span(10, 18, "Cold War")


def test_confidence_kept_when_answer_withheld():
    zh, zh_emph = clean_inline("他们讨论了**气候变化**。", "zh")
    en = "They discussed climate change."
    (found,) = match_phrases(zh, en, zh_emph, (), annotate(zh), threshold=0.0)
    (withheld,) = match_phrases(zh, en, zh_emph, (), annotate(zh), threshold=1.01)
    assert found.en is not None and 0.0 < found.confidence <= 1.0
    assert withheld.en is None and withheld.confidence == found.confidence


def test_english_only_bold_in_study_set():
    from learnkit import codec
    from learnkit.pipeline import study_set

    text = (
        "---\ntitle: 协议\n---\n\n# 协议\n\n他们签署了协议，也谈到了天气。\n\n"
        "# The agreement\n\nThey signed the **agreement** and talked about **Monday**.\n"
    )
    ss = study_set(text)
    phrase, monday = ss.phrases  # bold English not found is kept, with zh None
    assert (phrase.zh, phrase.en, phrase.en_confidence) == ("协议", "agreement", None)
    assert (monday.zh, monday.en, monday.zh_span) == (None, "Monday", None)
    assert 0.5 <= phrase.zh_confidence <= 1.0
    assert any("'Monday'" in w for w in ss.warnings)
    d = codec.to_dict(ss)["phrases"][0]
    assert d["zh_confidence"] == phrase.zh_confidence and d["en_confidence"] is None
    assert codec.loads(codec.dumps(ss)) == ss


def test_one_embedding_call_per_bead(monkeypatch):
    from learnkit.align import embed, vectors

    calls = []
    original = embed.embed
    monkeypatch.setattr(embed, "embed", lambda texts: calls.append(len(texts)) or original(texts))
    monkeypatch.setattr(vectors, "CACHE", {})
    zh, zh_emph = clean_inline("这座城市的**制造部门**和**天然气需求**都在萎缩。", "zh")
    en = "Both the city's factory sector and its gas needs are shrinking."
    match_phrases(zh, en, zh_emph, (), annotate(zh))
    assert len(calls) == 1 and calls[0] > 2
    match_phrases(zh, en, zh_emph, (), annotate(zh))  # the vectors are kept by text
    assert len(calls) == 1


# --- precision: a one-sided phrase must not be "found" where no translation is ------------


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        # ECDICT renders "unplanned" 无计划的 / 在计划外的: a negation, not 计划
        pytest.param(
            "我们需要一个新的**计划**。",
            "The trip was unplanned and chaotic.",
            None,
            id="negated-rendering",
        ),
        pytest.param(
            "我们需要一个新的**计划**。",
            "We need a new plan.",
            "plan",
            id="negated-rendering-control",
        ),
        # "election" → 选择权 (a minor sense): the phrase inside a longer word
        pytest.param(
            "他们的**选择**很重要。",
            "The elections were held in May.",
            None,
            id="rendering-contains-phrase",
        ),
        pytest.param(
            "他们的**选择**很重要。",
            "Their choice matters a lot.",
            "choice",
            id="rendering-contains-phrase-control",
        ),
        # judged on 美国, not on 和 (which "Republican" → 共和国的 would say)
        pytest.param(
            "她认为**美国和**日本会合作。",
            "The Republican senator spoke at length.",
            None,
            id="function-word-at-end",
        ),
        pytest.param(
            "她认为**美国和**日本会合作。",
            "She thinks America and Japan will cooperate.",
            "America",
            id="function-word-at-end-control",
        ),
        pytest.param(
            "他**可能在**图书馆。",
            "He is probably in the library.",
            "probably",
            id="content-part-rendering",
        ),
        # one English word, a gloss sense ("go up", "mainland China") and weak embeddings
        pytest.param(
            "气温持续**上升**。",
            "We are going to the market tomorrow.",
            None,
            id="lone-word-weak-gloss",
        ),
        pytest.param(
            "气温持续**上升**。", "Temperatures keep rising.", "rising", id="lone-word-control"
        ),
        pytest.param(
            "他们回到了**大陆**。",
            "Factories in China closed early.",
            None,
            id="lone-word-partial-meaning",
        ),
        pytest.param(
            "他们回到了**大陆**。",
            "They returned to the mainland.",
            "mainland",
            id="lone-word-partial-meaning-control",
        ),
        # a fuller form spreading the phrase's characters (无人驾驶飞机) still says it
        pytest.param(
            "这种**无人机**很贵。", "These drones are expensive.", "drones", id="spread-rendering"
        ),
    ],
)
def test_one_sided_precision(zh, en, expected):
    (pair,) = pairs(zh, en)
    assert pair[1] == expected


@pytest.mark.parametrize(
    ("word", "negation"),
    [
        ("not", True),
        ("won't", True),
        ("useless", True),  # -less, and ECDICT says 无用的
        ("unintended", True),
        ("nonprofit", True),
        ("dishonest", True),
        ("inclined", False),  # in- that is no prefix: ECDICT says 可能的
        ("under", False),
        ("increase", False),
        ("interest", False),
        ("regardless", True),
    ],
)
def test_english_negation(word, negation):
    from learnkit.align.lexical import is_negation

    assert is_negation(word) is negation


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "他说，**一带一路**倡议将继续推进。",
            "He said the Belt and Road Initiative would continue.",
            [("一带一路", None)],  # "Road" is part of a name of several words
            id="part-of-a-name",
        ),
        pytest.param(
            "中国推进**一带一路**倡议，一带一路已经十年了。",
            "China is pushing the Belt and Road Initiative; the Belt and Road is ten years old.",
            [("一带一路", None)],  # the name said again does not make "Belt" another word's
            id="part-of-a-name-said-twice",
        ),
        pytest.param(
            "他们**摸着石头过河**，逐步推进改革。",
            "They crossed the river by feeling the stones, pushing reform step by step.",
            [("摸着石头过河", None)],  # "stones" says too little of the idiom
            id="one-noun-of-an-idiom",
        ),
        pytest.param(
            "这家公司的市值超过**一万亿美元**。",
            "The company's market value exceeds one trillion dollars.",
            [("一万亿美元", "one trillion dollars")],  # the numeral stays
            id="numeral-kept",
        ),
        pytest.param(
            "他年轻时在**血汗工厂**工作，后来成为律师。",
            "As a young man he was a sweatshop worker, and later became a lawyer.",
            [("血汗工厂", "sweatshop")],  # "worker" is 工作's, the next word
            id="next-word-cut",
        ),
        pytest.param(
            "这笔钱用于救济暂时**丧失工作能力**的工人。",
            "The money goes to the temporary disability of workers.",
            [("丧失工作能力", None)],  # "temporary" is 暂时's; "disability" alone says too little
            id="previous-word-cut",
        ),
        pytest.param(
            "中国的**经济增长**放缓了。",
            "China's economic growth slowed.",
            [("经济增长", "economic growth")],
            id="possessor-outside-the-span",
        ),
        pytest.param(
            "政府将扩大**制造部门**的生产。",
            "The government will expand output in the factory sector.",
            [("制造部门", "factory sector")],  # "factory" (产生地) is not 生产's: was "output"
            id="rendering-in-another-order",
        ),
    ],
)
def test_spans_keep_to_what_the_phrase_says(zh, en, expected):
    assert pairs(zh, en, threshold=0.0) == expected


@pytest.mark.parametrize(
    ("en", "expected"),
    [
        pytest.param("Li Ming smiled broadly and greeted them.", "smiled broadly", id="content"),
        pytest.param("Li Ming smiled broadly and said hello.", None, id="generic-verb"),
    ],
)
def test_a_generic_verb_anchors_no_gap(en, expected):
    from learnkit.align import gaps, lexical

    zh = "李明满面春风地问好。"
    tokens = lexical.tokens_of(en)
    verb = next(k for k, t in enumerate(tokens) if t.lemma in ("greet", "say"))
    links = [
        gaps.Link(0, 2, True, frozenset({0, 1})),
        gaps.Link(2, 6, True, frozenset()),
        gaps.Link(7, 9, True, frozenset({verb})),
    ]
    found = gaps.gaps(zh, Span(2, 6, "满面春风"), links, tokens, en)
    got = [en[tokens[g.first].start : tokens[g.last].end] for g in found]
    assert got == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param("**夜市**很热闹。", "Night markets are lively.", "night markets", id="common"),
        pytest.param("他说**夜市**很热闹。", "He said night markets were lively.", "night markets"),
        pytest.param("**中国**经济增长放缓。", "China's economy slowed.", "China", id="name"),
    ],
)
def test_a_sentence_capital_is_taken_off_a_common_word_on_the_card(zh, en, expected):
    from learnkit.pipeline import study_set

    ss = study_set(f"# 题\n\n{zh}\n\n---\n\n# T\n\n{en}\n")
    assert [p.en for p in ss.phrases] == [expected]


@pytest.mark.parametrize(
    ("zh", "en", "wrong"),
    [
        pytest.param(
            "他的**辞职**让很多校友感到意外。",
            "His resignation surprised many **alumni**.",
            ("辞职", "alumni"),
            id="zh-phrase-said-in-plain-english",
        ),
        pytest.param(
            "**小屋**旁边有一片泥坑。",
            "Beside the hut there were **mud pools**.",
            ("小屋", "mud pools"),
            id="english-bold-said-in-plain-chinese",
        ),
        pytest.param(
            "这不像迎亲的队伍，倒像**送葬的队伍**。",
            "It looked less like a **wedding procession** than a funeral procession.",
            ("送葬的队伍", "wedding procession"),
            id="a-gloss-shared-with-plain-text",
        ),
        pytest.param(
            "老人**大声喊叫**，把钱塞进了腰带。",
            "The old man shouted and **tucked the money into his belt**.",
            ("大声喊叫", "tucked the money into his belt"),
            id="no-cue-beyond-the-bold",
        ),
    ],
)
def test_bold_on_each_side_of_different_phrases_stays_apart(zh, en, wrong):
    """A page may bold one phrase in the Chinese and another in the English: the two are
    paired only on evidence beyond the bold, never because each is the only bold span."""
    got = pairs(zh, en)
    assert wrong not in got
    assert (None, wrong[1]) in got or any(z is not None and e == wrong[1] for z, e in got)


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "这不像**迎亲的队伍**，倒像送葬的队伍。",
            "It looked less like a **wedding procession** than a funeral procession.",
            ("迎亲的队伍", "wedding procession"),
            id="the-bold-that-shares-the-gloss",
        ),
        pytest.param(
            "他们**签署了协议**。",
            "They **signed the agreement**.",
            ("签署了协议", "signed the agreement"),
            id="glosses-pair",
        ),
    ],
)
def test_bold_on_both_sides_still_pairs(zh, en, expected):
    assert expected in pairs(zh, en)


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "那天他**力气大**，翻了过来。",
            "That day he managed to **buck me off**.",
            [("力气大", None), (None, "buck me off")],
            id="lone-pair-without-a-cue",
        ),
        pytest.param(
            "她说：“**请家里坐**。”",
            "“Come in,” she said, **cackling**.",
            [("请家里坐", None), (None, "cackling")],
            id="lone-pair-cosine-alone",
        ),
        pytest.param(
            "我们**粗略计算**了一下。",
            "It was done **on a lark**.",
            [("粗略计算", None), (None, "on a lark")],
            id="weak-cosine",
        ),
        pytest.param(
            "双方签署了**停火协议**。",
            "The two sides signed a **truce**.",
            [("停火协议", "truce")],  # ECDICT: truce 停战, a character of the phrase
            id="lone-pair-with-a-shared-character",
        ),
    ],
)
def test_bold_alone_is_no_evidence(zh, en, expected):
    """One bold span on each side with no gloss, rendering or clear cosine between them:
    each stays on its own (a card with no English, bold English with no Chinese)."""
    assert pairs(zh, en) == expected


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "晚上她**没睡好**，眼睛很累。",
            "She did not sleep well that night; her eyes were tired.",
            ("没睡好", "did not sleep well"),
            id="not-with-its-auxiliary",
        ),
        pytest.param(
            "王二根本就**不存在**。",
            "Maybe Wang Er didn't exist at all.",
            ("不存在", "didn't exist"),
            id="contracted-negation",
        ),
        pytest.param(
            "他**没有来**。",
            "He never came.",
            ("没有来", "never came"),
            id="never",
        ),
        pytest.param(
            "他**不喜欢**猫。",
            "He dislikes cats.",
            ("不喜欢", "dislikes"),  # the negation is in the word: nothing joins
            id="negating-word",
        ),
        pytest.param(
            "**不知睡了多久**，她终于醒了过来。",
            "She didn't know how long she had slept before she finally woke up.",
            ("不知睡了多久", "didn't know how long she had slept"),  # 不知 "not to know"
            id="a-word-that-opens-with-a-negation",
        ),
    ],
)
def test_a_negated_phrase_keeps_the_negation_before_its_span(zh, en, expected):
    """不存在 is "didn't exist", never "exist": the opposite on a card."""
    assert pairs(zh, en, threshold=0.0) == [expected]


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "老板听了以后**笑而不答**，转身走了。",
            "The boss laughed and walked away.",
            ("笑而不答", None),  # "laughed" says only the half not negated
            id="negated-half-unsaid",
        ),
        pytest.param(
            "他的祖父早已**不在人世**。",
            "His grandfather is long dead.",
            ("不在人世", "dead"),  # a phrase opening with its negation: one word may say it
            id="opening-negation-may-be-one-word",
        ),
    ],
)
def test_a_phrase_negating_part_of_itself_needs_the_negation(zh, en, expected):
    assert pairs(zh, en, threshold=0.0) == [expected]


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "邻居们昨晚又**大吵大闹**了一场。",
            "Last night the neighbours were yelling and squabbling again.",
            ("大吵大闹", "yelling and squabbling"),
            id="paired-halves-abac",
        ),
        pytest.param(
            "过年的时候大家都**高高兴兴**的。",
            "At New Year everyone was happy and cheerful.",
            ("高高兴兴", "happy and cheerful"),
            id="paired-halves-aabb",
        ),
        pytest.param(
            "孩子们**收拾好了**书包，排着队走出了教室。",
            "The children packed up their schoolbags and filed out of the classroom.",
            ("收拾好了", "packed up"),  # a phrasal verb whole
            id="phrasal-verb-particle",
        ),
        pytest.param(
            "花瓶掉在地上，摔成了**碎片**。",
            "The vase fell to the floor and shattered into shards.",
            ("碎片", "shards"),  # a noun, not the verb "shattered" that says its 碎
            id="a-noun-before-a-verb",
        ),
        pytest.param(
            "他一把**抓住她右臂**，不让她走。",
            "He gripped Mary's right arm and would not let her go.",
            ("抓住她右臂", "gripped Mary's right arm"),  # its verb through the possessive
            id="a-verb-and-its-object",
        ),
    ],
)
def test_a_span_says_the_whole_phrase_in_its_own_form(zh, en, expected):
    assert pairs(zh, en, threshold=0.0) == [expected]


@pytest.mark.parametrize(
    ("a", "b", "related"),
    [
        ("regulate", "regulate", True),
        ("regulate", "regulator", True),  # one a prefix of the other (4 letters or more)
        ("law", "lawyer", False),  # ... shorter: no
        ("populism", "populist", True),  # a stem of 5 with another ending
        ("economy", "economic", True),
        ("polite", "police", False),  # a prefix of 4
        ("generation", "generals", True),  # 6 shared, 2 left of the shorter
        ("abcdefgh", "abcdexyz", True),  # 5 shared, 3 left
        ("abcdefghi", "abcdexyzw", False),  # 5 shared, 4 left
        ("", "a", False),
    ],
)
def test_related_words(a, b, related):
    from learnkit.align.lexical import related as is_related

    assert is_related(a, b) is related
    assert is_related(b, a) is related


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "领导人缺乏动力，部分原因是清洁的河流在选民的**优先事项**中排名较低。",
            "Leaders have little incentive, in part because clean rivers are low among voters' "
            "priorities.",
            [("优先事项", "priorities")],  # the gap ("because") leaves out what glosses find
            id="gloss-answer-outside-the-gap",
        ),
        pytest.param(
            "首先是九十年代的**寻呼台**，然后是手机。",
            "First there were paging stations during the nineties, then mobile phones.",
            [("寻呼台", "paging stations")],  # "during" opens the neighbour's "the nineties"
            id="gap-sheds-the-preposition-of-the-next-anchor",
        ),
        pytest.param(
            "他的话**不着边际**，大家都笑了。",
            "His remarks were neither here nor there, and everyone laughed.",
            [("不着边际", None)],  # "neither" alone says nothing of the idiom
            id="a-lone-negation-is-no-span",
        ),
        pytest.param(
            "那男孩笑道：“原来你天天到这里**偷食**。”",
            "'So you come here every day and take food,' said the boy, **chuckling**.",
            [("偷食", "take food"), (None, "chuckling")],  # chuckling is plain 笑's
            id="bold-english-closer-to-plain-chinese",
        ),
        pytest.param(
            "这是第一次，对手陷入困境，**立足不稳**。",
            "For the first time, the rival was **reeling** and back on its heels.",
            [("立足不稳", None), (None, "reeling")],  # reeling is plain 困境's
            id="bold-english-closer-to-plain-chinese-word",
        ),
        pytest.param(
            "车站里**穿了制服的工作人员**跑来跑去。",
            "At the station uniformed staff scurried back and forth.",
            [("穿了制服的工作人员", "uniformed staff")],  # "scurried" is the clause's verb
            id="verb-after-the-noun-is-the-clause's",
        ),
        pytest.param(
            "为了支付**营业开支**，店主每月必须卖出五百本书。",
            "To cover the cost of doing business the owner must sell five hundred books a month.",
            [("营业开支", None)],  # the gap "cover the cost" is 支付's; glosses find 营业 later
            id="gap-beside-the-phrase's-gloss-words",
        ),
        pytest.param(
            "它很像**头盔显示器**。",
            "It resembled the display inside the panoramic viewing helmet of the space suit.",
            [("头盔显示器", "display")],  # "inside" opens "the ... helmet", no phrase of its own
            id="preposition-opening-the-next-noun-phrase",
        ),
        pytest.param(
            "台积电正在日本西南部**菊阳町**的**牧牛场**和**菜田**里建厂。",
            "It is building in the cow pastures and cabbage fields of **Kikuyo** in Japan.",
            [
                ("菊阳町", None),
                ("牧牛场", "cow pastures"),
                ("菜田", "cabbage fields"),
                (None, "Kikuyo"),
            ],
            id="english-bold-name-is-not-a-common-word-said-in-plain-text",
        ),
        pytest.param(
            "那时出现了电话、**无线电报**、收音机和汽车。",
            "Then came the telephone, wireless telegraph, radio and the car.",
            [("无线电报", "wireless telegraph")],  # "radio" is 收音机's: one item of the list
            id="one-item-of-an-english-list",
        ),
    ],
)
def test_spans_that_are_other_words_english_are_no_answer(zh, en, expected):
    assert pairs(zh, en, threshold=0.0) == expected


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "寺庙门口的**石狮子**很威武。",
            "The stone lions at the temple gate looked fierce.",
            [("石狮子", "stone lions")],  # 石 "stone", though the entry reads "guardian lion"
            id="edge-character-says-the-word-before",
        ),
        pytest.param(
            "他们保持**沟通渠道**的畅通。",
            "They kept lines of communication open.",
            [("沟通渠道", "lines of communication")],  # 通 "open" is no edge character
            id="inner-character-joins-nothing",
        ),
        pytest.param(
            "他的话就像**聋子的耳朵**，毫无用处。",
            "His words were like the ears of a deaf man, of no use at all.",
            [("聋子的耳朵", "ears of a deaf man")],  # "a deaf" ends no noun phrase
            id="article-and-adjective-take-their-noun",
        ),
        pytest.param(
            "那是**战争的代价**。",
            "That was the cost of the war effort.",
            [("战争的代价", "cost of the war")],  # "war" can end its noun phrase
            id="article-and-noun-end-the-phrase",
        ),
    ],
)
def test_a_word_the_phrase_says_joins_its_span(zh, en, expected):
    assert pairs(zh, en, threshold=0.0) == expected


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "那位医生穿着**白大褂**。",
            "The doctor wore a white smock.",
            [("白大褂", "white smock")],  # "white" leaves 褂 unsaid: the noun it modifies
            id="unsaid-head-noun-after",
        ),
        pytest.param(
            "她培养了许多**优秀运动员**。",
            "She has trained many elite athletes.",
            [("优秀运动员", "elite athletes")],  # 优秀 unsaid by "athletes": the modifier
            id="unsaid-modifier-before",
        ),
        pytest.param(
            "**拉普拉斯反变换**给出脉冲响应。",
            "The inverse Laplace transform gives the impulse response.",
            [("拉普拉斯反变换", "inverse Laplace transform")],
            id="unsaid-inner-word-before",
        ),
        pytest.param(
            "她在**任何事情上**都很认真。",
            "She is serious about everything alone.",
            [("任何事情上", "everything")],  # an adverb is no head noun; 上 may go unsaid
            id="no-adverb-after",
        ),
        pytest.param(
            "他**当众**道歉了。",
            "He apologised in public yesterday.",
            [("当众", "in public")],  # the entry's "in public", word for word
            id="dictionary-meaning-word-for-word",
        ),
        pytest.param(
            "他**当场**就答应了。",
            "He agreed on the spot.",
            [("当场", "on the spot")],
            id="dictionary-meaning-with-its-article",
        ),
        pytest.param(
            "树上的**鸟儿**在唱歌。",
            "The little birds in the tree were singing.",
            [("鸟儿", "birds")],
            id="erhua-suffix-headword",
        ),
        pytest.param(
            "他在房间里**来回踱步**。",
            "He paced back and forth in the room.",
            [("来回踱步", "paced back and forth")],  # no cut inside "back and forth"
            id="binomial-whole",
        ),
        pytest.param(
            "她**挂断**了电话。",
            "She hung up.",
            [("挂断", "hung up")],  # the entry's "hang up", lemma for lemma
            id="dictionary-meaning-lemma-for-lemma",
        ),
        pytest.param(
            "有时**通信线路**把数据中心和它自己连接起来。",
            "Sometimes a communications link connects a data center with itself.",
            [("通信线路", "communications link")],  # 连接 has "connects": "link" is free
            id="word-another-chinese-word-does-not-need",
        ),
        pytest.param(
            "决策论研究**决策者**的行为。",
            "Decision theory studies the behaviour of the decision maker.",
            [("决策者", "decision maker")],  # 决策论 has its own "Decision"
            id="word-said-twice-in-the-sentence",
        ),
        pytest.param(
            "她听到一种**奇怪的声音**。",
            "She heard it: a strange noise echoed in the hall.",
            [("奇怪的声音", "strange noise")],  # "echoed" is the clause's verb
            id="clause-verb-after-the-noun-cut",
        ),
        pytest.param(
            "这种简单的原则使他集中精力，搞好摄影工作。",
            "This simple principle let him **focus on his craft** of photography.",
            [("集中", "focus on his craft")],  # not 他集中: the subject
            id="english-bold-chinese-without-pronoun",
        ),
        pytest.param(
            "她很快就原谅了他们。",
            "She soon **forgave them**.",
            [("原谅", "forgave them")],  # 他们 is the object's pronoun, no content
            id="english-bold-chinese-without-object-pronoun",
        ),
        pytest.param(
            "王成来到**女婿**家，住下了。",
            "Wang Cheng came to his son-in-law's house and stayed.",
            [("女婿", "son-in-law")],  # the 's is 家's possessor mark, not 女婿's
            id="possessive-ending-left-out",
        ),
        pytest.param(
            "他**笑而不语**。",
            "He laughed quite calmly and said nothing.",
            [("笑而不语", "laughed")],  # "quite" belongs to "calmly", outside the span
            id="no-dangling-degree-adverb",
        ),
        pytest.param(
            "他们在公园里**拍电影**。",
            "They are making a film in the park.",
            [("拍电影", "making a film")],  # 拍电影 "to make a movie": a verb phrase
            id="verb-phrase-takes-its-verb",
        ),
        pytest.param(
            "他不喝酒，也不**吸毒**。",
            "He did not drink or do drugs.",
            [("吸毒", "do drugs")],
            id="verb-phrase-takes-a-light-verb",
        ),
        pytest.param(
            "他最近**发胖**了。",
            "He is fat these days.",
            [("发胖", "fat")],  # a copula is no verb of the phrase's
            id="verb-phrase-takes-no-copula",
        ),
    ],
)
def test_a_span_takes_the_words_that_complete_it(zh, en, expected):
    assert pairs(zh, en, threshold=0.0) == expected


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        pytest.param(
            "**县治**迁到了新城。",
            "The county moved its offices to a new town.",
            [("县治", None)],  # "county" leaves 治 unsaid; "moved" is the verb after it
            id="part-unsaid-withheld",
        ),
        pytest.param(
            "支持者认为他是一个**敢于直言**的局外人。",
            "His supporters see him as an outspoken outsider.",
            [("敢于直言", None)],  # the gap holds 认为他是一个 too; the paraphrase is weak
            id="paraphrase-inside-a-wider-gap",
        ),
        pytest.param(
            "车站里**穿了制服的工作人员**跑来跑去。",
            "At the station uniformed staff scurried back and forth.",
            [("穿了制服的工作人员", None)],  # 穿 and 人 unsaid: too unsure for a card
            id="part-unsaid-found-in-plain-text",
        ),
        pytest.param(
            "河里的**鱼儿**游来游去。",
            "The fish in the river swam back and forth.",
            [("鱼儿", "fish")],  # 儿 after a noun is the erhua suffix, not "child" (sure)
            id="erhua-suffix-says-nothing",
        ),
        pytest.param(
            "他们讨论了**气候变化**。",
            "They discussed climate change.",
            [("气候变化", "climate change")],  # sure: every word said, one dictionary meaning
            id="sure-answer-shown",
        ),
    ],
)
def test_unsure_answers_are_withheld_sure_ones_shown(zh, en, expected):
    """An answer below the threshold is no answer: a wrong English on a card is worse than
    none (the learner still has the dictionary's gloss)."""
    assert pairs(zh, en) == expected


@pytest.mark.parametrize(
    ("zh", "en", "threshold", "expected"),
    [
        pytest.param(
            "**游客激增**给**日益枯竭**的**地下水源**带来了压力。",
            "A surge of visitors has put pressure on dwindling underground water sources.",
            None,
            # 日益枯竭's unsure "dwindling underground" is withheld and so takes no word
            # from 地下水源 (it had "water sources")
            [("游客激增", None), ("日益枯竭", None), ("地下水源", "underground water sources")],
            id="a-withheld-answer-claims-no-words",
        ),
        pytest.param(
            "**人口激增**会给城市带来压力。",
            "Surges in population would put increasing strain on cities.",
            0.0,
            [("人口激增", None)],  # not "population would put increasing": across a modal
            id="no-span-across-a-modal",
        ),
        pytest.param(
            "这本书是对历史的**挖掘**。",
            "The book is in part an excavation of history.",
            0.0,
            [("挖掘", "excavation")],  # "to excavate" as a noun: not "part an excavation"
            id="a-verb-said-as-a-noun-takes-no-verb-before",
        ),
        pytest.param(
            "我们在**那个年代**很穷。",
            "We were poor in those years.",
            0.0,
            [("那个年代", "those years")],  # 那 says "those": not "years"
            id="a-demonstrative-joins",
        ),
        pytest.param(
            "**在那个时候**，我们很穷。",
            "At that time, we were poor.",
            0.0,
            [("在那个时候", "At that time")],  # 在 says "At", 那 "that": not "time"
            id="a-preposition-and-a-demonstrative-join",
        ),
        pytest.param(
            "这部电影**在一定程度上**是对他童年的**回忆**。",
            "The film is in part a recollection of his childhood.",
            0.0,
            [("在一定程度上", "in part"), ("回忆", "recollection")],  # not "part"
            id="a-preposition-joins",
        ),
        pytest.param(
            "我们在河边**种点白菜**。",
            "We could grow some cabbage **round the place**.",
            0.0,
            # 点 "place" is a lesser part of the phrase, and plain English says the rest:
            # the English bold is not its counterpart (it is the unbolded 在河边's)
            [("种点白菜", "grow some cabbage"), (None, "round the place")],
            id="bold-said-by-a-lesser-part-stays-apart",
        ),
        pytest.param(
            "晚饭时我们**吃得太多**了。",
            "At dinner we ate too much.",
            0.0,
            [("吃得太多", "ate too much")],  # 太 says "too": not "ate"
            id="a-too-complement-joins",
        ),
        pytest.param(
            "他很会**保护**。",
            "He knows how to protect himself.",
            0.0,
            [("保护", "protect himself")],  # a reflexive object completes the verb
            id="a-reflexive-object-joins",
        ),
    ],
)
def test_the_answers_of_a_bead_share_its_words_fairly(zh, en, threshold, expected):
    assert pairs(zh, en, threshold=threshold) == expected


@pytest.mark.parametrize(
    ("raw", "shown"),
    [(1.0, 1.0), (SEARCH_SURE, THRESHOLD), (0.0, 0.0)],
)
def test_an_english_span_found_in_plain_text_needs_more_confidence(raw, shown):
    """Found for bold Chinese in plain English, an answer at SEARCH_SURE is as sure as a
    pair of bold spans at THRESHOLD; just below it, it is no answer."""
    assert _searched(raw) == pytest.approx(shown, abs=1e-3)
    assert _searched(SEARCH_SURE - 0.01) < THRESHOLD < SEARCH_SURE
