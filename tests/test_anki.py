"""Anki decks: note types, field HTML, clozes, GUIDs, packages imported by the real Anki."""

from __future__ import annotations

import dataclasses
import time

import pytest
from anki_support import (
    answer_cards,
    card_states,
    import_package,
    open_collection,
    pair,
    phrase,
    render_all,
    study_set,
    text,
    words,
)

from learnkit.anki import fields
from learnkit.anki import package as anki
from learnkit.anki.cloze import cloze_text
from learnkit.anki.notes import deck_spec, deck_title
from learnkit.anki.notetypes import CLOZE, NOTE_TYPES, PHRASE, SENTENCE
from learnkit.errors import BuildError
from learnkit.models import Meta, Word
from learnkit.study.cloze import phrase_blank

# ---------------------------------------------------------------- a study set by hand

S1 = words(
    ("中俄", "zhōng é", "12"),
    ("两国", "liǎng guó", "32"),
    ("之间", "zhī jiān", "11", {"hsk": 2}),
    ("持久", "chí jiǔ", "23", {"gloss": "lasting; enduring", "hsk": 6, "study": True, "zipf": 3.5}),
    ("的", "de", "5"),
    ("伙伴关系", "huǒ bàn guān xì", "3414", {"gloss": "partnership", "study": True, "zipf": 3.0}),
    ("仍然", "réng rán", "22", {"hsk": 3}),
    ("是", "shì", "4"),
    ("地缘政治", "dì yuán zhèng zhì", "4244", {"gloss": "geopolitics", "study": True, "zipf": 2.5}),
    ("方面", "fāng miàn", "14", {"hsk": 3}),
    ("的", "de", "5"),
    ("一个", "yī gè", "14"),
    ("重大", "zhòng dà", "44", {"gloss": "major", "hsk": 5, "study": True, "zipf": 4.2}),
    ("问题", "wèn tí", "42", {"hsk": 2}),
    ("，",),
    ("两国", "liǎng guó", "32"),
    ("有着", "yǒu zhe", "35"),
    ("共同", "gòng tóng", "42", {"hsk": 3}),
    ("的", "de", "5"),
    ("对手", "duì shǒu", "43", {"gloss": "opponent", "hsk": 5, "study": True}),
    ("。",),
)
LONG = "中俄两国之间持久的伙伴关系仍然是地缘政治方面的一个重大问题"
S1_EN = (
    "The enduring partnership between China and Russia remains a significant "
    "geopolitical issue, with the two countries sharing an adversary."
)
S2 = words(
    ("双方", "shuāng fāng", "14", {"hsk": 4}),
    ("都", "dōu", "1"),
    ("想", "xiǎng", "3"),
    ("挫败", "cuò bài", "44", {"gloss": "to thwart; to foil", "study": True}),
    ("“",),
    ("双重", "shuāng chóng", "12", {"gloss": "double; twofold"}),
    ("遏制", "è zhì", "44", {"gloss": "to restrain; to contain", "study": True}),
    ("”。",),
)
S2_EN = 'Both sides want to foil "dual containment" <attempts> & more.'
S3 = words(
    ("基辛格", "jī xīn gé", "112"),
    ("策划", "cè huà", "44"),
    ("的", "de", "5"),
    ("中美", "zhōng měi", "13"),
    ("关系", "guān xì", "14", {"hsk": 2}),
    ("解冻", "jiě dòng", "34", {"gloss": "to thaw", "study": True}),
    ("改变", "gǎi biàn", "34", {"hsk": 3}),
    ("了", "le", "5"),
    ("冷战", "lěng zhàn", "34", {"gloss": "cold war", "study": True}),
    ("。",),
)
S3_EN = "The US-China rapprochement engineered by Kissinger changed the Cold War."
S4 = words(("这", "zhè", "4"), ("是", "shì", "4"), ("测试", "cè shì", "44"), ("。",))


