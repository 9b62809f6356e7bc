"""`learnkit build`: packages from article files, batches, errors and re-imports in Anki."""

from __future__ import annotations

import re
import sys
import time
import zipfile
from pathlib import Path

import pytest
from anki_support import answer_cards, card_states, import_package, open_collection, render_all
from click.testing import CliRunner

from learnkit.anki.fields import han_count
from learnkit.batch import build_decks
from learnkit.cli import cli

SUMMARY = re.compile(r"^Built (\d+) articles?, (\d+) notes, (\d+) cards, (\d+) warnings?")


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args):
    return runner.invoke(cli, ["build", *map(str, args)])


def expected_counts(ss) -> dict[str, tuple[int, int]]:
    """(notes, cards) per note type, straight from the study set: a recall card for each
    phrase with English that is not a clause, one cloze note (one card) per phrase."""
    recall = sum(1 for p in ss.phrases if p.en and han_count(p.zh) <= 8)
    clozes = sum(1 for p in ss.phrases if han_count(p.zh))
    return {
        "LearnKit Phrase": (len(ss.phrases), len(ss.phrases) + recall),
        "LearnKit Sentence": (
            len(ss.sentences),
            len(ss.sentences) + sum(1 for s in ss.sentences if s.en),
        ),
        "LearnKit Cloze": (clozes, clozes),
    }


def counts_in(col) -> dict[str, tuple[int, int]]:
    rows = col.db.all(
        "select m.name, count(distinct n.id), count(c.id) from notes n "
        "join notetypes m on m.id = n.mid join cards c on c.nid = n.id "
        "group by m.name"
    )
    return {name: (notes, cards) for name, notes, cards in rows}


def article_copy(
    sample_path: Path,
    folder: Path,
    name: str,
    *,
    url: str | None = None,
    edit: tuple[str, str] | None = None,
    title: str | None = None,
) -> Path:
    text = sample_path.read_text(encoding="utf-8")
    if url:
        text = text.replace("6459a746-e11e-4340-9cb5-ae3ebaa23e0e", url)
    if title:
        text = text.replace("习近平和普京的友谊长存", title)
    if edit:
        assert edit[0] in text
        text = text.replace(*edit)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- the sample, end to end


