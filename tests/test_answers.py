"""Grading typed answers and choices (learnkit.study.answers): a table of answers as
learners type them, hanzi (Simplified, Traditional, full-width) and pinyin (marks,
numbers, both, none; ü as ü, v or u:)."""

from __future__ import annotations

from dataclasses import replace

import pytest
import studysets
from studysets import phrase, sentence, study_set

from learnkit.study.answers import (
    Rating,
    Verdict,
    check_choice,
    check_typed,
    parse_pinyin,
    rating,
)
from learnkit.study.quiz import build_items

R, T0, TW, W = Verdict.RIGHT, Verdict.TONELESS, Verdict.TONES, Verdict.WRONG


def _grading_set():
    a = "grading001"
    parts = [
        [
            ("我们", "wo3 men5"),
            ("需要", "xu1 yao4"),
            ("绿色", "lu:4 se4"),
            ("转型", "zhuan3 xing2"),
            "。",
        ],
        [("中美", "zhong1 mei3"), ("关系", "guan1 xi4"), ("解冻", "jie3 dong4"), "了", "。"],
        [("保持", "bao3 chi2"), ("联系", "lian2 xi4"), "。"],
        [("新", "xin1"), ("产业", "chan3 ye4"), ("政策", "zheng4 ce4"), "。"],
        [
            ("他", "ta1"),
            ("的", "de5"),
            ("女儿", "nu:3 er2"),
            ("去", "qu4"),
            ("旅游", "lu:3 you2"),
            "。",
        ],
        [("我们", "wo3 men5"), ("学习", "xue2 xi2"), ("路线", "lu4 xian4"), "。"],
        [("他", "ta1"), ("居住", "ju1 zhu4"), ("在", "zai4"), ("西安", "xi1 an1"), "。"],
        [
            ("我们", "wo3 men5"),
            ("一起", "yi1 qi3"),
            ("走", "zou3"),
            "，",
            ("不是", "bu4 shi4"),
            ("吗", "ma5"),
            "？",
        ],
        [("老", "lao3"), ("朋友", "peng2 you5"), ("好", "hao3"), ("了", "le5"), "。"],
        [("国家", "guo2 jia1"), ("的", "de5"), ("意义", "yi4 yi4"), "。"],
        [
            ("她", "ta1"),
            ("的", "de5"),
            ("头发", "tou2 fa4"),
            ("很", "hen3"),
            ("干净", "gan1 jing4"),
            "。",
        ],
        [
            ("以后", "yi3 hou4"),
            ("经济", "jing1 ji4"),
            ("发展", "fa1 zhan3"),
            ("里面", "li3 mian4"),
            "。",
        ],
        [
            ("我们", "wo3 men5"),
            ("一点儿", "yi1 dian3 er2"),
            ("也", "ye3"),
            ("不", "bu4"),
            ("担心", "dan1 xin1"),
            "。",
        ],
        [
            ("他", "ta1"),
            ("去", "qu4"),
            ("哪儿", "na3 er2"),
            ("买", "mai3"),
            ("东西", "dong1 xi1"),
            "？",
        ],
        [
            ("这个", "zhe4 ge4"),
            ("方案", "fang1 an4"),
            ("是", "shi4"),
            ("我", "wo3"),
            ("事情", "shi4 qing2"),
            ("的", "de5"),
            ("战略", "zhan4 lu:e4"),
            "。",
        ],
        [("我", "wo3"), ("先", "xian1"), ("走", "zou3"), "。"],
        [
            ("他", "ta1"),
            ("还款", "hai2 kuan3"),
            ("几近", "ji3 jin4"),
            ("完成", "wan2 cheng2"),
            "。",
        ],
        [
            ("他們", "ta1 men5"),
            ("的", "de5"),
            ("鬍鬚", "hu2 xu1"),
            ("很", "hen3"),
            ("乾淨", "gan1 jing4"),
            "。",
        ],
        [("我", "wo3"), ("买", "mai3"), ("一个", "yi1 ge4"), ("苹果", "ping2 guo3"), "。"],
        [("你", "ni3"), ("在", "zai4"), ("这儿", "zhe4 er2"), ("玩儿", "wan2 er2"), "。"],
        [
            ("你", "ni3"),
            ("在", "zai4"),
            ("這兒", "zhe4 er2"),
            ("等", "deng3"),
            ("一點兒", "yi1 dian3 er2"),
        ],
        [
            ("第一", "di4 yi1"),
            ("统一", "tong3 yi1"),
            ("一样", "yi1 yang4"),
            ("不对", "bu4 dui4"),
            ("不同", "bu4 tong2"),
            "。",
        ],
        [("这", "zhe4"), ("儿童", "er2 tong2"), ("很", "hen3"), ("多", "duo1"), "。"],
        # an idiom cut into words CC-CEDICT does not list, read with the wrong tone of 只
        [("他", "ta1"), ("睁只眼", "zheng1 zhi3 yan3"), ("闭只眼", "bi4 zhi3 yan3"), "。"],
        [("友谊", "you3 yi4"), ("持久", "chi2 jiu3"), "。"],
    ]
    pairs = [sentence(a, p, None) for p in parts]
    wanted = [
        "绿色转型",
        "中美关系解冻",
        "关系",
        "联系",
        "产业政策",
        "女儿",
        "旅游",
        "学习",
        "路线",
        "居住",
        "西安",
        "一起",
        "不是",
        "朋友",
        "好了",
        "意义",
        "头发",
        "干净",
        "以后",
        "发展",
        "里面",
        "鬍鬚",
        "乾淨",
        "一点儿",
        "哪儿",
        "东西",
        "方案",
        "事情",
        "战略",
        "先",
        "还款",
        "几近",
        "這兒",
        "一點兒",
        "这儿童",
        "一个",
        "这个",
        "这儿",
        "玩儿",
        "第一",
        "统一",
        "一样",
        "不对",
        "不同",
        "睁只眼闭只眼",
        "持久",
    ]
    phrases = []
    for zh in wanted:
        pair = next(p for p in pairs if zh in p.zh)
        phrases.append(phrase(a, pair, zh, None))
    return study_set(a, pairs, phrases)


