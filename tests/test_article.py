"""The article parser: one small article per quirk of FORMAT.md, exact expected output."""

from __future__ import annotations

import pytest

from learnkit.errors import ArticleError
from learnkit.models import Meta, Paragraph, Span
from learnkit.text.article import load_article, parse_article

FRONT = """---
title: 中美关系
date: 2024-05-20T10:25:05.018Z
description: One English line
tag:\x20

- Tag us
author: ft
---
"""
BODY = """
[原文链接](https://example.com/a)

# 中美关系

中美两国在谈判。

---

# US-China relations

The two countries are negotiating.

[Source Link](https://example.com/a)
"""


def para(text: str, *phrases: str) -> Paragraph:
    """A paragraph whose emphasis is the given phrases, located left to right."""
    spans, pos = [], 0
    for p in phrases:
        start = text.index(p, pos)
        spans.append(Span(start, start + len(p), p))
        pos = start + len(p)
    return Paragraph(text, tuple(spans))


def test_sample_front_matter_and_halves():
    article = parse_article(FRONT + BODY, source="a.md")
    assert article.meta == Meta(
        date="2024-05-20T10:25:05.018Z",
        author="ft",
        description="One English line",
        tags=(),
        source_url="https://example.com/a",
        title="中美关系",
    )
    assert (article.zh.lang, article.zh.title, article.zh.paragraphs) == (
        "zh",
        "中美关系",
        (para("中美两国在谈判。"),),
    )
    assert (article.en.lang, article.en.title, article.en.paragraphs) == (
        "en",
        "US-China relations",
        (para("The two countries are negotiating."),),
    )
    assert article.warnings == ()
    assert article.source == "a.md"


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        pytest.param("", Meta(source_url="https://example.com/a"), id="absent"),
        pytest.param(
            "---\ntitle: 'T: x'\ntags: [economy, Tag us, trade]\n---\n",
            Meta(title="T: x", tags=("economy", "trade"), source_url="https://example.com/a"),
            id="flow-list-quoted",
        ),
        pytest.param(
            "---\ntag:\n  - China\n  - trade\nauthor:\n---\n",
            Meta(tags=("China", "trade"), source_url="https://example.com/a"),
            id="empty-tag-then-indented-list",
        ),
        pytest.param(
            "---\ntitle: [unclosed\ndescription: >\n  folded\n  text\n: bad: {\n---\n",
            Meta(title="[unclosed", description="folded text", source_url="https://example.com/a"),
            id="not-valid-yaml",
        ),
        pytest.param(
            "---\ntags: Tag us\nsource: https://example.com/b\n---\n",
            Meta(source_url="https://example.com/b"),
            id="placeholder-and-source-key",
        ),
        pytest.param(
            "title: 标题\ndate: 2024-01-02\n\n",
            Meta(title="标题", date="2024-01-02", source_url="https://example.com/a"),
            id="no-dashes",
        ),
    ],
)
def test_front_matter(front, expected):
    assert parse_article(front + BODY).meta == expected


@pytest.mark.parametrize(
    ("text", "zh_title", "zh_paras"),
    [
        pytest.param(
            "---\ntitle: 标题\n\n中文段落。\n", "标题", ["中文段落。"], id="unclosed-front"
        ),
        pytest.param(
            "標題\n===\n\n習近平與普京的友誼長存。\n",
            "標題",
            ["習近平與普京的友誼長存。"],
            id="setext-traditional",
        ),
        pytest.param("中文&nbsp;段落&amp;<br>其他。\n", None, ["中文段落&其他。"], id="html"),
        pytest.param(
            "中文段落里有一段代码<script>alert(1)</script>其他内容。\n",
            None,
            ["中文段落里有一段代码<script>alert(1)</script>其他内容。"],
            id="script-tag-is-text",
        ),
        pytest.param(
            "---\n中文段落。\n---\nEnglish.\n", None, ["中文段落。"], id="dashes-not-front"
        ),
    ],
)
def test_odd_layouts(text, zh_title, zh_paras):
    article = parse_article(text)
    assert article.zh.title == zh_title
    assert [p.text for p in article.zh.paragraphs] == zh_paras


def test_title_falls_back_to_front_matter():
    text = "---\ntitle: 前置标题\n---\n中文段落。\n\n---\n\nAn English paragraph.\n"
    article = parse_article(text)
    assert (article.zh.title, article.en.title) == ("前置标题", None)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\ufeff" + FRONT + BODY, id="bom"),
        pytest.param((FRONT + BODY).replace("\n", "\r\n"), id="crlf"),
        pytest.param((FRONT + BODY).replace("\n", "\r"), id="cr"),
    ],
)
def test_encoding_quirks_parse_the_same(text):
    assert parse_article(text) == parse_article(FRONT + BODY)


