"""The one cloze engine: what a phrase blanks, for the Anki cloze and the quiz alike."""

from __future__ import annotations

import pytest

from learnkit.models import Word
from learnkit.study.cloze import key_words


def w(
    text: str,
    start: int,
    *,
    hsk: int | None = None,
    zipf: float | None = None,
    study: bool = True,
    han: bool = True,
) -> Word:
    return Word(
        text,
        start,
        start + len(text),
        tones=(1,) * len(text) if han else (),
        hsk=hsk,
        zipf=zipf,
        study=study,
    )


# 中俄两国之间持久的伙伴关系仍然是地缘政治方面: as the sample's annotation gives it.
SAMPLE = (
    w("中俄", 0, zipf=2.0, study=False),
    w("两国之间", 2, zipf=1.67),
    w("持久", 6, hsk=7, zipf=4.07),
    w("的", 8, hsk=1, zipf=7.0, study=False),
    w("伙伴", 9, hsk=4, zipf=4.4),
    w("关系", 11, hsk=3, zipf=5.5),
    w("仍然", 13, hsk=3, zipf=4.9),
    w("是", 15, hsk=1, study=False),
    w("地缘", 16, zipf=2.9),
    w("政治", 18, hsk=4, zipf=5.0),
    w("方面", 20, hsk=2, zipf=5.2, study=False),
)


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (1, ["持久"]),
        (3, ["持久", "伙伴", "政治"]),
        (7, ["持久", "伙伴", "政治", "仍然", "关系", "两国之间", "地缘"]),
    ],
    ids=["one", "three", "all-study-words"],
)
def test_curriculum_words_come_before_rare_looking_compounds(limit, expected):
    assert [x.text for x in key_words(SAMPLE, 0, 22, limit)] == expected


def test_only_words_inside_the_span_count():
    assert [x.text for x in key_words(SAMPLE, 9, 16, 2)] == ["伙伴", "仍然"]
    assert [x.text for x in key_words(SAMPLE, 11, 16, 2)] == ["仍然", "关系"]


def test_single_characters_only_when_nothing_longer():
    words = (w("我", 0, hsk=1, study=False), w("，", 1, han=False), w("他", 2, hsk=1))
    assert [x.text for x in key_words(words, 0, 3, 1)] == ["他"]


def test_names_and_function_words_are_never_key_words():
    words = (w("习近平", 0, study=False), w("和", 3, hsk=1, study=False), w("普京", 4, study=False))
    assert key_words(words, 0, 6, 3) == []


# ---------------------------------------------------------------- one engine, two users


@pytest.fixture(scope="module")
def sample_set(sample_study_set):
    return sample_study_set


def _anki_blanks(ss):
    """(phrase id, blanked text, hint) as the Anki cloze notes write them."""
    import re

    from learnkit.anki.notes import deck_spec
    from learnkit.anki.notetypes import CLOZE

    out = {}
    for note in deck_spec(ss).notes:
        if note.note_type is CLOZE:
            text = note.field("Text")
            m = re.search(r"\{\{c1::([^:}]*)(?:::([^}]*))?\}\}", text)
            start = len(text[: m.start()])  # the sample's sentences need no escaping
            out[note.key] = (start, start + len(m.group(1)), m.group(1), m.group(2) or "")
    return out


def test_anki_and_quiz_blank_identical_offsets(sample_set):
    from learnkit.study.quiz import build_items

    anki = _anki_blanks(sample_set)
    quiz = {
        i.id: (i.start, i.end, i.answer, i.english)
        for i in build_items(sample_set)
        if i.kind == "phrase"
    }
    assert set(anki) == set(quiz) == {p.id for p in sample_set.phrases}
    for key, (start, end, text, _hint) in anki.items():
        assert quiz[key][:3] == (start, end, text), key


