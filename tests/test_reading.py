"""learnkit.chinese.reading (+ polyphone, particles): one syllable per character."""

from __future__ import annotations

import pytest

from learnkit.chinese import polyphone
from learnkit.chinese.reading import read, read_many, spellings, to_simplified

# (sentence, word in it, its syllables): the classic polyphone pairs in real sentences.
CLASSIC = [
    ("中国银行的行长在会上发言。", "银行", "yin2 hang2"),
    ("中国银行的行长在会上发言。", "行长", "hang2 zhang3"),
    ("他每天行走两公里去上班。", "行走", "xing2 zou3"),
    ("这个问题对我们非常重要。", "重要", "zhong4 yao4"),
    ("我们决定重新开始。", "重新", "chong2 xin1"),
    ("孩子们都长大了。", "长大", "zhang3 da4"),
    ("这条河的长度是多少？", "长度", "chang2 du4"),
    ("我想了解你的想法。", "了解", "liao3 jie3"),
    ("他昨天晚上来了。", "来了", "lai2 le5"),
    ("这个地方很美。", "地方", "di4 fang1"),
    ("他慢慢地走过来。", "慢慢地", "man4 man4 de5"),
    ("她高兴地笑了。", "高兴地", "gao1 xing4 de5"),
    ("他在比赛中得到了第一名。", "得到", "de2 dao4"),
    ("他跑得快。", "跑得快", "pao3 de5 kuai4"),
    ("我明天得去上班。", "得去", "dei3 qu4"),
    ("为了健康，他每天跑步。", "为了", "wei4 le5"),
    ("作为学生，他很努力。", "作为", "zuo4 wei2"),
    ("你为什么不来？", "为什么", "wei4 shen2 me5"),
    ("他看着我，有点着急。", "看着", "kan4 zhe5"),
    ("他看着我，有点着急。", "着急", "zhao2 ji2"),
    ("我还没还书。", "还没还", "hai2 mei2 huan2"),
    # citation tones, not the spoken sandhi pypinyin's phrase table writes (yi2 ge4, bu2 yao4)
    ("他一个人不要去。", "一个", "yi1 ge4"),
    ("他一个人不要去。", "不要", "bu4 yao4"),
    ("我们一起走吧。", "一起", "yi1 qi3"),
]


# Read word by word (jieba's words): a phrase of pypinyin's table that straddles two words
# no longer decides a reading (了局 in 稳定了局面, 行长 in 进行长期, 的当 in 的当代).
ACROSS_WORDS = [
    ("他还是稳定了局面。", "稳定了", "wen3 ding4 le5"),
    ("他们在该地区进行长期投资。", "进行长期", "jin4 xing2 chang2 qi1"),
    ("受命于美国的当代附庸。", "的当代", "de5 dang1 dai4"),
    ("我们经历了无数困难。", "经历了", "jing1 li4 le5"),
    ("胜利变成了得不偿失的胜利。", "了得不偿失", "le5 de2 bu4 chang2 shi1"),
    ("他重新开始，这是很重要的行为。", "重新", "chong2 xin1"),
    ("他重新开始，这是很重要的行为。", "重要的行为", "zhong4 yao4 de5 xing2 wei2"),
    ("这条河很长，孩子们都长大了。", "长大了", "zhang3 da4 le5"),
    ("银行行长重新开会。", "银行行长", "yin2 hang2 hang2 zhang3"),
    ("带有趣味地传达他的想法。", "趣味地", "qu4 wei4 de5"),
    ("样的临时纪念地表示悼念。", "纪念地", "ji4 nian4 di4"),  # 地 inside a word: no particle
    ("我还没还书。", "还书", "huan2 shu1"),  # single-character words: the table joins them
]


@pytest.mark.parametrize(
    ("sentence", "word", "expected"), ACROSS_WORDS, ids=[w for _, w, _ in ACROSS_WORDS]
)
def test_read_word_by_word(sentence, word, expected):
    start = sentence.index(word)
    assert " ".join(read(sentence)[start : start + len(word)]) == expected