def test_halves_language_detected_not_positional():
    text = (
        "# Title\n\nEnglish first, with one name 普京.\n\n---\n\n"
        "# 标题\n\n中文在后, 有 Putin 这个名字。\n"
    )
    article = parse_article(text)
    assert article.zh.title == "标题"
    assert article.zh.paragraphs == (para("中文在后,有Putin这个名字。"),)
    assert article.en.paragraphs == (para("English first, with one name 普京."),)


def test_only_chinese_gives_one_half_and_a_warning():
    article = parse_article("# 标题\n\n只有中文。\n\n第二段。\n")
    assert article.en is None
    assert article.zh.paragraphs == (para("只有中文。"), para("第二段。"))
    assert article.warnings == (
        "only Chinese text found: no English half (no '---' line followed by English text)",
    )


def test_no_separator_splits_by_paragraph_language():
    article = parse_article("中文一。\n\nEnglish one.\n\n中文二。\n\nEnglish two.\n")
    assert [p.text for p in article.zh.paragraphs] == ["中文一。", "中文二。"]
    assert [p.text for p in article.en.paragraphs] == ["English one.", "English two."]
    assert "no '---' line" in article.warnings[0]


@pytest.mark.parametrize(
    ("line", "url"),
    [
        pytest.param("[原文链接](https://a.cn/x)", "https://a.cn/x", id="zh-link"),
        pytest.param("[Source Link](https://a.com/y)", "https://a.com/y", id="en-link"),
        pytest.param("原文链接：https://a.cn/z", "https://a.cn/z", id="labelled-url"),
        pytest.param("<https://a.cn/w>", "https://a.cn/w", id="bare-url"),
    ],
)
def test_source_link_lines_are_metadata(line, url):
    article = parse_article(f"{line}\n\n中文段落。\n\n---\n\nEnglish paragraph.\n")
    assert article.meta.source_url == url
    assert [p.text for p in article.zh.paragraphs] == ["中文段落。"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "请看[这篇报道](https://x.cn)和![图](i.png)图片。",
            para("请看这篇报道和图片。"),
            id="link-text-image-dropped",
        ),
        pytest.param("这是*斜体*和_强调_。", para("这是斜体和强调。"), id="italics-removed"),
        pytest.param(
            '对两国实施的 **"双重遏制"** 。这篇',
            para('对两国实施的"双重遏制"。这篇', "双重遏制"),
            id="quoted-bold-stray-spaces",
        ),
        pytest.param(
            "**一个重大问题**, 两国",
            para("一个重大问题,两国", "一个重大问题"),
            id="ascii-comma-kept",
        ),
        pytest.param(
            "共同的 **威权民族主义世界观**. 文章还",
            para("共同的威权民族主义世界观.文章还", "威权民族主义世界观"),
            id="ascii-period-kept",
        ),
        pytest.param(
            "**习近平** **和普京**", para("习近平和普京", "习近平和普京"), id="split-bold-zh"
        ),
        pytest.param("**中美****关系**", para("中美关系", "中美关系"), id="glued-bold-zh"),
        pytest.param('西方 "贱民" , 而', para('西方"贱民",而'), id="spaces-round-quotes"),
        pytest.param(
            "他们有 Xi Jinping 和 38.1 % 的支持率",
            para("他们有Xi Jinping和38.1 %的支持率"),
            id="latin-inside-zh",
        ),
        pytest.param("第一行\n第二行", para("第一行第二行"), id="hard-wrapped-lines"),
        pytest.param("中文**。**", para("中文。"), id="punctuation-only-bold"),
    ],
)
def test_chinese_inline(raw, expected):
    article = parse_article(f"{raw}\n\n---\n\nEnglish text.\n")
    assert article.zh.paragraphs == (expected,)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "**The enduring partnership** **between China and Russia**, with",
            para(
                "The enduring partnership between China and Russia, with",
                "The enduring partnership between China and Russia",
            ),
            id="split-bold",
        ),
        pytest.param(
            "a worldview of **autocratic nationalism****,** may",
            para("a worldview of autocratic nationalism, may", "autocratic nationalism"),
            id="bold-comma-dropped",
        ),
        pytest.param(
            "the **US-China rapprochement** engineered",
            para("the US-China rapprochement engineered", "US-China rapprochement"),
            id="plain-bold",
        ),
        pytest.param(
            "He said *very* _loudly_ to [the press](http://x.com).",
            para("He said very loudly to the press."),
            id="italics-links",
        ),
        pytest.param(
            "Made in the **U.S.** today",
            para("Made in the U.S. today", "U.S."),
            id="abbreviation-keeps-period",
        ),
        pytest.param(
            "the **World Trade Organization (WTO)** said",
            para("the World Trade Organization (WTO) said", "World Trade Organization (WTO)"),
            id="balanced-bracket-kept",
        ),
        pytest.param(
            "***both*** and **a** , **b**",
            Paragraph("both and a, b", (Span(0, 4, "both"), Span(9, 10, "a"), Span(12, 13, "b"))),
            id="triple-and-separate",
        ),
        pytest.param("spaces   and\nnew lines", para("spaces and new lines"), id="whitespace"),
        pytest.param(r"a \*literal\* star", para("a *literal* star"), id="escaped"),
    ],
)
def test_english_inline(raw, expected):
    article = parse_article(f"中文。\n\n---\n\n{raw}\n")
    assert article.en.paragraphs == (expected,)