@pytest.fixture(scope="module")
def items():
    built = {i.answer: i for i in build_items(_grading_set())}
    built |= {i.answer: i for i in build_items(studysets.rivals())}
    # The pipeline writes a non-Han token into the numbers line as it is.
    g20 = replace(built["联系"], answer="G20峰会", pinyin="G20 fēnghuì", numbers="G20 feng1 hui4")
    covid = replace(
        built["联系"], answer="COVID-19疫情", pinyin="COVID-19 yìqíng", numbers="COVID-19 yi4 qing2"
    )
    # A name's middle dot sticks to its syllables in the numbers line, as the pipeline writes.
    putin = replace(
        built["联系"],
        answer="弗拉基米尔·普京",
        pinyin="Fúlājīmǐ'ěr·Pǔjīng",
        numbers="fu2 la1 ji1 mi3 er3·pu3 jing1",
    )
    numbers = {
        "20世纪": ("20 shìjì", "20 shi4 ji4"),
        "200人": ("200 rén", "200 ren2"),
        "1971年": ("1971 nián", "1971 nian2"),
        "1.5度": ("1.5 dù", "1.5 du4"),
    }
    digits = {
        answer: replace(built["联系"], answer=answer, pinyin=pinyin, numbers=line)
        for answer, (pinyin, line) in numbers.items()
    }
    return built | {"G20峰会": g20, "COVID-19疫情": covid, "弗拉基米尔·普京": putin} | digits


