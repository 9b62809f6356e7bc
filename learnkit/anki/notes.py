"""Study set → the notes of its Anki deck, as plain records (no genanki here).

A note's identity is its note type's kind and its study-set item id
(``Phrase.id`` / ``SentencePair.id``), never its text: the GUID derives from it, so a
corrected translation updates the learner's note in place.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from learnkit.anki import fields as f
from learnkit.anki.cloze import cloze_text, deletion_groups
from learnkit.anki.notetypes import CLOZE, PHRASE, SENTENCE, NoteType
from learnkit.ids import normalize
from learnkit.models import Phrase, SentencePair, StudySet

DECK_ROOT = "LearnKit"
CEDICT_CREDIT = (
    'Word glosses from <a href="https://cc-cedict.org/wiki/">CC-CEDICT</a> '
    "(MDBG), licensed under "
    '<a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.'
)


@dataclass(frozen=True)
class NoteSpec:
    note_type: NoteType
    key: str  # the study-set item id
    fields: tuple[str, ...]  # HTML, in ``note_type.fields`` order
    tags: tuple[str, ...]
    cards: int  # cards Anki makes for this note

    def field(self, name: str) -> str:
        return self.fields[self.note_type.fields.index(name)]


@dataclass(frozen=True)
class DeckSpec:
    id: int
    name: str
    description: str
    article: str  # StudySet.id
    file_name: str  # of its own package: ``<date>-<id>.apkg``
    notes: tuple[NoteSpec, ...]

    @property
    def cards(self) -> int:
        return sum(n.cards for n in self.notes)


def _note(note_type: NoteType, key: str, tags: tuple[str, ...], **values: str) -> NoteSpec:
    unknown = set(values) - set(note_type.fields)
    if unknown:
        raise ValueError(f"{note_type.name} has no field {sorted(unknown)}")
    row = tuple(values.get(name, "") for name in note_type.fields)
    if note_type.cloze:
        cards = len(set(re.findall(r"\{\{c(\d+)::", values.get("Text", ""))))
    else:
        cards = sum(1 for t in note_type.templates if t.requires and values.get(t.requires))
    return NoteSpec(note_type, key, row, tags, cards)


def _tag(*parts: str) -> str:
    return "::".join(re.sub(r"\s+", "_", p.strip()) for p in (DECK_ROOT, *parts))


def article_tags(ss: StudySet) -> tuple[str, ...]:
    tags = [_tag("article", ss.id)]
    if ss.meta.author and ss.meta.author.strip():
        tags.append(_tag("author", ss.meta.author))
    date = f.iso_date(ss.meta)
    if date:
        tags.append(_tag("year", date[:4]))
    return tuple(tags)


def _level_tag(level: int | None) -> tuple[str, ...]:
    if level is None:
        return ()
    return (_tag(f.HSK_STANDARD.replace(" ", ""), "7-9" if level >= 7 else str(level)),)


def deck_title(ss: StudySet) -> str:
    title = ss.title_zh or ss.title_en or ss.meta.title or ss.id
    # "::" separates deck levels in Anki; a title is one level.
    return re.sub(r"\s+", " ", re.sub(r":{2,}", ":", title)).strip() or ss.id


def deck_id(article: str) -> int:
    """A stable id in genanki's recommended range [2**30, 2**31)."""
    digest = hashlib.blake2b(f"learnkit-deck:{article}".encode(), digest_size=8).digest()
    return (1 << 30) + int.from_bytes(digest, "big") % (1 << 30)


def package_name(ss: StudySet) -> str:
    """``<date>-<id>.apkg`` (``<id>.apkg`` when the article has no date)."""
    date = f.iso_date(ss.meta)
    return f"{date}-{ss.id}.apkg" if date else f"{ss.id}.apkg"


def description(ss: StudySet) -> str:
    parts = []
    if ss.meta.description:
        parts.append(f"<p>{f.esc(ss.meta.description)}</p>")
    parts.append(f"<p>Source: {f.source(ss.title_zh, ss.title_en, ss.meta)}</p>")
    parts.append(f"<p>{CEDICT_CREDIT} Made with LearnKit.</p>")
    return "\n".join(parts)


