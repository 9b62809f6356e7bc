"""learnkit.codec: one JSON shape for a study set, exact both ways."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import studysets

from learnkit import codec
from learnkit.models import Span, StudySet


def _keyed() -> StudySet:
    """A study set whose first phrase carries a key word from a previous build."""
    ss = studysets.rivals()
    first = ss.phrases[0]
    key = Span(0, 1, first.zh[:1])
    return replace(ss, phrases=(replace(first, key=key), *ss.phrases[1:]))


@pytest.mark.parametrize(
    "make", [studysets.rivals, studysets.plain, _keyed], ids=["rivals", "plain", "keyed"]
)
def test_round_trip(make):
    ss = make()
    assert codec.loads(codec.dumps(ss)) == ss
    assert codec.from_dict(json.loads(json.dumps(codec.to_dict(ss)))) == ss


def test_sample_round_trip_keeps_offsets_and_span_texts(sample_study_set):
    back = codec.loads(codec.dumps(sample_study_set, indent=2))
    assert back == sample_study_set
    phrase = back.phrases[0]
    pair = next(s for s in back.sentences if s.id == phrase.sentence)
    assert pair.zh[phrase.zh_span.start : phrase.zh_span.end] == phrase.zh_span.text == phrase.zh


def test_words_carry_their_offsets(sample_study_set):
    pair = codec.to_dict(sample_study_set)["sentences"][0]
    for w in pair["words"]:
        start, end = w["span"]
        assert pair["zh"][start:end] == w["zh"]


def test_storage_uses_the_export_shape(tmp_path, sample_study_set):
    from datetime import UTC, datetime

    from learnkit.study.store import Store

    with Store.create(tmp_path / "db.sqlite3") as store:
        store.cache_study_set("k", sample_study_set, datetime(2026, 1, 1, tzinfo=UTC))
        (stored,) = store.db.execute("SELECT data FROM study_sets").fetchone()
    assert json.loads(stored) == codec.to_dict(sample_study_set)
