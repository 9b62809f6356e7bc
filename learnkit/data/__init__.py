"""Where the library's data files live."""

from pathlib import Path

DATA_DIR = Path(__file__).parent


def data_path(name: str) -> Path:
    """Path of a data file shipped in ``learnkit/data``."""
    return DATA_DIR / name
