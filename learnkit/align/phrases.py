"""Pair emphasised phrases across one aligned sentence pair (dictionaries, embeddings).

A Chinese span is a sequence of *units* (jieba words, split further into CC-CEDICT
headwords when jieba's word is not one), each with the English lemmas its glosses use; an
English span is a sequence of tokens (:mod:`learnkit.text.english`: hyphenated words
whole, lemmas). A token explains a unit when a gloss says it (CC-CEDICT, Chinese →
English) or when ECDICT renders it as the unit (English → Chinese: "sector" → 部门; what
a rendering may not claim, :mod:`learnkit.align.renderings`). Their similarity is an F1
of how much of each side the other explains, where leftover units on both sides may
explain each other at half credit.

1. The bold spans of both sides are assigned jointly (one English span per phrase, none
   used twice): gloss score, USE-multilingual cosine and position in the bead; the bold
   itself is strong evidence, so a weak cue pairs them. English bold merged from pieces
   is split when each part is clearly another Chinese phrase's.
2. A bold Chinese span left over is searched for in the English sentence: candidates with
   gloss evidence or an ECDICT rendering of the run ("out of control" → 失去控制), checked
   and ranked with embeddings and by how wholly they say one dictionary meaning; the
   winner is completed (its head noun: "hydroelectric dams"); without any evidence, the
   run of words the embeddings find clearly closest (a paraphrase).
3. A bold English span left over is searched for in the Chinese sentence the same way;
   not found, it is returned with ``zh=None`` so that the caller warns.

Every answer carries a confidence (0-1); a span that leaves part of the phrase unsaid
loses some, and a lone English word with gloss evidence only needs a higher cosine;
below :data:`THRESHOLD` the answer is None. Texts are embedded once per bead (one call)
and kept by text for the process.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from learnkit.align import gaps
from learnkit.align import renderings as ecd
from learnkit.chinese import dictionary as cedict
from learnkit.chinese import names
from learnkit.models import PhraseMatch, Span, Word
from learnkit.text import english
from learnkit.text.charclass import HAN

PAIR_THRESHOLD = 0.3  # both sides emphasised: the bold itself is evidence
SEARCH_THRESHOLD = 0.6  # one side emphasised: the counterpart must be found in plain text
MIN_EVIDENCE = 0.5  # ... and glosses must explain at least half of each side
GAP_CREDIT = 0.5
MAX_CHECKED = 8  # gloss candidates verified with sentence embeddings
MIN_COSINE = 0.45  # USE-multilingual cosine below which a candidate is not a translation
MAX_WORDS = 14
SPLIT_SCORE = 0.6  # each part of a split English bold span: gloss score at least
PAIR_COSINE = 0.2  # both sides bold: a cosine this high pairs them without gloss evidence
POSITION_WEIGHT = 0.3  # weak prior: bold spans at the same relative place in the bead
LONE_PAIR_CONFIDENCE = 0.55  # the only bold span on each side ...
LONE_COSINE = 0.1  # ... with a rendering or at least this cosine (an addition has none)
PARAPHRASE_WORDS = 4  # longest English run tried without gloss evidence
PARAPHRASE_COSINE = 0.5  # ... and the cosine it needs
LEXICAL_BONUS = 0.3  # ... where partial gloss evidence still helps rank
COVERAGE_WEIGHT = 0.5  # candidate ranking: how wholly a span says a dictionary meaning
THRESHOLD = 0.4  # confidence below which the counterpart is given as None
GAP_COSINE = 0.2  # gap alignment: the cosine below which the one gap is not the phrase
GAP_CONFIDENCE = 0.45  # ... and the confidence of a gap at that cosine
GAP_SPREAD = 0.4  # ... rising by this much up to a cosine 0.4 higher
LIGHT_HSK = 3  # gap alignment: words this basic (可能, 会, 因此) need no English of their own
RENDER_WORDS = 4  # longest English run looked up in ECDICT as a whole
MIN_RENDERING = 0.5  # share of the phrase's characters a rendering must say
RENDER_WEIGHT = 0.5  # candidate ranking: the English run's own Chinese rendering
_RENDER_SKIP = frozenset("a an the of to and or in on at by for with as is are be".split())
_ZH_AFFIX = frozenset("式性化型者家率度类")  # suffixes English often leaves unsaid
_CLAUSE_WORDS = frozenset(
    "because although though unless since until whereas whether while".split()
)
TRUNCATED = 0.6  # confidence factor for a span that leaves part of the phrase unsaid
STRONG_RENDERING = 0.6  # ECDICT renders the span as most of the phrase ...
RENDER_BONUS = 0.15  # ... which adds this much confidence
RENDER_COSINE = 0.25  # ... and lets a span this far off in embeddings be checked
# One English word (not hyphenated) for a one-sided phrase: the embeddings of a lone word
# are weak and a gloss word is often one of many senses (上升 "go up" → "going"), so it
# needs more.
LONE_WORD_COSINE = 0.55  # ... without an ECDICT rendering of the phrase: the cosine floor
EXTEND_COSINE = 0.1  # a neighbouring word this much closer in embeddings joins the span

_BREAK = re.compile(r"[,;:!?。，；：！？、()（）\[\]【】]|\.(?!\d)")
_EN_NEGATION = frozenset("not no out without never nor lack absence".split())
_ZH_FUNCTION = frozenset(
    "的 地 得 了 着 过 和 与 及 跟 同 或 是 在 之 把 被 将 对 从 向 于 以 为 而 并 也 都 "
    "就 又 还 很 所 则 其 这 那 该 此 个 们 等 一个 一种 一些 这个 那个 这些 那些 这种 及其 "
    "之一 有着".split()
)


@dataclass(frozen=True)
class _Unit:
    """A piece of Chinese text and the normalised English words its glosses use."""

    start: int
    end: int
    weight: int
    gloss: frozenset[str]
    content: bool  # False for function words: neither evidence nor a gap
    meanings: tuple[frozenset[str], ...] = ()  # lemmas of each dictionary meaning
    negation: bool = False  # 不, 无, 非 … standing alone
    text: str = ""


def match_phrases(
    zh: str,
    en: str | None,
    zh_emphasis: Sequence[Span],
    en_emphasis: Sequence[Span],
    words: Sequence[Word],
    threshold: float | None = None,
) -> tuple[PhraseMatch, ...]:
    """One PhraseMatch per emphasised Chinese span, and one per English span left over.

    Emphasised spans of both sides are assigned jointly (:func:`_assign`); a Chinese span
    left over is searched for in the English sentence, an English one in the Chinese
    sentence (``zh=None`` when not found: the caller warns). An answer whose confidence is
    below ``threshold`` (default :data:`THRESHOLD`) is replaced by None; the confidence is
    kept either way.
    """
    threshold = THRESHOLD if threshold is None else threshold
    if not en:
        return tuple(PhraseMatch(span, None) for span in zh_emphasis)
    if not zh_emphasis and not en_emphasis:
        return ()
    tokens = _tokens(en)
    en_emphasis = _split_merged(zh, zh_emphasis, en_emphasis, words, tokens)
    matches: list[PhraseMatch] = []
    paired = _assign(zh, en, zh_emphasis, en_emphasis, words, tokens)
    en_left = [e for j, e in enumerate(en_emphasis) if j not in {p[1] for p in paired}]
    for i, j, score, confidence in paired:
        kept, apart = _trim_bold(_units(zh, words, zh_emphasis[i]), tokens, en_emphasis[j])
        matches.append(PhraseMatch(zh_emphasis[i], kept, score, confidence))
        en_left.extend(apart)
    zh_left = [z for i, z in enumerate(zh_emphasis) if i not in {p[0] for p in paired}]
    used_en = [m.en for m in matches if m.en] + en_left
    units = _units(zh, words) if en_left else []
    # (source units or tokens, gloss candidates) of every span searched for
    zh_side = {z: _with_candidates(_units(zh, words, z), tokens, en) for z in zh_left}
    en_side = {e: _with_candidates(_inside(tokens, e), units, zh) for e in en_left}
    links = _links(zh, words, tokens) if zh_left else []
    gap = {z: gaps.gaps(zh, z, links, tokens, en) for z in zh_left}
    _prefetch_search(zh_side, en_side, tokens, en, zh, gap)
    for z in zh_left:
        found = _search(z, *zh_side[z], tokens, en, used_en)
        if found is None or found[2] < GAP_CONFIDENCE:  # a weak answer or none: the gap's
            found = _gap_answer(zh, z, gap[z], tokens, en, used_en) or found
        if found:
            span, score, confidence = found
            matches.append(PhraseMatch(z, span, score, confidence))
            used_en.append(span)
        else:
            matches.append(PhraseMatch(z, None))
    used_zh = [m.zh for m in matches if m.zh]
    for e in en_left:
        found = _search(e, *en_side[e], units, zh, used_zh)
        if found:
            span, score, confidence = found
            matches.append(PhraseMatch(span, e, score, confidence, zh_found=True))
            used_zh.append(span)
        else:
            matches.append(PhraseMatch(None, e, zh_found=True))
    out = []
    for m in matches:
        if m.confidence < threshold and (m.en if not m.zh_found else m.zh) is not None:
            m = replace(m, zh=None) if m.zh_found else replace(m, en=None)
        out.append(m)
    return tuple(sorted(out, key=lambda m: (m.zh is None, m.zh.start if m.zh else m.en.start)))


def _assign(
    zh: str,
    en: str,
    zh_emphasis: Sequence[Span],
    en_emphasis: Sequence[Span],
    words: Sequence[Word],
    tokens: list[english.Token],
) -> list[tuple[int, int, float, float]]:
    """The best one-to-one pairing of the bead's Chinese and English emphasised spans.

    A pair needs gloss evidence (score ≥ ``PAIR_THRESHOLD``) or an embedding cosine of at
    least ``PAIR_COSINE``: both sides bold is itself strong evidence, so a weak cue
    suffices. Among pairings (no span used twice, so adjacent bold spans stay apart) the
    one with the highest total of gloss score, cosine and position agreement wins.
    Returns (zh index, en index, gloss score, confidence).
    """
    if not zh_emphasis or not en_emphasis:
        return []
    n, m = len(zh_emphasis), len(en_emphasis)
    lex = [
        [_score(_units(zh, words, z), _inside(tokens, e)) for e in en_emphasis] for z in zh_emphasis
    ]
    if _glosses_decide(lex):
        cos = [[0.0] * m for _ in range(n)]
    else:
        vectors = _vectors([z.text for z in zh_emphasis] + [e.text for e in en_emphasis])
        cos = [[float(vectors[i] @ vectors[n + j]) for j in range(m)] for i in range(n)]
    # English bold that ECDICT renders as plain Chinese text of the sentence says that text
    elsewhere = [ecd.elsewhere(tuple(_inside(tokens, e)), zh, zh_emphasis) for e in en_emphasis]

    def unsaid(i: int, j: int) -> bool:  # no gloss evidence and the English says other text
        phrase = _content_text(_units(zh, words, zh_emphasis[i]))
        return elsewhere[j] and (
            ecd.rendering(phrase, tuple(_inside(tokens, en_emphasis[j]))) < MIN_RENDERING
        )

    value: dict[tuple[int, int], float] = {}
    for i, z in enumerate(zh_emphasis):
        zpos = (z.start + z.end) / 2 / max(len(zh), 1)
        for j, e in enumerate(en_emphasis):
            if lex[i][j] < PAIR_THRESHOLD and (cos[i][j] < PAIR_COSINE or unsaid(i, j)):
                continue
            epos = (e.start + e.end) / 2 / max(len(en), 1)
            value[i, j] = lex[i][j] + cos[i][j] + POSITION_WEIGHT * (1 - abs(zpos - epos))
    if n == m == 1 and not value:  # one bold span each side, and some cue beyond the bold
        phrase = _content_text(_units(zh, words, zh_emphasis[0]))
        rend = ecd.rendering(phrase, tuple(_inside(tokens, en_emphasis[0])))
        if rend >= MIN_RENDERING or (cos[0][0] >= LONE_COSINE and not elsewhere[0]):
            return [(0, 0, round(lex[0][0], 3), LONE_PAIR_CONFIDENCE)]
    best: tuple[float, list[tuple[int, int]]] = (0.0, [])

    def walk(i: int, taken: frozenset[int], total: float, chosen: list[tuple[int, int]]):
        nonlocal best
        if i == n:
            if total > best[0]:
                best = (total, list(chosen))
            return
        walk(i + 1, taken, total, chosen)
        for j in range(m):
            if j not in taken and (i, j) in value:
                chosen.append((i, j))
                walk(i + 1, taken | {j}, total + value[i, j], chosen)
                chosen.pop()

    if n * m <= 36:
        walk(0, frozenset(), 0.0, [])
    else:  # many bold spans in one bead: best pairs first
        taken_i: set[int] = set()
        taken_j: set[int] = set()
        for (i, j), _v in sorted(value.items(), key=lambda kv: -kv[1]):
            if i not in taken_i and j not in taken_j:
                best[1].append((i, j))
                taken_i.add(i)
                taken_j.add(j)
    return [(i, j, round(lex[i][j], 3), _pair_confidence(lex[i][j], cos[i][j])) for i, j in best[1]]


def _split_merged(
    zh: str,
    zh_emphasis: Sequence[Span],
    en_emphasis: Sequence[Span],
    words: Sequence[Word],
    tokens: list[english.Token],
) -> tuple[Span, ...]:
    """English bold spans split where two Chinese bold phrases each find their part.

    Bold pieces with only a space between (``**US** **trade deficit**``) reach pairing as
    one span. When the Chinese side has more bold phrases than the English and the two
    parts of such a span at a word boundary each have gloss evidence for a different
    phrase, clearly more than the whole has for one, the parts are paired apart."""
    if len(zh_emphasis) <= len(en_emphasis):
        return tuple(en_emphasis)
    units = [_units(zh, words, z) for z in zh_emphasis]
    out: list[Span] = []
    for e in en_emphasis:
        inside = _inside(tokens, e)
        whole = max(_score(u, inside) for u in units)
        best: tuple[float, Span, Span] | None = None
        # a whole that already translates one phrase ("civil war" ↔ 内战) stays whole
        for k in range(1, len(inside) if whole < SPLIT_SCORE + 0.3 else 1):
            a, b = inside[k - 1], inside[k]
            if e.text[a.end - e.start : b.start - e.start].strip():
                continue  # only a space between: where pieces of bold may meet
            if not (a.content and b.content):
                continue  # each part starts and ends on a content word
            # a part's every word explained by its phrase ("Russia partnership" is no part)
            left = [_score(u, inside[:k]) * _all_said(u, inside[:k]) for u in units]
            right = [_score(u, inside[k:]) * _all_said(u, inside[k:]) for u in units]
            for i, lv in enumerate(left):
                for j, rv in enumerate(right):
                    if i != j and min(lv, rv) >= SPLIT_SCORE and lv + rv > whole + 0.5:
                        if best is None or lv + rv > best[0]:
                            parts = (_sub_span(e, e.start, a.end), _sub_span(e, b.start, e.end))
                            best = (lv + rv, *parts)
        out.extend(best[1:] if best else (e,))
    return tuple(out)


def _sub_span(e: Span, start: int, end: int) -> Span:
    """The part ``[start, end)`` of the span ``e`` (offsets into the text), with its pieces."""
    text = e.text[start - e.start : end - e.start]
    pieces = tuple(e.start + k - start for k in e.pieces if start < e.start + k < end)
    return Span(start, end, text, pieces)


def _piece_spans(e: Span) -> list[Span]:
    """The pieces of a bold span (``**agreement** **on Monday**``), each without its spaces."""
    bounds = [e.start, *(e.start + k for k in e.pieces), e.end]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        text = e.text[a - e.start : b - e.start]
        lead = len(text) - len(text.lstrip())
        out.append(_sub_span(e, a + lead, a + len(text.rstrip())))
    return [p for p in out if p.text]


def _trim_bold(
    units: Sequence[_Unit], tokens: list[english.Token], e: Span
) -> tuple[Span, list[Span]]:
    """The English bold span paired with a Chinese phrase, cut to what the phrase says, and
    the pieces cut off (bold of their own: ``**agreement** **on Monday**`` for 协议).

    Pieces of bold with no word the phrase explains are cut off whole. Inside, content words
    at the edges that no unit explains go ("reduce air pollution" for 空气污染, "rely too
    heavily" for 依赖) only when what is left says a whole dictionary meaning of every unit
    (so "pitched battle" for 恶战, "fierce battle", stays whole)."""
    units = [u for u in units if u.content]
    inside = _inside(tokens, e)
    if not units or not inside:
        return e, []
    phrase = "".join(_text_of(units))
    hits = [
        t
        for t in inside
        if t.content and any(_explains(u.gloss, t.lemma) or _renders(u, t, phrase) for u in units)
    ]
    if not hits:
        return e, []
    lo, hi = hits[0].start, hits[-1].end
    pieces = _piece_spans(e)
    kept = [p for p in pieces if p.start < hi and p.end > lo]
    apart = [p for p in pieces if p not in kept]
    if apart:
        e = _sub_span(e, kept[0].start, kept[-1].end)
        inside = _inside(tokens, e)
    outside = [t for t in inside if t.content and (t.end <= lo or t.start >= hi)]
    if outside:
        cut = [t for t in inside if lo <= t.start and t.end <= hi]
        whole = ecd.rendering(phrase, tuple(inside), whole=True)
        said = ecd.rendering(phrase, tuple(cut))
        if max(_coverage(units, cut), said) >= 1.0 and said >= whole:
            e = _sub_span(e, lo, hi)
    return e, apart


def _all_said(units: Sequence[_Unit], tokens: Sequence[english.Token]) -> bool:
    phrase = "".join(_text_of(units))
    return all(
        any(_explains(u.gloss, t.lemma) or _renders(u, t, phrase) for u in units)
        for t in tokens
        if t.content
    )


def _glosses_decide(lex: list[list[float]]) -> bool:
    """Whether gloss evidence alone pairs the bold spans: each span of one side has at
    most one gloss partner, and every span of one side has one (embeddings could only
    add pairs among the spans left without a partner)."""
    hits = [[j for j, v in enumerate(row) if v >= PAIR_THRESHOLD] for row in lex]
    cols = [sum(1 for row in hits if j in row) for j in range(len(lex[0]))]
    if any(len(row) > 1 for row in hits) or any(c > 1 for c in cols):
        return False
    return all(hits) or all(cols)


def _pair_confidence(lex: float, cos: float) -> float:
    """Both sides bold: the bold is most of the evidence, glosses and embeddings the rest
    (on the development half every such pair was right)."""
    p_lex = 0.9 * min(1.0, lex)
    p_cos = 0.9 * min(1.0, max(0.0, (cos - 0.1) / 0.5))
    return round(1 - 0.25 * (1 - p_lex) * (1 - p_cos), 3)


def _search_confidence(
    score: float, cos: float, cov: float, rend: float, floor: float = MIN_COSINE
) -> float:
    """One side bold: gloss evidence, confirmed by the embedding cosine (above ``floor``),
    and how wholly the span says a dictionary meaning."""
    p = min(1.0, score) * (0.5 + 0.5 * min(1.0, max(0.0, (cos - floor) / 0.35)))
    bonus = RENDER_BONUS if rend >= STRONG_RENDERING else 0.0
    return round(min(1.0, p * (0.5 + 0.5 * cov) + bonus), 3)


def _truncated(units: Sequence[_Unit], tokens: Sequence[english.Token]) -> bool:
    """Whether more of the phrase is unsaid than the span has words left to say it: units
    no token explains outnumber the tokens that explain none (a hyphenated word counts
    its parts: "dual-use" says 军民两用), so the span likely lost a word ("county" for
    县治, "county seat")."""
    negated = any(_is_negation(t.text) for t in tokens)
    phrase = "".join(_text_of(units))
    units = [u for u in units if u.content and u.text not in _ZH_AFFIX]
    units = [u for u in units if not (u.negation and negated)]
    tokens = [t for t in tokens if t.content]

    def says(u: _Unit, t: english.Token) -> bool:
        return _explains(u.gloss, t.lemma) or _renders(u, t, phrase)

    unsaid = sum(1 for u in units if not any(says(u, t) for t in tokens))
    spare = sum(1 for t in tokens if not any(says(u, t) for u in units))
    spare += sum(t.text.count("-") for t in tokens)
    return unsaid > spare


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
        return [_Unit(start, end, 1, frozenset(t.lemma for t in toks), True, text=piece)]
    if piece in _ZH_FUNCTION:
        return [_Unit(start, end, len(piece), frozenset(), False, text=piece)]
    if cedict.contains(piece) or len(piece) == 1:
        negation = piece in ecd.NEGATION
        gloss, meanings = _gloss(piece), _meanings(piece)
        return [_Unit(start, end, len(piece), gloss, True, meanings, negation, piece)]
    listed = names.gloss(piece)  # a name CC-CEDICT lacks (耶伦 "Janet Yellen")
    if listed:
        lemmas = frozenset(t.lemma for t in _tokens(listed) if t.content)
        return [_Unit(start, end, len(piece), lemmas, True, (lemmas,), text=piece)]
    # Not a headword (伙伴关系, 中美关系): the dictionary words it is made of.
    return [unit for s, e in cedict.split(piece) for unit in _word_units(zh, start + s, start + e)]


@lru_cache(maxsize=16384)
def _gloss(word: str) -> frozenset[str]:
    return frozenset(map(english.lemma, cedict.english_words(word)))


@lru_cache(maxsize=16384)
def _meanings(word: str) -> tuple[frozenset[str], ...]:
    if cedict.is_proper_noun(word):  # "Vladimir Putin": the surname alone is the name
        return ()
    return tuple(frozenset(map(english.lemma, m)) for m in cedict.meaning_words(word))


def _coverage(units: Sequence[_Unit], tokens: Sequence[english.Token]) -> float:
    """How wholly the tokens translate the units: per unit, the best share of one of its
    dictionary meanings that the tokens say ("county" is half of 县治's "county seat").
    A negated phrase (不合规) whose English has no negation covers half."""
    lemmas = [t.lemma for t in tokens if t.content]
    total = weight = 0.0
    for u in units:
        if not u.content or not u.meanings:
            continue
        shares = [
            sum(any(_explains(frozenset((w,)), t) for t in lemmas) for w in m) / len(m)
            for m in u.meanings
        ]
        total += u.weight * max(shares)
        weight += u.weight
    share = total / weight if weight else 1.0
    negated = any(u.negation for u in units)
    if negated and not any(_is_negation(t.text) for t in tokens):
        share *= 0.5
    return share


def _is_negation(word: str) -> bool:
    """A negating word: "not", "won't", or a negating prefix or suffix (un-, non-, dis-,
    in-, -less) that ECDICT's renderings confirm ("useless" 无用的; "inclined" and "under"
    are no negation)."""
    w = word.lower()
    if w in _EN_NEGATION or w.endswith("n't"):
        return True
    if w.startswith(("un", "non", "dis", "in")) or (w.endswith("less") and len(w) > 6):
        return ecd.negating(w)
    return False


def _tokens(en: str) -> list[english.Token]:
    return english.tokens(en)


def _related(a: str, b: str) -> bool:
    """Same lemma, one a prefix of the other ("regulate", "regulator"), or one stem with
    another ending ("populism", "populist")."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and long_.startswith(short):
        return True
    common = len(os.path.commonprefix([a, b]))
    return common >= 5 and common >= len(short) - 3


@lru_cache(maxsize=65536)
def _explains(gloss: frozenset[str], norm: str) -> bool:
    """Whether a unit's gloss words explain an English token (``_related`` to one)."""
    if norm in gloss or any(_related(g, norm) for g in gloss):
        return True
    # a hyphenated word ("Sino-Soviet", "re-election") is explained by one of its parts
    return "-" in norm and any(
        _explains(gloss, english.lemma(part)) for part in norm.split("-") if len(part) > 1
    )


def _renders(unit: _Unit, token: english.Token, phrase: str) -> bool:
    """Whether ECDICT renders the token as the unit (of the Chinese ``phrase``)."""
    return ecd.renders(unit.text, token.text, token.lemma, phrase)


def _inside(items: list, span: Span) -> list:
    return [x for x in items if x.start >= span.start and x.end <= span.end]


# --- scoring -----------------------------------------------------------------------------


def _score(units: Sequence[_Unit], tokens: Sequence[english.Token]) -> float:
    """F1 of mutual coverage; unexplained units and tokens explain each other at half credit."""
    return _scores(units, tokens)[0]


def _scores(units: Sequence[_Unit], tokens: Sequence[english.Token]) -> tuple[float, float]:
    """The score, and the share of the lesser-covered side that glosses really explain."""
    units = [u for u in units if u.content]
    tokens = [t for t in tokens if t.content]
    if not units or not tokens:
        return 0.0, 0.0
    phrase = "".join(_text_of(units))
    related = [
        [_explains(u.gloss, t.lemma) or _renders(u, t, phrase) for t in tokens] for u in units
    ]
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


def _windows(items: list, text: str, size: int, negated: bool = False):
    """Candidate spans: runs of up to ``size`` units/tokens that start and end on content
    words (or start on a negation, for a negated phrase) and cross no punctuation that
    ends a clause."""
    for i, first in enumerate(items):
        if not first.content and not (
            negated and isinstance(first, english.Token) and first.lemma in _EN_NEGATION
        ):
            continue
        for j in range(i, min(len(items), i + size)):
            # One character of the next item lets "38.1" tell a decimal from a full stop.
            if j > i and _BREAK.search(text[items[j - 1].end : items[j].start + 1]):
                break
            if items[j].content:
                yield items[i : j + 1]


def _candidates(source: list, targets: list, text: str) -> dict[tuple[int, int], float]:
    """Spans of ``text`` with gloss evidence for the phrase (its units or tokens
    ``source``): (start, end) -> gloss score, best first; none is excluded yet."""
    n_source = sum(1 for x in source if x.content)
    if not n_source:
        return {}
    found: dict[tuple[int, int], float] = {}
    zh_side = isinstance(source[0], _Unit)
    negated = zh_side and any(u.negation for u in source)
    for cand in _windows(targets, text, min(MAX_WORDS, max(4, 3 * n_source)), negated):
        if zh_side and len(cand) > 1 and _loose_verb(source, cand[-1]):
            continue
        pair = (source, cand) if zh_side else (cand, source)
        score, evidence = _scores(*pair)
        if score >= SEARCH_THRESHOLD and evidence >= MIN_EVIDENCE:
            found[cand[0].start, cand[-1].end] = score
    if zh_side:  # English runs whose own Chinese rendering says the phrase (ECDICT)
        phrase = _content_text(source)
        for cand in _render_windows(targets):
            key = cand[0].start, cand[-1].end
            # a run starting on a particle counts only as a whole ("out of control")
            share = ecd.rendering(phrase, tuple(cand), whole=not cand[0].content)
            if key not in found and share >= MIN_RENDERING:
                found[key] = share
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0][1] - kv[0][0], kv[0][0])))


