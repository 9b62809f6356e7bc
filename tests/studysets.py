"""Hand-made study sets for the quiz, store and web tests (no pipeline involved).

Sentences are written as word lists: ("文章", "wen2 zhang1", "article") for a Han word
(optionally study=True, zipf=...), or a plain string for punctuation.
"""

from __future__ import annotations

from learnkit.ids import item_id
from learnkit.models import Meta, Phrase, SentencePair, Span, StudySet, Word

_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "v": "ǖǘǚǜ"}


def marked(syllable: str) -> str:
    """'zhong1' → 'zhōng' (standard placement: a/e, then ou, else the last vowel)."""
    letters, tone = syllable[:-1].replace("u:", "v"), int(syllable[-1])
    if tone == 5:
        return letters.replace("v", "ü")
    vowels = [i for i, c in enumerate(letters) if c in _MARKS]
    at = next((i for i in vowels if letters[i] in "ae"), None)
    if at is None:
        at = letters.find("o") if "ou" in letters else vowels[-1]
    return (letters[:at] + _MARKS[letters[at]][tone - 1] + letters[at + 1 :]).replace("v", "ü")


def word(
    text: str,
    numbers: str,
    gloss: str | None = None,
    *,
    start: int = 0,
    study: bool = False,
    zipf: float | None = None,
) -> Word:
    sylls = numbers.split()
    return Word(
        text=text,
        start=start,
        end=start + len(text),
        pinyin=" ".join(marked(s) for s in sylls),
        numbers=numbers,
        tones=tuple(int(s[-1]) for s in sylls),
        gloss=gloss,
        study=study,
        zipf=zipf,
    )


def sentence(article: str, parts: list, en: str | None) -> SentencePair:
    words, at = [], 0
    for part in parts:
        if isinstance(part, str):
            words.append(Word(text=part, start=at, end=at + len(part)))
        else:
            text, numbers, *rest = part
            opts = rest[1] if len(rest) > 1 else {}
            words.append(word(text, numbers, rest[0] if rest else None, start=at, **opts))
        at += len(words[-1].text)
    zh = "".join(w.text for w in words)
    return SentencePair(
        id=item_id(article, "sentence", zh),
        paragraph=0,
        zh=zh,
        en=en,
        pinyin=" ".join(w.pinyin for w in words if w.pinyin),
        words=tuple(words),
    )


def phrase(article: str, pair: SentencePair, zh: str, en: str | None) -> Phrase:
    start = pair.zh.index(zh)
    words = tuple(w for w in pair.words if start <= w.start and w.end <= start + len(zh))
    en_span = None
    if en is not None and pair.en and en in pair.en:
        at = pair.en.index(en)
        en_span = Span(at, at + len(en), en)
    return Phrase(
        id=item_id(article, "phrase", zh),
        zh=zh,
        en=en,
        pinyin=" ".join(w.pinyin for w in words if w.pinyin),
        numbers=" ".join(w.numbers for w in words if w.numbers),
        sentence=pair.id,
        zh_span=Span(start, start + len(zh), zh),
        en_span=en_span,
        words=words,
    )


def study_set(
    key: str,
    pairs: list[SentencePair],
    phrases: list[Phrase],
    title: str = "测试文章",
    title_en: str = "A test article",
) -> StudySet:
    return StudySet(
        id=key,
        source=f"{key}.md",
        title_zh=title,
        title_en=title_en,
        meta=Meta(date="2024-05-20", title=title),
        script="simplified",
        sentences=tuple(pairs),
        phrases=tuple(phrases),
    )


def rivals() -> StudySet:
    """Six phrases: a quoted one, ü, 一 sandhi, a neutral tone and a long clause."""
    a = "rivals0001"
    s1 = sentence(
        a,
        [
            ("两国", "liang3 guo2", "both countries"),
            ("有着", "you3 zhe5"),
            ("共同", "gong4 tong2", "common"),
            ("的", "de5"),
            ("对手", "dui4 shou3", "rival; opponent", {"study": True}),
            "。",
        ],
        "The two countries share a common rival.",
    )
    s2 = sentence(
        a,
        [
            ("这", "zhe4"),
            ("篇", "pian1"),
            ("文章", "wen2 zhang1", "article"),
            ("探讨", "tan4 tao3", "to explore"),
            ("了", "le5"),
            '"',
            ("双重", "shuang1 chong2", "double"),
            ("遏制", "e4 zhi4", "to contain"),
            '"',
            "。",
        ],
        'The article explores "dual containment".',
    )
    s3 = sentence(
        a,
        [
            ("他们", "ta1 men5", "they"),
            ("喜欢", "xi3 huan5", "to like"),
            ("绿色", "lu:4 se4", "green"),
            "。",
        ],
        "They like green.",
    )
    s4 = sentence(
        a,
        [
            ("这", "zhe4"),
            ("是", "shi4"),
            ("一个", "yi1 ge4", "one"),
            ("重大", "zhong4 da4", "major", {"study": True, "zipf": 4.5}),
            ("问题", "wen4 ti2", "question; problem"),
            "。",
        ],
        "This is a major issue.",
    )
    s5 = sentence(
        a,
        [
            ("中俄", "zhong1 e2"),
            ("两国", "liang3 guo2"),
            ("之间", "zhi1 jian1"),
            ("持久", "chi2 jiu3", "lasting", {"zipf": 4.0}),
            ("的", "de5"),
            ("伙伴关系", "huo3 ban4 guan1 xi4", "partnership", {"study": True, "zipf": 3.2}),
            ("仍然", "reng2 ran2"),
            ("重要", "zhong4 yao4"),
            "。",
        ],
        "The enduring partnership between China and Russia remains important.",
    )
    s6 = sentence(
        a, [("我们", "wo3 men5", "we"), ("好", "hao3", "good"), ("了", "le5"), "！"], "We are fine!"
    )
    phrases = [
        phrase(a, s1, "对手", "rival"),
        phrase(a, s2, '"双重遏制"', "dual containment"),
        phrase(a, s3, "绿色", "green"),
        phrase(a, s4, "一个重大问题", "a major issue"),
        phrase(a, s5, "中俄两国之间持久的伙伴关系仍然重要", "The enduring partnership"),
        phrase(a, s6, "好了", None),
    ]
    return study_set(a, [s1, s2, s3, s4, s5, s6], phrases)


def plain() -> StudySet:
    """No emphasis at all: the quiz falls back to study words."""
    a = "plain00001"
    s1 = sentence(
        a,
        [
            ("我们", "wo3 men5", "we"),
            ("讨论", "tao3 lun4", "to discuss", {"study": True}),
            ("经济", "jing1 ji4", "economy", {"study": True}),
            "。",
        ],
        "We discuss the economy.",
    )
    s2 = sentence(
        a,
        [
            ("政府", "zheng4 fu3", "government", {"study": True}),
            ("发布", "fa1 bu4", "to release", {"study": True}),
            ("报告", "bao4 gao4", "report", {"study": True}),
            "。",
        ],
        "The government releases a report.",
    )
    return study_set(a, [s1, s2], [], title="经济讨论", title_en="Economy talk")