TABLE = [
    # hanzi
    ("对手", "对手", R, "hanzi"),
    ("对手", " 对 手 ", R, "hanzi"),
    ("双重遏制", "“双重遏制”", R, "hanzi"),
    # invisible characters pasted or typed with an answer (a zero-width space, a BOM, a
    # soft hyphen, a variation selector) are not part of it
    ("对手", "对\u200b手", R, "hanzi"),
    ("对手", "\ufeff对手", R, "hanzi"),
    ("对手", "对\u00ad手", R, "hanzi"),
    ("对手", "对手\ufe00", R, "hanzi"),
    ("对手", "对\u200b", W, "hanzi"),
    ("对手", "对\u200b头", W, "hanzi"),
    ("对手", "du\u200bì shǒu", R, "pinyin"),
    ("对手", "对头", W, "hanzi"),
    ("对手", "对", W, "hanzi"),
    ("中美关系解冻", "中美關係解凍", R, "hanzi"),
    ("关系", "關係", R, "hanzi"),
    ("关系", "关係", R, "hanzi"),
    # a Traditional character is right only as the Traditional form of this word's
    # Simplified one (发 is 髮 in 头发, 發 in 发展), in any Traditional standard (裏 裡)
    ("头发", "頭髮", R, "hanzi"),
    ("头发", "頭發", W, "hanzi"),
    ("发展", "發展", R, "hanzi"),
    ("发展", "髮展", W, "hanzi"),
    ("干净", "乾淨", R, "hanzi"),
    ("干净", "幹淨", W, "hanzi"),
    ("以后", "以後", R, "hanzi"),
    ("以后", "以后", R, "hanzi"),
    ("里面", "裏面", R, "hanzi"),
    ("里面", "裡面", R, "hanzi"),
    ("里面", "裏麵", W, "hanzi"),
    ("乾淨", "乾淨", R, "hanzi"),  # an article in Traditional characters
    ("乾淨", "干净", R, "hanzi"),
    ("乾淨", "幹淨", W, "hanzi"),
    ("鬍鬚", "胡须", R, "hanzi"),
    ("鬍鬚", "鬍須", W, "hanzi"),
    ("中美关系解冻", "中美关系解冻了", W, "hanzi"),
    ("G20峰会", "G20峰会", R, "hanzi"),
    ("G20峰会", "Ｇ２０峰会", R, "hanzi"),
    ("G20峰会", "G20峰會", R, "hanzi"),
    ("G20峰会", "g20峰会", R, "hanzi"),  # Latin letters in any case
    ("G20峰会", "峰会", W, "hanzi"),
    ("G20峰会", "G2峰会", W, "hanzi"),
    ("COVID-19疫情", "covid19疫情", R, "hanzi"),
    ("弗拉基米尔·普京", "弗拉基米尔普京", R, "hanzi"),
    ("弗拉基米尔·普京", "弗拉基米尔", W, "hanzi"),
    # pinyin: tones right
    ("对手", "duì shǒu", R, "pinyin"),
    ("对手", "DUI4SHOU3", R, "pinyin"),
    ("对手", "duì shou3", R, "pinyin"),
    ("对手", "dui4 shǒu", R, "pinyin"),
    ("对手", "duì3", W, "pinyin"),
    ("联系", "ｌｉａｎ２ｘｉ４", R, "pinyin"),
    ("联系", "ｌｉáｎ ｘì", R, "pinyin"),
    ("联系", "Lián Xì", R, "pinyin"),
    ("联系", "lia2nxi4", R, "pinyin"),
    ("中美关系解冻", "Zhōng Měi guānxì jiědòng", R, "pinyin"),
    ("中美关系解冻", "zhong1mei3guan1xi4jie3dong4", R, "pinyin"),
    ("西安", "xī'ān", R, "pinyin"),
    ("西安", "xi1'an1", R, "pinyin"),
    ("G20峰会", "G20 fēnghuì", R, "pinyin"),
    ("G20峰会", "g20 feng1hui4", R, "pinyin"),
    ("G20峰会", "G 20 fēnghuì", R, "pinyin"),
    ("G20峰会", "feng1hui4", W, "pinyin"),  # G20 is part of the answer
    ("G20峰会", "fēnghuì", W, "pinyin"),
    ("G20峰会", "G2 feng1hui4", W, "pinyin"),
    ("G20峰会", "G20 feng1hui4 G20", W, "pinyin"),
    ("G20峰会", "feng1hui4 G20", W, "pinyin"),  # in another place: not the answer
    ("G20峰会", "fēng G20 huì", W, "pinyin"),
    ("COVID-19疫情", "yìqíng COVID-19", W, "pinyin"),
    ("COVID-19疫情", "covid-19 yi4qing2", R, "pinyin"),
    ("COVID-19疫情", "Covid19 yìqíng", R, "pinyin"),
    ("COVID-19疫情", "yi4qing2", W, "pinyin"),
    ("弗拉基米尔·普京", "Fúlājīmǐ'ěr·Pǔjīng", R, "pinyin"),  # as shown
    ("弗拉基米尔·普京", "fu2la1ji1mi3er3 pu3jing1", R, "pinyin"),
    ("弗拉基米尔·普京", "fu2 la1 ji1 mi3 er3·pu3 jing1", R, "pinyin"),
    ("弗拉基米尔·普京", "fulajimier pujing", T0, "pinyin"),
    ("弗拉基米尔·普京", "fulajimier", W, "pinyin"),
    # a breve for the 3rd tone's caron (ŭ for ǔ), as some keyboards and fonts have it
    ("对手", "duì shŏu", R, "pinyin"),
    ("对手", "DUÌ SHŎU", R, "pinyin"),
    ("对手", "duì sho\u0306u", R, "pinyin"),
    ("对手", "duĭ shŏu", TW, "pinyin"),
    ("女儿", "nü\u0306'ér", R, "pinyin"),
    ("旅游", "lŭyóu", W, "pinyin"),  # u is not ü
    # ü, v, u:
    ("绿色", "lǜ sè", R, "pinyin"),
    ("绿色", "lv4 se4", R, "pinyin"),
    ("绿色", "lu:4se4", R, "pinyin"),
    ("绿色", "lü4 se4", R, "pinyin"),
    ("绿色", "lu se", W, "pinyin"),
    ("绿色转型", "lu4se4 zhuan3xing2", W, "pinyin"),
    ("绿色转型", "lusè zhuǎnxíng", W, "pinyin"),
    ("绿色转型", "lǜsè zhuǎnxíng", R, "pinyin"),
    ("绿色转型", "LǛSÈ ZHUǍNXÍNG", R, "pinyin"),
    ("女儿", "nǚ'ér", R, "pinyin"),
    ("女儿", "nv3er2", R, "pinyin"),
    ("女儿", "nu3er2", W, "pinyin"),
    ("旅游", "lǚyóu", R, "pinyin"),
    ("旅游", "lu3you2", W, "pinyin"),
    ("路线", "lù xiàn", R, "pinyin"),
    ("路线", "lǜ xiàn", W, "pinyin"),
    ("路线", "lv4xian4", W, "pinyin"),
    ("学习", "xue2xi2", R, "pinyin"),  # after x, u is ü
    ("学习", "xüéxí", R, "pinyin"),
    ("学习", "xve2 xi2", R, "pinyin"),
    ("居住", "jūzhù", R, "pinyin"),
    ("居住", "ju1zhu4", R, "pinyin"),
    ("居住", "jv1 zhu4", R, "pinyin"),
    # erhua: 儿 a dictionary reads as r (一点儿 yìdiǎnr) may be typed r or er; 女儿 is nǚ'ér
    ("一点儿", "yìdiǎnr", R, "pinyin"),
    ("一点儿", "yi1dian3r", R, "pinyin"),
    ("一点儿", "yi4 dian3 r", R, "pinyin"),
    ("一点儿", "yīdiǎn'ér", R, "pinyin"),  # as shown
    ("一点儿", "yidianr", T0, "pinyin"),
    ("一点儿", "yidian", T0, "pinyin"),  # 一点 says the same
    ("哪儿", "nǎr", R, "pinyin"),
    ("哪儿", "na3r", R, "pinyin"),
    ("哪儿", "nar", T0, "pinyin"),
    ("女儿", "nǚr", W, "pinyin"),
    # the neutral tone a dictionary gives a syllable of this word (事情 shìqing) is right
    ("事情", "shìqing", R, "pinyin"),
    ("事情", "shi4qing5", R, "pinyin"),
    ("事情", "shìqíng", R, "pinyin"),
    ("事情", "shi4qing3", TW, "pinyin"),
    ("东西", "dōngxi", R, "pinyin"),
    ("东西", "dong1xi5", R, "pinyin"),
    ("东西", "dōngxī", R, "pinyin"),
    ("东西", "dong4xi5", TW, "pinyin"),
    # syllables split where the answer's are not are another word (fan gan is 反感)
    ("方案", "fāng àn", R, "pinyin"),
    ("方案", "fang1an4", R, "pinyin"),
    ("方案", "fang'an", T0, "pinyin"),
    ("方案", "fangan", T0, "pinyin"),
    ("方案", "fan gan", W, "pinyin"),
    ("方案", "fan1 gan4", W, "pinyin"),
    ("方案", "fan1gan4", W, "pinyin"),
    ("先", "xian1", R, "pinyin"),
    ("先", "xiān", R, "pinyin"),
    ("先", "xia1n", R, "pinyin"),  # the digit where the tone mark goes
    ("先", "xi1an1", W, "pinyin"),
    ("先", "xīan", W, "pinyin"),  # xī an
    ("先", "xi1an", W, "pinyin"),
    # a tone mark on another vowel of its syllable, where it splits nothing, is its tone
    ("持久", "chíjǐu", R, "pinyin"),
    ("持久", "chi2ji3u", R, "pinyin"),
    ("持久", "chí jíu", TW, "pinyin"),
    ("对手", "dùi shǒu", R, "pinyin"),
    ("对手", "dúi shǒu", TW, "pinyin"),
    ("对手", "d4ui shou3", W, "pinyin"),  # not on a vowel
    ("先", "xi'an", W, "pinyin"),
    ("先", "xī ān", W, "pinyin"),
    # lüe and nüe may be typed lue and nue: no syllable is spelt so
    ("战略", "zhànlüè", R, "pinyin"),
    ("战略", "zhan4 lue4", R, "pinyin"),
    ("战略", "zhan4 lve4", R, "pinyin"),
    ("战略", "zhan lue", T0, "pinyin"),
    ("战略", "zhan4 lu4", W, "pinyin"),
    # a word CC-CEDICT reads one way only is right read so, where the item's reading
    # differs (还款 huánkuǎn, 几近 jījìn); the item's own reading stays right
    ("还款", "huán kuǎn", R, "pinyin"),
    ("还款", "huan2kuan3", R, "pinyin"),
    ("还款", "hai2kuan3", R, "pinyin"),
    ("还款", "huan4kuan3", TW, "pinyin"),
    ("还款", "huankuan", T0, "pinyin"),
    ("几近", "jījìn", R, "pinyin"),
    ("几近", "ji3jin4", R, "pinyin"),
    ("几近", "ji4jin4", TW, "pinyin"),
    # the whole answer is a word CC-CEDICT reads one way only, cut into several here
    ("睁只眼闭只眼", "zhēng zhī yǎn bì zhī yǎn", R, "pinyin"),
    ("睁只眼闭只眼", "zheng1zhi1yan3 bi4zhi1yan3", R, "pinyin"),
    ("睁只眼闭只眼", "zhēngzhǐyǎn bìzhǐyǎn", R, "pinyin"),  # the item's own reading
    ("睁只眼闭只眼", "zheng1zhi4yan3 bi4zhi4yan3", TW, "pinyin"),
    ("睁只眼闭只眼", "zhengzhiyan bizhiyan", T0, "pinyin"),
    ("睁只眼闭只眼", "zhēng zhī yǎn", W, "pinyin"),
    # tones judged syllable by syllable
    ("对手", "duishou", T0, "pinyin"),
    ("对手", "dui shou", T0, "pinyin"),
    ("对手", "dui3 shou4", TW, "pinyin"),
    ("对手", "dui4 shou4", TW, "pinyin"),
    ("对手", "dui4 shou", T0, "pinyin"),
    ("对手", "duì shou", T0, "pinyin"),
    ("关系", "guān xi", R, "pinyin"),  # CC-CEDICT: guan1 xi5
    ("联系", "lián xi", T0, "pinyin"),
    ("关系", "guan xì", T0, "pinyin"),
    ("关系", "guǎn xi", TW, "pinyin"),
    ("产业政策", "chan3ye4 zhengce", T0, "pinyin"),
    ("产业政策", "chan3ye4 zheng3ce", TW, "pinyin"),
    ("产业政策", "chǎnyè zhèngcè", R, "pinyin"),
    ("一个重大问题", "yí gè zhòng dà wèn tí", R, "pinyin"),
    ("一个重大问题", "yi1 ge4 zhong4 da4 wen4 ti2", R, "pinyin"),
    ("一个重大问题", "yi3 ge4 zhong4 da4 wen4 ti2", TW, "pinyin"),
    ("一起", "yìqǐ", R, "pinyin"),
    ("一起", "yi1qi3", R, "pinyin"),
    ("一起", "yi3qi3", TW, "pinyin"),
    ("不是", "búshì", R, "pinyin"),
    ("不是", "bu4shi4", R, "pinyin"),
    ("不是", "bu1shi4", TW, "pinyin"),
    ("意义", "yi4yi4", R, "pinyin"),
    ("意义", "yi2yi4", TW, "pinyin"),  # 意 is not 一: no sandhi
    ("朋友", "péngyou", R, "pinyin"),
    ("朋友", "peng2you5", R, "pinyin"),
    ("朋友", "peng2you0", R, "pinyin"),
    ("朋友", "pengyou", T0, "pinyin"),
    ("好了", "hǎo le", R, "pinyin"),
    ("好了", "hao3 le", R, "pinyin"),
    ("好了", "hao3 le5", R, "pinyin"),
    ("好了", "hao4 le5", TW, "pinyin"),
    # 一 is yí before a 4th tone, yì before the others, yī last or after 第; 不 is bú only
    # before a 4th tone; the measure word 个 after a number or 这 may be toneless
    ("一个", "yí ge", R, "pinyin"),
    ("一个", "yi2 ge5", R, "pinyin"),
    ("一个", "yí gè", R, "pinyin"),
    ("一个", "yī gè", R, "pinyin"),
    ("一个", "yì gè", TW, "pinyin"),
    ("一个", "yige", T0, "pinyin"),
    ("这个", "zhège", R, "pinyin"),
    ("这个", "zhè gè", R, "pinyin"),
    ("这个", "zhèige", W, "pinyin"),
    ("一样", "yíyàng", R, "pinyin"),
    ("一样", "yìyàng", TW, "pinyin"),
    ("第一", "dì yī", R, "pinyin"),
    ("第一", "dì yí", TW, "pinyin"),
    ("统一", "tǒngyī", R, "pinyin"),
    ("统一", "tǒngyí", TW, "pinyin"),
    ("不对", "bú duì", R, "pinyin"),
    ("不同", "bù tóng", R, "pinyin"),
    ("不同", "bú tóng", TW, "pinyin"),
    # an erhua 儿 the word means the same without (一点 is 一点儿; 哪 "which" is not 哪儿
    # "where", 女 is not 女儿); 这里 and 哪里 are 这儿 and 哪儿
    ("一点儿", "一点", R, "hanzi"),
    ("一点儿", "一點", R, "hanzi"),
    ("一点儿", "yìdiǎn", R, "pinyin"),
    ("一点儿", "yi4 dian3", R, "pinyin"),
    ("一点儿", "yi4dian2", TW, "pinyin"),
    ("一点儿", "一", W, "hanzi"),
    ("一点儿", "一点点", W, "hanzi"),
    ("玩儿", "玩", R, "hanzi"),
    ("玩儿", "wán", R, "pinyin"),
    ("这儿", "这里", R, "hanzi"),
    ("这儿", "這裡", R, "hanzi"),
    ("这儿", "zhèlǐ", R, "pinyin"),
    ("这儿", "zhèr", R, "pinyin"),
    ("这儿", "这", W, "hanzi"),
    ("这儿", "zhè", W, "pinyin"),
    ("这儿", "那里", W, "hanzi"),
    ("这儿", "nàlǐ", W, "pinyin"),
    ("哪儿", "哪里", R, "hanzi"),
    ("哪儿", "哪", W, "hanzi"),
    ("哪儿", "nǎ", W, "pinyin"),
    ("女儿", "女", W, "hanzi"),
    ("这儿童", "这童", W, "hanzi"),  # 这 + 儿童 (this child): no erhua to leave out
    ("这儿童", "这里童", W, "hanzi"),
    ("一點兒", "一點", R, "hanzi"),  # an article in Traditional characters
    ("一點兒", "一点", R, "hanzi"),
    ("一點兒", "yìdiǎn", R, "pinyin"),
    ("這兒", "這裡", R, "hanzi"),
    ("這兒", "这里", R, "hanzi"),
    ("這兒", "這", W, "hanzi"),
    # digits in the answer may be written, or read, as Chinese numerals (a year digit by
    # digit); another number is wrong
    ("20世纪", "二十世纪", R, "hanzi"),
    ("20世纪", "èrshí shìjì", R, "pinyin"),
    ("20世纪", "er4shi2 shi4ji4", R, "pinyin"),
    ("20世纪", "20 shìjì", R, "pinyin"),
    ("20世纪", "二十一世纪", W, "hanzi"),
    ("20世纪", "两十世纪", W, "hanzi"),
    ("20世纪", "èrshíyī shìjì", W, "pinyin"),
    ("20世纪", "ershi shiji", T0, "pinyin"),
    ("200人", "两百人", R, "hanzi"),
    ("200人", "二百人", R, "hanzi"),
    ("200人", "liǎngbǎi rén", R, "pinyin"),
    ("200人", "二十人", W, "hanzi"),
    ("1971年", "一九七一年", R, "hanzi"),
    ("1971年", "yī jiǔ qī yī nián", R, "pinyin"),
    ("1971年", "一千九百七十一年", W, "hanzi"),
    ("1.5度", "一点五度", R, "hanzi"),
    ("1.5度", "yī diǎn wǔ dù", R, "pinyin"),
    ("1.5度", "一点五", W, "hanzi"),
    # wrong letters
    ("对手", "dui", W, "pinyin"),
    ("对手", "duishouduishou", W, "pinyin"),
    ("对手", "123", W, "pinyin"),
    ("关系", "guanxin", W, "pinyin"),
    # empty: show me
    ("对手", "", W, "shown"),
    ("对手", "   ", W, "shown"),
    ("对手", " ?! ", W, "shown"),
]