def _text_of(units: Sequence[_Unit]) -> list[str]:
    return [u.text for u in units]


def _content_text(units: Sequence[_Unit]) -> str:
    """The text from the first content unit to the last: 美国和 is judged as 美国."""
    at = [k for k, u in enumerate(units) if u.content]
    return "".join(_text_of(units[at[0] : at[-1] + 1])) if at else ""


def _render_windows(tokens: list):
    """Runs of up to ``RENDER_WORDS`` tokens ending on a content word, starting on one or
    on a particle ("out of control")."""
    for i, first in enumerate(tokens):
        if first.lemma in _RENDER_SKIP:
            continue
        for j in range(i, min(len(tokens), i + RENDER_WORDS)):
            if tokens[j].content:
                yield tokens[i : j + 1]


def _with_candidates(source: list, targets: list, text: str) -> tuple[list, dict]:
    return source, _candidates(source, targets, text)


def _prefetch_search(
    zh_side: dict, en_side: dict, tokens: list, en: str, zh: str, gap: dict
) -> None:
    """One embedding call for every text the searches of a bead are likely to compare:
    each phrase and its best gloss candidates; for a Chinese phrase without any, its
    paraphrase candidates; a phrase's one gap between anchors."""
    texts = [
        en[tokens[g[0].first].start : tokens[g[0].last].end] for g in gap.values() if len(g) == 1
    ]
    for side, text in ((zh_side, en), (en_side, zh)):
        for phrase, (source, found) in side.items():
            texts.append(phrase.text)
            texts.extend(text[a:b] for a, b in list(found)[:MAX_CHECKED])
            if text is en:
                for a, b in list(found)[:MAX_CHECKED]:
                    texts.extend(en[x:y] for x, y in _extensions(tokens, en, a, b))
            if not found and text is en and any(x.content for x in source):
                negated = any(u.negation for u in source)
                texts.extend(en[a:b] for a, b in _paraphrase_spans(tokens, en, (), negated))
    _prefetch(texts)


