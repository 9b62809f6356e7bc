"""Batch deck building: article files → one .apkg per article, or one package for all.

A bad article never stops a batch: it is recorded as a failure (its one-line message
names the file) and the others are still built.
"""

from __future__ import annotations

import functools
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from learnkit.anki.notes import DeckSpec, DeckSummary, deck_spec
from learnkit.errors import BuildError, LearnkitError
from learnkit.models import StudySet
from learnkit.sources import find_articles

if TYPE_CHECKING:
    from learnkit.anki.ledger import Ledger
    from learnkit.ids import Item

PARALLEL_FROM = 8  # articles per worker process worth its start-up (loading the models)
MAX_JOBS = 8
GC_THRESHOLD = 10_000  # allocations between young collections in workers (Python: 700)


@dataclass(frozen=True)
class ArticleResult:
    """What became of one input: its deck (and package) or the one-line error."""

    source: str
    # the deck; once its package is written (``staged``), only its summary
    deck: DeckSpec | DeckSummary | None = None
    output: Path | None = None  # the package it went into
    warnings: tuple[str, ...] = ()
    error: str | None = None
    staged: Path | None = None  # its package, written but not yet renamed to ``output``
    supersedes: Path | None = None  # the previous package of the article, of another date


@dataclass(frozen=True)
class BuildReport:
    results: tuple[ArticleResult, ...]
    outputs: tuple[Path, ...]

    @property
    def built(self) -> tuple[ArticleResult, ...]:
        return tuple(r for r in self.results if r.deck is not None)

    @property
    def failures(self) -> tuple[ArticleResult, ...]:
        return tuple(r for r in self.results if r.error is not None)

    @property
    def notes(self) -> int:
        return sum(r.deck.note_count for r in self.built)

    @property
    def cards(self) -> int:
        return sum(r.deck.cards for r in self.built)

    @property
    def warnings(self) -> int:
        return sum(len(r.warnings) for r in self.results)


def _load(source: str, progress: Callable[[str, int, int], None] | None = None) -> StudySet:
    from learnkit.pipeline import load

    return load(source, progress)


def _article(
    source: str,
    out_dir: str | None = None,
    timestamp: float | None = None,
    single: str | None = None,
    before: tuple[str, ...] = (),
    progress: Callable[[str, int, int], None] | None = None,
) -> ArticleResult:
    """Load one article and make its deck (runs in worker processes for big batches).

    The package it will replace (in ``out_dir``, or ``single``) is the ledger: ids of
    corrected items, retired items and unchanged notes' times come from it. With
    ``out_dir``, its package is also written there under a temporary name (the result's
    ``staged``): the caller renames it into place, or deletes it (a duplicate). ``before``:
    the packages in ``out_dir`` before the build, where an article whose id is new may
    have a previous version (never one this build wrote).
    """
    from learnkit.anki.notes import package_name
    from learnkit.pipeline import carry

    try:
        ss = _load(source, progress)
        target = Path(out_dir) / package_name(ss) if out_dir is not None else None
        ledger = _ledger(os.fspath(target if target is not None else single or ""))
        ledger = ledger.article(ss.id)
        found = None
        if not ledger.notes:  # a new id: perhaps a previous article with its link edited
            for paths in _candidates(target, single, before):  # its date's packages first
                ss, ledger, found = _previous_article(ss, paths)
                if found is not None:
                    break
            target = Path(out_dir) / package_name(ss) if out_dir is not None else None
        ss = carry(ss, ledger.items())
    except LearnkitError as exc:
        return ArticleResult(source, error=str(exc))
    except Exception as exc:  # a bug on one input must not lose the rest of the batch
        reason = f"internal error ({type(exc).__name__}: {exc})"
        return ArticleResult(source, error=f"{source}: {reason}")
    deck = deck_spec(ss, ledger)
    if not deck.notes:
        return ArticleResult(source, warnings=ss.warnings + ("nothing to study: no deck written",))
    if target is None:
        return ArticleResult(source, deck=deck, warnings=ss.warnings)
    from learnkit.anki.package import stage_package

    try:
        staged = stage_package([deck], target, timestamp)
    except BuildError as exc:
        return ArticleResult(source, warnings=ss.warnings, error=str(exc))
    supersedes = Path(found) if found is not None and Path(found) != target else None
    summary = deck.summary()  # the notes are in the package
    return ArticleResult(source, summary, target, ss.warnings, staged=staged, supersedes=supersedes)