@pytest.fixture(scope="module")
def sample_deck(tmp_path_factory, sample_path):
    out = tmp_path_factory.mktemp("decks")
    result = CliRunner().invoke(cli, ["build", str(sample_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


@pytest.fixture(scope="module")
def sample_imported(tmp_path_factory, sample_deck):
    out, _ = sample_deck
    col = open_collection(tmp_path_factory.mktemp("col"))
    (package,) = out.iterdir()
    import_package(col, package)
    yield col, render_all(col)
    col.close()


def test_sample_builds_one_package_named_from_date_and_id(sample_deck, sample_study_set):
    out, result = sample_deck
    name = f"2024-05-20-{sample_study_set.id}.apkg"
    assert [p.name for p in out.iterdir()] == [name]
    notes = sum(n for n, _ in expected_counts(sample_study_set).values())
    cards = sum(c for _, c in expected_counts(sample_study_set).values())
    assert result.stdout == (
        f"Built 1 article, {notes} notes, {cards} cards, 0 warnings → {out / name}\n"
    )
    assert result.stderr == ""


def test_sample_counts_in_anki_match_the_study_set(sample_imported, sample_study_set):
    col, _ = sample_imported
    assert counts_in(col) == expected_counts(sample_study_set)
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert "LearnKit::习近平和普京的友谊长存" in names


def test_every_sample_card_renders_a_front_and_a_back(sample_imported):
    _, cards = sample_imported
    assert cards
    for card in cards:
        assert not card.empty and card.question and card.answer, (card.key, card.template)


def test_sample_cards_show_the_phrase_and_its_english(sample_imported, sample_study_set):
    _, cards = sample_imported
    containment = next(p for p in sample_study_set.phrases if p.zh == "双重遏制")
    recall = next(c for c in cards if c.key == containment.id and c.template == "Recall")
    assert recall.question.startswith("Phrase · say it in Chinese dual containment")
    assert "双重遏制" in recall.answer and "shuāng" in recall.answer
    cloze = next(c for c in cards if c.template == "Cloze" and "[dual containment]" in c.question)
    assert "双重遏制" not in cloze.question and "双重遏制" in cloze.answer


def test_sample_tags(sample_imported, sample_study_set):
    col, _ = sample_imported
    tags = set(col.tags.all())
    assert {
        f"LearnKit::article::{sample_study_set.id}",
        "LearnKit::author::ft",
        "LearnKit::year::2024",
    } <= tags


def test_rebuild_after_english_fix_updates_in_place_and_keeps_reviews(
    tmp_path, sample_path, runner
):
    article = article_copy(sample_path, tmp_path / "in", "a.md")
    v1 = build_decks([article], tmp_path / "v1", timestamp=time.time() - 3600).outputs[0]
    col = open_collection(tmp_path / "col")
    try:
        import_package(col, v1)
        notes, cards = col.note_count(), col.card_count()
        reviewed = answer_cards(col, 8)
        states = card_states(col)

        article_copy(
            sample_path,
            tmp_path / "in",
            "a.md",
            edit=("maintaining friendly relations foils", "friendly ties defeat"),
        )
        assert invoke(runner, article, "-o", tmp_path / "v2").exit_code == 0
        (v2,) = (tmp_path / "v2").iterdir()
        log = import_package(col, v2)

        assert (len(log.new), col.note_count(), col.card_count()) == (0, notes, cards)
        assert len(log.updated) == notes
        after = card_states(col)
        assert {c: after[c] for c in reviewed} == {c: states[c] for c in reviewed}
        assert col.db.scalar("select count() from revlog") == 8
        fixed = col.db.list("select flds from notes where flds like '%friendly ties defeat%'")
        assert len(fixed) >= 2  # the sentence note and its cloze (and a phrase's context)
        assert not col.db.list("select id from notes where flds like '%relations foils%'")
    finally:
        col.close()


# ---------------------------------------------------------------- edits a learner makes


def _swap_paragraphs(text: str, zh: str, en: str) -> list[tuple[str, str]]:
    """The paragraph starting with ``zh`` and the next one swapped, and so in English."""
    out = text
    for start in (zh, en):
        paragraphs = out.split("\n\n")
        k = next(n for n, p in enumerate(paragraphs) if p.startswith(start))
        paragraphs[k], paragraphs[k + 1] = paragraphs[k + 1], paragraphs[k]
        out = "\n\n".join(paragraphs)
    return [(text, out)]


# Each edit of the sample, as (old, new) replacements of its text (or a function of the
# text giving them), and what it must do.
EDITS = {
    "reorder-paragraphs": (
        lambda text: _swap_paragraphs(text, "亨利·基辛格", "The **US-China rapprochement**"),
        {"new": 0, "retired": 0},
    ),
    "append": (
        [
            ("美国是一种扩张主义的威胁", "美国是一种**扩张主义**的威胁"),
            ("as an expansionist threat", "as an **expansionist** threat"),
        ],
        {"new": 2, "retired": 0},  # the phrase's note and its cloze
    ),
    "insert-before": (
        [
            ("两国才能团结一致", "两国才能**团结一致**"),
            ("This unity is underscored", "This **unity** is underscored"),
        ],
        {"new": 2, "retired": 0},
    ),
    "remove": (
        [
            ("**习近平和弗拉基米尔·普京之间的联系**", "习近平和弗拉基米尔·普京之间的联系"),
            (
                "**bond between** **Xi Jinping and Vladimir Putin**",
                "bond between Xi Jinping and Vladimir Putin",
            ),
        ],
        {"new": 0, "retired": 2},  # the phrase's note and its cloze, kept and tagged
    ),
    "zh-punctuation": (
        [("**威权民族主义世界观**. 文章", "**威权民族主义世界观**。文章")],
        {"new": 0, "retired": 0},
    ),
    "en-fix": (
        [("**The enduring partnership**", "**The lasting partnership**")],
        {"new": 0, "retired": 0},
    ),
    "en-bold-found-in-zh": (
        [("Today's western governments", "Today's **western governments**")],
        {"new": 2, "retired": 0},  # 西方政府 from the search: its phrase note and cloze
    ),
    # the article's id comes from its link (else its title and date): found by its text
    "source-link": (
        [("](https://ft.com/content/6459a746", "](https://www.ft.com/content/6459a746")],
        {"new": 0, "retired": 0, "every-note-changes": True},  # each note's Source field
    ),
    "link-removed-and-title": (
        [
            ("[原文链接](https://ft.com/content/6459a746-e11e-4340-9cb5-ae3ebaa23e0e)", ""),
            ("[Source Link](https://ft.com/content/6459a746-e11e-4340-9cb5-ae3ebaa23e0e)", ""),
            ("title: 习近平和普京的友谊长存", "title: 习近平与普京的友谊长存"),
            ("# 习近平和普京的友谊长存", "# 习近平与普京的友谊长存"),
        ],
        {"new": 0, "retired": 0, "every-note-changes": True},
    ),
    "link-removed-and-date": (  # another date: another package name, which replaces it
        [
            ("[原文链接](https://ft.com/content/6459a746-e11e-4340-9cb5-ae3ebaa23e0e)", ""),
            ("[Source Link](https://ft.com/content/6459a746-e11e-4340-9cb5-ae3ebaa23e0e)", ""),
            ("date: 2024-05-20T10:25:05.018Z", "date: 2024-05-21T10:25:05.018Z"),
        ],
        {"new": 0, "retired": 0, "every-note-changes": True},
    ),
    # 双重遏制 unbolded, a similar phrase bolded in another paragraph: another card
    "similar-phrase-bolded-instead": (
        [
            ('**"双重遏制"**', '"双重遏制"'),
            ("与朝鲜的军事合作", "与朝鲜的军事合作（**双重遏阻**）"),
        ],
        {"new": 2, "retired": 2},  # its phrase note and cloze; 双重遏制's two, kept
    ),
    # the same phrase bolded again in an earlier sentence: its cloze stays where it was
    "bold-copy-added-earlier": (
        [("的对手--美国，", "的对手--美国（**双重遏制**），")],
        {"new": 0, "retired": 0},
    ),
    "en-bold-not-in-zh": (
        [("remain largely subsurface", "remain **largely subsurface**")],
        {"new": 0, "retired": 0},  # kept in the study set without Chinese: no note
    ),
    # the English of a long phrase's key word (民族主义 'nationalism') edited away: its
    # cloze still blanks 民族主义, not the other word whose English is left (威权)
    "en-key-word-edited": (
        [("**autocratic nationalism**", "**autocratic chauvinism**")],
        {"new": 0, "retired": 0},
    ),
}


def _blanked(col, cid: int) -> str:
    """What a cloze card blanks ('' for a card of another note type)."""
    note = col.get_card(cid).note()
    found = re.search(r"\{\{c1::(.*?)(?:::|\}\})", note["Text"]) if "Text" in note else None
    return found.group(1) if found else ""


def _visible(question: str) -> str:
    """A card's question as compared across an edit: punctuation and spaces aside."""
    from learnkit.ids import normalize

    return normalize(question)


@pytest.mark.parametrize("edit", list(EDITS))
def test_every_review_survives_an_edit(tmp_path, sample_path, edit):
    import difflib

    from learnkit.anki.notes import RETIRED, RETIRED_TAG

    replacements, expect = EDITS[edit]
    article = article_copy(sample_path, tmp_path / "in", "a.md")
    out = tmp_path / "decks"  # rebuilt in place: the previous package is the ledger
    (v1,) = build_decks([article], out, timestamp=time.time() - 3600).outputs
    col = open_collection(tmp_path / "col")
    try:
        import_package(col, v1)
        before = {c.card_id: c for c in render_all(col)}
        reviewed = answer_cards(col, len(before))  # every card answered once
        states = card_states(col)
        blanks = {cid: _blanked(col, cid) for cid in reviewed}
        # a learner's tag on a note no edit touches (the third paragraph's phrase)
        (mine,) = col.find_notes('"Hanzi:中美关系解冻"')
        note = col.get_note(mine)
        note.tags.append("mine")
        col.update_note(note)
        mod = col.get_note(mine).mod

        text = article.read_text(encoding="utf-8")
        if callable(replacements):
            replacements = replacements(text)
        for old, new in replacements:
            assert old in text
            text = text.replace(old, new)
        article.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(cli, ["build", str(article), "-o", str(out)])
        retired_note = f", {expect['retired']} retired (tag:LearnKit::retired)"
        assert (retired_note in result.stdout) == bool(expect["retired"]), result.stdout
        (v2,) = out.iterdir()
        log = import_package(col, v2)
        after = {c.card_id: c for c in render_all(col)}

        assert len(log.new) == expect["new"]
        # every reviewed card is still there, with its history, asking the same thing
        assert {c: card_states(col)[c] for c in reviewed} == {c: states[c] for c in reviewed}
        assert col.db.scalar("select count() from revlog") == len(reviewed)
        for cid in reviewed:
            was, now = before[cid], after[cid]
            assert (now.key, now.template) == (was.key, was.template)
            assert not now.empty and "No cloze" not in now.question
            shown = _visible(now.question.replace(RETIRED, ""))
            ratio = difflib.SequenceMatcher(None, _visible(was.question), shown).ratio()
            assert ratio > 0.9, (was.question, now.question)
        # a cloze blanks the same words as before
        assert {cid: _blanked(col, cid) for cid in reviewed} == blanks
        # retired notes are tagged and say so on every front
        retired = col.find_notes(f"tag:{RETIRED_TAG}")
        assert len(retired) == expect["retired"]
        for card in after.values():
            assert (RETIRED in card.question) == (col.get_card(card.card_id).nid in retired)
        # no live duplicate: one note per text and note type among the rest
        live = col.db.all(
            "select mid, sfld, flds from notes where tags not like ?", f"%{RETIRED_TAG}%"
        )
        keys = [(mid, flds.split("\x1f")[0]) for mid, _, flds in live]
        assert len(keys) == len(set(keys))
        # the learner's tag on the untouched note stays: the re-import left it alone
        if not expect.get("every-note-changes"):
            assert "mine" in col.get_note(mine).tags and col.get_note(mine).mod == mod
    finally:
        col.close()


def test_a_rebuild_with_no_edit_touches_no_note(tmp_path, sample_path):
    article = article_copy(sample_path, tmp_path / "in", "a.md")
    out = tmp_path / "decks"
    (v1,) = build_decks([article], out, timestamp=time.time() - 3600).outputs
    col = open_collection(tmp_path / "col")
    try:
        import_package(col, v1)
        (v2,) = build_decks([article], out).outputs
        log = import_package(col, v2)
        assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 0, col.note_count())
    finally:
        col.close()


def test_a_corrected_character_keeps_the_ids(tmp_path, sample_path):
    from learnkit.anki.ledger import read_ledger

    article = article_copy(sample_path, tmp_path / "in", "a.md")
    out = tmp_path / "decks"
    (v1,) = build_decks([article], out, timestamp=time.time() - 3600).outputs
    keys = {(n.kind, n.key) for n in read_ledger(v1).notes}
    article_copy(sample_path, tmp_path / "in", "a.md", edit=("双重遏制", "双重遏止"))
    (v2,) = build_decks([article], out).outputs
    notes = read_ledger(v2).notes
    assert {(n.kind, n.key) for n in notes} == keys  # nothing new, nothing retired
    assert any("双重遏止" in n.field("Hanzi") for n in notes)


def test_write_deck_uses_the_package_it_replaces_as_ledger(tmp_path, sample_path):
    import learnkit
    from learnkit.anki.ledger import read_ledger

    path = tmp_path / "deck.apkg"
    text = sample_path.read_text(encoding="utf-8")
    learnkit.write_deck([learnkit.study_set(text)], path, timestamp=time.time() - 3600)
    keys = {(n.kind, n.key) for n in read_ledger(path).notes}
    edited = learnkit.study_set(text.replace("双重遏制", "双重遏止"))
    learnkit.write_deck([edited], path)
    notes = read_ledger(path).notes
    assert {(n.kind, n.key) for n in notes} == keys  # nothing new, nothing retired
    assert any("双重遏止" in n.field("Hanzi") for n in notes)
    relinked = learnkit.study_set(text.replace("](https://ft.com/", "](https://www.ft.com/"))
    assert relinked.id != edited.id
    learnkit.write_deck([relinked], path)  # the article is found by its text
    assert {(n.kind, n.key) for n in read_ledger(path).notes} == keys
    fresh = tmp_path / "fresh.apkg"  # no package to replace: the edited text's own ids
    learnkit.write_deck([edited], fresh)
    assert {(n.kind, n.key) for n in read_ledger(fresh).notes} != keys


# ---------------------------------------------------------------- batches and errors


def test_bad_article_in_a_batch_is_reported_and_skipped(runner, tmp_path, sample_path):
    folder = tmp_path / "in"
    article_copy(sample_path, folder, "a.md")
    (folder / "b.md").write_bytes(b"\x89PNG\x00\x00")
    (folder / "c.txt").write_text("# Title\n\nOnly English here.\n", encoding="utf-8")
    (folder / "README.md").write_text("# not an article\n", encoding="utf-8")
    (folder / "notes.json").write_text("{}", encoding="utf-8")
    result = invoke(runner, folder, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {folder / 'b.md'}: binary file, not text (NUL byte at offset 4)",
        f"Error: {folder / 'c.txt'}: no Chinese text found (LearnKit needs Chinese paragraphs)",
    ]
    assert SUMMARY.match(result.stdout)[1] == "1"
    assert ", 2 failed → " in result.stdout
    assert len(list((tmp_path / "out").glob("*.apkg"))) == 1


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["missing.md"], "Error: missing.md: no such file"),
        (["empty"], "Error: empty: no .md or .txt articles found"),
    ],
    ids=["missing-file", "empty-folder"],
)
def test_nothing_to_build_is_an_error(runner, tmp_path, monkeypatch, args, line):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == line
    assert not (tmp_path / "decks").exists() or not any((tmp_path / "decks").iterdir())