def _search(
    phrase: Span, source: list, found: dict, targets: list, text: str, used: Sequence[Span]
) -> tuple[Span, float, float] | None:
    """The best span of ``text`` for ``phrase`` (its units or tokens ``source``), if convincing.

    Candidates (``found``, from :func:`_candidates`) need gloss evidence; the few best
    not overlapping ``used`` are then checked with multilingual sentence embeddings, which
    reject spans that merely share a word with the phrase.
    """
    if not source or not any(x.content for x in source):
        return None
    zh_side = isinstance(source[0], _Unit)
    negated = zh_side and any(u.negation for u in source)
    best = [k for k in found if not any(k[0] < u.end and k[1] > u.start for u in used)]
    best = best[:MAX_CHECKED]
    if not best:
        return _paraphrase(phrase, source, targets, text, used, negated) if zh_side else None
    cosines = _cosines(phrase.text, [text[a:b] for a, b in best])
    ranked = []
    for k, cos in zip(best, cosines, strict=True):
        span_tokens = _inside(targets, Span(k[0], k[1], "")) if zh_side else source
        span_units = source if zh_side else _inside(targets, Span(k[0], k[1], ""))
        rend = ecd.rendering(_content_text(span_units), tuple(span_tokens))
        floor = MIN_COSINE
        if zh_side and len(span_tokens) == 1 and "-" not in span_tokens[0].text and not rend:
            floor = LONE_WORD_COSINE
        # the embeddings are weak on short phrases: a dictionary rendering outweighs them
        if cos >= floor or (rend >= STRONG_RENDERING and cos >= RENDER_COSINE):
            cov = max(_coverage(span_units, span_tokens), rend)
            value = found[k] + cos + COVERAGE_WEIGHT * cov + RENDER_WEIGHT * rend
            ranked.append((value, -(k[1] - k[0]), -k[0], k, cos, cov, rend, floor))
    if not ranked:
        return None
    top = max(ranked)
    (start, end), score, cos, cov, rend = top[3], found[top[3]], top[4], top[5], top[6]
    confidence = _search_confidence(score, cos, cov, rend, top[7])
    if zh_side:
        start, end = _complete(phrase, source, targets, text, used, start, end, cos)
        if _truncated(source, _inside(targets, Span(start, end, ""))):
            confidence = round(TRUNCATED * confidence, 3)
    return Span(start, end, text[start:end]), round(score, 3), confidence


