"""Shared fixtures: paths to the sample article and to ../shared evaluation data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SAMPLE = SEEDS / "2024-05-20-xi-putin.md"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_study_set():
    """The sample article's study set, computed once per test session."""
    from learnkit.pipeline import load

    return load(SAMPLE)


@pytest.fixture
def write_article(tmp_path):
    """Write text (str) or raw bytes to a file in tmp_path and return its path."""

    def write(content: str | bytes, name: str = "article.md") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def full_disk(monkeypatch):
    """Package files fill the disk half-way through their write (ENOSPC)."""
    import os

    from learnkit.anki import package

    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd, *args, **kwargs):
            self.file = real_fdopen(fd, *args, **kwargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, data):
            self.file.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(package.os, "fdopen", FullDisk)


@pytest.fixture
def make_app(tmp_path):
    """``make_app(**config)``: a test app on the seeds, its instance folder in tmp_path."""
    from web import create_app

    def make(**config):
        return create_app(
            {
                "TESTING": True,
                "INSTANCE_PATH": str(tmp_path / "instance"),
                "SEEDS_DIR": str(SEEDS),
                "SECRET_KEY": "test-secret",
                "FSRS_FUZZING": False,
                **config,
            }
        )

    return make
