"""Pair emphasised phrases across one aligned sentence pair by meaning (CC-CEDICT glosses).

A Chinese span is a sequence of *units* (jieba words, split further into CC-CEDICT
headwords when jieba's word is not one), each with the set of English words its glosses
use; an English span is a sequence of content tokens. Their similarity is an F1 of how
much of each side the other explains, where leftover units on both sides may explain
each other at half credit (the dictionary lacks a sense, the span is still the right size).

Emphasised spans of both sides are paired first (best pairs first); a Chinese span left
over is searched for in the English sentence, an English one in the Chinese sentence.
Below the thresholds nothing is guessed: the Chinese phrase keeps ``en=None``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from learnkit.chinese import dictionary as cedict
from learnkit.models import PhraseMatch, Span, Word
from learnkit.text.charclass import HAN

PAIR_THRESHOLD = 0.3  # both sides emphasised: the bold itself is evidence
SEARCH_THRESHOLD = 0.6  # one side emphasised: the counterpart must be found in plain text
MIN_EVIDENCE = 0.5  # ... and glosses must explain at least half of each side
GAP_CREDIT = 0.5
MAX_CHECKED = 8  # gloss candidates verified with sentence embeddings
MIN_COSINE = 0.45  # USE-multilingual cosine below which a candidate is not a translation
MAX_WORDS = 14

_EN_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_BREAK = re.compile(r"[,;:!?。，；：！？、()（）\[\]【】]|\.(?!\d)")
_ZH_FUNCTION = frozenset(
    "的 地 得 了 着 过 和 与 及 跟 同 或 是 在 之 把 被 将 对 从 向 于 以 为 而 并 也 都 "
    "就 又 还 很 所 则 其 这 那 该 此 个 们 等 一个 一种 一些 这个 那个 这些 那些 这种 及其 "
    "之一 有着".split()
)
_EN_STOP = frozenset(
    """a an the of to and or in on at by for from with as into onto upon about over under
    is are be been being was were am do does did has have had will would shall should may
    might can could must it its this that these those they them their theirs he him his she
    her hers we us' our you your i me my which who whom whose what when where how why than
    then there here so such not no nor very much more most also just only both either each
    all any some s one up out off""".split()
)
# One spelling for the ways English names a country or its people.
_SYNONYMS = {
    "us": "america",
    "usa": "america",
    "american": "america",
    "americans": "america",
    "chinese": "china",
    "sino": "china",
    "prc": "china",
    "russian": "russia",
    "russians": "russia",
    "uk": "britain",
    "british": "britain",
    "japanese": "japan",
    "korean": "korea",
    "european": "europe",
    "europeans": "europe",
    "eu": "europe",
    "french": "france",
    "german": "germany",
    "indian": "india",
    "taiwanese": "taiwan",
    "ukrainian": "ukraine",
    "soviet": "ussr",
    "iranian": "iran",
    "israeli": "israel",
    "vietnamese": "vietnam",
}


@dataclass(frozen=True)
class _Unit:
    """A piece of Chinese text and the normalised English words its glosses use."""

    start: int
    end: int
    weight: int
    gloss: frozenset[str]
    content: bool  # False for function words: neither evidence nor a gap


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    norm: str
    content: bool


def match_phrases(
    zh: str,
    en: str | None,
    zh_emphasis: Sequence[Span],
    en_emphasis: Sequence[Span],
    words: Sequence[Word],
) -> tuple[PhraseMatch, ...]:
    """One PhraseMatch per emphasised Chinese span (and per English span found in Chinese)."""
    if not en:
        return tuple(PhraseMatch(span, None, 0.0) for span in zh_emphasis)
    if not zh_emphasis and not en_emphasis:
        return ()
    tokens = _tokens(en)
    zh_left, en_left = list(zh_emphasis), list(en_emphasis)
    matches: list[PhraseMatch] = []
    scored = sorted(
        (
            (_score(_units(zh, words, z), _inside(tokens, e)), i, j)
            for i, z in enumerate(zh_emphasis)
            for j, e in enumerate(en_emphasis)
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    for score, i, j in scored:
        z, e = zh_emphasis[i], en_emphasis[j]
        if score >= PAIR_THRESHOLD and z in zh_left and e in en_left:
            matches.append(PhraseMatch(z, e, round(score, 3)))
            zh_left.remove(z)
            en_left.remove(e)
    used_en = [m.en for m in matches if m.en]
    for z in zh_left:
        found = _search(z, _units(zh, words, z), tokens, en, used_en)
        matches.append(
            PhraseMatch(z, found[0], round(found[1], 3)) if found else PhraseMatch(z, None)
        )
        if found:
            used_en.append(found[0])
    used_zh = [m.zh for m in matches] + list(zh_emphasis)
    units = _units(zh, words) if en_left else []
    for e in en_left:
        found = _search(e, _inside(tokens, e), units, zh, used_zh)
        if found:
            matches.append(PhraseMatch(found[0], e, round(found[1], 3)))
            used_zh.append(found[0])
    return tuple(sorted(matches, key=lambda m: m.zh.start))


# --- units and tokens --------------------------------------------------------------------


def _units(zh: str, words: Sequence[Word], span: Span | None = None) -> list[_Unit]:
    """Units of ``zh`` (of ``span`` only, words cut at its edges, when given)."""
    lo, hi = (span.start, span.end) if span else (0, len(zh))
    bounds = [(w.start, w.end) for w in words] or [(i, i + 1) for i in range(len(zh))]
    units: list[_Unit] = []
    for start, end in bounds:
        if start < hi and end > lo:
            units.extend(_word_units(zh, max(start, lo), min(end, hi)))
    return units


def _word_units(zh: str, start: int, end: int) -> list[_Unit]:
    piece = zh[start:end]
    if not HAN.search(piece):
        toks = [t for t in _tokens(piece) if t.content]
        if not toks:
            return []
        return [_Unit(start, end, 1, frozenset(t.norm for t in toks), True)]
    if piece in _ZH_FUNCTION:
        return [_Unit(start, end, len(piece), frozenset(), False)]
    if cedict.contains(piece) or len(piece) == 1:
        return [_Unit(start, end, len(piece), _gloss(piece), True)]
    # Not a headword (伙伴关系, 中美关系): the dictionary words it is made of.
    return [unit for s, e in cedict.split(piece) for unit in _word_units(zh, start + s, start + e)]


@lru_cache(maxsize=16384)
def _gloss(word: str) -> frozenset[str]:
    return frozenset(_norm(t) for t in cedict.english_words(word))


def _tokens(en: str) -> list[_Token]:
    out = []
    for m in _EN_TOKEN.finditer(en):
        raw = m.group(0)
        out.append(_Token(m.start(), m.end(), _norm(raw), raw.lower() not in _EN_STOP))
    return out


@lru_cache(maxsize=65536)
def _norm(word: str) -> str:
    """Lower case, no possessive, a light stem, one spelling per country."""
    w = word.lower().replace("’", "'").replace(".", "")
    w = re.sub(r"'s?$", "", w)
    if w in _SYNONYMS:
        return _SYNONYMS[w]
    for suffix, repl, keep in (
        ("ies", "y", 3),
        ("sses", "ss", 2),
        ("ing", "", 4),
        ("ed", "", 4),
        ("es", "", 4),
        ("s", "", 3),
    ):
        if (
            w.endswith(suffix)
            and len(w) - len(suffix) >= keep
            and not w.endswith(("ss", "us", "is"))
        ):
            return w[: len(w) - len(suffix)] + repl
    return w


def _related(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short)


@lru_cache(maxsize=65536)
def _explains(gloss: frozenset[str], norm: str) -> bool:
    """Whether a unit's gloss words explain an English token (``_related`` to one)."""
    return norm in gloss or any(_related(g, norm) for g in gloss)