def _links(zh: str, words: Sequence[Word], tokens: list) -> list[gaps.Link]:
    """Every unit of the sentence with the tokens its glosses or ECDICT renderings explain;
    a unit without content glosses or of a basic word (HSK ≤ :data:`LIGHT_HSK`: 可能, 会)
    is light (its English may be a function word)."""
    basic = [(w.start, w.end) for w in words if (w.hsk or 9) <= LIGHT_HSK]
    return [
        gaps.Link(
            u.start,
            u.end,
            u.content,
            frozenset(
                k
                for k, t in enumerate(tokens)
                if u.content and (_explains(u.gloss, t.lemma) or _renders(u, t, u.text))
            ),
            light=not u.gloss
            or u.end - u.start == 1
            or any(a <= u.start and u.end <= b for a, b in basic),
        )
        for u in _units(zh, words)
    ]


def _gap_answer(
    zh: str, phrase: Span, found: list[gaps.Gap], tokens: list, en: str, used: Sequence[Span]
) -> tuple[Span, float, float] | None:
    """The English between the anchors of the phrase's neighbours (``found``, from
    :func:`gaps.gaps`), when there is exactly one such gap, it overlaps no answer given,
    ECDICT does not render it as other Chinese of the sentence, and the embeddings do not
    find it far off."""
    if len(found) != 1:
        return None
    a, b = tokens[found[0].first].start, tokens[found[0].last].end
    if any(a < u.end and b > u.start for u in used):
        return None
    if ecd.elsewhere(tuple(tokens[found[0].first : found[0].last + 1]), zh, (phrase,)):
        return None
    (cos,) = _cosines(phrase.text, [en[a:b]])
    if cos < GAP_COSINE:
        return None
    confidence = GAP_CONFIDENCE + GAP_SPREAD * min(1.0, (cos - GAP_COSINE) / 0.4)
    return Span(a, b, en[a:b]), 0.0, round(confidence, 3)


