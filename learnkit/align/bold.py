"""Both sides bold: the joint assignment of a bead's Chinese and English emphasised spans.

One English span per phrase, none used twice, chosen on gloss score, USE-multilingual
cosine and position in the bead; the bold itself is strong evidence, so a weak cue pairs
them. English bold merged from pieces is split when each part is clearly another Chinese
phrase's; a paired English span is cut to what its phrase says (:func:`trim`).
"""

from __future__ import annotations

from collections.abc import Sequence

from learnkit.align import lexical, vectors
from learnkit.align import renderings as ecd
from learnkit.models import Span, Word
from learnkit.text import english

PAIR_THRESHOLD = 0.3  # both sides emphasised: the bold itself is evidence
SPLIT_SCORE = 0.6  # each part of a split English bold span: gloss score at least
# Both sides bold: a cosine this high pairs them without gloss evidence. Out of domain
# (novels, magazines, academic prose), where a page bolds other phrases on each side, the
# unrelated pairs' cosines reach 0.31 (judge set: 10 of 13 unrelated pairs below 0.32,
# 3 of 25 translations).
PAIR_COSINE = 0.32
# ... unless the English bold is this much closer to a plain Chinese word of the sentence
# (judge set: 笑 0.65 vs bold 偷食 0.46 for **chuckling**, 困境 0.47 vs 0.34; dev: the
# nearest plain word to **waiver** 0.10 above 豁免, to **tipping** 0.03 above 打赏)
PLAIN_MARGIN = 0.12
POSITION_WEIGHT = 0.3  # weak prior: bold spans at the same relative place in the bead
LONE_PAIR_CONFIDENCE = 0.55  # the only bold span on each side, with an ECDICT rendering ...
LONE_COSINE = 0.1  # ... or this cosine and a rendering sharing a character (truce 停战 ↔ 停火协议)


def assign(
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
        [
            lexical.score(lexical.units_of(zh, words, z), lexical.inside(tokens, e))
            for e in en_emphasis
        ]
        for z in zh_emphasis
    ]
    if glosses_decide(lex):
        cos = [[0.0] * m for _ in range(n)]
    else:
        vecs = vectors.matrix([z.text for z in zh_emphasis] + [e.text for e in en_emphasis])
        cos = [[float(vecs[i] @ vecs[n + j]) for j in range(m)] for i in range(n)]
    # English bold that ECDICT renders as plain Chinese text of the sentence, or half of
    # whose words plain Chinese words say (校友 "alumni" beside bold 辞职), says that text
    plain_zh = [
        u
        for u in lexical.units_of(zh, words)
        if u.content and not any(z.overlaps(u.start, u.end) for z in zh_emphasis)
    ]
    elsewhere = [
        ecd.elsewhere(tuple(lexical.inside(tokens, e)), zh, zh_emphasis)
        or _half_said(plain_zh, lexical.inside(tokens, e))
        for e in en_emphasis
    ]
    # a Chinese bold phrase whose every word plain English says, half a dictionary meaning
    # at least ("little hut" for 小屋 beside bold "rustling"; not "Heaven" for 天经地义), is
    # translated there
    plain_en = [
        t
        for t in tokens
        if t.content and not any(e.start <= t.start and t.end <= e.end for e in en_emphasis)
    ]
    translated = [_all_said_by(lexical.units_of(zh, words, z), plain_en) for z in zh_emphasis]
    # ... or part of it, when the English bold is a name nothing says (菜田 "cabbage fields"
    # beside **Kikuyo**: 田 says "fields"; a name's cosine to any word is noise)
    named = [_name_only(en, e, tokens) for e in en_emphasis]
    partly = [
        any(named)
        and any(
            lexical.says(u, t, u.text)
            for u in lexical.units_of(zh, words, z)
            if u.content
            for t in plain_en
        )
        for z in zh_emphasis
    ]  # (only asked beside a named English bold)

    def unsaid(i: int, j: int) -> bool:  # no gloss evidence and the text is said elsewhere
        phrase = lexical.content_text(lexical.units_of(zh, words, zh_emphasis[i]))
        if named[j] and partly[i]:
            return True
        return (elsewhere[j] or translated[i]) and (
            ecd.rendering(phrase, tuple(lexical.inside(tokens, en_emphasis[j])))
            < lexical.MIN_RENDERING
        )

    # Each side's bold may rather have its counterpart in the other's plain text, whatever
    # the glosses between the two (送葬的仪仗 beside **wedding procession**).
    apart = _said_elsewhere(zh, words, zh_emphasis, en_emphasis, tokens)

    closer_plain = _closer_in_plain(plain_zh, en_emphasis, lex, cos)

    value: dict[tuple[int, int], float] = {}
    for i, z in enumerate(zh_emphasis):
        zpos = (z.start + z.end) / 2 / max(len(zh), 1)
        for j, e in enumerate(en_emphasis):
            if apart(i, j) or (
                lex[i][j] < PAIR_THRESHOLD
                and (cos[i][j] < PAIR_COSINE or unsaid(i, j) or closer_plain(i, j))
            ):
                continue
            epos = (e.start + e.end) / 2 / max(len(en), 1)
            value[i, j] = lex[i][j] + cos[i][j] + POSITION_WEIGHT * (1 - abs(zpos - epos))
    if n == m == 1 and not value:  # one bold span each side, and some cue beyond the bold
        phrase = lexical.content_text(lexical.units_of(zh, words, zh_emphasis[0]))
        english_run = tuple(lexical.inside(tokens, en_emphasis[0]))
        rend = ecd.rendering(phrase, english_run)
        if not apart(0, 0) and (
            rend >= lexical.MIN_RENDERING
            or (cos[0][0] >= LONE_COSINE and not unsaid(0, 0) and ecd.said(phrase, english_run))
        ):
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
    return [(i, j, round(lex[i][j], 3), pair_confidence(lex[i][j], cos[i][j])) for i, j in best[1]]


