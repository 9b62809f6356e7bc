"""A small on-disk cache for data LearnKit derives from installed packages.

Loading jieba's dictionary with LearnKit's adjustments, or indexing CC-CEDICT, costs
0.3-1 s per process; ``marshal`` reloads the result several times faster. Entries are
keyed by everything they are derived from (package versions, data file contents), so a
stale entry is never read; any I/O problem just means building again.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import mmap
import os
import re
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

ENV = "LEARNKIT_CACHE_DIR"  # overrides the location; "off" disables the cache


def cache_dir() -> Path | None:
    """``$LEARNKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/learnkit``, else ``~/.cache/learnkit``."""
    configured = os.environ.get(ENV)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "learnkit"


def fingerprint(*parts: str | bytes) -> str:
    """A short stable hash of the inputs a cached value is derived from."""
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


@functools.cache
def package_fingerprint() -> str:
    """Hash of everything LearnKit's outputs depend on: its code, its data files and the
    versions of the packages it runs on. Cached study sets are reused only while it holds."""
    return tree_fingerprint(Path(__file__).parent, _dependencies())


def tree_fingerprint(root: Path, dependencies: list[str]) -> str:
    """Hash of every file under ``root`` (names and bytes) and the installed versions of
    ``dependencies``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    for name in dependencies:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()[:16]


def _dependencies() -> list[str]:
    """The distributions LearnKit requires at run time (extras such as ``test`` left out)."""
    try:
        requires = metadata.requires("learnkit") or []
    except metadata.PackageNotFoundError:
        return []
    names = (re.match(r"[A-Za-z0-9._-]+", r).group(0) for r in requires if "extra ==" not in r)
    return sorted({n.lower() for n in names})


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()``'s value (marshal-able), read from ``<cache dir>/<name>-<key>.marshal`` if
    present, else built and stored there (atomically; older entries of ``name`` removed)."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.marshal"
    try:
        return marshal.loads(path.read_bytes())  # 2-3x faster than marshal.load(file)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(value, fh)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        for old in folder.glob(f"{name}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return value


_MAPPED = b"LKMAP1\0\0"  # magic of a mapped entry: then header size, header, aligned blobs
_ALIGN = 64


def mapped(name: str, key: str, build: Callable[[], tuple[Any, list[bytes]]]) -> Any:
    """``build()``'s (header, blobs) as (header, one read-only memoryview per blob), the
    blobs mapped from ``<cache dir>/<name>-<key>.mapped`` (built and stored there first if
    absent; older entries of ``name`` removed). For large binary data (model weights): a
    process reads only the pages it touches, and forked workers share them, where
    ``marshal`` would read and copy the whole file. ``header``: marshal-able."""
    folder = cache_dir()
    if folder is None:
        header, blobs = build()
        return header, [memoryview(b).toreadonly() for b in blobs]
    path = folder / f"{name}-{key}.mapped"
    try:
        return _read_mapped(path)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    header, blobs = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_mapped_layout(header, blobs))
                for blob in blobs:
                    fh.write(blob)
                    fh.write(b"\0" * (-len(blob) % _ALIGN))
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        for old in folder.glob(f"{name}-*"):  # a marshal entry of an older LearnKit too
            if old != path and old.suffix in (".mapped", ".marshal"):
                old.unlink(missing_ok=True)
        return _read_mapped(path)
    except (OSError, EOFError, ValueError, TypeError):
        return header, [memoryview(b).toreadonly() for b in blobs]


def _mapped_layout(header: Any, blobs: list[bytes]) -> bytes:
    """The start of a mapped entry: magic, size, marshal of (header, blob sizes), padding."""
    meta = marshal.dumps((header, [len(b) for b in blobs]))
    start = len(_MAPPED) + 8 + len(meta)
    return _MAPPED + len(meta).to_bytes(8, "little") + meta + b"\0" * (-start % _ALIGN)


def _read_mapped(path: Path) -> tuple[Any, list[memoryview]]:
    with path.open("rb") as fh:
        area = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    view = memoryview(area)
    if bytes(view[: len(_MAPPED)]) != _MAPPED:
        raise ValueError("not a mapped entry")
    size = int.from_bytes(view[len(_MAPPED) : len(_MAPPED) + 8], "little")
    at = len(_MAPPED) + 8
    header, sizes = marshal.loads(view[at : at + size])
    at += size
    at += -at % _ALIGN
    blobs = []
    for n in sizes:
        if at + n > len(view):
            raise EOFError("truncated mapped entry")
        blobs.append(view[at : at + n])
        at += n + (-n % _ALIGN)
    return header, blobs
