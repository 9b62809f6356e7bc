"""The one English normaliser: tokens, stop words, lemmas."""

from __future__ import annotations

import pytest

from learnkit.text import english


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("seek re-election", ["seek", "re-election"], id="hyphen-whole"),
        pytest.param("a standard-bearer", ["a", "standard-bearer"], id="hyphen-noun"),
        pytest.param("the U.S. economy", ["the", "U.S.", "economy"], id="initialism"),
        pytest.param("China’s don't", ["China’s", "don't"], id="apostrophes"),
        pytest.param(
            "1.5 degrees, 460,000 pods", ["1", "5", "degrees", "460", "000", "pods"], id="numbers"
        ),
        pytest.param("pro‑Soviet", ["pro‑Soviet"], id="non-breaking-hyphen"),
    ],
)
def test_words(text, expected):
    assert english.words(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("policymakers", "policymaker"),  # unknown to the lexicon: rule-based noun form
        ("consequences", "consequence"),
        ("dependencies", "dependency"),
        ("stealing", "steal"),
        ("dams", "dam"),  # noun before verb
        ("was", "be"),
        ("Regulators", "regulator"),
        ("China’s", "china"),
        ("Chinese", "china"),  # one spelling per country
        ("U.S.", "america"),
        ("re-elections", "re-election"),  # a hyphenated word: its last part lemmatised
        ("news", "news"),
        ("crisis", "crisis"),
    ],
)
def test_lemma(word, expected):
    assert english.lemma(word) == expected


def test_tokens_offsets_and_content():
    text = "The regulators halted it."
    toks = english.tokens(text)
    assert [(t.text, t.lemma, t.content) for t in toks] == [
        ("The", "the", False),
        ("regulators", "regulator", True),
        ("halted", "halt", True),
        ("it", "it", False),
    ]
    assert all(text[t.start : t.end] == t.text for t in toks)


@pytest.mark.parametrize(
    ("word", "stop"),
    [
        ("the", True),
        ("Of", True),
        ("between", False),
        ("truce", False),
        ("they're", True),  # a contracted function word is one
        ("It’s", True),
        ("I'll", True),
        ("don't", False),  # a negation is evidence
        ("boy's", False),
        ("China's", False),
    ],
)
def test_stop_words(word, stop):
    assert english.is_stop(word) is stop


def test_match_key_joins_derivations():
    assert english.match_key("economy") == english.match_key("economic")
    assert english.content_lemmas("The regulators of China") == ["regulator", "china"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("hydroelectric", {"ADJ"}),
        ("dams", {"VERB"}),  # lemminflect lacks the noun: phrase pairing lets verbs head a span
        ("uncharacteristically", {"ADV"}),
        ("Jinping", set()),
    ],
)
def test_parts_of_speech(word, expected):
    assert english.parts_of_speech(word) == expected


def test_lemma_table_comes_from_the_disk_cache(tmp_path, monkeypatch):
    """lemminflect's table, stored by LearnKit's disk cache, is the table lemminflect
    itself parses; a second process reads it back (no gzip parsing)."""
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.Lemmatizer import Lemmatizer

    from learnkit import diskcache

    english._lemminflect()
    lemmatizer = Lemmatizer()
    parsed = LemmaLUCodec.load(lemmatizer.lemma_lu_fn)
    assert lemmatizer.lemma_dict == parsed
    monkeypatch.setenv(diskcache.ENV, str(tmp_path))
    stored = diskcache.cached("lemmas", "test", lambda: parsed)
    assert diskcache.cached("lemmas", "test", lambda: {}) == stored == parsed
