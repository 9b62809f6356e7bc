"""Paragraph, then sentence alignment of a Chinese and an English text.

:func:`align_document` first pairs paragraphs (1-1, 1-2, 2-1, 1-0, 0-1) by length and
lexical evidence, then aligns the sentences inside each aligned paragraph group by dynamic
programming over beads up to 1-6 / 3-2. A bead's score adds a Gale-Church length term (the
English/Chinese character ratio is measured on the group, shrunk towards a prior),
CC-CEDICT gloss and anchor overlap (:mod:`learnkit.align.features`), a bead-type prior,
a penalty when a bead ends inside quoted speech on one side only
(:func:`learnkit.align.features.quote_states`: translators split and join sentences inside
a quote, but rarely move a sentence across its end) and, for long groups only,
multilingual sentence embeddings (:mod:`learnkit.align.embed`): each side of a bead is
embedded as one text (the model's token sums of its sentences, as Vecalign embeds
concatenations), and each sentence earns the cosine of its own vector with the other
side's, so that n sentences earn n terms however they are grouped (summed
vectors and one term a bead made a crossing 2-2 bead cheaper as two 1-1 beads).

Embeddings cost a model load (~1 s) and ~10 ms a sentence, far more than the rest, so by
default (``embeddings="auto"``) they are used only for groups longer than
``EMBED_MIN_SENTENCES`` on one side (unparagraphed text such as the MAC novel chapters)
and at most ``EMBED_MAX_SENTENCES`` long (a book-length flat paragraph is aligned on
length and lexical evidence, within its time budget); news paragraphs are aligned on
length and lexical evidence alone. ``"always"`` and ``"never"`` force the choice.

Cost is linear in the text however it is paragraphed: a problem larger than
``FULL_CELLS`` is first solved over blocks twice as large (recursively), and the exact
programme then visits only the cells near that coarse path (Vecalign's scheme), with
pairwise evidence computed on demand (``bench/scale.py``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from learnkit.align import features as feats
from learnkit.models import Bead

Embeddings = Literal["auto", "always", "never"]
EMBED_MIN_SENTENCES = 16
# ~10 ms a sentence: beyond this many sentences (both sides) a group is aligned on length
# and lexical evidence alone, so that a book-length paragraph stays within its budget
EMBED_MAX_SENTENCES = 3000


@dataclass(frozen=True)
class Params:
    """Weights of a bead's score (tuned on MAC-Dev and checked on news pairs)."""

    lex: float = 8.0
    emb: float = 10.0  # per sentence; chosen on the odd MAC-Dev documents (even: held out)
    length: float = 1.0
    variance: float = 20.0  # Gale-Church variance per English character
    ratio: float = 3.6  # prior English characters (spaces included) per Chinese character
    ratio_weight: float = 150.0  # the prior counts as this many Chinese characters
    # paragraphs: an untranslated paragraph would skew a whole article's measured ratio
    paragraph_ratio_weight: float = 1000.0
    skip: float = -4.0  # score of a 1-0 or 0-1 bead, per sentence
    quote: float = 3.0  # a bead that ends inside quoted speech on one side only
    # log-prior of each m-n bead type (m Chinese, n English sentences)
    prior: tuple[tuple[tuple[int, int], float], ...] = (
        ((1, 1), 0.0),
        ((1, 2), -1.0),
        ((2, 1), -1.5),
        ((2, 2), -3.0),
        ((1, 3), -2.0),
        ((3, 1), -3.5),
        ((1, 4), -3.0),
        ((2, 3), -3.5),
        ((3, 2), -4.0),
        ((1, 5), -4.0),
        ((1, 6), -5.0),
    )


PARAMS = Params()
_PARAGRAPH_MOVES = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))
_COARSE_MOVES = _PARAGRAPH_MOVES  # blocks of several sentences or paragraphs
FULL_CELLS = 4096  # problems up to this many cells get the exact programme over all of them
WIDTH = 6  # blocks each side of the coarse path that the finer programme visits


def align_document(
    zh_paragraphs: Sequence[Sequence[str]],
    en_paragraphs: Sequence[Sequence[str]],
    *,
    embeddings: Embeddings = "auto",
    params: Params = PARAMS,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Bead, ...]:
    """Beads over the flat, document-order sentence lists; every sentence in exactly one."""
    return align(
        [t for p in zh_paragraphs for t in p],
        [i for i, p in enumerate(zh_paragraphs) for _ in p],
        [t for p in en_paragraphs for t in p],
        [i for i, p in enumerate(en_paragraphs) for _ in p],
        embeddings=embeddings,
        params=params,
        progress=progress,
    )


