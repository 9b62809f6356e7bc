"""Polyphone disambiguation with g2pM's bi-LSTM, run batched in numpy.

g2pM (Park & Lee 2020, PyPI ``g2pm``, Apache-2.0) ships its trained weights as numpy
arrays but runs one sentence at a time in float64. This module loads the same weights
and runs the same network over many sentences at once: both directions in one matrix
product per step, the input projection precomputed per vocabulary entry, and only the
output rows of the polyphonic characters' own candidate readings scored.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

_BATCH = 256  # sentences per batch (sorted by length, so padding stays small)


@dataclass(frozen=True)
class Target:
    """One character to disambiguate: ``sentence`` index and ``position`` in it."""

    sentence: int
    position: int


@dataclass(frozen=True)
class _Model:
    char_ids: dict[str, int]
    candidates: dict[str, tuple[str, ...]]  # polyphonic char → its readings (model classes)
    class_ids: dict[str, int]
    table: np.ndarray  # [vocab, 2, 4h]: embedding @ W_ih.T + biases, per direction
    recurrent: np.ndarray  # [2h, 8h]: block-diagonal W_hh.T of both directions
    hidden_w: np.ndarray
    hidden_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    bos: int
    eos: int
    unk: int


def candidates(char: str) -> tuple[str, ...]:
    """Readings the model chooses from for ``char`` (empty if it is not polyphonic)."""
    return _model().candidates.get(char, ())


def targets(sentences: Sequence[str]) -> list[Target]:
    """Every polyphonic character of ``sentences``, in order."""
    poly = _model().candidates
    return [
        Target(index, position)
        for index, sentence in enumerate(sentences)
        for position, char in enumerate(sentence)
        if char in poly
    ]


def scores(sentences: Sequence[str], targets: Sequence[Target]) -> list[dict[str, float]]:
    """Logit of each candidate reading of each target character, in ``targets`` order."""
    model = _model()
    if not targets:
        return []
    by_sentence: dict[int, list[int]] = {}
    for index, target in enumerate(targets):
        by_sentence.setdefault(target.sentence, []).append(index)
    order = sorted(by_sentence, key=lambda s: len(sentences[s]))
    hidden = np.empty((len(targets), model.hidden_w.shape[1]), dtype=np.float32)
    for start in range(0, len(order), _BATCH):
        batch = order[start : start + _BATCH]
        rows = [i for s in batch for i in by_sentence[s]]
        states = _encode(model, [sentences[s] for s in batch])
        slot = {s: b for b, s in enumerate(batch)}
        hidden[rows] = _states_at(
            states,
            [slot[targets[i].sentence] for i in rows],
            [targets[i].position for i in rows],
            [len(sentences[targets[i].sentence]) for i in rows],
        )
    layer = np.maximum(hidden @ model.hidden_w.T + model.hidden_b, 0)
    result = []
    for target, vector in zip(targets, layer, strict=True):
        readings, weights, biases = _output_rows(sentences[target.sentence][target.position])
        logits = weights @ vector + biases
        result.append(dict(zip(readings, logits.tolist(), strict=True)))
    return result


@cache
def _output_rows(char: str) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """A polyphonic character's readings and their rows of the output layer."""
    model = _model()
    readings = model.candidates[char]
    ids = [model.class_ids[r] for r in readings]
    return readings, model.out_w[ids], model.out_b[ids]