def test_read_many_takes_the_words_given():
    """The caller's words (annotation's) are the ones read: no segmentation of its own."""
    from learnkit.chinese.annotate import segmented

    text = "中国银行的行长在会上发言。"
    cut = segmented(text)
    assert read_many([text], [cut.simplified], [cut.words]) == [read(text)]
    # cut otherwise, a phrase of pypinyin's table inside a word decides: 了局 liao3
    assert read_many(["稳定了局面"], ["稳定了局面"], [((0, 2), (2, 4), (4, 5))]) == [
        ("wen3", "ding4", "liao3", "ju2", "mian4")
    ]
    assert read("稳定了局面") == ("wen3", "ding4", "le5", "ju2", "mian4")


# Everyday sentences (written here, not from CPP): a dictionary word with one reading keeps
# it (头发, 自传, 都市, 桌子), and context reads 只 长 数 种 藏 得; the rest must not change.
EVERYDAY = [
    ("她的头发很长。", "头发很长", "tou2 fa4 hen3 chang2"),
    ("这是他的自传。", "自传", "zi4 zhuan4"),
    ("这座都市很大。", "都市", "du1 shi4"),
    ("桌子上有一只猫。", "桌子", "zhuo1 zi5"),
    ("桌子上有一只猫。", "一只猫", "yi1 zhi1 mao1"),
    ("那只狗非常可爱。", "那只", "na4 zhi1"),
    ("她养了三只鸟。", "三只", "san1 zhi1"),
    ("他用一只手拿着杯子。", "一只手", "yi1 zhi1 shou3"),
    ("只有他知道答案。", "只有", "zhi3 you3"),
    ("她只是笑了笑。", "只是", "zhi3 shi4"),
    ("他只吃了一个苹果。", "只", "zhi3"),
    ("这条路太长了。", "太长", "tai4 chang2"),
    ("长城很长。", "长城很长", "chang2 cheng2 hen3 chang2"),
    ("孩子长大了。", "长大", "zhang3 da4"),
    ("校长今天来了。", "校长", "xiao4 zhang3"),
    ("他数了数苹果。", "数了数", "shu3 le5 shu3"),
    ("老师让我们数一数人数。", "数一数人数", "shu3 yi1 shu3 ren2 shu4"),
    ("我喜欢数学。", "数学", "shu4 xue2"),
    ("这是他种的树。", "种", "zhong4"),
    ("我们在院子里种花。", "种花", "zhong4 hua1"),
    ("农民在田里种地。", "种地", "zhong4 di4"),
    ("这种花很香。", "这种", "zhe4 zhong3"),
    ("这些种子很小。", "种子", "zhong3 zi5"),
    ("小猫藏在床底下。", "藏在", "cang2 zai4"),
    ("我们藏好了礼物。", "藏", "cang2"),
    ("西藏很美。", "西藏", "xi1 zang4"),
    ("你得快点走。", "得", "dei3"),
    ("你得好好休息。", "得", "dei3"),
    ("您得快点走。", "得", "dei3"),  # 您 is a pronoun for readings too (one PRONOUNS)
    ("您种的树很高。", "种", "zhong4"),
    ("他们得早点出发。", "得", "dei3"),
    ("他得到了一本书。", "得到", "de2 dao4"),
    ("他得了感冒。", "得了", "de2 le5"),
    ("他获得了冠军。", "获得", "huo4 de2"),
    ("他跑得快。", "跑得快", "pao3 de5 kuai4"),
    ("你还记得我吗？", "还记得", "hai2 ji4 de5"),
    ("我不让他还钱。", "还钱", "huan2 qian2"),
    ("我不让他还。", "还", "huan2"),
    ("书你什么时候还？", "还", "huan2"),
    ("他还得上班。", "还得", "hai2 dei3"),
    ("他就得这样做。", "就得", "jiu4 dei3"),
    ("他很长时间没来了。", "长时间没来", "chang2 shi2 jian1 mei2 lai2"),
    ("她的头发长长了。", "长长了", "zhang3 chang2 le5"),
    ("长长的头发", "长长的", "chang2 chang2 de5"),
    ("他就得到了。", "得到", "de2 dao4"),
    ("他在数钱。", "数", "shu3"),
    ("我们一起数星星。", "数", "shu3"),
    ("他们长得很像。", "长得", "zhang3 de5"),
    ("这条河比那条长得多。", "长得多", "chang2 de5 duo1"),
    ("我还有一个问题。", "还有", "hai2 you3"),
    ("我想了解中国文化。", "了解", "liao3 jie3"),
    ("我们都是学生。", "都是", "dou1 shi4"),
    ("这些船都会停在港口。", "都会", "dou1 hui4"),  # 都 and 会 two words: not 都会 du1
    ("他在银行工作。", "银行", "yin2 hang2"),
]