def align(
    zh: Sequence[str],
    zh_paragraph: Sequence[int],
    en: Sequence[str],
    en_paragraph: Sequence[int],
    *,
    zh_words: Sequence[Sequence[tuple[int, int]]] | None = None,
    embeddings: Embeddings = "auto",
    params: Params = PARAMS,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Bead, ...]:
    """:func:`align_document` over flat sentence lists, each sentence with its paragraph's
    number (non-decreasing); ``zh_words``: each Chinese sentence's word offsets, when the
    caller has segmented them already. ``progress(done, total)`` is called after each
    paragraph group (in Chinese sentences)."""
    zh_flat, en_flat = list(zh), list(en)
    zh_units, en_units = feats.units(zh_flat, "zh", zh_words), feats.units(en_flat, "en")
    evidence = feats.Evidence(zh_units, en_units)
    quotes = feats.quote_states(zh_flat), feats.quote_states(en_flat)
    beads: list[Bead] = []
    for (z0, z1), (e0, e1) in _align_paragraphs(
        _bounds(zh_paragraph), _bounds(en_paragraph), zh_units, en_units, evidence, params
    ):
        size = max(z1 - z0, e1 - e0)
        use = embeddings == "always" or (
            embeddings == "auto"
            and size > EMBED_MIN_SENTENCES
            and (z1 - z0) + (e1 - e0) <= EMBED_MAX_SENTENCES
        )
        vectors = _Vectors(zh_flat[z0:z1], en_flat[e0:e1]) if use and z1 > z0 < e1 else None
        for (a0, a1), (b0, b1), score in _align_sentences(
            zh_units, en_units, evidence, quotes, z0, z1, e0, e1, vectors, params
        ):
            beads.append(Bead(tuple(range(a0, a1)), tuple(range(b0, b1)), round(score, 3)))
        if progress is not None:
            progress(z1, len(zh_flat))
    return tuple(beads)


def _bounds(paragraph: Sequence[int]) -> list[int]:
    """Flat index of each paragraph's first sentence, then the sentence count."""
    starts = [i for i in range(len(paragraph)) if not i or paragraph[i] != paragraph[i - 1]]
    return [*starts, len(paragraph)]


def _ratio(lz: int, le: int, prior: float, weight: float) -> float:
    """English characters per Chinese character: measured on the text, shrunk to a prior.

    Short texts get mostly the prior (an untranslated sentence would skew their own
    ratio); long ones (a novel chapter) mostly their own.
    """
    return (le + weight * prior) / (lz + weight)


# the length term's floor (about five standard deviations off): a bead of several sentences
# this far from the expected length is not scored further (see _align_sentences)
LENGTH_FLOOR = -12.0


def _length_score(lz: int, le: int, ratio: float, variance: float) -> float:
    """Gale-Church log-likelihood (up to a constant) of English length given Chinese length."""
    expected = lz * ratio
    delta = (le - expected) / math.sqrt(variance * max((expected + le) / 2, 1.0))
    return max(-delta * delta / 2, LENGTH_FLOOR)


def _align_paragraphs(
    zh: list[int],
    en: list[int],
    zh_units: list[feats.Unit],
    en_units: list[feats.Unit],
    evidence: feats.Evidence,
    params: Params,
):
    """Aligned paragraph groups as flat sentence ranges ((z0, z1), (e0, e1)), in order.

    ``zh`` and ``en`` are paragraph bounds (see :func:`_bounds`).
    """
    n, m = len(zh) - 1, len(en) - 1
    if n <= 1 and m <= 1 or not n or not m:
        return [((0, zh[-1]), (0, en[-1]))]
    ratio = _ratio(
        *evidence.lengths(0, zh[-1], 0, en[-1]), params.ratio, params.paragraph_ratio_weight
    )
    # one unit a paragraph: a candidate pair of paragraph ranges costs a few unit pairs, not
    # one for each pair of their sentences (the evidence is the same: glosses and stems of
    # the paragraphs pooled, anchors OR-ed)
    zh_paras, en_paras = feats.merge(zh_units, zh), feats.merge(en_units, en)
    merged = feats.Evidence(zh_paras, en_paras)

    def scorer(zb: list[int], eb: list[int], lexical: _Lexical, fine: bool) -> _Score:
        def score(p0: int, p1: int, q0: int, q1: int) -> float:
            if p0 == p1 or q0 == q1:
                return params.skip
            lz, le = merged.lengths(zb[p0], zb[p1], eb[q0], eb[q1])
            prior = 0.0 if (p1 - p0, q1 - q0) == (1, 1) else -2.0
            return (
                params.lex * 2 * lexical(p0, p1, q0, q1)
                + params.length * _length_score(lz, le, ratio, params.variance)
                + prior
            )

        return score

    zb, eb = list(range(n + 1)), list(range(m + 1))
    path = _Problem(zb, eb, (zh_paras, en_paras), merged, scorer, _PARAGRAPH_MOVES).solve()
    return [((zh[p0], zh[p1]), (en[q0], en[q1])) for (p0, p1), (q0, q1), _ in path]


