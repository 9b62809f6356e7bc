"""The study set's JSON: the one shape (the README's schema) for export and storage.

``to_dict``/``from_dict`` are exact inverses: a study set read back from its JSON equals
the one written. Span texts are not stored; they are slices of the text they point into.
"""

from __future__ import annotations

import json
from typing import IO, Any

from learnkit.models import Meta, Phrase, SentencePair, Span, StudySet, Word


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _unspan(value: list[int] | None, text: str | None) -> Span | None:
    if value is None or text is None:
        return None
    start, end = value
    return Span(start, end, text[start:end])


def word_dict(w: Word) -> dict[str, Any]:
    return {
        "zh": w.text,
        "span": [w.start, w.end],
        "pinyin": w.pinyin,
        "numbers": w.numbers,
        "tones": list(w.tones),
        "gloss": w.gloss,
        "hsk": w.hsk,
        "zipf": w.zipf,
        "study": w.study,
    }


def _word(d: dict[str, Any]) -> Word:
    start, end = d["span"]
    return Word(
        text=d["zh"],
        start=start,
        end=end,
        pinyin=d["pinyin"],
        numbers=d["numbers"],
        tones=tuple(d["tones"]),
        gloss=d["gloss"],
        hsk=d["hsk"],
        zipf=d["zipf"],
        study=d["study"],
    )


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


def _sentence(d: dict[str, Any]) -> SentencePair:
    return SentencePair(
        id=d["id"],
        paragraph=d["paragraph"],
        zh=d["zh"],
        en=d["en"],
        pinyin=d["pinyin"],
        words=tuple(_word(w) for w in d["words"]),
        zh_emphasis=tuple(_unspan(e, d["zh"]) for e in d["emphasis"]["zh"]),
        en_emphasis=tuple(_unspan(e, d["en"]) for e in d["emphasis"]["en"]),
    )


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
        "en_confidence": p.en_confidence,
        "zh_confidence": p.zh_confidence,
        "hsk": p.hsk,
        "words": [word_dict(w) for w in p.words],
    } | ({"key": _span(p.key)} if p.key is not None else {})


def _phrase(d: dict[str, Any], sentences: dict[str, SentencePair]) -> Phrase:
    pair = sentences[d["sentence"]]
    return Phrase(
        id=d["id"],
        zh=d["zh"],
        en=d["en"],
        pinyin=d["pinyin"],
        numbers=d["numbers"],
        sentence=d["sentence"],
        zh_span=_unspan(d["zh_span"], pair.zh),
        en_span=_unspan(d["en_span"], pair.en),
        en_confidence=d.get("en_confidence"),
        zh_confidence=d.get("zh_confidence"),
        words=tuple(_word(w) for w in d["words"]),
        hsk=d["hsk"],
        key=_unspan(d["key"], d["zh"]) if d.get("key") else None,
    )


def to_dict(ss: StudySet) -> dict[str, Any]:
    """The study set as JSON-ready data (the README's schema)."""
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
            "title": m.title,
        },
        "script": ss.script,
        "sentences": [sentence_dict(s) for s in ss.sentences],
        "phrases": [phrase_dict(p) for p in ss.phrases],
        "warnings": list(ss.warnings),
    }


def from_dict(d: dict[str, Any]) -> StudySet:
    """The study set :func:`to_dict` made ``d`` from."""
    sentences = tuple(_sentence(s) for s in d["sentences"])
    by_id = {s.id: s for s in sentences}
    m = d["meta"]
    return StudySet(
        id=d["id"],
        source=d["source"],
        title_zh=d["title"]["zh"],
        title_en=d["title"]["en"],
        meta=Meta(
            date=m["date"],
            author=m["author"],
            description=m["description"],
            tags=tuple(m["tags"]),
            source_url=m["source_url"],
            title=m["title"],
        ),
        script=d["script"],
        sentences=sentences,
        phrases=tuple(_phrase(p, by_id) for p in d["phrases"]),
        warnings=tuple(d["warnings"]),
    )


def dumps(ss: StudySet, *, indent: int | None = None) -> str:
    """The study set as JSON text (compact unless ``indent`` is given)."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(to_dict(ss), ensure_ascii=False, indent=indent, separators=separators)


def dump(ss: StudySet, file: IO[str], *, indent: int | None = None) -> None:
    """:func:`dumps` written to ``file`` piece by piece: a long article's JSON is never held
    whole in memory (with ``indent``, as one string it cost 250 MB at 4,000 sentences)."""
    separators = (",", ":") if indent is None else (",", ": ")
    json.dump(to_dict(ss), file, ensure_ascii=False, indent=indent, separators=separators)


def loads(text: str) -> StudySet:
    """The study set of JSON text written by :func:`dumps`."""
    return from_dict(json.loads(text))