def test_default_input_is_seeds_and_output_decks(runner, tmp_path, sample_path, monkeypatch):
    article_copy(sample_path, tmp_path / "seeds", sample_path.name)
    monkeypatch.chdir(tmp_path)
    result = invoke(runner)
    assert result.exit_code == 0, result.output
    assert [p.suffix for p in (tmp_path / "decks").iterdir()] == [".apkg"]


def test_same_article_twice_is_built_once(runner, tmp_path, sample_path):
    a = article_copy(sample_path, tmp_path / "in", "a.md")
    b = article_copy(sample_path, tmp_path / "in", "b.md")
    result = invoke(runner, a, b, a, "-o", tmp_path / "out")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(
        rf"Error: {re.escape(str(b))}: same article as {re.escape(str(a))} "
        r"\(id [0-9a-f]+: the same source link, or the same Chinese title and date\); "
        r"skipped \(another article needs a date or link of its own\)",
        line,
    )


def test_single_package_holds_every_article_as_a_subdeck(runner, tmp_path, sample_path):
    folder = tmp_path / "in"
    article_copy(sample_path, folder, "a.md")
    article_copy(sample_path, folder, "b.md", url="other-article", title="另一篇文章")
    target = tmp_path / "all.apkg"
    result = invoke(runner, folder, "--single", target, "-o", tmp_path / "unused")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f" → {target}\n")
    assert not (tmp_path / "unused").exists()
    col = open_collection(tmp_path / "col")
    try:
        import_package(col, target)
        decks = {d.name for d in col.decks.all_names_and_ids()}
        assert {"LearnKit::习近平和普京的友谊长存", "LearnKit::另一篇文章"} <= decks
        notes, cards = map(int, SUMMARY.match(result.stdout).groups()[1:3])
        assert (col.note_count(), col.card_count()) == (notes, cards)
        assert len(col.db.list("select distinct did from cards")) == 2
    finally:
        col.close()