def _id(row):
    answer, typed, verdict, how = row
    return f"{answer}:{typed.strip() or 'empty'}={verdict.value}"


@pytest.mark.parametrize(("answer", "typed", "verdict", "how"), TABLE, ids=map(_id, TABLE))
def test_check_typed(items, answer, typed, verdict, how):
    outcome = check_typed(items[answer], typed)
    assert (outcome.verdict, outcome.how) == (verdict, how), outcome.message
    assert outcome.answer == typed.strip()


def test_the_table_is_large():
    assert len(TABLE) >= 50


@pytest.mark.parametrize(
    ("answer", "typed", "message"),
    [
        ("对手", "对手", "Right!"),
        ("对手", "dùi shǒu", "Right! (Mind where the tone goes: duì.)"),
        (
            "持久",
            "chijǐu",
            "Right, and the tones you gave are right; no tone given for chí: chí jiǔ."
            " (Mind where the tone goes: jiǔ.)",
        ),
        (
            "关系",
            "關係",
            "Right! (you wrote 關係, the Traditional or variant form; in Simplified it is 关系.)",
        ),
        ("对手", "duishou", "Right, but mind the tones: duì shǒu."),
        (
            "联系",
            "lián xi",
            "Right, and the tones you gave are right; no tone given for xì: lián xì.",
        ),
        (
            "对手",
            "dui3 shou4",
            "Right syllables, wrong tones: duì is 4th tone (you gave 3rd); "
            "shǒu is 3rd tone (you gave 4th). It is duì shǒu.",
        ),
        (
            "产业政策",
            "chan3ye4 zheng3ce",
            "Right syllables, wrong tones: zhèng is 4th tone (you gave 3rd); "
            "no tone given for cè. It is chǎn yè zhèng cè.",
        ),
        ("对手", "对头", "Not quite: the answer is 对手 (duì shǒu): 头 should be 手."),
        (
            "中美关系解冻",
            "关系解冻",
            "Not quite: the answer is 中美关系解冻 (zhōng měi guān xì jiě dòng): "
            "关系解冻 is only part of it; the answer has 6 characters.",
        ),
        (
            "中美关系解冻",
            "中美关系解冻了",
            "Not quite: the answer is 中美关系解冻 (zhōng měi guān xì jiě dòng): "
            "中美关系解冻了 has 1 character too many.",
        ),
        (
            "对手",
            "你们好",
            "Not quite: the answer is 对手 (duì shǒu): the answer has 2 characters, "
            "your 你们好 has 3.",
        ),
        (
            "G20峰会",
            "g30峰会",
            "Not quite: the answer is G20峰会 (G20 fēnghuì): 3 should be 2.",
        ),
        (
            "G20峰会",
            "feng1hui4",
            "Not quite: the answer is G20峰会 (G20 fēnghuì): G20 is part of it.",
        ),
        (
            "绿色转型",
            "lusè zhuǎnxíng",
            "Not quite: the answer is 绿色转型 (lǜ sè zhuǎn xíng). "
            "lǜ is spelt with ü, not u (type v or u: for ü).",
        ),
        ("关系", "guanxin", "Not quite: the answer is 关系 (guān xì). Check xì."),
        ("对手", "xyz", "Not quite: the answer is 对手 (duì shǒu). Check duì shǒu."),
        ("对手", "", "The answer is 对手 (duì shǒu). Graded Again: it comes back soon."),
    ],
    ids=[
        "right",
        "mark-moved",
        "mark-moved-tone-missing",
        "traditional",
        "toneless",
        "some-tones-missing",
        "tones",
        "tone-wrong-and-missing",
        "wrong-hanzi",
        "part-of-it",
        "too-many",
        "other-length",
        "one-digit-off",
        "missing-non-pinyin-token",
        "u-for-umlaut",
        "wrong-letter",
        "wrong-pinyin",
        "empty",
    ],
)
def test_messages_say_what_was_wrong(items, answer, typed, message):
    assert check_typed(items[answer], typed).message == message


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
    ("picked", "verdict", "how"),
    [
        ("对手", R, "choice"),  # the text of the choice picked
        ("对头", W, "choice"),
        ("不在选项里", W, "choice"),  # no longer offered (the article edited): judged as it is
        ("", W, "none"),
    ],
)
def test_check_choice_by_its_text(items, picked, verdict, how):
    """A choice judged by its text means what the learner saw, whatever the item's
    choices are now."""
    item = items["对手"]
    for choices in (item.choices, tuple(reversed(item.choices)), ("对头", "别的", "其他", "对手")):
        outcome = check_choice(replace(item, choices=choices), picked)
        assert (outcome.verdict, outcome.how, outcome.answer) == (verdict, how, picked)


