"""A progress bar for long batches: the only module that imports rich.

Drawn on standard error, and only when it is a terminal, so pipes, logs and tests see
plain lines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MANY = 5  # fewer articles than this finish before a bar is worth drawing


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
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
