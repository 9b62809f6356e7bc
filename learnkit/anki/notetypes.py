"""LearnKit's Anki note types: ids, field lists, card templates and CSS.

The ids and field lists are a contract with every collection the decks were imported
into: adding, removing or renaming a field or a template (or changing an id) makes Anki
import a copy of the note type and stop updating existing notes. Templates and CSS may
change freely. Fields are designed once, including some left empty for now (``Audio``,
``Traditional``) so a later version can fill them without a schema change.

Fronts use plain ``{{Field}}`` references inside ``{{#Required}}`` sections only, so
genanki's required-field computation (which cannot evaluate filters) decides the same
cards as Anki does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    name: str
    front: str
    back: str
    requires: str | None  # the field the card needs to exist (None: cloze template)


@dataclass(frozen=True)
class NoteType:
    id: int
    name: str
    kind: str  # "phrase" | "sentence" | "cloze": the part of the GUID naming the note type
    fields: tuple[str, ...]
    templates: tuple[Template, ...]
    sort_field: str
    cloze: bool = False

    @property
    def sort_index(self) -> int:
        return self.fields.index(self.sort_field)


def _page(kind: str, body: str) -> str:
    return f'<div class="lk">\n<div class="kind">{kind}</div>\n{body}\n</div>'


def _section(field: str, html: str) -> str:
    return f"{{{{#{field}}}}}{html}{{{{/{field}}}}}"


def _div(cls: str, field: str) -> str:
    return _section(field, f'<div class="{cls}">{{{{{field}}}}}</div>')


_EXTRAS = "\n".join(
    [
        _div("level", "Level"),
        _div("audio", "Audio"),
        _div("traditional", "Traditional"),
        _div("words", "Words"),
    ]
)
_SOURCE = _div("source", "Source")
_CONTEXT = _section(
    "Sentence",
    "\n".join(
        [
            '<div class="context">',
            '<div class="ctx-zh">{{Sentence}}</div>',
            _div("ctx-py", "SentencePinyin"),
            _div("ctx-en", "SentenceEnglish"),
            "</div>",
        ]
    ),
)

PHRASE = NoteType(
    id=1335467200,
    name="LearnKit Phrase",
    kind="phrase",
    fields=(
        "Key",
        "Hanzi",
        "Pinyin",
        "English",
        "Colored",
        "Ruby",
        "Traditional",
        "Words",
        "Level",
        "Sentence",
        "SentencePinyin",
        "SentenceEnglish",
        "Source",
        "Audio",
    ),
    sort_field="Hanzi",
    templates=(
        Template(
            "Recognition",
            _page("Phrase · meaning", '<div class="hanzi">{{Hanzi}}</div>'),
            _page(
                "Phrase · meaning",
                "\n".join(
                    [
                        '<div class="hanzi">{{Colored}}</div>',
                        '<hr id="answer">',
                        '<div class="pinyin">{{Pinyin}}</div>',
                        _div("english", "English"),
                        _EXTRAS,
                        _CONTEXT,
                        _SOURCE,
                    ]
                ),
            ),
            requires="Hanzi",
        ),
        Template(
            "Recall",
            _section(
                "English",
                _page(
                    "Phrase · say it in Chinese",
                    "\n".join(
                        [
                            '<div class="english big">{{English}}</div>',
                            _div("ctx-en", "SentenceEnglish"),
                        ]
                    ),
                ),
            ),
            _page(
                "Phrase · say it in Chinese",
                "\n".join(
                    [
                        '<div class="english big">{{English}}</div>',
                        '<hr id="answer">',
                        '<div class="hanzi">{{Colored}}</div>',
                        '<div class="pinyin">{{Pinyin}}</div>',
                        _EXTRAS,
                        _CONTEXT,
                        _SOURCE,
                    ]
                ),
            ),
            requires="English",
        ),
    ),
)

SENTENCE = NoteType(
    id=1091836891,
    name="LearnKit Sentence",
    kind="sentence",
    fields=(
        "Key",
        "Hanzi",
        "Pinyin",
        "English",
        "Colored",
        "Ruby",
        "Traditional",
        "Words",
        "Level",
        "Source",
        "Audio",
    ),
    sort_field="Hanzi",
    templates=(
        Template(
            "Reading",
            _page("Sentence · read", '<div class="hanzi sentence">{{Hanzi}}</div>'),
            _page(
                "Sentence · read",
                "\n".join(
                    [
                        '<div class="hanzi sentence ruby">{{furigana:Ruby}}</div>',
                        '<hr id="answer">',
                        _div("english", "English"),
                        _EXTRAS,
                        _SOURCE,
                    ]
                ),
            ),
            requires="Hanzi",
        ),
        Template(
            "Translation",
            _section(
                "English",
                _page("Sentence · translate", '<div class="english sentence">{{English}}</div>'),
            ),
            _page(
                "Sentence · translate",
                "\n".join(
                    [
                        '<div class="english sentence">{{English}}</div>',
                        '<hr id="answer">',
                        '<div class="hanzi sentence">{{Colored}}</div>',
                        '<div class="pinyin">{{Pinyin}}</div>',
                        _EXTRAS,
                        _SOURCE,
                    ]
                ),
            ),
            requires="English",
        ),
    ),
)

CLOZE = NoteType(
    id=1756104596,
    name="LearnKit Cloze",
    kind="cloze",
    fields=(
        "Key",
        "Text",
        "Hanzi",
        "Pinyin",
        "English",
        "Colored",
        "Ruby",
        "Traditional",
        "Words",
        "Level",
        "Source",
        "Audio",
    ),
    sort_field="Hanzi",
    cloze=True,
    templates=(
        Template(
            "Cloze",
            _page("Cloze", '<div class="hanzi sentence">{{cloze:Text}}</div>'),
            _page(
                "Cloze",
                "\n".join(
                    [
                        '<div class="hanzi sentence">{{cloze:Text}}</div>',
                        '<hr id="answer">',
                        '<div class="pinyin">{{Pinyin}}</div>',
                        _div("english", "English"),
                        _EXTRAS,
                        _SOURCE,
                    ]
                ),
            ),
            requires=None,
        ),
    ),
)

NOTE_TYPES = (PHRASE, SENTENCE, CLOZE)

# Tone colours follow the Chinese Support add-on's convention (red, orange, green, blue,
# grey) so learners' habits and add-on styling carry over.
CSS = """\
.card {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  font-size: 20px; line-height: 1.55; text-align: center;
  color: #1f2328; background-color: #fbfbf8; margin: 0; padding: 12px;
}
.lk { max-width: 42em; margin: 0 auto; }
/* Latin fonts first for pinyin and English: some CJK fonts draw tone-marked vowels badly. */
.pinyin, .w-py, .ctx-py, rt, .english, .ctx-en, .w-en, .w-hsk, .level, .kind, .source {
  font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
    "DejaVu Sans", sans-serif;
}
.kind { font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: #8a8f98;
  margin-bottom: .6em; }