@pytest.mark.parametrize(
    ("typed", "hinted", "grade"),
    [
        ("对手", False, Rating.GOOD),
        ("duì shǒu", False, Rating.GOOD),
        ("对手", True, Rating.HARD),
        ("duishou", False, Rating.HARD),
        ("dui4 shou", False, Rating.HARD),
        ("dui3 shou4", False, Rating.AGAIN),
        ("对头", False, Rating.AGAIN),
        ("", False, Rating.AGAIN),
        ("", True, Rating.AGAIN),
    ],
    ids=[
        "hanzi",
        "pinyin",
        "hinted",
        "toneless",
        "some-tones",
        "wrong-tones",
        "wrong",
        "shown",
        "shown-hinted",
    ],
)
def test_rating(items, typed, hinted, grade):
    assert rating(check_typed(items["对手"], typed), hinted) is grade


def test_a_right_choice_is_only_hard(items):
    item = items["对手"]
    assert rating(check_choice(item, item.choices.index("对手") + 1)) is Rating.HARD


@pytest.mark.parametrize(
    ("text", "letters", "tones"),
    [
        ("Zhōng guó", "zhongguo", ((2, 1), (7, 2))),
        ("zhong1guo2", "zhongguo", ((4, 1), (7, 2))),
        ("nǚ ér", "nver", ((1, 3), (2, 2))),
        ("nu:3", "nv", ((1, 3),)),
        ("ju4", "jv", ((1, 4),)),
        ("lu4", "lu", ((1, 4),)),
        ("ni3 hǎo", "nihao", ((1, 3), (3, 3))),
        ("ｎｉ３", "ni", ((1, 3),)),
        ("xi'an", "xian", ()),
    ],
    ids=[
        "marks",
        "numbers",
        "u-umlaut",
        "u-colon",
        "ju",
        "lu",
        "mixed",
        "full-width",
        "apostrophe",
    ],
)
def test_parse_pinyin(text, letters, tones):
    got = parse_pinyin(text)
    assert (got.letters, got.tones) == (letters, tones)