def _inside(items: list, span: Span) -> list:
    return [x for x in items if x.start >= span.start and x.end <= span.end]


# --- scoring -----------------------------------------------------------------------------


def _score(units: Sequence[_Unit], tokens: Sequence[_Token]) -> float:
    """F1 of mutual coverage; unexplained units and tokens explain each other at half credit."""
    return _scores(units, tokens)[0]


def _scores(units: Sequence[_Unit], tokens: Sequence[_Token]) -> tuple[float, float]:
    """The score, and the share of the lesser-covered side that glosses really explain."""
    units = [u for u in units if u.content]
    tokens = [t for t in tokens if t.content]
    if not units or not tokens:
        return 0.0, 0.0
    related = [[_explains(u.gloss, t.norm) for t in tokens] for u in units]
    hit_units = [u for u, row in zip(units, related, strict=True) if any(row)]
    hit_tokens = [t for j, t in enumerate(tokens) if any(row[j] for row in related)]
    if not hit_units or not hit_tokens:
        return 0.0, 0.0
    total_w = sum(u.weight for u in units)
    miss_w = total_w - sum(u.weight for u in hit_units)
    miss_units = len(units) - len(hit_units)
    miss_tokens = len(tokens) - len(hit_tokens)
    recall = (
        total_w - miss_w + GAP_CREDIT * miss_w * min(1.0, miss_tokens / max(miss_units, 1))
    ) / total_w
    precision = (
        len(hit_tokens) + GAP_CREDIT * miss_tokens * min(1.0, miss_units / max(miss_tokens, 1))
    ) / len(tokens)
    evidence = min((total_w - miss_w) / total_w, len(hit_tokens) / len(tokens))
    return 2 * precision * recall / (precision + recall), evidence