def test_single_refuses_a_path_that_is_not_a_package(runner, tmp_path, sample_path):
    target = tmp_path / "notes.txt"
    target.write_text("my notes")
    result = invoke(runner, sample_path, "--single", target)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {target}: --single needs a file name ending in .apkg\n"
    assert target.read_text() == "my notes"


def test_a_failed_build_creates_nothing(runner, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("# Title\n\nOnly English here.\n", encoding="utf-8")
    result = invoke(runner, bad, "-o", tmp_path / "out" / "decks")
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_failed_write_keeps_the_existing_deck_and_leaves_no_temp_file(
    runner, tmp_path, sample_path, sample_deck, full_disk, sample_study_set
):
    out = tmp_path / "out"
    out.mkdir()
    existing = out / f"2024-05-20-{sample_study_set.id}.apkg"
    (last_week,) = sample_deck[0].iterdir()  # built before the disk filled up
    existing.write_bytes(last_week.read_bytes())
    before = existing.read_bytes()

    result = invoke(runner, sample_path, "-o", out)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {existing}: cannot write deck: No space left on device\n"
    assert existing.read_bytes() == before
    assert [p.name for p in out.iterdir()] == [existing.name]


def test_output_folder_that_is_a_file_is_an_error(runner, tmp_path, sample_path):
    blocker = tmp_path / "decks"
    blocker.write_text("not a folder")
    result = invoke(runner, sample_path, "-o", blocker)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '-o' / '--output': Directory '{blocker}' is a file."
    )
    assert blocker.read_text() == "not a folder"


