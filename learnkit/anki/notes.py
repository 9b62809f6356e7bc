"""Study set → the notes of its Anki deck, as plain records (no genanki here).

A note's identity is its note type's kind and its study-set item id
(``Phrase.id`` / ``SentencePair.id``), never its text: the GUID derives from it, so a
corrected translation updates the learner's note in place. Each phrase has its own cloze
note (deletion c1), so no edit of its sentence can renumber it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from learnkit.anki import fields as f
from learnkit.anki.cloze import cloze_text
from learnkit.anki.ledger import Ledger, OldNote
from learnkit.anki.notetypes import CLOZE, NOTE_TYPES, PHRASE, SENTENCE, NoteType
from learnkit.chinese.annotate import phrase_level
from learnkit.models import Phrase, SentencePair, StudySet
from learnkit.study.cloze import is_long, phrase_blank

DECK_ROOT = "LearnKit"
CEDICT_CREDIT = (
    'Word glosses from <a href="https://cc-cedict.org/wiki/">CC-CEDICT</a> '
    "(MDBG), licensed under "
    '<a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.'
)


RETIRED_TAG = "LearnKit::retired"
RETIRED = (
    "Retired: this item is no longer in the article (removed or rewritten). "
    "Suspend or delete it: search tag:LearnKit::retired"
)


@dataclass(frozen=True)
class NoteSpec:
    note_type: NoteType
    key: str  # the study-set item id
    fields: tuple[str, ...]  # HTML, in ``note_type.fields`` order
    tags: tuple[str, ...]
    cards: int  # cards Anki makes for this note
    mod: int | None = None  # keep this modification time (unchanged since the last build)

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

    @property
    def retired(self) -> int:
        return sum(1 for n in self.notes if RETIRED_TAG in n.tags)

    @property
    def note_count(self) -> int:
        return len(self.notes)

    def summary(self) -> DeckSummary:
        counts = self.note_count, self.cards, self.retired
        return DeckSummary(self.id, self.name, self.article, self.file_name, *counts)


@dataclass(frozen=True)
class DeckSummary:
    """What a build's report keeps of a deck once its package is written: its identity and
    counts, not its notes (a worker process sends this back, not ~200 KB of fields)."""

    id: int
    name: str
    article: str  # StudySet.id
    file_name: str
    note_count: int
    cards: int
    retired: int


def _cards(note_type: NoteType, values: dict[str, str]) -> int:
    if note_type.cloze:
        return len(set(re.findall(r"\{\{c(\d+)::", values.get("Text", ""))))
    return sum(1 for t in note_type.templates if all(values.get(f) for f in t.requires))


def _note(note_type: NoteType, key: str, tags: tuple[str, ...], **values: str) -> NoteSpec:
    unknown = set(values) - set(note_type.fields)
    if unknown:
        raise ValueError(f"{note_type.name} has no field {sorted(unknown)}")
    values["Key"] = key
    row = tuple(values.get(name, "") for name in note_type.fields)
    return NoteSpec(note_type, key, row, tags, _cards(note_type, values))


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


def _average_tag(average: float | None) -> tuple[str, ...]:
    if average is None:
        return ()
    return (_tag(f.HSK_STANDARD.replace(" ", ""), "average", str(int(average))),)


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
    level = phrase.hsk
    return _note(
        PHRASE,
        phrase.id,
        tags + _level_tag(level),
        Hanzi=f.esc(phrase.zh),
        Pinyin=f.esc(phrase.pinyin),
        English=f.esc(phrase.en or ""),
        Color=f.colored(phrase.words),
        Ruby=f.ruby(phrase.words),
        Traditional=traditional(phrase.zh, ss.script),
        Words=f.breakdown(phrase.words),
        Level=f.level_text(level),
        Sentence=f.highlight(pair.zh, [phrase.zh_span]) if pair else "",
        SentencePinyin=f.esc(pair.pinyin) if pair else "",
        SentenceEnglish=f.highlight(pair.en, [phrase.en_span]) if pair else "",
        Source=src,
        # a clause is not said from its English: its sentence cards already ask that
        Recall="y" if phrase.en and not is_long(phrase.zh) else "",
    )


def sentence_values(pair: SentencePair, script: str, src: str) -> dict[str, str]:
    """The fields a sentence note and its phrases' cloze notes share."""
    return dict(
        Hanzi=f.esc(pair.zh),
        Pinyin=f.esc(pair.pinyin),
        English=f.esc(pair.en or ""),
        Color=f.colored(pair.words),
        Ruby=f.ruby(pair.words),
        Traditional=traditional(pair.zh, script),
        Words=f.breakdown(pair.words),
        Source=src,
    )