IN_CONTEXT = CLASSIC + EVERYDAY


@pytest.fixture(scope="session")
def batch_readings():
    """All classic and everyday sentences read in one batch (also exercises read_many)."""
    sentences = sorted({sentence for sentence, _, _ in IN_CONTEXT})
    return dict(zip(sentences, read_many(sentences), strict=True))


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    IN_CONTEXT,
    ids=[f"{w}-{s[:6]}" for s, w, _ in IN_CONTEXT],
)
def test_polyphones_in_context(batch_readings, sentence, word, expected):
    start = sentence.index(word)
    got = batch_readings[sentence][start : start + len(word)]
    assert " ".join(got) == expected


@pytest.mark.parametrize(("sentence", "word", "expected"), CLASSIC[:4], ids=str)
def test_read_alone_equals_batch(batch_readings, sentence, word, expected):
    assert read(sentence) == batch_readings[sentence]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("abc 123", (None,) * 7),
        ("绿色", ("lu:4", "se4")),
        ("女儿", ("nu:3", "er2")),
        ("我在2024年。", ("wo3", "zai4", None, None, None, None, "nian2", None)),
        ("二〇二四年", ("er4", "ling2", "er4", "si4", "nian2")),
        ("“好！”", (None, "hao3", None, None)),
        ("DNA检测", (None, None, None, "jian3", "ce4")),
    ],
    ids=["empty", "ascii", "u-umlaut", "u-umlaut-poly", "digits", "ling", "quotes", "mixed"],
)
def test_read_per_character(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("台積電", "tai2 ji1 dian4"),
        ("晶圓廠", "jing1 yuan2 chang3"),
        ("台積電在台灣設立晶圓廠。", "tai2 ji1 dian4 zai4 tai2 wan1 she4 li4 jing1 yuan2 chang3 -"),
        ("他長大了，長度不變。", "ta1 zhang3 da4 le5 - chang2 du4 bu4 bian4 -"),
        ("銀行行長", "yin2 hang2 hang2 zhang3"),
    ],
    ids=["tsmc", "fab", "sentence", "chang-zhang", "hang"],
)
def test_traditional(text, expected):
    assert " ".join(s or "-" for s in read(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("台積電晶圓廠", "台积电晶圆厂"),
        ("我們長大了", "我们长大了"),
        ("藉此机会", "藉此机会"),  # valid Simplified: left alone
        ("中国银行", "中国银行"),
        ("hello", "hello"),
    ],
    ids=["traditional", "mixed-chars", "both-scripts", "simplified", "ascii"],
)
def test_to_simplified(text, expected):
    assert to_simplified(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("头发", ["头頭", "发髮"]),
        ("发展", ["发發", "展"]),
        ("里面", ["里裏裡", "面"]),
        ("頭髮", ["头頭", "发髮"]),  # Traditional text: its Simplified form too
        ("G7", ["G", "7"]),
    ],
    ids=["hair", "develop", "standards", "traditional", "latin"],
)
def test_spellings(text, expected):
    """Each character's forms in either script, read in context."""
    assert spellings(text) == tuple(frozenset(chars) for chars in expected)


@pytest.mark.filterwarnings("ignore::ResourceWarning")  # g2pM's loader leaves its files open
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_batched_model_matches_g2pm():
    """The vectorized network gives g2pM's own predictions (its argmax among candidates)."""
    from g2pM import G2pM

    sentences = ["他得到了一个奖。", "这条河的长度是多少？", "他们都长大了，还在银行工作。"]
    reference = G2pM()
    for sentence in sentences:
        positions = [i for i, char in enumerate(sentence) if polyphone.candidates(char)]
        targets = [polyphone.Target(0, i) for i in positions]
        ours = [max(s, key=s.get) for s in polyphone.scores([sentence], targets)]
        theirs = reference(sentence, char_split=True)
        assert ours == [theirs[i] for i in positions], sentence


def test_polyphone_candidates():
    assert polyphone.candidates("了") == ("le5", "liao3", "liao4")
    assert polyphone.candidates("我") == ()