def _encode(model: _Model, sentences: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Forward and backward hidden states, [batch, time, h] each, of BOS+sentence+EOS.

    States past a sentence's end are not computed (left undefined): rows run longest
    first, and each step updates only the rows whose sentence is still going.
    """
    lengths = [len(s) + 2 for s in sentences]
    steps = max(lengths)
    batch = len(sentences)
    rows = sorted(range(batch), key=lambda r: -lengths[r])  # longest first
    forward = np.zeros((batch, steps), dtype=np.int32)
    backward = np.zeros_like(forward)
    get = model.char_ids.get
    for row, index in enumerate(rows):
        ids = [model.bos, *(get(c, model.unk) for c in sentences[index]), model.eos]
        forward[row, : len(ids)] = ids
        backward[row, : len(ids)] = ids[::-1]  # each sentence reversed, padded on the right
    size = model.recurrent.shape[0] // 2
    out = np.empty((steps, batch, 2 * size), dtype=np.float32)
    # Input projections of both directions, time-major: [time, batch, direction, gate, h].
    gates_in = np.stack([model.table[forward.T, 0], model.table[backward.T, 1]], axis=2).reshape(
        steps, batch, 2, 4, size
    )
    gates = np.empty((batch, 8 * size), dtype=np.float32)
    act = gates.reshape(batch, 2, 4, size)  # the step's gates, then their activations
    c = np.zeros((batch, 2, size), dtype=np.float32)
    ig = np.empty_like(c)
    h = np.zeros((batch, 2 * size), dtype=np.float32)
    running = sorted(lengths, reverse=True)
    k = batch
    for t in range(steps):  # the same arithmetic as the plain LSTM step, into buffers
        while running[k - 1] <= t:  # rows ``k`` on have ended: stop computing them
            k -= 1
        k_gates, k_act, k_c, k_ig = gates[:k], act[:k], c[:k], ig[:k]
        np.matmul(h[:k], model.recurrent, out=k_gates)
        k_act += gates_in[t, :k]
        # Gate rows of i, f, o were pre-scaled by 1/2: sigmoid(x) = (tanh(x/2) + 1) / 2.
        np.tanh(k_act, out=k_act)
        ifo = k_act[:, :, :3]  # gates stored i, f, o, g (see _model)
        ifo *= 0.5
        ifo += 0.5
        k_c *= k_act[:, :, 1]
        np.multiply(k_act[:, :, 0], k_act[:, :, 3], out=k_ig)
        k_c += k_ig
        np.tanh(k_c, out=k_ig)
        h = out[t]
        np.multiply(k_act[:, :, 2], k_ig, out=h[:k].reshape(k, 2, size))
    order = np.argsort(rows)  # back to the callers' order
    return (out[:, order, :size].transpose(1, 0, 2), out[:, order, size:].transpose(1, 0, 2))


def _states_at(
    states: tuple[np.ndarray, np.ndarray], rows: list[int], positions: list[int], lengths: list[int]
) -> np.ndarray:
    """Concatenated [forward, backward] state at each sentence position (BOS shifts by one)."""
    forward, backward = states
    rows_a = np.asarray(rows)
    pos = np.asarray(positions) + 1
    back_pos = np.asarray(lengths) + 1 - pos
    return np.concatenate([forward[rows_a, pos], backward[rows_a, back_pos]], axis=1)


@cache
def _model() -> _Model:
    """Load g2pM's shipped weights once per process."""
    folder = resources.files("g2pM")

    def load(name: str):
        with folder.joinpath(name).open("rb") as handle:
            return pickle.load(handle)  # g2pM's own data files, as g2pM itself loads them

    char_ids = load("char2idx.pkl")
    class_ids = load("class2idx.pkl")
    cedict = load("digest_cedict.pkl")
    weights = load("np_ckpt.pkl")
    size = weights["lstm.weight_hh_l0"].shape[1]
    # PyTorch's gate order is i, f, g, o; stored as i, f, o, g so that i, f, o (the sigmoid
    # gates, pre-scaled by 1/2) are one contiguous block.
    order = np.concatenate([np.arange(k * size, (k + 1) * size) for k in (0, 1, 3, 2)])
    scale = np.ones(4 * size, dtype=np.float32)
    scale[: 3 * size] = 0.5
    tables, recurrent = [], np.zeros((2 * size, 8 * size), dtype=np.float32)
    for d, suffix in enumerate(("", "_reverse")):
        w_ih = weights[f"lstm.weight_ih_l0{suffix}"][order]
        bias = (weights[f"lstm.bias_ih_l0{suffix}"] + weights[f"lstm.bias_hh_l0{suffix}"])[order]
        tables.append((weights["embedding.weight"] @ w_ih.T + bias) * scale)
        recurrent[d * size : (d + 1) * size, d * 4 * size : (d + 1) * 4 * size] = (
            weights[f"lstm.weight_hh_l0{suffix}"][order].T * scale
        )
    poly = {
        char: tuple(readings)
        for char, readings in cedict.items()
        if len(readings) > 1 and char in char_ids and all(r in class_ids for r in readings)
    }
    return _Model(
        char_ids=char_ids,
        candidates=poly,
        class_ids=class_ids,
        table=np.stack(tables, axis=1).astype(np.float32),
        recurrent=recurrent,
        hidden_w=weights["logit_layer.0.weight"],
        hidden_b=weights["logit_layer.0.bias"],
        out_w=weights["logit_layer.2.weight"],
        out_b=weights["logit_layer.2.bias"],
        bos=char_ids["시"],
        eos=char_ids["끝"],
        unk=char_ids["<UNK>"],
    )
