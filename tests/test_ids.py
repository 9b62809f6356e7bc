"""learnkit.ids: stable identities (more in test_pipeline and test_batch)."""

from __future__ import annotations

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
