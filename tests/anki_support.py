"""Helpers for tests: hand-built study sets and the real Anki backend (pip ``anki``)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from learnkit.models import Meta, Phrase, SentencePair, Span, StudySet, Word

# ---------------------------------------------------------------- study sets by hand


def words(*specs: tuple) -> tuple[str, tuple[Word, ...]]:
    """Sentence text and its Words from ``(text, pinyin, tones, extra...)`` specs.

    ``tones`` is a digit string ("23"); extras are keyword dicts (gloss, hsk, study, zipf).
    A spec of just ``(text,)`` is a non-Han run.
    """
    out, pos = [], 0
    for spec in specs:
        text, pinyin, tones, extra = (*spec, *("", "", {})[len(spec) - 1 :])
        out.append(
            Word(text, pos, pos + len(text), pinyin, "", tuple(int(t) for t in tones), **extra)
        )
        pos += len(text)
    return "".join(w.text for w in out), tuple(out)


def span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


def pair(
    sid: str,
    para: int,
    zh_words: tuple,
    en: str | None,
    zh_bold: tuple[str, ...] = (),
    en_bold: tuple[str, ...] = (),
) -> SentencePair:
    zh, ws = zh_words
    return SentencePair(
        id=sid,
        paragraph=para,
        zh=zh,
        en=en,
        pinyin=" ".join(w.pinyin if w.is_han else w.text for w in ws),
        words=ws,
        zh_emphasis=tuple(span(zh, b) for b in zh_bold),
        en_emphasis=tuple(span(en, b) for b in en_bold) if en else (),
    )


def phrase(pid: str, sp: SentencePair, zh: str, en: str | None, hsk: int | None = None) -> Phrase:
    zs = span(sp.zh, zh)
    es = span(sp.en, en) if en and sp.en and en in sp.en else None
    inside = tuple(
        Word(
            w.text,
            w.start - zs.start,
            w.end - zs.start,
            w.pinyin,
            w.numbers,
            w.tones,
            w.gloss,
            w.hsk,
            w.zipf,
            w.study,
        )
        for w in sp.words
        if w.start >= zs.start and w.end <= zs.end
    )
    return Phrase(
        id=pid,
        zh=zh,
        en=en,
        pinyin=" ".join(w.pinyin for w in inside if w.is_han),
        numbers="",
        sentence=sp.id,
        zh_span=zs,
        en_span=es,
        words=inside,
        hsk=hsk,
    )


def study_set(
    sid: str,
    pairs: tuple[SentencePair, ...],
    phrases: tuple[Phrase, ...],
    title: str = "习近平和普京的友谊长存",
    **meta: str,
) -> StudySet:
    m = Meta(
        date=meta.get("date", "2024-05-20T10:25:05.018Z"),
        author=meta.get("author", "ft"),
        source_url=meta.get("url", "https://ft.com/content/6459a746"),
    )
    return StudySet(
        id=sid,
        source=f"{sid}.md",
        title_zh=title,
        title_en="The relationship between Xi and Putin is built to last",
        meta=m,
        script="simplified",
        sentences=pairs,
        phrases=phrases,
    )


# ---------------------------------------------------------------- the Anki backend

BLOCK = re.compile(r"</?(?:div|p|hr|br|rt|rb)\b[^>]*>")
TAG = re.compile(r"<[^>]+>")


def text(field_html: str) -> str:
    """What a learner reads: tags removed (blocks and ruby parts as spaces), entities decoded."""
    without_style = re.sub(r"<style>.*?</style>", "", field_html, flags=re.S)
    spaced = TAG.sub("", BLOCK.sub(" ", without_style))
    return re.sub(r"\s+", " ", html.unescape(spaced)).strip()


@dataclass(frozen=True)
class RenderedCard:
    card_id: int
    note_type: str
    template: str
    key: str
    question: str  # text
    answer: str
    question_html: str
    empty: bool


def open_collection(folder: Path):
    from anki.collection import Collection

    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_package(col, path: Path):
    """Import like the desktop dialog's defaults: update notes and note types if newer."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Cond

    options = ImportAnkiPackageOptions(
        merge_notetypes=False,
        update_notes=Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        update_notetypes=Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        with_scheduling=False,
        with_deck_configs=False,
    )
    return col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(path), options=options)
    ).log


def render_all(col) -> list[RenderedCard]:
    out = []
    for cid in col.db.list("select id from cards order by id"):
        empty = col._backend.render_existing_card(
            card_id=cid, browser=False, partial_render=False
        ).is_empty
        card = col.get_card(cid)
        rendered = card.render_output(reload=True)
        note = card.note()
        out.append(
            RenderedCard(
                cid,
                note.note_type()["name"],
                card.template()["name"],
                note["Key"],
                text(rendered.question_text),
                text(rendered.answer_text),
                rendered.question_text,
                empty,
            )
        )
    return out


def answer_cards(col, count: int) -> list[int]:
    """Answer the first ``count`` cards "Easy": review history to preserve."""
    reviewed = []
    for cid in col.db.list("select id from cards order by id")[:count]:
        card = col.get_card(cid)
        card.start_timer()
        col.sched.answerCard(card, 4)
        reviewed.append(cid)
    return reviewed


def card_states(col) -> dict[int, tuple]:
    return {
        row[0]: tuple(row[1:])
        for row in col.db.all("select id, nid, ord, type, queue, ivl, reps from cards")
    }
