"""The library: the seed articles plus the uploaded ones, as cached study sets.

Each file is parsed once: its study set is cached in SQLite under the hash of its bytes
and of LearnKit itself (code, data files, dependency versions: a new pipeline re-parses),
and in memory under its path, size and modification time, so pages never wait for the
pipeline twice.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from learnkit.diskcache import package_fingerprint
from learnkit.errors import ArticleError, DuplicateArticle, LearnkitError
from learnkit.ids import Item, rekey, same_article, study_items
from learnkit.models import StudySet
from learnkit.sources import article_files
from learnkit.study.quiz import ClozeItem, build_items
from learnkit.study.store import Store


@dataclass(frozen=True)
class Entry:
    """One article of the library."""

    path: Path
    uploaded: bool
    study_set: StudySet
    items: tuple[ClozeItem, ...]

    @property
    def key(self) -> str:
        return self.study_set.id


def content_key(data: bytes) -> str:
    return hashlib.sha256(package_fingerprint().encode() + b"\0" + data).hexdigest()


Parser = Callable[[bytes, str], StudySet]


def parse(data: bytes, source: str) -> StudySet:
    """The study set of article bytes (the pipeline; a worker process's job for uploads)."""
    from learnkit.pipeline import study_set
    from learnkit.text.article import decode

    return study_set(decode(data, source), source=source)


def same_text(ss: StudySet, other: StudySet) -> bool:
    """True if ``ss`` is ``other`` or an edit of it (half its sentences or more the same),
    not another article that only shares its id (the same title, no date or link)."""
    return same_article(ss, {"": study_items(other)}) is not None


class Library:
    """Articles found in ``seeds`` (read-only) and ``uploads`` (written by the app)."""

    def __init__(self, seeds: Path | None, uploads: Path, clock: Callable[[], datetime]) -> None:
        self.seeds = seeds
        self.uploads = uploads
        self.clock = clock
        self._lock = threading.RLock()
        self._files: dict[Path, tuple[tuple[int, int], Entry]] = {}
        self._items: tuple[list[Entry], dict[str, ClozeItem]] = ([], {})
        self.errors: dict[Path, str] = {}
        self._last: tuple[tuple[tuple[str, bool, int, int], ...], list[Entry]] = ((), [])
        self._uploads_seen: tuple[int | None, list[tuple[str, bool, int, int]]] = (None, [])

    def _scan(self) -> tuple[tuple[str, bool, int, int], ...]:
        """(path, uploaded, mtime, size) of every article file, seeds first, by name.

        One ``scandir`` per folder and one ``stat`` per seed file: this runs on every
        request that needs the library, so that edited, added or removed files show at
        once. The uploads folder is listed again only when its own modification time
        changes: the app writes it by renaming whole files in, never by editing one, so a
        library of a thousand uploads costs one ``stat`` here, not a thousand.
        """
        found = self._listing(self.seeds, False) if self.seeds is not None else []
        try:
            stamp = os.stat(self.uploads).st_mtime_ns
        except OSError:
            stamp = None
        known, listed = self._uploads_seen
        if stamp is None or stamp != known:
            listed = self._listing(self.uploads, True) if stamp is not None else []
            self._uploads_seen = (stamp, listed)
        return tuple(found + listed)

    @staticmethod
    def _listing(folder: Path, uploaded: bool) -> list[tuple[str, bool, int, int]]:
        found = []
        for f in article_files(folder):
            try:
                stat = f.stat()
            except FileNotFoundError:  # removed while listing
                continue
            found.append((f.path, uploaded, stat.st_mtime_ns, stat.st_size))
        return found

    def study_set(self, data: bytes, source: str, store: Store, parser: Parser = parse) -> StudySet:
        """The study set of article bytes, from the cache or parsed by ``parser`` (and then
        cached). An edited article keeps the ids of the items its edit corrects (the
        version cached before is the ledger), so quiz reviews stay with their items; one
        whose own id changed (an edited source link or title) keeps the id of the article
        it was, found by its sentences among every article read from the same source (for
        an upload, every upload and preview: not only the one read last)."""
        key = content_key(data)
        cached = store.cached_study_set(key)
        if cached is not None:
            return cached
        ss = parser(data, source)
        previous = store.latest_study_set(ss.id)
        if previous is None:  # a new id: perhaps an article read from this source before
            for row, article, texts in store.sentences_from(source):
                if same_article(ss, {article: [Item("sentence", "", zh) for zh in texts]}):
                    previous = store.study_set_at(row)
                    ss = rekey(ss, previous.id)
                    break
        if previous is not None:
            from learnkit.pipeline import carry

            ss = carry(ss, study_items(previous, blanks=True))
        store.cache_study_set(key, ss, self.clock())
        return ss

    def _entry(
        self, path: Path, uploaded: bool, store: Store, stamp: tuple[int, int] | None = None
    ) -> Entry | None:
        if stamp is None:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        known = self._files.get(path)
        if known and known[0] == stamp:
            return known[1]
        source = f"uploads/{path.name}" if uploaded else str(path)
        try:
            ss = self.study_set(path.read_bytes(), source, store)
        except (LearnkitError, OSError) as exc:
            self.errors[path] = str(exc) if isinstance(exc, LearnkitError) else f"{path}: {exc}"
            return None
        self.errors.pop(path, None)
        entry = Entry(path, uploaded, ss, build_items(ss, store.placements(ss.id)))
        self._files[path] = (stamp, entry)
        return entry

    def entries(self, store: Store) -> list[Entry]:
        """Every readable article, seeds first; an article found twice is listed once."""
        scan = self._scan()
        with self._lock:
            last_scan, last_entries = self._last
            if scan == last_scan:  # no file added, removed or changed, and none failed
                return list(last_entries)
            out: dict[str, Entry] = {}
            for path, uploaded, mtime, size in scan:
                entry = self._entry(Path(path), uploaded, store, (mtime, size))
                if entry is not None and entry.key not in out:
                    out[entry.key] = entry
            entries = list(out.values())
            failed = any(Path(p) in self.errors for p, *_ in scan)
            self._last = ((), []) if failed else (scan, entries)  # retry a failed file
            return list(entries)

    def get(self, key: str, store: Store) -> Entry | None:
        return next((e for e in self.entries(store) if e.key == key), None)

    def item(self, item_id: str, store: Store) -> ClozeItem | None:
        """One quiz item by id. While the file of its article is unchanged, one ``stat`` of
        that file replaces the scan of the folders (this runs on every answer)."""
        known, by_id = self._items
        item = by_id.get(item_id)
        entry = next((e for e in known if e.key == item.article), None) if item else None
        if entry is not None:
            try:
                stat = entry.path.stat()
            except OSError:
                stat = None
            seen = self._files.get(entry.path)
            if stat and seen and seen == ((stat.st_mtime_ns, stat.st_size), entry):
                return item
        return self.items(store).get(item_id)

    def items(self, store: Store) -> dict[str, ClozeItem]:
        """Every quiz item of the library by id (rebuilt only when an article changed)."""
        entries = self.entries(store)
        with self._lock:
            known, by_id = self._items
            same = len(known) == len(entries) and all(
                a is b for a, b in zip(known, entries, strict=True)
            )
            if not same:
                by_id = {i.id: i for e in entries for i in e.items}
                self._items = (entries, by_id)
            return by_id

    def save_upload(self, data: bytes, store: Store, parser: Parser = parse) -> Entry:
        """Store an uploaded article under a generated name; DuplicateArticle if it is one."""
        ss = self.study_set(data, "upload", store, parser)
        with self._lock:
            existing = self.get(ss.id, store)
            if existing is not None:
                raise DuplicateArticle(
                    f"upload: this article is already in the library ({existing.path.name})",
                    existing.key,
                    same_text(ss, existing.study_set),
                )
            self.uploads.mkdir(parents=True, exist_ok=True)
            path = self.uploads / f"{secrets.token_hex(8)}.md"
            partial = path.with_suffix(".part")  # not an article suffix: scans skip it
            partial.write_bytes(data)
            os.replace(partial, path)  # other threads' scans never see a half-written file
            entry = self._entry(path, True, store)
        assert entry is not None
        return entry

    def delete_upload(self, key: str, store: Store) -> Entry:
        """Remove an uploaded article's file (its review history stays in the store, its
        items leave the library); ArticleError for an unknown or a seed article."""
        with self._lock:
            entry = self.get(key, store)
            if entry is None or not entry.uploaded:
                raise ArticleError(f"{key}: not an uploaded article (seed articles stay)")
            entry.path.unlink(missing_ok=True)
            self._files.pop(entry.path, None)
            self._uploads_seen = (None, [])  # list the folder again
            return entry
