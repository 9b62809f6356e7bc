"""ECDICT evidence for phrase pairing: what a rendering may claim (learnkit.align.renderings)."""

from __future__ import annotations

import pytest

from learnkit.align import renderings


@pytest.mark.parametrize(
    ("phrase", "rendering", "main", "said"),
    [
        ("选择", "选择权", False, ""),  # the phrase inside a longer word: a minor sense ...
        ("选择", "选择权", True, "选择"),  # ... but the word's main sense counts
        ("计划", "在计划外的", True, ""),  # …外 negates
        ("计划", "无计划的", True, ""),
        ("不合规", "不合规的", False, "不合规"),  # a negated phrase keeps its negation
        ("计划", "计划了的", False, "计划"),  # function characters at the ends
        ("倾向", "使倾向于", False, "倾向"),  # a leading 使, a trailing 于
        ("漏洞", "有漏洞的", False, "漏洞"),  # a leading 有
        ("无人机", "无人驾驶飞机", False, "无人机"),  # spread over a fuller form
        ("美国", "共和国的", False, ""),  # one character inside another word
        ("制造部门", "部门", False, "部门"),  # a part of the phrase, nothing more
        ("生产", "产生地", True, ""),  # its characters in another order: another word
        ("故事", "事故", False, ""),
        ("人工智能", "智能", False, "智能"),  # one part, in order
        ("无人机", "无人驾驶的飞机", False, "无人机"),
    ],
)
def test_rendering_hit(phrase, rendering, main, said):
    chars = frozenset(phrase)
    assert renderings.hit(chars, chars, rendering, main=main, text=phrase) == frozenset(said)


@pytest.mark.parametrize(
    ("unit", "word", "phrase", "renders"),
    [
        ("选择", "election", "选择", False),  # 选择权 is the word's third sense
        ("选择", "option", "选择", True),  # ... and "option"'s first
        ("计划", "unplanned", "计划", False),  # 无计划的, 在计划外的
        ("计划", "planned", "计划", True),  # 计划了的
        ("部门", "sector", "制造部门", True),
        ("生产", "factory", "生产", False),  # 工厂, 产生地 (place of origin): not 生产
        ("工厂", "factory", "工厂", True),
        ("县", "county", "县", True),  # one character: a rendering of two holding it
        ("的", "county", "的", False),  # function characters only: nothing to say
        ("部", "sector", "部", False),  # 部门 is not 部 alone
        ("汽车", "sector", "汽车", False),  # no character of its renderings
        ("部车", "sector", "部车", False),  # one character of them: not two
    ],
)
def test_renders(unit, word, phrase, renders):
    assert renderings.renders(unit, word, word, phrase) is renders
