"""The ``learnkit`` command line: thin commands over the library.

LearnkitError is turned into a one-line ``Error: …`` message with exit status 2 here,
and nowhere else.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from learnkit.errors import LearnkitError

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
    from learnkit import codec
    from learnkit.pipeline import load

    click.echo(codec.dumps(load(path), indent=indent or None))


@cli.command()
@click.option(
    "--style",
    type=click.Choice(["marks", "numbers"]),
    default="marks",
    show_default=True,
    help="Tone marks (lǜ) or CC-CEDICT tone numbers (lu:4, neutral tone 5).",
)
@click.option("--per-char", is_flag=True, help="One tab-separated cell per input character.")
@reports_errors
def pinyin(style: str, per_char: bool) -> None:
    """Print the pinyin of each line of Chinese read from standard input."""
    from learnkit.chinese.pinyin import pinyin_lines

    lines = sys.stdin.read().splitlines()
    for line in pinyin_lines(lines, style=style, per_char=per_char):  # type: ignore[arg-type]
        click.echo(line)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-o",
    "--output",
    "out_dir",
    default="decks",
    show_default=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder for the packages, one per article.",
)
@click.option(
    "--single",
    type=click.Path(dir_okay=False, path_type=str),
    help="Write one package FILE instead, every article a subdeck.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes [default: one per CPU for 8+ articles].",
)
@click.option("-v", "--verbose", is_flag=True, help="List every warning.")
@reports_errors
def build(
    paths: tuple[str, ...], out_dir: str, single: str | None, jobs: int | None, verbose: bool
) -> None:
    """Build Anki decks from the articles at PATHS (files or folders; default: seeds/).

    Each article becomes <date>-<id>.apkg in the output folder. A bad article is
    reported and skipped; the exit status is then 2.
    """
    from learnkit.batch import ArticleResult, build_decks, summary
    from learnkit.progress import progress_bar
    from learnkit.sources import find_articles

    paths = paths or ("seeds",)
    with progress_bar(len(find_articles(paths))) as advance:

        def show(result: ArticleResult) -> None:
            if result.error:
                click.echo(f"Error: {result.error}", err=True)
            for warning in result.warnings if verbose else ():
                click.echo(f"Warning: {result.source}: {warning}", err=True)
            advance()

        report = build_decks(paths, out_dir, single, on_article=show, jobs=jobs)
    click.echo(summary(report))
    if report.failures:
        raise SystemExit(2)


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (the default serves this computer only).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=5000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--seeds",
    "seeds_dir",
    default="seeds",
    show_default=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder of articles shown in the library (besides uploads).",
)
@reports_errors
def serve(host: str, port: int, seeds_dir: str) -> None:
    """Run the quiz web app (library, cloze quizzes, uploads) under waitress."""
    import os

    from waitress import create_server

    from web import create_app  # the web app sits on top of the library: import it here
    from web.db import get_library, get_store

    explicit = click.get_current_context().get_parameter_source("seeds_dir")
    if not os.path.isdir(seeds_dir):
        if explicit is not click.core.ParameterSource.DEFAULT:
            raise UserError(f"{seeds_dir}: no such folder of articles")
        seeds_dir = ""
    try:
        app = create_app({"SEEDS_DIR": seeds_dir or None})
    except OSError as exc:  # the instance folder or its secret key file
        where = exc.filename or "instance folder"
        raise UserError(f"{where}: cannot write the app's data ({exc.strerror or exc})") from None
    with app.app_context():  # parse the library once now, so the first page is fast
        entries = get_library().entries(get_store())
        for error in get_library().errors.values():
            click.echo(f"Warning: {error}", err=True)
    try:
        server = create_server(app, host=host, port=port, threads=4)
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    click.echo(f"LearnKit: {len(entries)} articles, data in {app.instance_path}")
    click.echo(f"Open http://{host}:{server.effective_port}/ (Ctrl+C stops)")
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.close()


def main() -> None:
    cli(prog_name="learnkit")


if __name__ == "__main__":
    sys.exit(main())