def traditional(zh: str, script: str) -> str:
    """The Traditional form of Simplified text (empty when the article is Traditional or
    the text has no Simplified-only characters)."""
    if script == "traditional":
        return ""
    from learnkit.chinese.reading import to_traditional

    converted = to_traditional(zh)
    return f.esc(converted) if converted != zh else ""


def phrase_note(
    ss: StudySet, phrase: Phrase, pair: SentencePair | None, tags: tuple[str, ...], src: str
) -> NoteSpec:
    return _note(
        PHRASE,
        phrase.id,
        tags + _level_tag(phrase.hsk),
        Key=phrase.id,
        Hanzi=f.esc(phrase.zh),
        Pinyin=f.esc(phrase.pinyin),
        English=f.esc(phrase.en or ""),
        Colored=f.colored(phrase.words),
        Ruby=f.ruby(phrase.words),
        Traditional=traditional(phrase.zh, ss.script),
        Words=f.breakdown(phrase.words),
        Level=f.level_text(phrase.hsk),
        Sentence=f.highlight(pair.zh, [phrase.zh_span]) if pair else "",
        SentencePinyin=f.esc(pair.pinyin) if pair else "",
        SentenceEnglish=f.highlight(pair.en, [phrase.en_span]) if pair else "",
        Source=src,
    )


def sentence_values(pair: SentencePair, level: int | None, script: str, src: str) -> dict[str, str]:
    """The fields a sentence note and its cloze note share; ``level`` is the pair's HSK level."""
    return dict(
        Key=pair.id,
        Hanzi=f.esc(pair.zh),
        Pinyin=f.esc(pair.pinyin),
        English=f.esc(pair.en or ""),
        Colored=f.colored(pair.words),
        Ruby=f.ruby(pair.words),
        Traditional=traditional(pair.zh, script),
        Words=f.breakdown(pair.words),
        Level=f.level_text(level),
        Source=src,
    )


def sentence_note(pair: SentencePair, values: dict[str, str], tags: tuple[str, ...]) -> NoteSpec:
    """``values``: the pair's :func:`sentence_values`; ``tags`` include its level tag."""
    return _note(SENTENCE, pair.id, tags, **values)


def cloze_note(
    pair: SentencePair,
    values: dict[str, str],
    phrases: list[Phrase],
    known: dict[str, Phrase],
    tags: tuple[str, ...],
) -> NoteSpec | None:
    groups = deletion_groups(pair, phrases, known)
    if not groups:
        return None
    return _note(CLOZE, pair.id, tags, Text=cloze_text(pair.zh, groups), **values)


def deck_spec(ss: StudySet) -> DeckSpec:
    """All notes of a study set: phrases, then sentences, then clozes (the study order)."""
    tags = article_tags(ss)
    src = f.source(ss.title_zh, ss.title_en, ss.meta)
    pairs = {p.id: p for p in ss.sentences}
    by_sentence: dict[str, list[Phrase]] = {}
    for phrase in ss.phrases:
        by_sentence.setdefault(phrase.sentence, []).append(phrase)
    known = {normalize(p.zh): p for p in ss.phrases}
    notes = [phrase_note(ss, p, pairs.get(p.sentence), tags, src) for p in ss.phrases]
    clozes = []
    for pair in ss.sentences:  # a sentence note, then its cloze note after all of them
        level = f.sentence_level(pair.words)
        values = sentence_values(pair, level, ss.script, src)
        pair_tags = tags + _level_tag(level)
        notes.append(sentence_note(pair, values, pair_tags))
        cloze = cloze_note(pair, values, by_sentence.get(pair.id, []), known, pair_tags)
        if cloze is not None:
            clozes.append(cloze)
    notes += clozes
    return DeckSpec(
        deck_id(ss.id),
        f"{DECK_ROOT}::{deck_title(ss)}",
        description(ss),
        ss.id,
        package_name(ss),
        tuple(notes),
    )
