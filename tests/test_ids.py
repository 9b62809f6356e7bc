"""learnkit.ids: stable identities (more in test_pipeline and test_batch)."""

from __future__ import annotations

import pytest

from learnkit.ids import Item, carry_ids
from learnkit.pipeline import study_set

TEXT = "# 银行\n\n**银行**今天开门。\n\n---\n\n# Bank\n\nThe **bank** opens today.\n"


def test_a_first_build_carries_nothing():
    """No previous build: the study set itself comes back (no text normalised)."""
    ss = study_set(TEXT, source="bank.md")
    assert carry_ids(ss, []) is ss


def test_a_corrected_sentence_keeps_its_previous_id():
    ss = study_set(TEXT, source="bank.md")
    old = Item("sentence", "old-id", "银行今天开门了。")
    carried = carry_ids(ss, [old])
    assert [s.id for s in carried.sentences] == ["old-id"]


@pytest.mark.parametrize(
    ("previous", "carried"),
    [
        ("中国银行", False),  # the phrase was 中国银行, now only 银行 is bold: another card
        ("银行业", False),  # 2 of 3 characters: ratio 0.8, but a shorter phrase, not a fix
        ("银行们", False),
        ("银航", False),  # one of two characters wrong: too little in common to be a fix
    ],
)
def test_a_phrase_takes_an_id_only_from_a_correction_of_about_its_length(previous, carried):
    """A review never moves to another card: a previous phrase that is a longer (or
    shorter) phrase holding this one is not this one corrected."""
    ss = study_set(TEXT, source="bank.md")
    old = Item("phrase", "old-id", previous)
    assert (carry_ids(ss, [old]).phrases[0].id == "old-id") is carried


def test_a_phrase_with_one_character_corrected_keeps_its_id():
    text = TEXT.replace("**银行**", "**中央银行**").replace("**bank**", "**central bank**")
    ss = study_set(text, source="bank.md")
    for previous in ("中英银行", "中央银", "中央银行行"):  # a typo, a character short, one extra
        carried = carry_ids(ss, [Item("phrase", "old-id", previous)])
        assert carried.phrases[0].id == "old-id", previous


REPEATED = (
    "[原文链接](https://example.com/a)\n\n# 银行\n\n"
    "**银行**今天开门。银行今天开门。**存款**不多。\n\n"
    "---\n\n# Bank\n\nThe **bank** opens today. The bank opens today. **Deposits** are few,"
    " **reportedly**.\n"
)


def test_rekey_gives_the_ids_of_a_build_under_the_other_article_id():
    """An article whose link was edited, under its previous id, has exactly the ids a
    build with the old link gives (the repeated sentence's #2 and an English-only phrase
    included)."""
    from learnkit.ids import rekey

    old = study_set(REPEATED, source="a.md")
    new = study_set(REPEATED.replace("example.com/a", "example.com/b"), source="a.md")
    assert new.id != old.id
    moved = rekey(new, old.id)
    assert moved.id == old.id
    assert [s.id for s in moved.sentences] == [s.id for s in old.sentences]
    assert [(p.id, p.sentence) for p in moved.phrases] == [(p.id, p.sentence) for p in old.phrases]
    assert any(p.zh is None for p in moved.phrases)


@pytest.mark.parametrize(
    ("previous", "found"),
    [
        (["银行今天开门。", "存款不多。"], True),  # all its sentences
        (["银行今天开门。", "别的句子。"], True),  # half: an edited article
        (["银行今天开门。", "别的句子。", "还有一句。"], False),  # a third of the longer
        (["别的句子。"], False),
    ],
    ids=["same", "half", "a-third", "other"],
)
def test_same_article_is_found_by_its_sentences(previous, found):
    from learnkit.ids import same_article

    text = TEXT.replace("开门。", "开门。存款不多。").replace("today.", "today. Deposits are few.")
    ss = study_set(text, source="bank.md")
    assert [s.zh for s in ss.sentences] == ["银行今天开门。", "存款不多。"]
    items = [Item("sentence", f"old-s{n}", zh) for n, zh in enumerate(previous)]
    assert same_article(ss, {"old": items, ss.id: items}) == ("old" if found else None)


def _article(zh: str) -> str:
    link = "[原文链接](https://example.com/a)"
    return f"{link}\n\n# 油轮\n\n{zh}\n\n---\n\n# Tankers\n\nTankers hide.\n"


@pytest.mark.parametrize(
    ("zh", "previous", "carried"),
    [
        # the previous phrase's text is gone: its Chinese was corrected in place
        ("它们用**定位欺骗软件**隐身。", "定位欺骗技术", True),
        # the bold's edges moved where the previous phrase stands
        ("政府**开出的条件**很好。", "出的条件", True),
        ("政府开**出的条件**很好。", "开出的条件", True),
        # the previous phrase still stands elsewhere, unbolded: another phrase was bolded
        ("它们用定位欺骗技术隐身。专家说这是**定位欺骗软件**。", "定位欺骗技术", False),
        ("美国总统说中美关系很好。**中俄关系**也很好。", "中美关系", False),
        ("**中俄关系**和中美关系都很好。", "中美关系", False),
        ("拜登政府很忙。这是**拜登的政治**。", "拜登政府", False),
    ],
    ids=[
        "corrected",
        "edge-added",
        "edge-cut",
        "other-sentence",
        "other-phrase",
        "same-sentence",
        "other-words",
    ],
)
def test_a_phrase_bolded_instead_of_a_similar_one_is_another_card(zh, previous, carried):
    """A review never moves to another card: unbolding a phrase and bolding a similar one
    elsewhere (定位欺骗技术 → 定位欺骗软件) is a new card beside the retired one; a phrase
    whose Chinese was corrected, or whose bold's edges moved, is the previous one."""
    ss = study_set(_article(zh), source="a.md")
    old = Item("phrase", "old-id", previous)
    assert [p.id == "old-id" for p in carry_ids(ss, [old]).phrases] == [carried]


@pytest.mark.parametrize(
    ("kind", "previous", "carried"),
    [
        ("sentence", "銀行今天開門。", True),  # the article converted to Simplified
        ("phrase", "銀行", True),
        ("phrase", "銀河", False),  # another word in either script
    ],
)
def test_an_item_in_the_other_script_is_the_same_item(kind, previous, carried):
    """A learner converting an article between Traditional and Simplified keeps every
    review: an item's text is compared with the previous build's in one script."""
    ss = study_set(TEXT, source="bank.md")
    carried_ss = carry_ids(ss, [Item(kind, "old-id", previous)])
    items = carried_ss.sentences if kind == "sentence" else carried_ss.phrases
    assert (items[0].id == "old-id") is carried


def test_an_article_in_the_other_script_is_the_same_article():
    from learnkit.ids import same_article

    text = TEXT.replace("开门。", "开门。钱不多。").replace("today.", "today. Money is short.")
    ss = study_set(text, source="bank.md")
    assert [s.zh for s in ss.sentences] == ["银行今天开门。", "钱不多。"]
    items = [Item("sentence", "old-s0", "銀行今天開門。"), Item("sentence", "old-s1", "錢不多。")]
    assert same_article(ss, {"old": items}) == "old"