def make_set(s2_en: str = S2_EN, p3_en: str | None = None):
    p1 = pair("a1-s1", 0, S1, S1_EN, (LONG,))
    p2 = pair("a1-s2", 0, S2, s2_en, ("挫败", "“双重遏制”"), ("dual containment",))
    p3 = pair("a1-s3", 1, S3, S3_EN, ("中美关系解冻",))
    p4 = pair("a1-s4", 2, S4, None)
    phrases = (
        phrase("a1-p1", p1, LONG, S1_EN.split(",")[0], hsk=7),
        phrase("a1-p2", p2, "双重遏制", "dual containment", hsk=None),
        phrase("a1-p3", p3, "中美关系解冻", p3_en, hsk=None),
    )
    return study_set("a1", (p1, p2, p3, p4), phrases)


SET = make_set()

# notes and cards each note type must get (counted by hand from the set above)
# (the clause a1-p1 gets no recall card; a1-p3 has no English; one cloze per phrase)
EXPECTED = {
    "LearnKit Phrase": (3, {"Recognition": 3, "Recall": 1}),
    "LearnKit Sentence": (4, {"Reading": 4, "Translation": 3}),
    "LearnKit Cloze": (3, {"Cloze": 3}),
}


# ---------------------------------------------------------------- note types (the contract)


@pytest.mark.parametrize(
    ("note_type", "model_id", "fields", "templates"),
    [
        (
            PHRASE,
            1607392319,
            "Hanzi Pinyin English Color Ruby Traditional Audio Words Level "
            "Sentence SentencePinyin SentenceEnglish Source Recall Status Key",
            "Recognition Recall",
        ),
        (
            SENTENCE,
            1607392320,
            "Hanzi Pinyin English Color Ruby Traditional Audio Words Level Source Status Key",
            "Reading Translation",
        ),
        (
            CLOZE,
            1607392321,
            "Text Hanzi Pinyin English Color Ruby Traditional Audio Words Level Source Status Key",
            "Cloze",
        ),
    ],
    ids=["phrase", "sentence", "cloze"],
)
def test_note_type_contract_never_changes(note_type, model_id, fields, templates):
    # The final contract. Changing an id, a field or a template makes Anki import a copy
    # of the note type ("Name+") and leave every existing note un-updated: never do it.
    assert note_type.id == model_id
    assert note_type.fields == tuple(fields.split())
    assert tuple(t.name for t in note_type.templates) == tuple(templates.split())
    model = anki._model(note_type)
    assert (model.model_id, [f["name"] for f in model.fields]) == (model_id, fields.split())


@pytest.mark.parametrize("note_type", NOTE_TYPES, ids=lambda nt: nt.kind)
def test_genanki_required_fields_agree_with_the_templates(note_type):
    req = anki._model(note_type)._req
    if note_type.cloze:
        assert [t.requires for t in note_type.templates] == [()]
    else:
        assert req == [
            [i, "all", sorted(note_type.fields.index(f) for f in t.requires)]
            for i, t in enumerate(note_type.templates)
        ]


@pytest.mark.parametrize("note_type", NOTE_TYPES, ids=lambda nt: nt.kind)
def test_backs_speak_the_hanzi_and_the_browser_has_its_own_columns(note_type):
    for template in note_type.templates:
        assert "{{tts zh_CN:Hanzi}}" in template.back and "tts" not in template.front
        assert template.browser_front and template.browser_back


@pytest.mark.parametrize("note_type", NOTE_TYPES, ids=lambda nt: nt.kind)
def test_fronts_use_no_filters_that_fool_genanki(note_type):
    for template in note_type.templates:
        refs = [r for r in anki_refs(template.front) if not r.startswith(("#", "/"))]
        allowed = {"cloze:Text", "Status"} if note_type.cloze else set(note_type.fields)
        assert set(refs) <= allowed, template.name


def anki_refs(template: str) -> list[str]:
    import re

    return re.findall(r"\{\{([^}]+)\}\}", template)


