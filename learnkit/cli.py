"""The ``learnkit`` command line: thin commands over the library.

LearnkitError is turned into a one-line ``Error: …`` message with exit status 2 here,
and nowhere else.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from learnkit.errors import LearnkitError

F = TypeVar("F", bound=Callable[..., Any])


# Set by the commands that load the language models (build, extract): their process may
# end without freeing them object by object (interpreter finalisation, ~0.1 s of CPU at
# the end of every run, after the work is done), as the build's workers do.
_quick_exit = False


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
    global _quick_exit
    _quick_exit = True
    from learnkit.batch import one_blas_thread

    one_blas_thread()  # before numpy loads: idle BLAS threads spun for 1/3 of extract's CPU
    from learnkit import codec
    from learnkit.pipeline import load
    from learnkit.progress import article_bar

    with article_bar() as report:
        ss = load(path, report)
    out = sys.stdout
    codec.dump(ss, out, indent=indent or None)
    out.write("\n")


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
    global _quick_exit
    _quick_exit = True
    from learnkit.batch import ArticleResult, build_decks, summary
    from learnkit.progress import MANY, article_bar, progress_bar
    from learnkit.sources import find_articles

    paths = paths or ("seeds",)
    count = len(find_articles(paths))
    with progress_bar(count) as advance, article_bar() as stages:

        def show(result: ArticleResult) -> None:
            if result.error:
                click.echo(f"Error: {result.error}", err=True)
            for warning in result.warnings if verbose else ():
                click.echo(f"Warning: {result.source}: {warning}", err=True)
            advance()

        report = build_decks(
            paths,
            out_dir,
            single,
            on_article=show,
            jobs=jobs,
            progress=stages if count < MANY else None,  # one bar at a time
        )
    click.echo(summary(report))
    if report.failures:
        raise SystemExit(2)


WILDCARD_HOSTS = ("0.0.0.0", "::", "")
MIN_PASSWORD = 10


def _loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may point anywhere
        return False


def _host_names(host: str, extra: tuple[str, ...]) -> list[str]:
    """The names clients may use for this server besides loopback: ``--host`` itself,
    or for a wildcard bind this machine's name and its addresses; and ``extra``."""
    import socket

    names = list(extra)
    if host not in WILDCARD_HOSTS:
        return [host, *names]
    name = socket.gethostname()
    try:  # /etc/hosts or the local resolver: no network needed
        addresses = {a[4][0] for a in socket.getaddrinfo(name, None, socket.AF_INET)}
    except OSError:
        addresses = set()
    return [name, *sorted(addresses), *names]


def _password(host: str, new_password: bool) -> tuple[str | None, bool]:
    """The login password (None: no login) and whether it was generated now."""
    import os
    import secrets

    if new_password:
        return secrets.token_urlsafe(16), True
    password = os.environ.get("LEARNKIT_PASSWORD") or None
    if password is not None and len(password) < MIN_PASSWORD:
        raise UserError(
            f"LEARNKIT_PASSWORD is too short: use at least {MIN_PASSWORD} characters "
            "(or pass --new-password for a generated one)"
        )
    if password is None and not _loopback(host):
        raise UserError(
            f"--host {host} serves other computers, so it needs a password: "
            "set LEARNKIT_PASSWORD or pass --new-password (printed once on start)"
        )
    return password, False


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (the default serves this computer only; any other needs "
    "a password).",
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
@click.option(
    "--trusted-host",
    "trusted",
    multiple=True,
    metavar="NAME",
    help="Another host name clients use to reach the server (repeatable); requests for "
    "any name not trusted get 400.",
)
@click.option(
    "--new-password",
    is_flag=True,
    help="Generate a login password and print it once (else LEARNKIT_PASSWORD is used).",
)
@reports_errors
def serve(
    host: str, port: int, seeds_dir: str, trusted: tuple[str, ...], new_password: bool
) -> None:
    """Run the quiz web app (library, cloze quizzes, uploads) under waitress.

    Beyond loopback the app asks for a password (LEARNKIT_PASSWORD, or --new-password),
    and without one it does not start.
    """
    import os

    from web import create_app  # the web app sits on top of the library: import it here
    from web.db import get_library, get_store
    from web.security import trusted_hosts
    from web.serving import make_server

    password, generated = _password(host, new_password)
    explicit = click.get_current_context().get_parameter_source("seeds_dir")
    if not os.path.isdir(seeds_dir):
        if explicit is not click.core.ParameterSource.DEFAULT:
            raise UserError(f"{seeds_dir}: no such folder of articles")
        seeds_dir = ""
    names = _host_names(host, trusted)
    hosts = trusted_hosts(names)
    config = {"SEEDS_DIR": seeds_dir or None, "LOGIN_PASSWORD": password, "TRUSTED_HOSTS": hosts}
    try:
        app = create_app(config)
    except OSError as exc:  # the instance folder or its secret key file
        where = exc.filename or "instance folder"
        raise UserError(f"{where}: cannot write the app's data ({exc.strerror or exc})") from None
    with app.app_context():  # parse the library once now, so the first page is fast
        entries = get_library().entries(get_store())
        for error in get_library().errors.values():
            click.echo(f"Warning: {error}", err=True)
    try:
        server = make_server(app, host, port)
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    click.echo(f"LearnKit: {len(entries)} articles, data in {app.instance_path}")
    click.echo(f"Answers to host names: {', '.join(hosts)}")
    if generated:
        click.echo(f"Password (shown once): {password}")
    elif password:
        click.echo("Password: from LEARNKIT_PASSWORD")
    port_shown = getattr(server, "effective_port", port)
    click.echo(f"Open http://{names[0]}:{port_shown}/ (Ctrl+C stops)")
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.close()


def main() -> None:
    import atexit

    status = [1]  # an exception out of a command (a bug) ends with 1, as Python does

    def end() -> None:
        if not _quick_exit:
            return
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe: nothing more can be said
                pass
        os._exit(status[0])

    atexit.register(end)  # registered first, so it runs after every other exit handler
    try:
        cli(prog_name="learnkit")
    except SystemExit as exc:
        code = exc.code
        status[0] = 0 if code is None else code if isinstance(code, int) else 1
        raise


if __name__ == "__main__":
    sys.exit(main())