def _name_only(en: str, span: Span, tokens: list[english.Token]) -> bool:
    """Whether the bold English is capitalised words only, not at a sentence start: a name
    ("Kikuyo"), which no gloss says."""
    inside = lexical.inside(tokens, span)
    before = en[: span.start].rstrip()
    return (
        bool(inside)
        and all(t.text[:1].isupper() for t in inside)
        and before != ""
        and before[-1] not in ".!?\"'“‘"
    )


def _closer_in_plain(plain_zh, en_emphasis, lex, cos):
    """``closer(i, j)``: whether English bold ``j`` is clearly closer in embeddings to a
    plain Chinese word of the sentence than to Chinese bold ``i`` (**chuckling** beside plain 笑
    and bold 偷食; **reeling** beside plain 困境 and bold 立足不稳): a pair on the cosine
    alone is then no pair. The words are embedded only for such pairs."""
    words = list(dict.fromkeys(u.text for u in plain_zh))
    best: dict[int, float] = {}

    def closer(i: int, j: int) -> bool:
        if not words or lex[i][j] >= PAIR_THRESHOLD or cos[i][j] < PAIR_COSINE:
            return False
        if j not in best:
            best[j] = max(vectors.cosines(en_emphasis[j].text, words))
        return best[j] >= cos[i][j] + PLAIN_MARGIN

    return closer


def _all_said_by(units: Sequence[lexical.Unit], tokens: Sequence[english.Token]) -> bool:
    """Whether every content unit says one of the tokens, and those tokens say at least
    half of the phrase (a dictionary meaning, or ECDICT's rendering)."""
    units = [u for u in units if u.content]
    phrase = "".join(lexical.text_of(units))
    said = [t for t in tokens if any(lexical.says(u, t, phrase) for u in units)]
    if not units or not all(any(lexical.says(u, t, phrase) for t in said) for u in units):
        return False
    share = max(lexical.coverage(units, said), ecd.rendering(phrase, tuple(said)))
    return share >= 0.5


def _half_said(units: Sequence[lexical.Unit], tokens: Sequence[english.Token]) -> bool:
    """Whether at least half of the content tokens are said by one of the units (each
    judged alone)."""
    tokens = [t for t in tokens if t.content]
    said = sum(1 for t in tokens if any(lexical.says(u, t, u.text) for u in units))
    return bool(tokens) and 2 * said >= len(tokens)