def test_sample_items(sample_study_set):
    """Every item of the real sample is right as its answer, its numbers and its pinyin,
    and toneless without tones."""
    for item in build_items(sample_study_set):
        assert check_typed(item, item.answer).verdict is Verdict.RIGHT
        assert check_typed(item, item.numbers).verdict is Verdict.RIGHT, item.numbers
        assert check_typed(item, item.pinyin).verdict is Verdict.RIGHT, item.pinyin
        bare = "".join(c for c in item.numbers if not c.isdigit())
        assert check_typed(item, bare).verdict is Verdict.TONELESS, bare


NAMES_AND_LATIN = """# 测试

记者采访了**弗拉基米尔·普京**，谈到**G7峰会**和**COVID-19疫情**。

---

# Test

The reporter interviewed **Vladimir Putin** about the **G7 summit** and the **COVID-19 pandemic**.
"""


def test_items_with_names_and_latin_letters():
    """Items the pipeline makes of a name with a middle dot and of phrases with Latin
    letters and digits: right as shown (hanzi, numbers, pinyin), wrong without the
    letters and digits."""
    from learnkit.pipeline import study_set

    items = {i.answer: i for i in build_items(study_set(NAMES_AND_LATIN, source="t.md"))}
    assert {"弗拉基米尔·普京", "G7峰会", "COVID-19疫情"} <= set(items)
    for item in items.values():
        for typed in (item.answer, item.numbers, item.pinyin):
            assert check_typed(item, typed).verdict is Verdict.RIGHT, typed
    for answer, typed in [("G7峰会", "feng1hui4"), ("COVID-19疫情", "yìqíng")]:
        assert check_typed(items[answer], typed).verdict is Verdict.WRONG, typed


