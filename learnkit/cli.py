"""The ``learnkit`` command line: thin commands over the library.

LearnkitError is turned into a one-line ``Error: …`` message with exit status 2 here,
and nowhere else.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .errors import LearnkitError

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    exit_code = 2


def reports_errors(func: F) -> F:
    """Translate library errors into one-line CLI errors (exit status 2)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LearnkitError as exc:
            raise UserError(str(exc)) from None

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="learnkit")
def cli() -> None:
    """Study material from bilingual Chinese-English articles."""


@cli.command()
@click.argument("path", type=click.Path(path_type=str))
@click.option("--indent", type=int, default=2, show_default=True, help="JSON indentation.")
@reports_errors
def extract(path: str, indent: int) -> None:
    """Print the study set of the article at PATH as JSON."""
    from .export import study_set_dict
    from .pipeline import load_study_set

    data = study_set_dict(load_study_set(path))
    click.echo(json.dumps(data, ensure_ascii=False, indent=indent or None))


def main() -> None:
    cli(prog_name="learnkit")


if __name__ == "__main__":
    sys.exit(main())