def _said_elsewhere(
    zh: str,
    words: Sequence[Word],
    zh_emphasis: Sequence[Span],
    en_emphasis: Sequence[Span],
    tokens: list[english.Token],
):
    """``apart(i, j)``: whether Chinese bold ``i`` and English bold ``j`` each rather have
    their counterpart in the other's plain text: the words of ``i`` (two characters or more)
    say more content words of the English outside every bold span than ``i`` says of ``j``,
    or plain
    Chinese words (outside every bold span, two characters or more) say half the content
    words of ``j`` or more, and more of them than ``i`` does (山坳 beside **mud pools**
    and plain 泥坑; 送葬的仪仗 beside **wedding procession** and plain "funeral procession"),
    or the characters of ``i`` that say ``j`` are fewer than those that say plain English
    only, and those are most of ``i``."""
    plain_en = [t for t in tokens if t.content and not any(_within(t, e) for e in en_emphasis)]
    plain_zh = [
        u
        for u in lexical.units_of(zh, words)
        if _word(u) and not any(z.overlaps(u.start, u.end) for z in zh_emphasis)
    ]
    bold_en = [[t for t in lexical.inside(tokens, e) if t.content] for e in en_emphasis]
    phrases = []
    for z in zh_emphasis:
        units = lexical.units_of(zh, words, z)
        phrases.append(([u for u in units if u.content], lexical.content_text(units)))

    def said(units, phrase, targets) -> int:  # distinct English words said
        return len(
            {t.lemma for t in targets if any(lexical.says(u, t, phrase or u.text) for u in units)}
        )

    def says_any(u, phrase, targets) -> bool:
        return any(lexical.says(u, t, phrase or u.text) for t in targets)

    outside = [said([u for u in units if _word(u)], phrase, plain_en) for units, phrase in phrases]
    by_plain = [said(plain_zh, "", inside) for inside in bold_en]

    def apart(i: int, j: int) -> bool:
        units, phrase = phrases[i]
        here = said(units, phrase, bold_en[j])
        if outside[i] > here or (2 * by_plain[j] >= len(bold_en[j]) > 0 and by_plain[j] > here):
            return True
        # the glosses pair them through a lesser part of the phrase, and most of it says
        # plain English only (种点玉米: "grow some corn" beside **around the place**, which
        # only 点 "place" says; a pair on embeddings alone is judged above)
        bold = sum(len(u.text) for u in units if says_any(u, phrase, bold_en[j]))
        plain = sum(
            len(u.text)
            for u in units
            if says_any(u, phrase, plain_en) and not says_any(u, phrase, bold_en[j])
        )
        return 0 < bold < plain and 2 * plain > sum(len(u.text) for u in units)

    return apart


def _word(u: lexical.Unit) -> bool:
    return u.content and u.end - u.start >= 2


def _within(t: english.Token, e: Span) -> bool:
    return e.start <= t.start and t.end <= e.end