def _choices_set():
    a = "choices01"
    parts = [
        [("他", "ta1"), ("一点儿", "yi1 dian3 er2"), ("也", "ye3"), ("不", "bu4"), ("累", "lei4")],
        [("你", "ni3"), ("在", "zai4"), ("这儿", "zhe4 er2"), ("等", "deng3"), "。"],
        [("这里", "zhe4 li3"), ("有", "you3"), ("一点", "yi1 dian3"), ("水", "shui3"), "。"],
        [("他", "ta1"), ("喜欢", "xi3 huan5"), ("音乐", "yin1 yue4"), "。"],
    ]
    pairs = [sentence(a, p, None) for p in parts]
    wanted = ["一点儿", "这儿", "这里", "一点", "喜欢", "音乐"]
    phrases = [phrase(a, next(p for p in pairs if zh in p.zh), zh, None) for zh in wanted]
    return study_set(a, pairs, phrases)


@pytest.mark.parametrize(
    "study", [_choices_set, _grading_set, studysets.rivals], ids=["variants", "grading", "rivals"]
)
def test_no_wrong_choice_is_right_typed(study):
    """A choice graded wrong is never an answer graded right when typed: 一点 is no
    distractor for 一点儿, nor 这里 for 这儿 (both were, and picking them was wrong)."""
    for item in build_items(study()):
        for choice in item.choices:
            if choice != item.answer:
                assert not check_typed(item, choice).correct, (item.answer, choice)
                assert check_choice(item, item.choices.index(choice) + 1).verdict is W