class _Vectors:
    """Sentence embeddings of one group: a run of sentences is embedded as one text (the
    model's token sums of its sentences, :func:`learnkit.align.embed.pooled`), each run
    once; memory stays linear in the group (no Gram matrices)."""

    def __init__(self, zh: list[str], en: list[str]):
        from learnkit.align.embed import pooled

        self._states = (pooled(zh), pooled(en))
        self._runs: tuple[dict, dict] = ({}, {})

    def prepare(self, zh_sizes: Sequence[int], en_sizes: Sequence[int]) -> None:
        """Embed at once (one batched head pass a side) every run of these sizes."""
        import numpy as np

        from learnkit.align.embed import run_vectors

        for side, sizes in enumerate((zh_sizes, en_sizes)):
            states, runs = self._states[side], self._runs[side]
            n = len(states.first)
            spans = [(a, a + k) for k in sizes for a in range(n - k + 1)]
            if spans:
                starts, ends = np.array(spans).T
                for span, vector in zip(spans, run_vectors(states, starts, ends), strict=True):
                    runs[span] = vector

    def _vector(self, side: int, a: int, b: int):
        runs = self._runs[side]
        vector = runs.get((a, b))
        if vector is None:
            from learnkit.align.embed import run_vectors

            vector = runs[a, b] = run_vectors(self._states[side], [a], [b])[0]
        return vector

    def coverage(self, z0: int, z1: int, e0: int, e1: int) -> float:
        """Half the summed cosines of each sentence with the other side's run."""
        zv, ev = self._vector(0, z0, z1), self._vector(1, e0, e1)
        total = sum(float(self._vector(0, i, i + 1) @ ev) for i in range(z0, z1))
        total += sum(float(self._vector(1, j, j + 1) @ zv) for j in range(e0, e1))
        return total / 2

    def cosine(self, z0: int, z1: int, e0: int, e1: int) -> float:
        """Cosine of the embeddings of two runs (indices into the group)."""
        return float(self._vector(0, z0, z1) @ self._vector(1, e0, e1))


def _align_sentences(zh_units, en_units, evidence, quotes, z0, z1, e0, e1, vectors, params: Params):
    """Sentence beads of one paragraph group as flat ranges ((a0, a1), (b0, b1), score)."""
    n, m = z1 - z0, e1 - e0
    if not n or not m:
        return [((i, i + 1), (e0, e0), params.skip) for i in range(z0, z1)] + [
            ((z1, z1), (j, j + 1), params.skip) for j in range(e0, e1)
        ]
    if n == m == 1:
        return [((z0, z1), (e0, e1), 0.0)]
    ratio = _ratio(*evidence.lengths(z0, z1, e0, e1), params.ratio, params.ratio_weight)
    prior = dict(params.prior)
    zh_quote, en_quote = quotes

    def scorer(zb: list[int], eb: list[int], lexical: _Lexical, fine: bool) -> _Score:
        def score(a0: int, a1: int, b0: int, b1: int) -> float:
            if a0 == a1 or b0 == b1:
                return params.skip
            za, zz, ea, ee = zb[a0], zb[a1], eb[b0], eb[b1]
            lz, le = evidence.lengths(za, zz, ea, ee)
            kind = (a1 - a0, b1 - b0)
            length = _length_score(lz, le, ratio, params.variance)
            if length == LENGTH_FLOOR and kind != (1, 1):
                # all but never the best bead; 1-1 beads and skips are scored whatever their
                # lengths, so every cell stays reachable (this pays for the 1-5, 1-6 moves)
                return -math.inf
            total = (
                (prior[kind] if fine else 0.0 if kind == (1, 1) else -2.0)
                + params.lex * lexical(a0, a1, b0, b1)
                + params.length * length
            )
            zq, eq = zh_quote[zz], en_quote[ee]
            if zq != eq and zq != feats.QUOTE_UNKNOWN != eq:
                total -= params.quote  # the bead ends inside speech on one side only
            if vectors is not None:
                # a bead of sentences is scored per sentence (its cosine with the other side
                # of the bead embedded whole), so that n sentences earn n terms however they
                # are grouped; the coarse pass's blocks compare whole
                similarity = vectors.coverage if fine else vectors.cosine
                total += params.emb * similarity(za - z0, zz - z0, ea - e0, ee - e0)
            return total

        return score

    zb, eb = list(range(z0, z1 + 1)), list(range(e0, e1 + 1))
    moves = tuple(prior) + ((1, 0), (0, 1))
    if vectors is not None:
        vectors.prepare(sorted({a for a, _ in prior}), sorted({b for _, b in prior}))
    path = _Problem(zb, eb, (zh_units, en_units), evidence, scorer, moves).solve()
    return [((zb[a0], zb[a1]), (eb[b0], eb[b1]), s) for (a0, a1), (b0, b1), s in path]