# ---------------------------------------------------------------- field HTML

TONES = Word("你好吗", 0, 3, "nǐ hǎo ma", "", (3, 3, 5))


@pytest.mark.parametrize(
    ("function", "word", "expected"),
    [
        (
            fields.colored,
            TONES,
            '<span class="tone3">你</span><span class="tone3">好</span>'
            '<span class="tone5">吗</span>',
        ),
        (fields.ruby, TONES, "你[nǐ] 好[hǎo] 吗[ma]"),
        (fields.colored, Word("A股", 0, 2, "gǔ", "", (3,)), 'A<span class="tone3">股</span>'),
        (fields.ruby, Word("A股", 0, 2, "gǔ", "", (3,)), "A 股[gǔ]"),
        (fields.ruby, Word("[注]", 0, 3), "&#91;注&#93;"),
        (fields.colored, Word("<b>", 0, 3), "&lt;b&gt;"),
        (
            fields.colored,
            Word("一点儿", 0, 3, "yì diǎnr", "", (4, 3)),
            "一点儿",
        ),  # 2 syllables, 3 Han
    ],
    ids=[
        "colored",
        "ruby",
        "colored-mixed",
        "ruby-mixed",
        "ruby-brackets",
        "escaped",
        "erhua-uncoloured",
    ],
)
def test_word_fields(function, word, expected):
    assert function([word]) == expected


@pytest.mark.parametrize(
    ("level", "expected"),
    [(None, ""), (1, "HSK 3.0 · 1"), (6, "HSK 3.0 · 6"), (7, "HSK 3.0 · 7–9")],
    ids=["none", "1", "6", "advanced"],
)
def test_level_text_names_the_standard(level, expected):
    assert fields.level_text(level) == expected


def test_highlight_escapes_around_spans():
    sp = SET.sentences[1]
    assert fields.highlight(sp.en, sp.en_emphasis) == (
        'Both sides want to foil "<span class="hl">dual containment</span>" '
        "&lt;attempts&gt; &amp; more."
    )


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            Meta(
                date="2024-05-20T10:25:05.018Z", author="ft", source_url="https://ft.com/x?a=1&b=2"
            ),
            '<a href="https://ft.com/x?a=1&amp;b=2">中 · E</a> · 2024-05-20 · ft',
        ),
        (Meta(source_url="javascript:alert(1)"), "中 · E"),
        (Meta(date="May 2024"), "中 · E"),
    ],
    ids=["full", "unsafe-link", "bad-date"],
)
def test_source_field(meta, expected):
    assert fields.source("中", "E", meta) == expected


def test_breakdown_lists_each_han_word_once_with_gloss_and_level():
    rows = fields.breakdown(SET.sentences[0].words)
    assert rows.count('<div class="word">') == 16  # 19 Han words; 的 ×3, 两国 ×2 once
    assert text(rows).startswith("中俄 zhōng é 两国 liǎng guó 之间 zhī jiān HSK 3.0 · 2")
    assert "伙伴关系 huǒ bàn guān xì partnership" in text(rows)


# ---------------------------------------------------------------- clozes


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # the clause blanks its key word, hinted with that word's English in the pairing
        (
            "a1-p1",
            "中俄两国之间{{c1::持久::enduring}}的伙伴关系仍然是地缘政治方面的一个重大问题，"
            "两国有着共同的对手。",
        ),
        ("a1-p2", "双方都想挫败“{{c1::双重遏制::dual containment}}”。"),
        ("a1-p3", "基辛格策划的{{c1::中美关系解冻}}改变了冷战。"),
    ],
    ids=["long-phrase-key-word", "short-phrase-with-hint", "no-english-no-hint"],
)
def test_one_cloze_note_per_phrase_always_c1(key, expected):
    clozes = {n.key: n.field("Text") for n in deck_spec(SET).notes if n.note_type is CLOZE}
    assert set(clozes) == {"a1-p1", "a1-p2", "a1-p3"}
    assert clozes[key] == expected