def _previous_article(ss: StudySet, paths: Sequence[str]) -> tuple[StudySet, Ledger, str | None]:
    """``ss`` under the id of the article in the packages at ``paths`` it is an edit of
    (its own id being new there: :func:`learnkit.ids.same_article`), with that article's
    notes as its ledger and the package's path; else ``ss``, an empty ledger and None."""
    from learnkit.anki.ledger import Ledger
    from learnkit.ids import rekey, same_article

    found = [(path, _articles_in(path)) for path in paths]
    old = same_article(ss, {a: items for _, articles in found for a, items in articles.items()})
    if old is None:
        return ss, Ledger(), None
    path = next(path for path, articles in found if old in articles)
    return rekey(ss, old), _ledger(path).article(old), path


def _articles_in(path: str) -> dict[str, tuple[Item, ...]]:
    """The items of each article of the package at ``path`` (read once per process and
    version of the file: a build looks at every package once per worker at most)."""
    stat = os.stat(path)
    return _read_articles(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _read_articles(path: str, mtime: int, size: int) -> dict[str, tuple[Item, ...]]:
    return _read_ledger(path, mtime, size).articles()


def _candidates(target: Path | None, single: str | None, before: Sequence[str]) -> list[list[str]]:
    """Where a previous version of an article whose id is new may be, in the order to
    look: the ``single`` package; or the packages of ``before`` in ``target``'s folder
    with its date (an edited link or title keeps the date, and so the name's prefix),
    then the others (its date edited too)."""
    if target is None:
        return [[single]] if single and os.path.isfile(single) else []
    date = target.name[: -len(target.name.split("-")[-1])]
    names = [n for n in sorted(before) if n != target.name and re.fullmatch(_PACKAGE, n)]
    same = [n for n in names if n.startswith(date) and re.fullmatch(_PACKAGE, n[len(date) :])]
    folder = target.parent
    return [
        [os.fspath(folder / n) for n in same],
        [os.fspath(folder / n) for n in names if n not in same],
    ]


_PACKAGE = re.compile(r"(?:\d{4}-\d{2}-\d{2}-)?[0-9a-f]+\.apkg")  # <date>-<id>.apkg or <id>.apkg


def _packages(folder: Path) -> tuple[str, ...]:
    """The names of the packages in ``folder`` (none if it does not exist yet)."""
    try:
        return tuple(sorted(e.name for e in os.scandir(folder) if e.name.endswith(".apkg")))
    except FileNotFoundError:
        return ()


def _ledger(path: str) -> Ledger:
    """The previous package at ``path`` as a ledger (read once per process and version)."""
    from learnkit.anki.ledger import Ledger

    if not path or not os.path.isfile(path):
        return Ledger()
    stat = os.stat(path)
    return _read_ledger(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _read_ledger(path: str, mtime: int, size: int) -> Ledger:
    from learnkit.anki.ledger import read_ledger

    return read_ledger(path)


def default_jobs(articles: int) -> int:
    """One worker process per CPU for big batches; small ones are faster in-process."""
    if articles < PARALLEL_FROM:
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cpus or 1, articles // PARALLEL_FROM, MAX_JOBS))


def _results(
    sources: Sequence[str],
    jobs: int,
    *args: object,
    progress: Callable[[str, int, int], None] | None = None,
) -> Iterator[ArticleResult]:
    """Each source's ``_article(source, *args)``, in input order.

    With ``jobs`` > 1, that many worker processes share the articles. Where forking is
    safe (see :func:`_fork_context`), this process builds one article itself (the
    smallest, see :func:`_warm_up_index`), loading the language models, and forks the
    workers: they start with the models and that article's memos instead of loading them
    again each (~2 s of CPU a worker). The models stay loaded here, frozen out of the
    cyclic GC (``gc.freeze``). Elsewhere the workers are spawned and load the models on
    their own, and this process loads none.
    """
    if jobs <= 1:
        yield from (_article(source, *args, progress=progress) for source in sources)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = _fork_context()
    warm = context is not None
    built: tuple[int, ArticleResult] | None = None  # (its index, its result) when warm
    if warm:
        k = _warm_up_index(sources)
        built = (k, _warm_up(sources[k], *args))
        sources = [*sources[:k], *sources[k + 1 :]]
        if not sources:
            yield built[1]
            return
    else:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
    lanes = context.Value("i", 0)
    pool = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_worker_start, initargs=(lanes, jobs, warm)
    )
    futures = deque(pool.submit(_worker_article, source, *args) for source in sources)
    try:
        for index in range(len(sources) + (1 if warm else 0)):
            if built is not None and index == built[0]:
                result, built = built[1], None
                yield result
                continue
            yield futures[0].result()
            futures.popleft()
    except BrokenProcessPool:
        raise BuildError("a worker process died (out of memory?); try --jobs 1") from None
    finally:  # normally nothing is left; after an interruption, no temporary packages
        for future in futures:
            future.cancel()
        pool.shutdown()
        if built is not None and built[1].staged is not None:
            built[1].staged.unlink(missing_ok=True)
        for future in futures:
            if future.done() and not future.cancelled() and future.exception() is None:
                staged = future.result().staged
                if staged is not None:
                    staged.unlink(missing_ok=True)


def _fork_context() -> Any:
    """multiprocessing's fork context where forking this process is safe, else None: on
    Linux only (macOS's system libraries are not fork-safe, Windows cannot fork), and
    with no other thread running (a lock one of them holds at the fork would stay
    locked in the child for ever)."""
    import multiprocessing
    import sys
    import threading

    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return None
    return multiprocessing.get_context("fork")


def _warm_up_index(sources: Sequence[str]) -> int:
    """The article to build before forking: the smallest non-empty file. Any article loads
    the models; a long one built first would hold the workers back for its whole time."""

    def size(k: int) -> tuple[bool, int]:
        try:
            n = os.path.getsize(sources[k])
        except OSError:
            return True, 0
        return n == 0, n

    return min(range(len(sources)), key=size)


def _warm_up(source: str, *args: Any) -> ArticleResult:
    """:func:`_article` in this process before it forks the workers: the models load
    with the cyclic GC off and are then frozen, so that neither this process nor the
    workers traverse them again (see :func:`_worker_article`)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _article(source, *args)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _worker_start(lanes: Any = None, count: int = 1, warm: bool = False) -> None:
    """Worker start-up: its own note ids, one BLAS thread, no cyclic GC until the models
    are loaded and frozen (see :func:`_worker_article`; ``warm``: forked with them
    loaded and frozen already), and a quick exit.

    At exit, a worker's results are all delivered: freeing its dictionaries and models
    object by object (interpreter finalisation, ~0.5 s) would only delay the build's end.
    """
    import atexit
    import gc

    from learnkit.anki.package import set_id_lane

    global _models_frozen
    if lanes is not None:
        with lanes.get_lock():
            set_id_lane(lanes.value, count)
            lanes.value += 1
    one_blas_thread()
    if warm:
        gc.set_threshold(GC_THRESHOLD)
        _models_frozen = True
    else:
        gc.disable()
    atexit.register(os._exit, 0)  # runs after multiprocessing's own exit handling


_models_frozen = False


def _worker_article(source: str, *args: Any) -> ArticleResult:
    """:func:`_article` in a worker process.

    The first article loads the dictionaries and models: millions of long-lived objects
    that the cyclic GC would otherwise traverse again and again (~0.1 s per full
    collection). They are loaded with the GC off, then frozen (``gc.freeze``), so later
    collections only look at each article's own objects.
    """
    global _models_frozen
    try:
        return _article(source, *args)
    finally:
        if not _models_frozen:
            import gc

            gc.freeze()
            gc.set_threshold(GC_THRESHOLD)
            gc.enable()
            _models_frozen = True


def one_blas_thread() -> None:
    """Ask numpy's BLAS for one thread (effective if numpy is not loaded yet; an explicit
    setting wins). The models' matrices are small: extra BLAS threads only spin, and
    several workers' threads on the same cores made a parallel build slower than a
    serial one."""
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def build_decks(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] = "decks",
    single: str | os.PathLike[str] | None = None,
    on_article: Callable[[ArticleResult], None] | None = None,
    timestamp: float | None = None,
    jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> BuildReport:
    """Build the decks of every article found at ``paths``.

    Without ``single`` each article gets its own package in ``out_dir``; with it, one
    package at ``single`` holds every article as a subdeck of ``LearnKit``.
    ``on_article`` sees each result as soon as it is known (progress, error lines).
    ``jobs``: worker processes (None: :func:`default_jobs`).
    ``timestamp`` pins the note time: for reproducible tests only.
    ``progress``: each article's stages (see :func:`learnkit.pipeline.build_study_set`),
    when they run in this process.
    """
    from learnkit.anki.package import publish, write_package

    one_blas_thread()
    sources = find_articles(paths)
    if not sources:
        names = ", ".join(os.fspath(p) for p in paths)
        raise BuildError(f"{names}: no .md or .txt articles found")
    if single is not None and Path(single).suffix.lower() != ".apkg":
        raise BuildError(f"{single}: --single needs a file name ending in .apkg")
    if single is None:
        _check_dir(Path(out_dir))
    results: list[ArticleResult] = []
    outputs: list[Path] = []
    seen: dict[str, str] = {}
    superseded: list[Path] = []
    jobs = default_jobs(len(sources)) if jobs is None else jobs
    stage = (
        (os.fspath(out_dir), timestamp, None, _packages(Path(out_dir)))
        if single is None
        else (None, timestamp, os.fspath(single))
    )
    for result in _results(sources, jobs, *stage, progress=progress):
        source, deck = result.source, result.deck
        if deck is not None and deck.article in seen:
            if result.staged is not None:
                result.staged.unlink(missing_ok=True)
            result = ArticleResult(
                source,
                error=f"{source}: same article as "
                f"{seen[deck.article]} (id {deck.article}: the same source link, or the same"
                " Chinese title and date); skipped (another article needs a date or link"
                " of its own)",
            )
        elif deck is not None:
            seen[deck.article] = source
            if result.staged is not None and result.output is not None:
                try:
                    publish(result.staged, result.output)
                    if result.supersedes is not None:
                        superseded.append(result.supersedes)
                    outputs.append(result.output)
                    result = ArticleResult(source, deck, result.output, result.warnings)
                except BuildError as exc:
                    result = ArticleResult(source, warnings=result.warnings, error=str(exc))
        results.append(result)
        if on_article:
            on_article(result)
    for path in superseded:  # an article's date was edited: its previous package goes
        if path not in outputs:
            path.unlink(missing_ok=True)
    if single is not None:
        decks = [r.deck for r in results if r.deck is not None]
        if decks:
            outputs.append(write_package(decks, single, timestamp))
            results = [
                ArticleResult(r.source, r.deck, Path(single), r.warnings)
                if r.deck is not None
                else r
                for r in results
            ]
    return BuildReport(tuple(results), tuple(outputs))


def write_deck(
    study_sets: Iterable[StudySet], path: str | os.PathLike[str], timestamp: float | None = None
) -> Path:
    """Write one ``.apkg`` at ``path`` holding a subdeck per study set (atomically). A
    package already at ``path`` is the ledger, as for ``learnkit build``: corrected items
    keep their ids, vanished ones are carried as retired, unchanged notes are left alone."""
    from learnkit.anki.package import write_package

    return write_package(_decks(study_sets, os.fspath(path)), path, timestamp)


def deck_bytes(study_sets: Iterable[StudySet], timestamp: float | None = None) -> bytes:
    """The ``.apkg`` file :func:`write_deck` would write, as bytes (no file involved)."""
    from learnkit.anki.package import apkg_bytes

    return apkg_bytes(_decks(study_sets), timestamp)


def _decks(study_sets: Iterable[StudySet], path: str | None = None) -> list[DeckSpec]:
    """The decks of ``study_sets``, with the package at ``path`` (if any) as the ledger."""
    from learnkit.pipeline import carry

    if isinstance(study_sets, StudySet):  # one study set given on its own
        study_sets = [study_sets]
    ledger = _ledger(path) if path is not None else None
    decks = []
    for ss in study_sets:
        if ledger is None or path is None:
            decks.append(deck_spec(ss))
            continue
        previous = ledger.article(ss.id)
        if not previous.notes and ledger.notes:
            ss, previous, _ = _previous_article(ss, [path])
        decks.append(deck_spec(carry(ss, previous.items()), previous))
    if not any(d.notes for d in decks):
        raise BuildError("nothing to study: no phrase or sentence to make a card from")
    return decks


def _check_dir(out: Path) -> None:
    """Fail early if ``out`` cannot become the output folder; create nothing (the folder
    is made with the first package, so a failed build leaves no trace)."""
    existing = next(p for p in (out, *out.parents) if p.exists())
    if not existing.is_dir():
        raise BuildError(f"{out}: cannot create the output folder (Not a directory)")
    if not os.access(existing, os.W_OK | os.X_OK):
        if existing == out:
            raise BuildError(f"{out}: output folder is not writable")
        raise BuildError(f"{out}: cannot create the output folder (Permission denied)")


def summary(report: BuildReport) -> str:
    """One line: what was built, where, and what went wrong."""
    n = len(report.built)
    text = (
        f"{n} article{'s' * (n != 1)}, {report.notes} notes, {report.cards} cards, "
        f"{report.warnings} warning{'s' * (report.warnings != 1)}"
    )
    retired = sum(r.deck.retired for r in report.built if r.deck is not None)
    if retired:
        text += f", {retired} retired (tag:LearnKit::retired)"
    if report.failures:
        text += f", {len(report.failures)} failed"
    where = ", ".join(str(p) for p in report.outputs[:1])
    if len(report.outputs) > 1:
        where = f"{len(report.outputs)} packages in {report.outputs[0].parent}"
    return f"Built {text}" + (f" → {where}" if where else " (nothing written)")