@pytest.mark.parametrize(
    ("phrase", "blank", "hint"),
    [
        # a clause blanks its key word; the hint is that word's English in the pairing
        ("中俄两国之间持久的伙伴关系仍然是地缘政治方面的一个重大问题", "持久", "enduring"),
        ("双重遏制", "双重遏制", "dual containment"),
        ("习近平和弗拉基米尔·普京之间的联系", "联系", "bond"),  # never the name
        ("习近平与普京的友谊", "友谊", "bond"),  # the pairing's word, not CC-CEDICT's
        ("中美关系解冻", "中美关系解冻", "US-China rapprochement"),
    ],
    ids=["clause-key-word", "short", "name-skipped", "aligned-not-gloss", "whole"],
)
def test_what_each_sample_phrase_blanks(sample_set, phrase, blank, hint):
    from learnkit.study.quiz import build_items

    (start, end, text, anki_hint) = next(
        v
        for k, v in _anki_blanks(sample_set).items()
        if next(p for p in sample_set.phrases if p.id == k).zh == phrase
    )
    assert (text, anki_hint) == (blank, hint)
    item = next(i for i in build_items(sample_set) if i.answer == blank)
    en = item.sentence.en
    assert en[item.hint_span.start : item.hint_span.end] == hint  # the quiz highlights it


def _pair(*parts: str):
    """A sentence pair from its words ("改革", "，", …), each a Word."""
    from learnkit.models import SentencePair

    words, at = [], 0
    for part in parts:
        words.append(w(part, at, han=part.isalpha()))
        at += len(part)
    zh = "".join(parts)
    return SentencePair(id="s", paragraph=0, zh=zh, en=None, pinyin="", words=tuple(words))


@pytest.mark.parametrize(
    ("parts", "blank", "hidden"),
    [
        # the phrase again as words of its own gives the answer away: hidden too
        (("我们", "需要", "改革", "，", "没有", "改革", "就", "没有", "发展", "。"), 2, ["改革"]),
        # again before the blank, and twice after it
        (("改革", "和", "改革", "和", "改革", "。"), 2, ["改革", "改革"]),
        # inside another word it says something else: it stays
        (("需要", "改革", "，", "改革开放", "以后", "。"), 1, []),
        (("中美", "关系", "和", "中美关系", "。"), 1, []),
        # a phrase of two words, again as the same two words
        (("双重", "遏制", "是", "双重", "遏制", "。"), (0, 1), ["双重遏制"]),
        (("一", "个", "人"), 0, []),
    ],
    ids=[
        "once-after",
        "before-and-twice-after",
        "inside-a-word",
        "inside-a-compound",
        "two-words",
        "alone",
    ],
)
def test_repeats_of_the_blank_are_hidden(parts, blank, hidden):
    from learnkit.study.cloze import repeats

    pair = _pair(*parts)
    first, last = blank if isinstance(blank, tuple) else (blank, blank)
    start, end = pair.words[first].start, pair.words[last].end
    found = repeats(pair, start, end)
    assert [pair.zh[s:e] for s, e in found] == hidden
    assert all(e <= start or s >= end for s, e in found)


def test_anki_cloze_and_quiz_hide_every_repeat():
    """One cloze engine: the Anki cloze writes each repeat as another c1 deletion (one card
    hides them all, the hint on the blank), the quiz's prompt hides the same places."""
    from dataclasses import replace

    from learnkit.anki.cloze import cloze_text
    from learnkit.models import Meta, Phrase, Span, StudySet
    from learnkit.study.cloze import phrase_blank
    from learnkit.study.quiz import build_items

    pair = replace(
        _pair("我们", "需要", "改革", "，", "没有", "改革", "就", "没有", "发展", "。"),
        en="We need reform; without reform there is no development.",
    )
    phrase = Phrase(
        id="a-p1",
        zh="改革",
        en="reform",
        pinyin="gǎigé",
        numbers="gai3 ge2",
        sentence="s",
        zh_span=Span(4, 6, "改革"),
        en_span=Span(8, 14, "reform"),
        words=pair.words[2:3],
    )
    blank = phrase_blank(pair, phrase)
    assert (
        cloze_text(pair.zh, blank) == "我们需要{{c1::改革::reform}}，没有{{c1::改革}}就没有发展。"
    )
    ss = StudySet(
        id="a",
        source="a.md",
        title_zh="改革",
        title_en="Reform",
        meta=Meta(date="2024-05-20"),
        script="simplified",
        sentences=(pair,),
        phrases=(phrase,),
    )
    (item,) = [i for i in build_items(ss) if i.kind == "phrase"]
    assert item.prompt == (
        ("我们需要", None),
        ("", "blank"),
        ("，没有", None),
        ("", "repeat"),
        ("就没有发展。", None),
    )
    assert "改革" not in item.spoken
