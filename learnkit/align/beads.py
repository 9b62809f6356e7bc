"""Paragraph, then sentence alignment of a Chinese and an English text.

:func:`align_document` first pairs paragraphs (1-1, 1-2, 2-1, 1-0, 0-1) by length and
lexical evidence, then aligns the sentences inside each aligned paragraph group by dynamic
programming over beads up to 1-4 / 3-2. A bead's score adds a Gale-Church length term (the
English/Chinese character ratio is measured on the group, shrunk towards a prior),
CC-CEDICT gloss and anchor overlap (:mod:`learnkit.align_features`), a bead-type prior
and, for long groups only, the cosine of multilingual sentence embeddings
(:mod:`learnkit.embed`; groups of sentences use the cosine of their summed vectors).

Embeddings cost a model load (~1 s) and ~1 ms a sentence, far more than the rest, so by
default (``embeddings="auto"``) they are used only for groups longer than
``EMBED_MIN_SENTENCES`` on one side (unparagraphed text such as the MAC novel chapters);
news paragraphs are aligned on length and lexical evidence alone. ``"always"`` and
``"never"`` force the choice.
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


@dataclass(frozen=True)
class Params:
    """Weights of a bead's score (tuned on MAC-Dev and checked on news pairs)."""

    lex: float = 8.0
    emb: float = 6.0
    length: float = 1.0
    variance: float = 20.0  # Gale-Church variance per English character
    ratio: float = 3.6  # prior English characters (spaces included) per Chinese character
    ratio_weight: float = 150.0  # the prior counts as this many Chinese characters
    # paragraphs: an untranslated paragraph would skew a whole article's measured ratio
    paragraph_ratio_weight: float = 1000.0
    skip: float = -4.0  # score of a 1-0 or 0-1 bead, per sentence
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
    )
    band: int = 24  # DP band half-width (sentences) for long groups


PARAMS = Params()
_PARAGRAPH_MOVES = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))


def align_document(
    zh_paragraphs: Sequence[Sequence[str]],
    en_paragraphs: Sequence[Sequence[str]],
    *,
    embeddings: Embeddings = "auto",
    params: Params = PARAMS,
) -> tuple[Bead, ...]:
    """Beads over the flat, document-order sentence lists; every sentence in exactly one."""
    return align(
        [t for p in zh_paragraphs for t in p],
        [i for i, p in enumerate(zh_paragraphs) for _ in p],
        [t for p in en_paragraphs for t in p],
        [i for i, p in enumerate(en_paragraphs) for _ in p],
        embeddings=embeddings,
        params=params,
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
) -> tuple[Bead, ...]:
    """:func:`align_document` over flat sentence lists, each sentence with its paragraph's
    number (non-decreasing); ``zh_words``: each Chinese sentence's word offsets, when the
    caller has segmented them already."""
    zh_flat, en_flat = list(zh), list(en)
    evidence = feats.Evidence(feats.units(zh_flat, "zh", zh_words), feats.units(en_flat, "en"))
    beads: list[Bead] = []
    for (z0, z1), (e0, e1) in _align_paragraphs(
        _bounds(zh_paragraph), _bounds(en_paragraph), evidence, params
    ):
        use = embeddings == "always" or (
            embeddings == "auto" and max(z1 - z0, e1 - e0) > EMBED_MIN_SENTENCES
        )
        sim = _embedding_sim(zh_flat[z0:z1], en_flat[e0:e1]) if use else None
        for (a0, a1), (b0, b1), score in _align_sentences(evidence, z0, z1, e0, e1, sim, params):
            beads.append(Bead(tuple(range(a0, a1)), tuple(range(b0, b1)), round(score, 3)))
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


def _length_score(lz: int, le: int, ratio: float, variance: float) -> float:
    """Gale-Church log-likelihood (up to a constant) of English length given Chinese length."""
    expected = lz * ratio
    delta = (le - expected) / math.sqrt(variance * max((expected + le) / 2, 1.0))
    return -min(delta * delta / 2, 12.0)


