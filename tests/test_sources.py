"""learnkit.sources: the one rule for which files are articles (CLI build and web library)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from learnkit.sources import article_files, find_articles, is_article_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.md", True),
        ("b.TXT", True),
        ("README.md", False),
        ("readme-notes.txt", False),
        (".hidden.md", False),
        ("x.json", False),
        ("upload.part", False),
    ],
    ids=lambda v: str(v),
)
def test_is_article_name(name, expected):
    assert is_article_name(name) is expected


def test_find_articles_takes_md_and_txt_from_folders(tmp_path):
    for name in ("b.md", "a.txt", "README.md", ".hidden.md", "x.json"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub.md").mkdir()  # a folder named like an article is not one
    assert find_articles([tmp_path, tmp_path / "x.json", tmp_path / "a.txt"]) == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.md"),
        str(tmp_path / "x.json"),
    ]


def test_missing_folder_has_no_article_files(tmp_path):
    assert article_files(tmp_path / "nope") == []


def test_the_web_library_lists_what_the_cli_builds(tmp_path, sample_path):
    from learnkit.study.library import Library
    from learnkit.study.store import Store

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.md").write_bytes(sample_path.read_bytes())
    (seeds / "README.md").write_text("# About these articles\n", encoding="utf-8")
    library = Library(seeds, tmp_path / "uploads", lambda: datetime.now(UTC))
    with Store.create(tmp_path / "db.sqlite3") as store:
        entries = library.entries(store)
    assert [e.path.name for e in entries] == ["a.md"]
    assert library.errors == {}
    assert [str(p) for p in find_articles([seeds])] == [str(seeds / "a.md")]