_Score = Callable[[int, int, int, int], float]
_Lexical = Callable[[int, int, int, int], float]
_Scorer = Callable[[list[int], list[int], _Lexical, bool], _Score]


class _Problem:
    """A monotone alignment of two sequences of blocks (paragraphs or sentences).

    ``zb``/``eb`` are the blocks' bounds into the flat sentence lists. Small problems get the
    exact programme over every cell. Larger ones are solved as Vecalign does: the problem
    over blocks twice as large (their features merged) is solved first, recursively, and
    the exact programme then visits only the cells within ``WIDTH`` blocks of that coarse
    path, so time and memory grow linearly with the text however it is paragraphed.
    """

    def __init__(self, zb, eb, units, evidence, scorer: _Scorer, moves, fine: bool = True):
        self.zb, self.eb, self.units, self.scorer, self.moves, self.fine = (
            zb,
            eb,
            units,
            scorer,
            moves,
            fine,
        )
        self.evidence = evidence

    def lexical(self, p0: int, p1: int, q0: int, q1: int) -> float:
        if self.fine:  # blocks are ranges of the flat units
            zb, eb = self.zb, self.eb
            return self.evidence.lexical(zb[p0], zb[p1], eb[q0], eb[q1])
        return self.evidence.lexical(p0, p1, q0, q1)  # one merged unit per block

    def solve(self):
        n, m = len(self.zb) - 1, len(self.eb) - 1
        score = self.scorer(self.zb, self.eb, self.lexical, self.fine)
        if (n + 1) * (m + 1) <= FULL_CELLS or min(n, m) < 2:
            return _dp(n, m, self.moves, score, [(0, m)] * (n + 1))
        zb, eb = _halve(self.zb), _halve(self.eb)
        zh_units, en_units = self.units
        merged = feats.Evidence(feats.merge(zh_units, zb), feats.merge(en_units, eb))
        coarse = _Problem(zb, eb, self.units, merged, self.scorer, _COARSE_MOVES, fine=False)
        path = coarse.solve()
        # the coarse path in this problem's blocks: coarse bound k is this problem's 2k
        path = [
            ((2 * a0, min(2 * a1, n)), (2 * b0, min(2 * b1, m)), s)
            for (a0, a1), (b0, b1), s in path
        ]
        return _dp(n, m, self.moves, score, _band(path, n, m, WIDTH))


def _halve(bounds: list[int]) -> list[int]:
    """Bounds of blocks made of two consecutive blocks (the last one may be single)."""
    out = bounds[::2]
    if out[-1] != bounds[-1]:
        out.append(bounds[-1])
    return out


def _band(path, n: int, m: int, width: int) -> list[tuple[int, int]]:
    """For each row 0..n, the columns within ``width`` of the path (rows and columns)."""
    lo, hi = [m] * (n + 1), [0] * (n + 1)
    for (a0, a1), (b0, b1), _ in path:
        for i in range(a0, a1 + 1):
            lo[i], hi[i] = min(lo[i], b0), max(hi[i], b1)
    rows = []
    for i in range(n + 1):
        near = range(max(0, i - width), min(n, i + width) + 1)
        rows.append(
            (max(0, min(lo[k] for k in near) - width), min(m, max(hi[k] for k in near) + width))
        )
    return rows


def _dp(n: int, m: int, moves, score: _Score, rows: list[tuple[int, int]]):
    """Best monotone segmentation into beads, visiting row i's columns ``rows[i]`` only;
    returns ((z0, z1), (e0, e1), score) in order."""
    neg = -math.inf
    best = [[neg] * (hi - lo + 1) for lo, hi in rows]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (hi - lo + 1) for lo, hi in rows]
    best[0][0 - rows[0][0]] = 0.0
    for i in range(n + 1):
        lo, hi = rows[i]
        row, row_back = best[i], back[i]
        for j in range(lo, hi + 1):
            if i == j == 0:
                continue
            cell_best, cell_back = neg, None
            for a, b in moves:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0:
                    continue
                plo, phi = rows[pi]
                if pj < plo or pj > phi or best[pi][pj - plo] == neg:
                    continue
                s = score(pi, i, pj, j)
                if best[pi][pj - plo] + s > cell_best:
                    cell_best, cell_back = best[pi][pj - plo] + s, (pi, pj, s)
            row[j - lo], row_back[j - lo] = cell_best, cell_back
    path = []
    i, j = n, m
    while i or j:
        pi, pj, s = back[i][j - rows[i][0]]
        path.append(((pi, i), (pj, j), s))
        i, j = pi, pj
    return path[::-1]
