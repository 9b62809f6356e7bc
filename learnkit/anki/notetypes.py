"""LearnKit's Anki note types: ids, field lists, card templates and CSS.

The ids and field lists are a contract with every collection the decks were imported
into: adding, removing or renaming a field or a template (or changing an id) makes Anki
import a copy of the note type and stop updating existing notes. Templates and CSS may
change freely. Fields are designed once, including ``Audio``, left empty for the
learner's own recordings.

Fronts use plain ``{{Field}}`` references inside ``{{#Required}}`` sections only, so
genanki's required-field computation (which cannot evaluate filters) decides the same
cards as Anki does. The ids and fields below are final (frozen by tests/test_anki.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    name: str
    front: str
    back: str
    requires: tuple[str, ...]  # the fields the card needs to exist (empty: cloze template)
    browser_front: str = ""  # the browser's Question / Answer columns
    browser_back: str = ""


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


def _front(kind: str, body: str, requires: tuple[str, ...]) -> str:
    # A retired note says so on its front, where the learner sees it before answering.
    # The required fields' sections wrap it all, so Status alone never makes a card.
    html = _page(kind, _div("status", "Status") + "\n" + body)
    for field in reversed(requires):
        html = _section(field, html)
    return html


# The learner's own recording if the Audio field has one (the Chinese Support add-on
# fills it), else Anki's text-to-speech with the system's Chinese voice: no downloads.
_AUDIO = "{{#Audio}}{{Audio}}{{/Audio}}{{^Audio}}{{tts zh_CN:Hanzi}}{{/Audio}}"
_EXTRAS = "\n".join(
    [
        _div("level", "Level"),
        f'<div class="audio">{_AUDIO}</div>',
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
# Field names the Chinese Support add-on and shared Chinese decks use: Hanzi, Pinyin,
# English, Color, Ruby, Traditional, Audio. Key (the item id) comes last: Anki's editor
# and duplicate check look at the first field.
_HEAD = ("Hanzi", "Pinyin", "English", "Color", "Ruby", "Traditional", "Audio", "Words", "Level")

PHRASE = NoteType(
    id=1607392319,
    name="LearnKit Phrase",
    kind="phrase",
    fields=(
        *_HEAD,
        "Sentence",
        "SentencePinyin",
        "SentenceEnglish",
        "Source",
        "Recall",
        "Status",
        "Key",
    ),
    sort_field="Hanzi",
    templates=(
        Template(
            "Recognition",
            _front("Phrase · meaning", '<div class="hanzi">{{Hanzi}}</div>', ("Hanzi",)),
            _page(
                "Phrase · meaning",
                "\n".join(
                    [
                        '<div class="hanzi">{{Color}}</div>',
                        '<hr id="answer">',
                        '<div class="pinyin">{{Pinyin}}</div>',
                        _div("english", "English"),
                        _EXTRAS,
                        _CONTEXT,
                        _SOURCE,
                    ]
                ),
            ),
            requires=("Hanzi",),
            browser_front="{{Hanzi}}",
            browser_back="{{Pinyin}} · {{English}}",
        ),
        # Only when the Recall field is set (LearnKit sets it for phrases short enough to
        # say from their English; a learner may set it by hand on any note).
        Template(
            "Recall",
            _front(
                "Phrase · say it in Chinese",
                "\n".join(
                    [
                        '<div class="english big">{{English}}</div>',
                        _div("ctx-en", "SentenceEnglish"),
                    ]
                ),
                ("Recall", "English"),
            ),
            _page(
                "Phrase · say it in Chinese",
                "\n".join(
                    [
                        '<div class="english big">{{English}}</div>',
                        '<hr id="answer">',
                        '<div class="hanzi">{{Color}}</div>',
                        '<div class="pinyin">{{Pinyin}}</div>',
                        _EXTRAS,
                        _CONTEXT,
                        _SOURCE,
                    ]
                ),
            ),
            requires=("Recall", "English"),
            browser_front="{{English}}",
            browser_back="{{Hanzi}}",
        ),
    ),
)

SENTENCE = NoteType(
    id=1607392320,
    name="LearnKit Sentence",
    kind="sentence",
    fields=(*_HEAD, "Source", "Status", "Key"),
    sort_field="Hanzi",
    templates=(
        Template(
            "Reading",
            _front("Sentence · read", '<div class="hanzi sentence">{{Hanzi}}</div>', ("Hanzi",)),
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
            requires=("Hanzi",),
            browser_front="{{Hanzi}}",
            browser_back="{{English}}",
        ),
        Template(
            "Translation",
            _front(
                "Sentence · translate",
                '<div class="english sentence">{{English}}</div>',
                ("English",),
            ),
            _page(
                "Sentence · translate",
                "\n".join(
                    [
                        '<div class="english sentence">{{English}}</div>',
                        '<hr id="answer">',
                        '<div class="hanzi sentence">{{Color}}</div>',
                        '<div class="pinyin">{{Pinyin}}</div>',
                        _EXTRAS,
                        _SOURCE,
                    ]
                ),
            ),
            requires=("English",),
            browser_front="{{English}}",
            browser_back="{{Hanzi}}",
        ),
    ),
)

# One cloze note per phrase, always deletion c1: adding or removing another phrase of the
# sentence can never renumber it. Text (the sentence with the deletion) comes first: it is
# what tells two phrases of one sentence apart.
CLOZE = NoteType(
    id=1607392321,
    name="LearnKit Cloze",
    kind="cloze",
    fields=("Text", *_HEAD, "Source", "Status", "Key"),
    sort_field="Hanzi",
    cloze=True,
    templates=(
        Template(
            "Cloze",
            _front("Cloze", '<div class="hanzi sentence">{{cloze:Text}}</div>', ()),
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
            requires=(),
            browser_front="{{cloze:Text}}",
            browser_back="{{English}}",
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
.status { font-size: 14px; color: #9a3412; background: #ffedd5; border-radius: 6px;
  padding: 2px 8px; margin-bottom: .6em; }
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