def sentence_note(pair: SentencePair, values: dict[str, str], tags: tuple[str, ...]) -> NoteSpec:
    average = f.sentence_level(pair.words)
    hardest = phrase_level(pair.words)
    return _note(
        SENTENCE,
        pair.id,
        tags + _average_tag(average),
        Level=f.sentence_level_text(average, hardest),
        **values,
    )


def cloze_note(
    phrase: Phrase, pair: SentencePair, values: dict[str, str], tags: tuple[str, ...]
) -> NoteSpec | None:
    """The phrase's cloze note: its sentence with the engine's blank as deletion c1."""
    blank = phrase_blank(pair, phrase)
    if blank is None:
        return None
    level = phrase.hsk
    return _note(
        CLOZE,
        phrase.id,
        tags + _level_tag(level),
        Text=cloze_text(pair.zh, blank),
        Level=f.level_text(level),
        **{**values, "English": f.highlight(pair.en, [blank.en])},
    )


def _retired(old: OldNote) -> NoteSpec:
    """A note of the previous build whose item is gone: kept, marked on its front."""
    nt = next(nt for nt in NOTE_TYPES if nt.kind == old.kind)
    values = dict(zip(nt.fields, old.fields, strict=True))
    values["Status"] = values["Status"] or RETIRED
    tags = old.tags if RETIRED_TAG in old.tags else (*old.tags, RETIRED_TAG)
    return NoteSpec(nt, old.key, tuple(values[n] for n in nt.fields), tags, _cards(nt, values))


def _keep_unchanged(notes: list[NoteSpec], ledger: Ledger) -> list[NoteSpec]:
    """Notes as in the previous build keep its modification time: a re-import leaves them
    (and whatever the learner changed on them) alone."""
    old = ledger.by_key()
    out = []
    for note in notes:
        prev = old.get((note.note_type.kind, note.key))
        same = prev is not None and prev.fields == note.fields and prev.tags == note.tags
        out.append(replace(note, mod=prev.mod) if same else note)
    return out


def deck_spec(ss: StudySet, ledger: Ledger | None = None) -> DeckSpec:
    """All notes of a study set: phrases with Chinese, sentences, clozes (the study order),
    then the previous build's notes (``ledger``) whose items are gone, tagged retired."""
    tags = article_tags(ss)
    src = f.source(ss.title_zh, ss.title_en, ss.meta)
    pairs = {p.id: p for p in ss.sentences}
    # bold English with no Chinese found has nothing to ask: no note carries a guess
    studied = [p for p in ss.phrases if p.zh is not None]
    notes = [phrase_note(ss, p, pairs.get(p.sentence), tags, src) for p in studied]
    values = {pair.id: sentence_values(pair, ss.script, src) for pair in ss.sentences}
    notes += [sentence_note(pair, values[pair.id], tags) for pair in ss.sentences]
    for phrase in studied:
        pair = pairs.get(phrase.sentence)
        cloze = cloze_note(phrase, pair, values[pair.id], tags) if pair else None
        if cloze is not None:
            notes.append(cloze)
    if ledger is not None:
        ledger = ledger.article(ss.id)
        present = {(n.note_type.kind, n.key) for n in notes}
        notes += [_retired(n) for n in ledger.notes if (n.kind, n.key) not in present]
        notes = _keep_unchanged(notes, ledger)
    return DeckSpec(
        deck_id(ss.id),
        f"{DECK_ROOT}::{deck_title(ss)}",
        description(ss),
        ss.id,
        package_name(ss),
        tuple(notes),
    )