def test_output_folder_that_cannot_be_created_is_one_error(tmp_path, sample_path):
    from learnkit.errors import BuildError

    (tmp_path / "file").write_text("x")
    with pytest.raises(BuildError) as err:
        build_decks([sample_path], tmp_path / "file" / "decks")
    assert str(err.value) == (
        f"{tmp_path / 'file' / 'decks'}: cannot create the output folder (Not a directory)"
    )


def test_verbose_lists_warnings(runner, tmp_path):
    article = tmp_path / "zh.md"
    article.write_text("# 标题\n\n这是一篇只有中文的文章。\n", encoding="utf-8")
    result = invoke(runner, article, "-o", tmp_path / "out", "-v")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith(f"Warning: {article}: ") for line in lines)
    assert any(line.startswith(f"Warning: {article}: only Chinese text found") for line in lines)
    assert SUMMARY.match(result.stdout)[4] == str(len(lines))


@pytest.fixture(scope="module")
def parallel_build(tmp_path_factory, sample_path):
    """One batch of four articles and an empty file, built by two worker processes (the
    expensive part: shared by the tests below) and in-process for comparison. The first
    article is the longest: another one is built before the workers fork."""
    root = tmp_path_factory.mktemp("parallel")
    folder = root / "in"
    for k in range(4):
        title = f"第{k}篇文章" + "，一篇更长的文章" * (k == 0)
        article_copy(sample_path, folder, f"{k}.md", url=f"article-{k}", title=title)
    (folder / "e.md").write_text("", encoding="utf-8")
    serial = build_decks([folder], root / "serial", jobs=1)
    parallel = build_decks([folder], root / "parallel", jobs=2)
    return folder, serial, parallel