def test_cloze_text_escapes_markup_in_text_and_hints():
    zh, ws = words(("{{c9::x}}",), ("测试", "cè shì", "44"), ("<",))
    sp = pair("z-s1", 0, (zh, ws), "a test", ("测试",))
    blank = phrase_blank(sp, phrase("z-p1", sp, "测试", "a::b}} <c>"))
    assert cloze_text(sp.zh, blank) == (
        "&#123;&#123;c9::x&#125;&#125;{{c1::测试::a&#58;&#58;b&#125;&#125; &lt;c&gt;}}&lt;"
    )


# ---------------------------------------------------------------- notes, GUIDs, deck


def test_note_and_card_counts_per_note_type():
    deck = deck_spec(SET)
    for name, (notes, templates) in EXPECTED.items():
        mine = [n for n in deck.notes if n.note_type.name == name]
        assert len(mine) == notes, name
        assert sum(n.cards for n in mine) == sum(templates.values()), name


def test_guid_comes_from_item_identity_not_text():
    before = {
        (n.note_type.kind, n.key): anki.note_guid(n.note_type, n.key) for n in deck_spec(SET).notes
    }
    edited = make_set(s2_en="Both sides hope to defeat dual containment.", p3_en="thaw")
    after = {
        (n.note_type.kind, n.key): anki.note_guid(n.note_type, n.key)
        for n in deck_spec(edited).notes
    }
    assert before == after
    assert len(set(before.values())) == len(before) == 10


def test_deck_name_description_and_tags():
    deck = deck_spec(SET)
    assert deck.name == "LearnKit::习近平和普京的友谊长存"
    assert deck.file_name == "2024-05-20-a1.apkg"
    assert "CC-CEDICT" in deck.description and "CC BY-SA 4.0" in deck.description
    assert deck.notes[0].tags == (
        "LearnKit::article::a1",
        "LearnKit::author::ft",
        "LearnKit::year::2024",
        "LearnKit::HSK3.0::7-9",
    )
    s1 = next(n for n in deck.notes if n.key == "a1-s1" and n.note_type is SENTENCE)
    # (2+6+7+3+7+3+5+2+3+5)/10: unlisted study words count as 7, names not at all
    assert s1.tags[-1] == "LearnKit::HSK3.0::average::4"
    assert s1.field("Level") == "HSK 3.0 · 4.3 average · hardest 7–9"
    p1 = next(n for n in deck.notes if n.key == "a1-p1" and n.note_type is PHRASE)
    assert (p1.tags[-1], p1.field("Level")) == ("LearnKit::HSK3.0::7-9", "HSK 3.0 · 7–9")


@pytest.mark.parametrize(
    ("key", "script", "expected"),
    [
        ("a1-p2", "simplified", "雙重遏制"),
        ("a1-s3", "simplified", "基辛格策劃的中美關係解凍改變了冷戰。"),
        ("a1-s4", "simplified", "這是測試。"),
        ("a1-s4", "traditional", ""),
    ],
    ids=["phrase", "sentence", "short", "traditional-article"],
)
def test_traditional_field(key, script, expected):
    deck = deck_spec(dataclasses.replace(SET, script=script))
    assert next(n for n in deck.notes if n.key == key).field("Traditional") == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [("习近平和普京", "习近平和普京"), ("A::B", "A:B"), ("  两个\n空格 ", "两个 空格")],
    ids=["plain", "no-subdeck", "whitespace"],
)
def test_deck_title_is_one_deck_level(title, expected):
    assert deck_title(dataclasses.replace(SET, title_zh=title)) == expected


# ---------------------------------------------------------------- packages in the real Anki


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anki")
    path = anki.write_package([deck_spec(SET)], folder / "deck.apkg")
    col = open_collection(folder / "col")
    log = import_package(col, path)
    yield col, log, render_all(col)
    col.close()


