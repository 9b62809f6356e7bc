"""Sentence splitting tables, Chinese and English."""

from __future__ import annotations

import pytest

from learnkit.models import Span
from learnkit.text.sentences import split_sentences


def split(text: str, lang: str, protected: tuple[Span, ...] = ()) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang, protected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "我们走吧。他走了！真的吗？", ["我们走吧。", "他走了！", "真的吗？"], id="full-width"
        ),
        pytest.param(
            "他说：“我碰到一个小…… 小贩，没带钱。”",
            ["他说：“我碰到一个小…… 小贩，没带钱。”"],
            id="stammer-ellipsis-one-char",
        ),
        pytest.param(
            "因为下雨，所以…… 所以我们没去。他走了。",
            ["因为下雨，所以…… 所以我们没去。", "他走了。"],
            id="stammer-ellipsis-word",
        ),
        pytest.param(
            "他结巴着说：“这本…… 本…… 你…… 你……” 老师笑了。",
            ["他结巴着说：“这本…… 本…… 你…… 你……”", "老师笑了。"],
            id="stammer-trailing-off-again",
        ),
        pytest.param("天黑了…… 我们回家吧。", ["天黑了……", "我们回家吧。"], id="ellipsis-ends"),
        pytest.param("我…… 我们回家吧。", ["我…… 我们回家吧。"], id="stammer-before-a-word"),
        pytest.param(
            "他喊道：“我不…… 服，一千个不服！”",
            ["他喊道：“我不…… 服，一千个不服！”"],
            id="stammer-word-broken-before-a-pause",
        ),
        pytest.param(
            "世界观.文章还分析了因素。", ["世界观.", "文章还分析了因素。"], id="ascii-period"
        ),
        pytest.param(
            "他们有着共同的世界观. 文章还说",
            ["他们有着共同的世界观.", "文章还说"],
            id="ascii-period-space",
        ),
        pytest.param("真的吗?是的!好", ["真的吗?", "是的!", "好"], id="ascii-marks"),
        pytest.param("增长了38.1%,超过预期。", ["增长了38.1%,超过预期。"], id="decimal"),
        pytest.param("U.S.经济好转。", ["U.S.经济好转。"], id="initialism"),
        pytest.param(
            "他说：“我们走吧。”然后走了。",
            ["他说：“我们走吧。”", "然后走了。"],
            id="closing-curly-quote",
        ),
        pytest.param('他说"好."然后走了.', ['他说"好."', "然后走了."], id="closing-straight-quote"),
        pytest.param(
            '实施的"双重遏制"。这篇文章',
            ['实施的"双重遏制"。', "这篇文章"],
            id="quote-before-period",
        ),
        pytest.param(
            "中国（China）。他说「好！」", ["中国（China）。", "他说「好！」"], id="brackets"
        ),
        pytest.param("等等……，好。完了……", ["等等……，好。", "完了……"], id="ellipsis"),
        pytest.param("什么？！不会吧。", ["什么？！", "不会吧。"], id="mark-run"),
        pytest.param("  前后有空格。  第二句  ", ["前后有空格。", "第二句"], id="strip"),
        pytest.param("", [], id="empty"),
    ],
)
def test_chinese(text, expected):
    assert split(text, "zh") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "It rained. We stayed in! Did you? Yes.",
            ["It rained.", "We stayed in!", "Did you?", "Yes."],
            id="basic",
        ),
        pytest.param(
            "'He's called Misty. I don't know where he's from.' 'You must be proud.' He nodded.",
            [
                "'He's called Misty.",
                "I don't know where he's from.'",
                "'You must be proud.'",
                "He nodded.",
            ],
            id="single-quoted-speech-over-two-sentences",  # apostrophes are no quotes
        ),
        pytest.param(
            'He said: "It is late. We should go." "Not yet."',
            ['He said: "It is late.', 'We should go."', '"Not yet."'],
            id="double-quoted-speech-over-two-sentences",
        ),
        pytest.param(
            "'The answer's no.' 'Clever!' thought Trinket.",
            ["'The answer's no.'", "'Clever!' thought Trinket."],
            id="apostrophe-inside-quoted-speech",
        ),
        pytest.param(
            "Mr. Smith met Dr. Jones and Mrs. Lee. He left.",
            ["Mr. Smith met Dr. Jones and Mrs. Lee.", "He left."],
            id="titles",
        ),
        pytest.param(
            "The U.S. President spoke. Then he left.",
            ["The U.S. President spoke.", "Then he left."],
            id="initialism-mid",
        ),
        pytest.param(
            "He lives in the U.S. The president agreed.",
            ["He lives in the U.S.", "The president agreed."],
            id="initialism-end",
        ),
        pytest.param(
            "Some fruit, e.g. apples, i.e. Fuji. Done.",
            ["Some fruit, e.g. apples, i.e. Fuji.", "Done."],
            id="eg-ie",
        ),
        pytest.param(
            "Tea, coffee, etc. are sold. Yes.",
            ["Tea, coffee, etc. are sold.", "Yes."],
            id="etc-mid",
        ),
        pytest.param(
            "Growth was 38.1% in 2023. It slowed.",
            ["Growth was 38.1% in 2023.", "It slowed."],
            id="decimal",
        ),
        pytest.param(
            "J. K. Rowling wrote it. George W. Bush read it.",
            ["J. K. Rowling wrote it.", "George W. Bush read it."],
            id="initials",
        ),
        pytest.param(
            'He said "Stop." Then he left.',
            ['He said "Stop."', "Then he left."],
            id="closing-quote",
        ),
        pytest.param(
            "He said “Stop!” and left. Fine.",
            ["He said “Stop!” and left.", "Fine."],
            id="quote-mid-sentence",
        ),
        pytest.param(
            "Wait... and see. (It worked.) Next.",
            ["Wait... and see.", "(It worked.)", "Next."],
            id="ellipsis-bracket",
        ),
        pytest.param(
            "Sino-Soviet split in 1971–72. Taiwan or Ukraine—shifts that lack support.",
            ["Sino-Soviet split in 1971–72.", "Taiwan or Ukraine—shifts that lack support."],
            id="dashes",
        ),
        pytest.param(
            "the majority.Three judges said “stop.”The case of staff.Mr. Musk. "
            "See www.Google.com now.",
            [
                "the majority.",
                "Three judges said “stop.”",
                "The case of staff.",
                "Mr. Musk.",
                "See www.Google.com now.",
            ],
            id="missing-space-after-sentence",
        ),
        pytest.param(
            "See No. 5 and Fig. 2 for details. Ok.",
            ["See No. 5 and Fig. 2 for details.", "Ok."],
            id="numbered",
        ),
        pytest.param(
            "I bumped into this . . . old sailor, who said nothing. We left.",
            ["I bumped into this . . . old sailor, who said nothing.", "We left."],
            id="spaced-ellipsis-inside",
        ),
        pytest.param(
            "She hesitated: 'My name is . . . People call me Rose.'",
            ["She hesitated: 'My name is . . .", "People call me Rose.'"],
            id="spaced-ellipsis-ends",
        ),
    ],
)
def test_english(text, expected):
    assert split(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "lang", "protected", "expected"),
    [
        pytest.param("他说。好的。", "zh", (Span(0, 4, "他说。好"),), ["他说。好的。"], id="zh"),
        pytest.param(
            "Go. Now. Fast.",
            "en",
            (Span(3, 6, "Now"),),
            ["Go.", "Now.", "Fast."],
            id="en-span-not-crossed",
        ),
        pytest.param(
            "Go. Now. Fast.",
            "en",
            (Span(0, 6, "Go. No"),),
            ["Go. Now.", "Fast."],
            id="en-span-crossed",
        ),
    ],
)
def test_protected_spans_are_never_split(text, lang, protected, expected):
    assert split(text, lang, protected) == expected


def test_offsets_cover_all_text(sample_path):
    from learnkit.text.article import load_article

    article = load_article(sample_path)
    counts = []
    for half in (article.zh, article.en):
        for para in half.paragraphs:
            spans = split_sentences(para.text, half.lang, para.emphasis)
            covered = "".join(para.text[a:b] for a, b in spans)
            assert covered == "".join(para.text.split(" ")) or half.lang == "en"
            assert " ".join(para.text[a:b] for a, b in spans) == para.text or half.lang == "zh"
            counts.append(len(spans))
    assert counts == [5, 3, 3, 3, 4, 3, 3, 3]  # 世界观.文章还… is a boundary
