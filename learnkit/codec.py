"""Study set → plain JSON-ready dicts (the schema documented in the README)."""

from __future__ import annotations

from typing import Any

from learnkit.models import Phrase, SentencePair, Span, StudySet, Word


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def word_dict(w: Word) -> dict[str, Any]:
    return {
        "zh": w.text,
        "pinyin": w.pinyin,
        "numbers": w.numbers,
        "tones": list(w.tones),
        "gloss": w.gloss,
        "hsk": w.hsk,
        "zipf": w.zipf,
        "study": w.study,
    }


def sentence_dict(s: SentencePair) -> dict[str, Any]:
    return {
        "id": s.id,
        "paragraph": s.paragraph,
        "zh": s.zh,
        "en": s.en,
        "pinyin": s.pinyin,
        "words": [word_dict(w) for w in s.words],
        "emphasis": {
            "zh": [_span(e) for e in s.zh_emphasis],
            "en": [_span(e) for e in s.en_emphasis],
        },
    }


def phrase_dict(p: Phrase) -> dict[str, Any]:
    return {
        "id": p.id,
        "zh": p.zh,
        "en": p.en,
        "pinyin": p.pinyin,
        "numbers": p.numbers,
        "sentence": p.sentence,
        "zh_span": _span(p.zh_span),
        "en_span": _span(p.en_span),
        "hsk": p.hsk,
        "words": [word_dict(w) for w in p.words],
    }


def study_set_dict(ss: StudySet) -> dict[str, Any]:
    m = ss.meta
    return {
        "id": ss.id,
        "source": ss.source,
        "title": {"zh": ss.title_zh, "en": ss.title_en},
        "meta": {
            "date": m.date,
            "author": m.author,
            "description": m.description,
            "tags": list(m.tags),
            "source_url": m.source_url,
        },
        "script": ss.script,
        "sentences": [sentence_dict(s) for s in ss.sentences],
        "phrases": [phrase_dict(p) for p in ss.phrases],
        "warnings": list(ss.warnings),
    }