def test_anki_imports_every_note(imported):
    col, log, _ = imported
    assert (len(log.new), col.note_count(), col.card_count()) == (10, 10, 14)
    decks = {d.name for d in col.decks.all_names_and_ids()}
    assert "LearnKit::习近平和普京的友谊长存" in decks


@pytest.mark.parametrize("note_type", EXPECTED)
def test_anki_makes_the_expected_cards(imported, note_type):
    _, _, cards = imported
    per_template: dict[str, int] = {}
    for card in cards:
        if card.note_type == note_type:
            per_template[card.template] = per_template.get(card.template, 0) + 1
    assert per_template == EXPECTED[note_type][1]


def test_every_card_renders_a_front_and_a_back(imported):
    _, _, cards = imported
    for card in cards:
        assert not card.empty and card.question and card.answer, (card.key, card.template)
        assert "front of this card is blank" not in card.question


@pytest.mark.parametrize(
    ("key", "template", "question", "answer_has"),
    [
        (
            "a1-p2",
            "Recognition",
            "Phrase · meaning 双重遏制",
            "shuāng chóng è zhì dual containment",
        ),
        (
            "a1-p2",
            "Recall",
            "Phrase · say it in Chinese dual containment Both sides want to foil "
            '"dual containment" <attempts> & more.',
            "双重遏制 shuāng chóng è zhì",
        ),
        ("a1-s4", "Reading", "Sentence · read 这是测试。", "这 zhè 是 shì 测 cè 试 shì 。"),
        (
            "a1-p2",
            "Cloze",
            "Cloze 双方都想挫败“[dual containment]”。",
            "双方都想挫败“双重遏制”。 shuāng fāng dōu xiǎng cuò bài “ shuāng chóng è zhì ”。 "
            'Both sides want to foil "dual containment" <attempts> & more.',
        ),
    ],
    ids=["recognition", "recall", "reading-ruby", "cloze-hint"],
)
def test_rendered_cards(imported, key, template, question, answer_has):
    _, _, cards = imported
    card = next(
        c
        for c in cards
        if c.key == key
        and c.template == template
        and (template != "Cloze" or "[dual containment]" in c.question)
    )
    assert card.question == question
    assert answer_has in card.answer


def test_rebuild_after_edit_updates_notes_in_place_and_keeps_reviews(tmp_path):
    col = open_collection(tmp_path / "col")
    try:
        v1 = anki.write_package(
            [deck_spec(SET)], tmp_path / "v1.apkg", timestamp=time.time() - 3600
        )  # an earlier build
        import_package(col, v1)
        reviewed = answer_cards(col, 6)
        states = card_states(col)
        revlog = col.db.scalar("select count() from revlog")

        edited = make_set(
            s2_en="Both sides hope to defeat dual containment.", p3_en="US-China rapprochement"
        )
        v2 = anki.write_package([deck_spec(edited)], tmp_path / "v2.apkg")  # a real build
        log = import_package(col, v2)

        assert (len(log.new), len(log.updated), col.note_count()) == (0, 10, 10)
        assert col.card_count() == 15  # the phrase that gained English gained its recall card
        after = card_states(col)
        assert {cid: after[cid] for cid in reviewed} == {cid: states[cid] for cid in reviewed}
        assert col.db.scalar("select count() from revlog") == revlog == 6
        english = col.db.list("select flds from notes where flds like '%a1-s2'")
        assert all("defeat dual containment" in f for f in english) and len(english) == 1
    finally:
        col.close()


def test_fields_are_html_escaped_in_the_package(imported):
    col, _, _ = imported
    flds = col.db.scalar("select flds from notes where flds like '%a1-s2' and mid = ?", SENTENCE.id)
    assert "&lt;attempts&gt; &amp; more" in flds and "<attempts>" not in flds
    assert '"dual containment"' in flds and "&quot;" not in flds  # only < > & escaped
    assert col.find_notes('"foil \\"dual containment\\""')