def package_notes(path: Path, tmp_path: Path) -> list[tuple]:
    """The notes of a package (GUID, note type, fields, tags) and its cards' deck and order."""
    import sqlite3

    with zipfile.ZipFile(path) as z:
        (tmp_path / "col.anki2").write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(tmp_path / "col.anki2")
    try:
        notes = con.execute("select guid, mid, flds, tags from notes order by guid").fetchall()
        cards = con.execute(
            "select n.guid, c.ord, c.did from cards c join notes n on n.id = c.nid order by 1, 2"
        ).fetchall()
    finally:
        con.close()
    return notes + cards


def test_worker_processes_build_the_same_decks_in_input_order(parallel_build, tmp_path):
    folder, serial, parallel = parallel_build
    assert [r.deck for r in parallel.results] == [r.deck for r in serial.results]
    for ours, theirs in zip(parallel.outputs, serial.outputs, strict=True):
        assert package_notes(ours, tmp_path) == package_notes(theirs, tmp_path)
    assert [r.error for r in parallel.results] == [None] * 4 + [f"{folder / 'e.md'}: empty file"]
    assert [p.name for p in parallel.outputs] == [p.name for p in serial.outputs]


def test_the_article_built_before_the_fork_is_the_smallest_non_empty_one(parallel_build):
    from learnkit.batch import _warm_up_index
    from learnkit.sources import find_articles

    folder, _, _ = parallel_build
    sources = find_articles([folder])
    assert [Path(s).name for s in sources] == ["0.md", "1.md", "2.md", "3.md", "e.md"]
    assert _warm_up_index(sources) == 1