def _align_paragraphs(zh: list[int], en: list[int], evidence: feats.Evidence, params: Params):
    """Aligned paragraph groups as flat sentence ranges ((z0, z1), (e0, e1)), in order.

    ``zh`` and ``en`` are paragraph bounds (see :func:`_bounds`).
    """
    n, m = len(zh) - 1, len(en) - 1
    if n <= 1 and m <= 1 or not n or not m:
        return [((0, zh[-1]), (0, en[-1]))]
    ratio = _ratio(
        *evidence.lengths(0, zh[-1], 0, en[-1]), params.ratio, params.paragraph_ratio_weight
    )

    def score(p0: int, p1: int, q0: int, q1: int) -> float:
        if p0 == p1 or q0 == q1:
            return params.skip
        z0, z1, e0, e1 = zh[p0], zh[p1], en[q0], en[q1]
        lz, le = evidence.lengths(z0, z1, e0, e1)
        prior = 0.0 if (p1 - p0, q1 - q0) == (1, 1) else -2.0
        return (
            params.lex * 2 * evidence.lexical(z0, z1, e0, e1)
            + params.length * _length_score(lz, le, ratio, params.variance)
            + prior
        )

    path = _dp(n, m, _PARAGRAPH_MOVES, score, params.band)
    return [((zh[p0], zh[p1]), (en[q0], en[q1])) for (p0, p1), (q0, q1), _ in path]


def _embedding_sim(zh: list[str], en: list[str]):
    """Similarity matrices of the sentence vectors: (zh·en, zh·zh, en·en)."""
    from learnkit.align.embed import embed

    if not zh or not en:
        return None
    z, e = embed(zh), embed(en)
    return z @ e.T, z @ z.T, e @ e.T


def _align_sentences(
    evidence: feats.Evidence, z0: int, z1: int, e0: int, e1: int, sim, params: Params
):
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

    def score(a0: int, a1: int, b0: int, b1: int) -> float:
        if a0 == a1 or b0 == b1:
            return params.skip
        lz, le = evidence.lengths(z0 + a0, z0 + a1, e0 + b0, e0 + b1)
        total = (
            prior[(a1 - a0, b1 - b0)]
            + params.lex * evidence.lexical(z0 + a0, z0 + a1, e0 + b0, e0 + b1)
            + params.length * _length_score(lz, le, ratio, params.variance)
        )
        if sim is not None:
            total += params.emb * _group_cosine(sim, a0, a1, b0, b1)
        return total

    moves = tuple(prior) + ((1, 0), (0, 1))
    return [
        ((z0 + a0, z0 + a1), (e0 + b0, e0 + b1), s)
        for (a0, a1), (b0, b1), s in _dp(n, m, moves, score, params.band)
    ]


def _group_cosine(sim, z0: int, z1: int, e0: int, e1: int) -> float:
    """Cosine of the summed sentence vectors of two groups, from the Gram matrices."""
    cross, zz, ee = sim
    norm = float(zz[z0:z1, z0:z1].sum()) * float(ee[e0:e1, e0:e1].sum())
    return float(cross[z0:z1, e0:e1].sum()) / math.sqrt(max(norm, 1e-9))


def _dp(n: int, m: int, moves, score: Callable[[int, int, int, int], float], band: int):
    """Best monotone segmentation into beads; returns ((z0, z1), (e0, e1), score) in order."""
    neg = -math.inf
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    width = max(band, abs(n - m) // 2 + 4)
    for i in range(n + 1):
        centre = i * m / n if n else 0
        lo, hi = max(0, int(centre) - width), min(m, int(centre) + width)
        if n * m <= 400:
            lo, hi = 0, m
        for j in range(lo, hi + 1):
            if i == j == 0:
                continue
            row_best, row_back = neg, None
            for a, b in moves:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0 or best[pi][pj] == neg:
                    continue
                s = score(pi, i, pj, j)
                if best[pi][pj] + s > row_best:
                    row_best, row_back = best[pi][pj] + s, (pi, pj, s)
            best[i][j], back[i][j] = row_best, row_back
    path = []
    i, j = n, m
    while i or j:
        pi, pj, s = back[i][j]
        path.append(((pi, i), (pj, j), s))
        i, j = pi, pj
    return path[::-1]