# ---------------------------------------------------------------- writing packages


def test_pinned_timestamp_builds_identical_packages():
    deck = deck_spec(SET)
    assert anki.package_bytes([deck], 1_700_000_000) == anki.package_bytes([deck], 1_700_000_000)


def test_failed_write_keeps_the_old_package_and_leaves_no_temp_file(tmp_path, full_disk):
    target = tmp_path / "deck.apkg"
    target.write_bytes(b"previous deck")

    with pytest.raises(BuildError) as err:
        anki.write_package([deck_spec(SET)], target)
    assert str(err.value) == f"{target}: cannot write deck: No space left on device"
    assert target.read_bytes() == b"previous deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]


def test_a_long_phrase_never_blanks_a_name():
    zh, ws = words(
        ("习近平", "xí jìn píng", "241", {"gloss": "Xi Jinping"}),
        ("和", "hé", "2", {"hsk": 1}),
        ("弗拉基米尔", "fú lā jī mǐ ěr", "21133", {"gloss": "Vladimir"}),
        ("普京", "pǔ jīng", "31", {"gloss": "Putin"}),
        ("之间", "zhī jiān", "11", {"hsk": 4}),
        ("的", "de", "5"),
        ("联系", "lián xì", "24", {"gloss": "connection; bond", "hsk": 3, "study": True}),
        ("。",),
    )
    en = "the bond between Xi Jinping and Vladimir Putin."
    sp = pair("w-s1", 0, (zh, ws), en, (zh[:-1],))
    blank = phrase_blank(sp, phrase("w-p1", sp, zh[:-1], en[:-1]))
    assert (zh[blank.start : blank.end], blank.hint) == ("联系", "bond")


def test_backs_speak_the_chinese_and_the_browser_shows_it(imported):
    col, _, _ = imported
    for cid in col.db.list("select id from cards order by id"):
        card = col.get_card(cid)
        hanzi = text(card.note()["Hanzi"])
        tags = card.render_output(reload=True).answer_av_tags
        assert [(t.lang, t.field_text) for t in tags] == [("zh_CN", hanzi)]
        assert not card.render_output(reload=True).question_av_tags  # fronts stay silent
        browser = col._backend.render_existing_card(card_id=cid, browser=True, partial_render=False)
        column = text("".join(n.text for n in browser.question_nodes))
        assert "Phrase ·" not in column and "Sentence ·" not in column and column


def test_a_phrase_twice_in_its_sentence_is_hidden_both_times_in_anki(tmp_path):
    """A cloze whose phrase stands twice in its sentence hides both in the real Anki (the
    second showed the answer); the back shows both, the hint only once."""
    zh, ws = words(
        ("我们", "wǒ men", "35"),
        ("需要", "xū yào", "14"),
        ("改革", "gǎi gé", "32"),
        ("，",),
        ("没有", "méi yǒu", "23"),
        ("改革", "gǎi gé", "32"),
        ("就", "jiù", "4"),
        ("没有", "méi yǒu", "23"),
        ("发展", "fā zhǎn", "12"),
        ("。",),
    )
    en = "We need reform; without reform there is no development."
    sp = pair("r-s1", 0, (zh, ws), en, ("改革",), ("reform",))
    ss = study_set("r1", (sp,), (phrase("r-p1", sp, "改革", "reform"),))
    path = anki.write_package([deck_spec(ss)], tmp_path / "deck.apkg")
    col = open_collection(tmp_path / "col")
    try:
        import_package(col, path)
        (card,) = [c for c in render_all(col) if c.note_type == CLOZE.name]
        assert "改革" not in card.question
        assert card.question.count("[reform]") == 1 and card.question.count("[...]") == 1
        assert card.answer.count("我们需要改革，没有改革就没有发展") == 1
    finally:
        col.close()