def test_spans_are_offsets_into_clean_text():
    article = parse_article('**甲乙** 丙 **"丁"**。\n\n---\n\n**a b** c **d**.\n')
    for half in (article.zh, article.en):
        for p in half.paragraphs:
            assert [p.text[s.start : s.end] for s in p.emphasis] == [s.text for s in p.emphasis]
    assert [s.text for s in article.zh.paragraphs[0].emphasis] == ["甲乙", "丁"]


def test_later_headings_are_paragraphs():
    article = parse_article("# 标题\n\n第一段。\n\n## 小标题\n\n第二段。\n")
    assert [p.text for p in article.zh.paragraphs] == ["第一段。", "小标题", "第二段。"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"  \n\n", "empty file", id="blank"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "binary file, not text (NUL byte at offset 8)",
            id="binary",
        ),
        pytest.param(
            "中文".encode() + b"\xff abc",
            "not UTF-8 text (invalid byte 0xff at offset 6)",
            id="not-utf8",
        ),
        pytest.param(
            "中文".encode("gb18030"), "not UTF-8 text (invalid byte 0xd6 at offset 0)", id="gbk"
        ),
        pytest.param(
            b"Only English here.\n\n---\n\nMore English.\n",
            "no Chinese text found (LearnKit needs Chinese paragraphs)",
            id="no-chinese",
        ),
        pytest.param(
            "---\ntitle: 标题\n---\n\nEnglish only.\n".encode(),
            "no Chinese text found (LearnKit needs Chinese paragraphs)",
            id="chinese-title-only",
        ),
    ],
)
def test_bad_files(write_article, content, message):
    path = write_article(content, name="x.md")
    with pytest.raises(ArticleError) as info:
        load_article(path)
    assert str(info.value) == f"{path}: {message}"


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(ArticleError, match=r"^.*nope\.md: no such file$"):
        load_article(tmp_path / "nope.md")
    with pytest.raises(ArticleError) as info:
        load_article(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a directory, not an article file"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param("\ufeff中文。\n".encode(), "utf-8-sig", id="utf8-bom"),
        pytest.param("中文。\n".encode("utf-16"), "utf-16", id="utf16-bom"),
    ],
)
def test_encodings_accepted(write_article, data, encoding):
    article = load_article(write_article(data))
    assert article.zh.paragraphs == (para("中文。"),)


def test_sample_article(sample_path):
    article = load_article(sample_path)
    assert article.meta.source_url == "https://ft.com/content/6459a746-e11e-4340-9cb5-ae3ebaa23e0e"
    assert article.meta.tags == ()
    assert (len(article.zh.paragraphs), len(article.en.paragraphs)) == (4, 4)
    assert article.zh.title == "习近平和普京的友谊长存"
    assert article.en.title == "The relationship between Xi and Putin is built to last"
    zh = [s.text for p in article.zh.paragraphs for s in p.emphasis]
    en = [s.text for p in article.en.paragraphs for s in p.emphasis]
    assert zh == [
        "中俄两国之间持久的伙伴关系仍然是地缘政治方面的一个重大问题",
        "双重遏制",
        "习近平和弗拉基米尔·普京之间的联系",
        "威权民族主义世界观",
        "中美关系解冻",
        "习近平与普京的友谊",
    ]
    assert en == [
        "The enduring partnership between China and Russia remains a significant "
        "geopolitical issue",
        "bond between Xi Jinping and Vladimir Putin",
        "autocratic nationalism",
        "US-China rapprochement",
        "the Xi-Putin bond",
    ]
    assert "Source Link" not in " ".join(p.text for p in article.en.paragraphs)
    assert "原文链接" not in " ".join(p.text for p in article.zh.paragraphs)
