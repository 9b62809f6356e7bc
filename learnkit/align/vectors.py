"""Sentence-embedding vectors for phrase pairing, kept by text for the process.

Phrases and candidate spans recur across beads and articles: each text is embedded once
(:mod:`learnkit.align.embed`), and a bead's texts go in one call (a call costs far more
than a text).
"""

from __future__ import annotations

CACHE: dict[str, object] = {}  # text -> embedding, for the process (phrases recur)
MAX_CACHED = 50000


def prefetch(texts) -> None:
    """Embed the texts not yet cached, all in one call (a call costs far more than a text)."""
    from learnkit.align.embed import embed

    missing = list(dict.fromkeys(t for t in texts if t not in CACHE))
    if not missing:
        return
    if len(CACHE) + len(missing) > MAX_CACHED:
        CACHE.clear()
    CACHE.update(zip(missing, embed(missing), strict=True))


def matrix(texts: list[str]):
    """The unit vectors of ``texts``, one row each (embedding those not cached yet)."""
    import numpy as np

    prefetch(texts)
    return np.stack([CACHE[t] for t in texts])


def cosines(phrase: str, candidates: list[str]) -> list[float]:
    """The cosine of each candidate text with ``phrase``."""
    vectors = matrix([phrase, *candidates])
    return [float(v) for v in vectors[1:] @ vectors[0]]