.hanzi { font-size: 46px; line-height: 1.35; }
.hanzi.sentence { font-size: 28px; line-height: 1.7; text-align: left; }
.ruby { line-height: 2.4; }
ruby rt { font-size: .5em; color: #6a707a; }
.pinyin { font-size: 22px; color: #4a5059; margin: .2em 0; }
.english { font-size: 21px; margin: .3em 0; }
.english.big { font-size: 26px; }
.english.sentence { text-align: left; }
.level { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 9px;
  background: #e8eef7; color: #3b4f6b; margin: .4em 0; }
.traditional { color: #6a707a; }
.words { text-align: left; font-size: 17px; margin: .8em auto; max-width: 34em; }
.word { padding: 3px 0; border-bottom: 1px solid #e6e6e0; }
.w-zh { font-size: 21px; margin-right: .4em; }
.w-py { color: #4a5059; margin-right: .4em; }
.w-en { color: #1f2328; }
.w-hsk { font-size: 11px; color: #8a8f98; margin-left: .4em; white-space: nowrap; }
.context { text-align: left; margin: 1em auto 0; padding: .6em .8em; max-width: 34em;
  border-left: 3px solid #d0d7de; }
.ctx-zh { font-size: 21px; }
.ctx-py { font-size: 15px; color: #6a707a; }
.ctx-en, .ctx-en-front { font-size: 17px; color: #3d434b; }
.hl { background: rgba(255, 214, 0, .35); border-radius: 3px; padding: 0 2px; }
.cloze { font-weight: bold; color: #0b6bcb; }
.source { font-size: 12px; color: #8a8f98; margin-top: 1.2em; }
.source a { color: inherit; }
hr#answer { border: 0; border-top: 1px solid #d0d7de; margin: .8em 0; }
.tone1 { color: #e30000; }
.tone2 { color: #d08700; }
.tone3 { color: #00a000; }
.tone4 { color: #1a48e8; }
.tone5 { color: #8a8a8a; }
.nightMode.card, .night_mode .card, .card.night_mode { color: #e6e6e6; background-color: #1e1f22; }
.nightMode .pinyin, .night_mode .pinyin, .nightMode .w-py, .night_mode .w-py { color: #b8bec6; }
.nightMode .w-en, .night_mode .w-en, .nightMode .ctx-en, .night_mode .ctx-en { color: #d6d9dd; }
.nightMode .level, .night_mode .level { background: #2d3b4f; color: #c9d7ea; }
.nightMode .word, .night_mode .word { border-bottom-color: #3a3d42; }
.nightMode .context, .night_mode .context { border-left-color: #4a5059; }
.nightMode .hl, .night_mode .hl { background: rgba(255, 214, 0, .22); }
.nightMode .cloze, .night_mode .cloze { color: #6cb6ff; }
.nightMode .tone1, .night_mode .tone1 { color: #ff6b6b; }
.nightMode .tone2, .night_mode .tone2 { color: #ffb347; }
.nightMode .tone3, .night_mode .tone3 { color: #5fd35f; }
.nightMode .tone4, .night_mode .tone4 { color: #7ea6ff; }
.nightMode .tone5, .night_mode .tone5 { color: #a8a8a8; }
@media (max-width: 480px) {
  .card { font-size: 18px; padding: 8px; }
  .hanzi { font-size: 38px; }
  .hanzi.sentence { font-size: 24px; }
  .english.big { font-size: 22px; }
  .words { font-size: 15px; }
}
"""
