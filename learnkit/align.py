"""Paragraph, then sentence alignment of a Chinese and an English text.

:func:`align_document` first pairs paragraphs (1-1, 1-2, 2-1, 1-0, 0-1) by length and
lexical evidence, then aligns the sentences inside each aligned paragraph group by dynamic
programming over beads up to 1-4 / 4-1. A bead's score adds a Gale-Church length term (the
English/Chinese character ratio is measured on the group itself), CC-CEDICT gloss and
anchor overlap (:mod:`learnkit.align_features`), a bead-type prior and, for long groups
only, the cosine of multilingual sentence embeddings (:mod:`learnkit.embed`).

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

from . import align_features as feats
from .align_features import Unit
from .models import Bead

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
    skip: float = -4.0  # score of a 1-0 or 0-1 bead, per sentence
    # log-prior of each m-n bead type (m Chinese, n English sentences)
    prior: tuple[tuple[tuple[int, int], float], ...] = (
        ((1, 1), 0.0), ((1, 2), -1.0), ((2, 1), -1.5), ((2, 2), -3.0),
        ((1, 3), -2.0), ((3, 1), -3.5), ((1, 4), -3.0), ((2, 3), -3.5), ((3, 2), -4.0),
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
    zh_units = [feats.units(p, "zh") for p in zh_paragraphs]
    en_units = [feats.units(p, "en") for p in en_paragraphs]
    zh_start = _starts(zh_paragraphs)
    en_start = _starts(en_paragraphs)
    zh_flat = [t for p in zh_paragraphs for t in p]
    en_flat = [t for p in en_paragraphs for t in p]
    beads: list[Bead] = []
    for zp, ep in _align_paragraphs(zh_units, en_units, params):
        zi = [zh_start[p] + k for p in zp for k in range(len(zh_paragraphs[p]))]
        ei = [en_start[p] + k for p in ep for k in range(len(en_paragraphs[p]))]
        zu = [u for p in zp for u in zh_units[p]]
        eu = [u for p in ep for u in en_units[p]]
        use = embeddings == "always" or (
            embeddings == "auto" and max(len(zi), len(ei)) > EMBED_MIN_SENTENCES)
        sim = _embedding_sim([zh_flat[i] for i in zi], [en_flat[i] for i in ei]) if use else None
        for (z0, z1), (e0, e1), score in _align_sentences(zu, eu, sim, params):
            beads.append(Bead(tuple(zi[z0:z1]), tuple(ei[e0:e1]), round(score, 3)))
    return tuple(beads)


def _starts(paragraphs: Sequence[Sequence[str]]) -> list[int]:
    out, n = [], 0
    for p in paragraphs:
        out.append(n)
        n += len(p)
    return out


def _ratio(zh: Sequence[Unit], en: Sequence[Unit], params: Params) -> float:
    """English characters per Chinese character: measured on the text, shrunk to a prior.

    Short texts get mostly the prior (an untranslated sentence would skew their own
    ratio); long ones (a novel chapter) mostly their own.
    """
    lz, le = sum(u.length for u in zh), sum(u.length for u in en)
    weight = params.ratio_weight
    return (le + weight * params.ratio) / (lz + weight)


def _length_score(lz: int, le: int, ratio: float, variance: float) -> float:
    """Gale-Church log-likelihood (up to a constant) of English length given Chinese length."""
    expected = lz * ratio
    delta = (le - expected) / math.sqrt(variance * max((expected + le) / 2, 1.0))
    return -min(delta * delta / 2, 12.0)


def _align_paragraphs(zh: list[list[Unit]], en: list[list[Unit]], params: Params):
    """Paragraph groups as (zh paragraph indices, en paragraph indices), in order."""
    zp = [feats.join(p) if p else Unit(0) for p in zh]
    ep = [feats.join(p) if p else Unit(0) for p in en]
    if len(zp) == len(ep) == 1 or not zp or not ep:
        return [(tuple(range(len(zp))), tuple(range(len(ep))))]
    ratio = _ratio(zp, ep, params)
    evidence = feats.Evidence(zp, ep)

    def score(z0: int, z1: int, e0: int, e1: int) -> float:
        if z0 == z1 or e0 == e1:
            return params.skip
        lz, le = evidence.lengths(z0, z1, e0, e1)
        prior = 0.0 if (z1 - z0, e1 - e0) == (1, 1) else -2.0
        return (params.lex * 2 * evidence.lexical(z0, z1, e0, e1, worst_weight=0.5)
                + params.length * _length_score(lz, le, ratio, params.variance)
                + prior)

    path = _dp(len(zp), len(ep), _PARAGRAPH_MOVES, score, params.band)
    return [(tuple(range(z0, z1)), tuple(range(e0, e1))) for (z0, z1), (e0, e1), _ in path]


def _embedding_sim(zh: list[str], en: list[str]):
    """Similarity matrices of the sentence vectors: (zh·en, zh·zh, en·en)."""
    from .embed import embed

    if not zh or not en:
        return None
    z, e = embed(zh), embed(en)
    return z @ e.T, z @ z.T, e @ e.T


def _align_sentences(zh: list[Unit], en: list[Unit], sim, params: Params):
    """Sentence beads of one paragraph group as ((z0, z1), (e0, e1), score)."""
    if not zh or not en:
        return [((i, i + 1), (0, 0), params.skip) for i in range(len(zh))] + [
            ((len(zh), len(zh)), (j, j + 1), params.skip) for j in range(len(en))]
    ratio = _ratio(zh, en, params)
    prior = dict(params.prior)
    evidence = feats.Evidence(zh, en)

    def score(z0: int, z1: int, e0: int, e1: int) -> float:
        if z0 == z1 or e0 == e1:
            return params.skip
        lz, le = evidence.lengths(z0, z1, e0, e1)
        total = (prior[(z1 - z0, e1 - e0)]
                 + params.lex * evidence.lexical(z0, z1, e0, e1)
                 + params.length * _length_score(lz, le, ratio, params.variance))
        if sim is not None:
            total += params.emb * _group_cosine(sim, z0, z1, e0, e1)
        return total

    moves = tuple(prior) + ((1, 0), (0, 1))
    return _dp(len(zh), len(en), moves, score, params.band)


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