def split_merged(
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
    units = [lexical.units_of(zh, words, z) for z in zh_emphasis]
    out: list[Span] = []
    for e in en_emphasis:
        inside = lexical.inside(tokens, e)
        whole = max(lexical.score(u, inside) for u in units)
        best: tuple[float, Span, Span] | None = None
        # a whole that already translates one phrase ("civil war" ↔ 内战) stays whole
        for k in range(1, len(inside) if whole < SPLIT_SCORE + 0.3 else 1):
            a, b = inside[k - 1], inside[k]
            if e.text[a.end - e.start : b.start - e.start].strip():
                continue  # only a space between: where pieces of bold may meet
            if not any(a.end - e.start <= p <= b.start - e.start for p in e.pieces):
                continue  # ... and do: one bold "Solid circles" is one phrase's
            if not (a.content and b.content):
                continue  # each part starts and ends on a content word
            # a part's every word explained by its phrase ("Russia partnership" is no part)
            left = [lexical.score(u, inside[:k]) * lexical.all_said(u, inside[:k]) for u in units]
            right = [lexical.score(u, inside[k:]) * lexical.all_said(u, inside[k:]) for u in units]
            for i, lv in enumerate(left):
                for j, rv in enumerate(right):
                    if i != j and min(lv, rv) >= SPLIT_SCORE and lv + rv > whole + 0.5:
                        if best is None or lv + rv > best[0]:
                            parts = (sub_span(e, e.start, a.end), sub_span(e, b.start, e.end))
                            best = (lv + rv, *parts)
        out.extend(best[1:] if best else (e,))
    return tuple(out)


def sub_span(e: Span, start: int, end: int) -> Span:
    """The part ``[start, end)`` of the span ``e`` (offsets into the text), with its pieces."""
    text = e.text[start - e.start : end - e.start]
    pieces = tuple(e.start + k - start for k in e.pieces if start < e.start + k < end)
    return Span(start, end, text, pieces)


def piece_spans(e: Span) -> list[Span]:
    """The pieces of a bold span (``**agreement** **on Monday**``), each without its spaces."""
    bounds = [e.start, *(e.start + k for k in e.pieces), e.end]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        text = e.text[a - e.start : b - e.start]
        lead = len(text) - len(text.lstrip())
        out.append(sub_span(e, a + lead, a + len(text.rstrip())))
    return [p for p in out if p.text]


def trim(
    units: Sequence[lexical.Unit], tokens: list[english.Token], e: Span
) -> tuple[Span, list[Span]]:
    """The English bold span paired with a Chinese phrase, cut to what the phrase says, and
    the pieces cut off (bold of their own: ``**agreement** **on Monday**`` for 协议).

    Pieces of bold with no word the phrase explains are cut off whole. Inside, content words
    at the edges that no unit explains go ("reduce air pollution" for 空气污染, "rely too
    heavily" for 依赖) only when what is left says a whole dictionary meaning of every unit
    (so "pitched battle" for 恶战, "fierce battle", stays whole) and none of them can be a
    noun or an adjective ("public servant" for 公务员 stays whole)."""
    units = [u for u in units if u.content]
    inside = lexical.inside(tokens, e)
    if not units or not inside:
        return e, []
    phrase = "".join(lexical.text_of(units))
    hits = [t for t in inside if t.content and any(lexical.says(u, t, phrase) for u in units)]
    if not hits:
        return e, []
    lo, hi = hits[0].start, hits[-1].end
    pieces = piece_spans(e)
    kept = [p for p in pieces if p.start < hi and p.end > lo]
    apart = [p for p in pieces if p not in kept]
    if apart:
        e = sub_span(e, kept[0].start, kept[-1].end)
        inside = lexical.inside(tokens, e)
    outside = [t for t in inside if t.content and (t.end <= lo or t.start >= hi)]
    # a noun or adjective at the edge is part of the noun phrase ("public servant" for 公务员,
    # "angel of death" for 死神); a word lemminflect does not know may be a name ("zero Covid")
    if outside and not any(_nominal(t.text) for t in outside):
        cut = [t for t in inside if lo <= t.start and t.end <= hi]
        whole = ecd.rendering(phrase, tuple(inside), whole=True)
        said = ecd.rendering(phrase, tuple(cut))
        if max(lexical.coverage(units, cut), said) >= 1.0 and said >= whole:
            e = sub_span(e, lo, hi)
    return e, apart


def _nominal(word: str) -> bool:
    pos = english.parts_of_speech(word)
    return not pos or bool(pos & {"NOUN", "ADJ", "PROPN"})


def glosses_decide(lex: list[list[float]]) -> bool:
    """Whether gloss evidence alone pairs the bold spans: each span of one side has at
    most one gloss partner, and every span of one side has one (embeddings could only
    add pairs among the spans left without a partner)."""
    hits = [[j for j, v in enumerate(row) if v >= PAIR_THRESHOLD] for row in lex]
    cols = [sum(1 for row in hits if j in row) for j in range(len(lex[0]))]
    if any(len(row) > 1 for row in hits) or any(c > 1 for c in cols):
        return False
    return all(hits) or all(cols)


def pair_confidence(lex: float, cos: float) -> float:
    """Both sides bold: the bold is most of the evidence, glosses and embeddings the rest
    (on the development half every such pair was right)."""
    p_lex = 0.9 * min(1.0, lex)
    p_cos = 0.9 * min(1.0, max(0.0, (cos - 0.1) / 0.5))
    return round(1 - 0.25 * (1 - p_lex) * (1 - p_cos), 3)