def _windows(items: list, text: str, size: int):
    """Candidate spans: runs of up to ``size`` units/tokens that start and end on content
    words and cross no punctuation that ends a clause."""
    for i, first in enumerate(items):
        if not first.content:
            continue
        for j in range(i, min(len(items), i + size)):
            # One character of the next item lets "38.1" tell a decimal from a full stop.
            if j > i and _BREAK.search(text[items[j - 1].end : items[j].start + 1]):
                break
            if items[j].content:
                yield items[i : j + 1]


def _search(
    phrase: Span, source: list, targets: list, text: str, used: Sequence[Span]
) -> tuple[Span, float] | None:
    """The best span of ``text`` for ``phrase`` (its units or tokens ``source``), if convincing.

    Candidates need gloss evidence; the few best are then checked with multilingual
    sentence embeddings, which reject spans that merely share a word with the phrase.
    """
    n_source = sum(1 for x in source if x.content)
    if not n_source:
        return None
    found: dict[tuple[int, int], float] = {}
    for cand in _windows(targets, text, min(MAX_WORDS, max(4, 3 * n_source))):
        start, end = cand[0].start, cand[-1].end
        if any(start < u.end and end > u.start for u in used):
            continue
        pair = (source, cand) if isinstance(source[0], _Unit) else (cand, source)
        score, evidence = _scores(*pair)
        if score >= SEARCH_THRESHOLD and evidence >= MIN_EVIDENCE:
            found[start, end] = score
    best = sorted(found, key=lambda k: (-found[k], k[1] - k[0], k[0]))[:MAX_CHECKED]
    if not best:
        return None
    cosines = _cosines(phrase.text, [text[a:b] for a, b in best])
    ranked = [
        (found[k] + cos, -(k[1] - k[0]), -k[0], k)
        for k, cos in zip(best, cosines, strict=True)
        if cos >= MIN_COSINE
    ]
    if not ranked:
        return None
    (start, end), score = max(ranked)[3], found[max(ranked)[3]]
    return Span(start, end, text[start:end]), score


def _cosines(phrase: str, candidates: list[str]) -> list[float]:
    from learnkit.align.embed import embed

    vectors = embed([phrase, *candidates])
    return [float(v) for v in vectors[1:] @ vectors[0]]


# --- one word's English inside a paired phrase ---------------------------------------------


def word_counterpart(
    zh: str, en: str, words: Sequence[Word], phrase: Span, en_span: Span, word: Span
) -> Span | None:
    """The English of ``word`` (offsets into ``zh``) inside ``en_span``, the English of the
    emphasised ``phrase`` (offsets into ``en``): the tokens its glosses explain, else the one
    token no other word of the phrase explains. None when neither is a short run."""
    tokens = [t for t in _inside(_tokens(en), en_span) if t.content]
    units = [u for u in _units(zh, words, phrase) if u.content]
    mine = [u for u in units if word.start <= u.start and u.end <= word.end]
    others = [u for u in units if u not in mine]
    hit = [t for t in tokens if any(_explains(u.gloss, t.norm) for u in mine)]
    silent = [u for u in others if not any(_explains(u.gloss, t.norm) for t in tokens)]
    if not hit and not silent:  # the one token nothing else explains is the word's
        hit = [t for t in tokens if not any(_explains(u.gloss, t.norm) for u in others)]
        hit = hit if len(hit) == 1 else []
    if not hit or len(hit) > 3:
        return None
    start, end = hit[0].start, hit[-1].end
    if sum(1 for t in tokens if start <= t.start and t.end <= end) > 3:
        return None  # the hits are scattered over the phrase
    return Span(start, end, en[start:end])
