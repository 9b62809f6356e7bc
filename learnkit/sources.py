"""Where articles are found: the one rule the CLI's ``build`` and the web library share."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

ARTICLE_SUFFIXES = (".md", ".txt")


def is_article_name(name: str) -> bool:
    """An article file's name: ``.md``/``.txt``, not hidden, not a README."""
    stem, suffix = os.path.splitext(name)
    return (
        suffix.lower() in ARTICLE_SUFFIXES
        and not name.startswith(".")
        and not stem.upper().startswith("README")
    )


def article_files(folder: str | os.PathLike[str]) -> list[os.DirEntry[str]]:
    """The article files directly inside ``folder``, by name ([] if it is not a folder).

    One ``scandir``: the web library calls this on every request that lists articles.
    """
    try:
        with os.scandir(folder) as listing:
            found = [f for f in listing if is_article_name(f.name) and f.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(found, key=lambda f: f.name)


def find_articles(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Files named directly, plus the article files directly inside named folders.

    Paths that do not exist are kept, so loading them reports the error.
    """
    found: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            found += [f.path for f in article_files(path)]
        else:
            found.append(os.fspath(path))
    return list(dict.fromkeys(found))