def _extensions(tokens: list, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span widened by one content word on the left and on the right (through
    function words, "bid for power"; not across a clause break)."""
    out = []
    inside = [k for k, t in enumerate(tokens) if t.start >= start and t.end <= end]
    if not inside:
        return out
    for step in (-1, 1):
        k = inside[0] if step < 0 else inside[-1]
        while 0 <= k + step < len(tokens):
            a, b = sorted((tokens[k].end, tokens[k + step].start))
            if _BREAK.search(text[a : b + (1 if step > 0 else 0)]):
                break
            k += step
            if tokens[k].content:
                out.append((tokens[k].start, end) if step < 0 else (start, tokens[k].end))
                break
    return out


def _loose_verb(units: Sequence[_Unit], token: english.Token) -> bool:
    """A past tense or participle at a span's end that no unit explains: the verb after
    the phrase ("the county moved"), not part of it."""
    if not token.text.lower().endswith(("ed", "ing")):
        return False
    if "VERB" not in english.parts_of_speech(token.text):
        return False
    return not any(u.content and _explains(u.gloss, token.lemma) for u in units)


def _may_be_noun(word: str) -> bool:
    """Whether ``word`` can head a noun phrase (lemminflect misses many nouns, "county",
    and calls "dams" a verb only: a verb form or an unknown word may be one too)."""
    if word.lower() in _CLAUSE_WORDS:
        return False
    pos = english.parts_of_speech(word)
    return not pos or bool(pos & {"NOUN", "VERB"})


def _complete(
    phrase: Span, units: list, tokens: list, text: str, used: Sequence[Span], start, end, cos
) -> tuple[int, int]:
    """The span made complete: the head noun after an adjective ("hydroelectric dams"),
    the next noun of a compound when part of the phrase is still unsaid ("laundry
    detergent pods"), or a neighbour the embeddings find clearly closer ("downward
    spiral"); each only when the embeddings do not find the wider span farther off."""
    for _ in range(2):
        wider = [
            (a, b)
            for a, b in _extensions(tokens, text, start, end)
            if not any(a < u.end and b > u.start for u in used)
        ]
        if not wider:
            break
        texts = [text[a:b] for a, b in wider]
        cosines = dict(zip(wider, _cosines(phrase.text, texts), strict=True))
        inside = [t for t in tokens if t.start >= start and t.end <= end]
        last = inside[-1]
        right = [(a, b) for a, b in wider if b > end and text[end:b].count(" ") == 1]
        choice = None
        if right and text[last.end : last.end + 1] == " ":
            nxt = next(t for t in tokens if t.start > last.end)
            noun = _may_be_noun(nxt.text)
            pos = english.parts_of_speech(last.text)
            unsaid = any(
                u.content and not any(_explains(u.gloss, t.lemma) for t in inside) for u in units
            )
            closer = cosines[right[0]] - cos
            if noun and nxt.content and pos == {"ADJ"} and closer >= 0:
                choice = right[0]
            elif noun and nxt.content and "NOUN" in pos and unsaid and closer > -0.03:
                choice = right[0]
        if choice is None:
            best = max(wider, key=cosines.get)
            if cosines[best] >= cos + EXTEND_COSINE:
                choice = best
        if choice is None:
            break
        start, end = choice
        cos = cosines[choice]
    return start, end


def _paraphrase(
    phrase: Span, units: list, tokens: list, text: str, used: Sequence[Span], negated: bool
) -> tuple[Span, float, float] | None:
    """No gloss evidence: the English words whose meaning the embeddings find closest to the
    phrase (a paraphrase, a compound the dictionary splits otherwise), if clearly closest.

    Candidates are runs of up to ``PARAPHRASE_WORDS`` words; the best needs a cosine of
    ``PARAPHRASE_COSINE`` and a lead over every candidate that does not overlap it."""
    spans = _paraphrase_spans(tokens, text, used, negated)
    if not spans:
        return None
    cosines = _cosines(phrase.text, [text[a:b] for a, b in spans])
    ranked = []
    for (a, b), cos in zip(spans, cosines, strict=True):
        cand = _inside(tokens, Span(a, b, ""))
        ranked.append((cos + LEXICAL_BONUS * _score(units, cand), cos, a, b, cand))
    _, cos, a, b, cand = max(ranked, key=lambda r: (r[0], -(r[3] - r[2])))
    rival = max((r[1] for r in ranked if r[3] <= a or r[2] >= b), default=0.0)
    if cos < PARAPHRASE_COSINE:
        return None
    margin = cos - rival
    confidence = (
        min(1.0, (cos - 0.35) / 0.45)
        * min(1.0, max(0.0, margin) / 0.2)
        * (0.5 + 0.5 * _coverage(units, cand))
    )
    return Span(a, b, text[a:b]), 0.0, round(confidence, 3)


_VECTORS: dict[str, object] = {}  # text -> embedding, for the process (phrases recur)
MAX_CACHED = 50000


def _prefetch(texts) -> None:
    """Embed the texts not yet cached, all in one call (a call costs far more than a text)."""
    from learnkit.align.embed import embed

    missing = list(dict.fromkeys(t for t in texts if t not in _VECTORS))
    if not missing:
        return
    if len(_VECTORS) + len(missing) > MAX_CACHED:
        _VECTORS.clear()
    _VECTORS.update(zip(missing, embed(missing), strict=True))


def _paraphrase_spans(tokens: list, text: str, used: Sequence[Span], negated: bool) -> list:
    return [
        (cand[0].start, cand[-1].end)
        for cand in _windows(tokens, text, PARAPHRASE_WORDS, negated)
        if not any(cand[0].start < u.end and cand[-1].end > u.start for u in used)
    ]


def _vectors(texts: list[str]):
    import numpy as np

    _prefetch(texts)
    return np.stack([_VECTORS[t] for t in texts])


def _cosines(phrase: str, candidates: list[str]) -> list[float]:
    vectors = _vectors([phrase, *candidates])
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
    hit = [t for t in tokens if any(_explains(u.gloss, t.lemma) for u in mine)]
    silent = [u for u in others if not any(_explains(u.gloss, t.lemma) for t in tokens)]
    if not hit and not silent:  # the one token nothing else explains is the word's
        hit = [t for t in tokens if not any(_explains(u.gloss, t.lemma) for u in others)]
        hit = hit if len(hit) == 1 else []
    if not hit or len(hit) > 3:
        return None
    start, end = hit[0].start, hit[-1].end
    if sum(1 for t in tokens if start <= t.start and t.end <= end) > 3:
        return None  # the hits are scattered over the phrase
    return Span(start, end, en[start:end])