def test_with_another_thread_running_workers_are_spawned_and_build_the_same(
    parallel_build, tmp_path
):
    """Forking while a thread runs could leave a lock held for ever in the child: the
    workers are spawned instead (and load the models themselves); on Linux with no other
    thread, the usual build forks them."""
    import threading

    from learnkit import batch

    folder, serial, _ = parallel_build
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert batch._fork_context() is None
        spawned = build_decks([folder], tmp_path / "spawned", jobs=2)
    finally:
        stop.set()
        thread.join()
    # (a thread an earlier test left running, such as a browser test's server, also spawns)
    alone = threading.active_count() == 1
    assert (batch._fork_context() is not None) == (sys.platform.startswith("linux") and alone)
    assert [r.deck for r in spawned.results] == [r.deck for r in serial.results]
    assert [p.name for p in spawned.outputs] == [p.name for p in serial.outputs]
    for ours, theirs in zip(spawned.outputs, serial.outputs, strict=True):
        assert package_notes(ours, tmp_path) == package_notes(theirs, tmp_path)


def test_a_written_package_is_reported_by_its_counts(parallel_build, tmp_path):
    """Once an article's package is written, its result keeps the deck's identity and
    counts (what the summary line says), not its notes: a worker sends back a few bytes."""
    import pickle

    from learnkit.anki.notes import DeckSummary

    _, serial, parallel = parallel_build
    for report in (serial, parallel):
        built = report.built
        assert len(built) == 4 and all(isinstance(r.deck, DeckSummary) for r in built)
        assert report.notes + report.cards == sum(
            len({row[0] for row in package_notes(r.output, tmp_path) if len(row) == 4})
            + sum(1 for row in package_notes(r.output, tmp_path) if len(row) == 3)
            for r in built
        )
        assert all(len(pickle.dumps(r)) < 2000 for r in built)


def test_worker_processes_never_share_note_or_card_ids(parallel_build, tmp_path):
    import sqlite3

    _, _, report = parallel_build
    ids: list[int] = []
    for package in report.outputs:
        with zipfile.ZipFile(package) as z:
            (tmp_path / "col.anki2").write_bytes(z.read("collection.anki2"))
        con = sqlite3.connect(tmp_path / "col.anki2")
        ids += [i for (i,) in con.execute("select id from notes union all select id from cards")]
        con.close()
    assert len(report.outputs) == 4
    assert len(ids) == len(set(ids)) == report.notes + report.cards
    assert sorted(p.name for p in report.outputs[0].parent.iterdir()) == sorted(
        p.name for p in report.outputs
    )  # no temporary packages left behind


def test_importing_batch_loads_no_model_library():
    """The parent of a parallel build, and extract before it asks BLAS for one thread,
    import learnkit.batch: numpy (hence BLAS) and lemminflect's table must not load there."""
    import subprocess
    import sys

    code = (
        "import sys; import learnkit.batch; "
        "print(sorted({'numpy', 'lemminflect', 'jieba', 'pypinyin', 'genanki'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
