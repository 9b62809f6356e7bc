"""learnkit.chinese.pinyin, the one pinyin renderer, and the ``pinyin`` command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SAMPLE, SHARED

from learnkit.chinese import annotate
from learnkit.chinese.pinyin import numbers_line, pinyin_line, pinyin_lines, word_pinyin
from learnkit.cli import cli

PHRASE_ARTICLES = [SHARED / "phrase_data" / "articles" / f"d{n:02d}.md" for n in (1, 6, 11)]


@pytest.mark.parametrize(
    ("text", "marks", "numbers"),
    [
        (
            "习近平和普京的友谊长存",
            "Xí Jìnpíng hé Pǔjīng de yǒuyì chángcún",
            "xi2 jin4 ping2 he2 pu3 jing1 de5 you3 yi4 chang2 cun2",
        ),
        (
            "这篇文章探讨了习近平和弗拉基米尔·普京之间的联系, 他们有着共同的威权民族主义世界观.",
            "zhè piān wénzhāng tàntǎo le Xí Jìnpíng hé Fúlājīmǐ'ěr·Pǔjīng zhījiān de liánxì, "
            "tāmen yǒuzhe gòngtóng de wēiquán mínzúzhǔyì shìjièguān.",
            "zhe4 pian1 wen2 zhang1 tan4 tao3 le5 xi2 jin4 ping2 he2 fu2 la1 ji1 mi3 er3·pu3 "
            "jing1 zhi1 jian1 de5 lian2 xi4, ta1 men5 you3 zhe5 gong4 tong2 de5 wei1 quan2 "
            "min2 zu2 zhu3 yi4 shi4 jie4 guan1.",
        ),
        (
            '对两国实施的 "双重遏制" 。',
            'duì liǎngguó shíshī de "shuāngchóng èzhì".',
            'dui4 liang3 guo2 shi2 shi1 de5 "shuang1 chong2 e4 zhi4".',
        ),
        (
            "亨利·基辛格在20世纪70年代策划的中美关系解冻",
            "Hēnglì·Jīxīngé zài 20 shìjì 70 niándài cèhuà de Zhōng Měi guānxì jiědòng",
            "heng1 li4·ji1 xin1 ge2 zai4 20 shi4 ji4 70 nian2 dai4 ce4 hua4 de5 zhong1 mei3 "
            "guan1 xi4 jie3 dong4",
        ),
        (
            "两国有着共同的对手--美国，他们认为美国是一种扩张主义的威胁。",
            "liǎngguó yǒuzhe gòngtóng de duìshǒu — Měiguó, tāmen rènwéi Měiguó shì yīzhǒng "
            "kuòzhāng zhǔyì de wēixié.",
            "liang3 guo2 you3 zhe5 gong4 tong2 de5 dui4 shou3 — mei3 guo2, ta1 men5 ren4 wei2 "
            "mei3 guo2 shi4 yi1 zhong3 kuo4 zhang1 zhu3 yi4 de5 wei1 xie2.",
        ),
        (
            "習近平和普京的友誼長存",
            "Xí Jìnpíng hé Pǔjīng de yǒuyì chángcún",
            "xi2 jin4 ping2 he2 pu3 jing1 de5 you3 yi4 chang2 cun2",
        ),
        (
            "《台積電的晶圓廠》（台灣）",
            "«Táijīdiàn de jīngyuánchǎng» (Táiwān)",
            "«tai2 ji1 dian4 de5 jing1 yuan2 chang3» (tai2 wan1)",
        ),
        (
            "他在银行工作，每天步行上班。",
            "tā zài yínháng gōngzuò, měitiān bùxíng shàngbān.",
            "ta1 zai4 yin2 hang2 gong1 zuo4, mei3 tian1 bu4 xing2 shang4 ban1.",
        ),
        (
            "二〇二四年，他在A股赚了100万。",
            "èr líng èr sì nián, tā zài A gǔ zhuàn le 100 wàn.",
            "er4 ling2 er4 si4 nian2, ta1 zai4 A gu3 zhuan4 le5 100 wan4.",
        ),
        ("西安", "Xī'ān", "xi1 an1"),
        # erhua: 儿 CC-CEDICT reads as the r of the syllable before it is written so
        # (zhèr, never zhè'ér); 女儿 and 儿子 keep their syllable ér
        (
            "你在这儿等我，一点儿也不累。",
            "nǐ zài zhèr děng wǒ, yīdiǎnr yě bùlèi.",
            "ni3 zai4 zhe4 er2 deng3 wo3, yi1 dian3 er2 ye3 bu4 lei4.",
        ),
        (
            "他的女儿和儿子在玩儿。",
            "tā de nǚ'ér hé érzi zài wánr.",
            "ta1 de5 nu:3 er2 he2 er2 zi5 zai4 wan2 er2.",
        ),
        ("這兒很好。", "zhèr hěn hǎo.", "zhe4 er2 hen3 hao3."),
        ("", "", ""),
    ],
    ids=[
        "title",
        "names",
        "quotes",
        "numbers",
        "dash",
        "traditional",
        "traditional-title",
        "hang-xing",
        "ling-latin-digits",
        "apostrophe",
        "erhua",
        "er-syllable",
        "erhua-traditional",
        "empty",
    ],
)
def test_lines(text, marks, numbers):
    words = annotate.annotate(text)
    assert pinyin_line(words) == marks
    assert numbers_line(words) == numbers
    assert pinyin_lines([text]) == [marks]
    assert pinyin_lines([text], style="numbers") == [numbers]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("习近平和普京的友谊长存", "习近平", "Xí Jìnpíng"),
        ("中俄两国之间持久的伙伴关系", "伙伴", "huǒbàn"),
        ("西安很美", "西安", "Xī'ān"),
        ("他说。", "。", "。"),
    ],
    ids=["name", "word", "apostrophe", "not-han"],
)
def test_word_pinyin(text, word, expected):
    found = next(w for w in annotate.annotate(text) if w.text == word)
    assert word_pinyin(found) == expected


@pytest.mark.parametrize(
    ("args", "stdin", "expected"),
    [
        ([], "习近平在莫斯科与普京会谈。\n", "Xí Jìnpíng zài Mòsīkē yǔ Pǔjīng huìtán.\n"),
        ([], "西安\n\n台積電的晶圓廠\n", "Xī'ān\n\nTáijīdiàn de jīngyuánchǎng\n"),
        ([], "“你好！”他说。\n", "“nǐhǎo!” tā shuō.\n"),
        (["--style", "numbers"], "他长大了。\n", "ta1 zhang3 da4 le5.\n"),
        (["--per-char"], "绿A了\n", "lǜ\tA\tle\n"),
        (["--per-char", "--style", "numbers"], "女儿，绿\n", "nu:3\ter2\t，\tlu:4\n"),
        (["--per-char", "--style", "numbers"], "晶圓廠\n", "jing1\tyuan2\tchang3\n"),
        ([], "", ""),
    ],
    ids=[
        "marks",
        "apostrophe-blank-traditional",
        "punctuation",
        "numbers",
        "per-char-marks",
        "per-char-numbers",
        "per-char-traditional",
        "empty",
    ],
)
def test_cli_pinyin(args, stdin, expected):
    result = CliRunner().invoke(cli, ["pinyin", *args], input=stdin)
    assert result.exit_code == 0, result.output
    assert result.output == expected


def test_cli_pinyin_rejects_unknown_style():
    result = CliRunner().invoke(cli, ["pinyin", "--style", "ipa"], input="你好\n")
    assert result.exit_code == 2
    assert "Invalid value for '--style'" in result.output


@pytest.mark.parametrize(
    "path", [SAMPLE, *PHRASE_ARTICLES], ids=lambda p: f"{p.parent.parent.name}/{p.stem}"
)
def test_cli_pinyin_agrees_with_extract(path):
    """``learnkit pinyin`` prints each sentence's ``pinyin`` of ``learnkit extract``."""
    if not path.exists():
        pytest.skip(f"needs {path}")
    runner = CliRunner()
    extracted = runner.invoke(cli, ["extract", str(path)])
    assert extracted.exit_code == 0, extracted.output
    sentences = json.loads(extracted.output)["sentences"]
    assert sentences
    printed = runner.invoke(cli, ["pinyin"], input="".join(s["zh"] + "\n" for s in sentences))
    assert printed.exit_code == 0, printed.output
    assert printed.output.splitlines() == [s["pinyin"] for s in sentences]
