"""A progress bar for long batches: the only module that imports rich.

Drawn on standard error, and only when it is a terminal, so pipes, logs and tests see
plain lines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MANY = 5  # fewer articles than this finish before a bar is worth drawing
LONG = 500  # sentences: an article shorter than this is done before a bar is worth drawing


@contextmanager
def progress_bar(total: int, label: str = "Building decks") -> Iterator[Callable[[], None]]:
    """Yield ``advance()``; a rich bar on a terminal when ``total`` is large, else a no-op."""
    if total < MANY or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    # redrawn on each advance, not by rich's refresh thread: a build forks its workers
    # only when no other thread runs (learnkit.batch._fork_context)
    progress = Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False)
    with progress as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.update(task, advance=1, refresh=True)


@contextmanager
def article_bar() -> Iterator[Callable[[str, int, int], None]]:
    """Yield ``report(stage, done, total)`` for one article's stages (see
    :func:`learnkit.pipeline.build_study_set`); a bar only on a terminal, for long ones."""
    if not sys.stderr.isatty():
        yield lambda stage, done, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn())
    bar = Progress(*columns, console=Console(stderr=True), transient=True)
    task = None

    def report(stage: str, done: int, total: int) -> None:
        nonlocal task
        if total < LONG:
            return
        if task is None:
            bar.start()
            task = bar.add_task(stage, total=total)
        bar.update(task, description=stage, completed=done, total=total)

    try:
        yield report
    finally:
        if task is not None:
            bar.stop()
