"""Lexical evidence for phrase pairing: Chinese units, English tokens, which explains which.

A Chinese span is a sequence of *units* (jieba words, split further into CC-CEDICT
headwords when jieba's word is not one; a name CC-CEDICT lacks from LearnKit's own list),
each with the English lemmas its glosses use; an English span is a sequence of tokens
(:mod:`learnkit.text.english`: hyphenated words whole, lemmas). A token explains a unit
when a gloss says it (CC-CEDICT, Chinese → English) or when ECDICT renders it as the unit
(English → Chinese: "sector" → 部门; what a rendering may not claim,
:mod:`learnkit.align.renderings`). Their similarity is an F1 of how much of each side the
other explains, where leftover units on both sides may explain each other at half credit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from learnkit.align import gaps
from learnkit.align import renderings as ecd
from learnkit.chinese import dictionary as cedict
from learnkit.chinese import names
from learnkit.models import Span, Word
from learnkit.text import english
from learnkit.text.charclass import HAN

GAP_CREDIT = 0.5
LIGHT_HSK = 3  # gap alignment: words this basic (可能, 会, 因此) need no English of their own
MIN_RENDERING = 0.5  # share of the phrase's characters a rendering must say
ERHUA = "儿"
ZH_LOCATIVE = frozenset("上下里中内外前后间边")  # 事情上, 短期内: often no English word
ZH_AFFIX = frozenset("式性化型者家率度类")  # suffixes English often leaves unsaid
EN_NEGATION = frozenset("not no out without never nor lack absence".split())
ZH_FUNCTION = frozenset(
    "的 地 得 了 着 过 和 与 及 跟 同 或 是 在 之 把 被 将 对 从 向 于 以 为 而 并 也 都 "
    "就 又 还 很 所 则 其 这 那 该 此 个 们 等 一个 一种 一些 这个 那个 这些 那些 这种 及其 "
    "之一 有着".split()
)


@dataclass(frozen=True)
class Unit:
    """A piece of Chinese text and the normalised English words its glosses use."""

    start: int
    end: int
    weight: int
    gloss: frozenset[str]
    content: bool  # False for function words: neither evidence nor a gap
    meanings: tuple[frozenset[str], ...] = ()  # lemmas of each dictionary meaning
    negation: bool = False  # 不, 无, 非 … standing alone
    text: str = ""


def all_said(units: Sequence[Unit], tokens: Sequence[english.Token]) -> bool:
    phrase = "".join(text_of(units))
    return all(any(says(u, t, phrase) for u in units) for t in tokens if t.content)


def truncated(units: Sequence[Unit], tokens: Sequence[english.Token]) -> bool:
    """Whether more of the phrase is unsaid than the span has words left to say it: units
    no token explains outnumber the tokens that explain none (a hyphenated word counts
    its parts: "dual-use" says 军民两用), so the span likely lost a word ("county" for
    县治, "county seat")."""
    return unsaid_excess(units, tokens) > 0


def unsaid_excess(units: Sequence[Unit], tokens: Sequence[english.Token]) -> int:
    """How many more of the phrase's units no token says than there are tokens that say
    none (:func:`truncated` when above 0)."""
    negated = any(is_negation(t.text) for t in tokens)
    phrase = "".join(text_of(units))
    units = [u for u in units if u.content and u.text not in ZH_AFFIX]
    units = [u for u in units if not (u.negation and negated)]
    tokens = [t for t in tokens if t.content]

    unsaid = sum(1 for u in units if not any(says(u, t, phrase) for t in tokens))
    spare = sum(1 for t in tokens if not any(says(u, t, phrase) for u in units))
    spare += sum(t.text.count("-") for t in tokens)
    return unsaid - spare


def english_unsaid(units: Sequence[Unit], tokens: Sequence[english.Token]) -> bool:
    """The other way round (bold English found in the Chinese): whether the English words
    no unit says outnumber the units that say none, so the Chinese span likely says only
    part of the English (成本 for "cost-cutting program")."""
    phrase = "".join(text_of(units))
    units = [u for u in units if u.content]
    tokens = [t for t in tokens if t.content]
    unsaid = sum(1 for t in tokens if not any(says(u, t, phrase) for u in units))
    spare = sum(1 for u in units if not any(says(u, t, phrase) for t in tokens))
    return unsaid > spare


def units_of(zh: str, words: Sequence[Word], span: Span | None = None) -> list[Unit]:
    """Units of ``zh`` (of ``span`` only, words cut at its edges, when given)."""
    lo, hi = (span.start, span.end) if span else (0, len(zh))
    bounds = [(w.start, w.end) for w in words] or [(i, i + 1) for i in range(len(zh))]
    units: list[Unit] = []
    for start, end in bounds:
        if start < hi and end > lo:
            units.extend(word_units(zh, max(start, lo), min(end, hi)))
    return units


def word_units(zh: str, start: int, end: int) -> list[Unit]:
    piece = zh[start:end]
    if not HAN.search(piece):
        toks = [t for t in tokens_of(piece) if t.content]
        if not toks:
            return []
        return [Unit(start, end, 1, frozenset(t.lemma for t in toks), True, text=piece)]
    if piece in ZH_FUNCTION:
        return [Unit(start, end, len(piece), frozenset(), False, text=piece)]
    if cedict.contains(piece) or len(piece) == 1:
        negation = piece in ecd.NEGATION
        gloss, meanings = gloss_lemmas(piece), meaning_lemmas(piece)
        return [Unit(start, end, len(piece), gloss, True, meanings, negation, piece)]
    listed = names.gloss(piece)  # a name CC-CEDICT lacks (耶伦 "Janet Yellen")
    if listed:
        lemmas = frozenset(t.lemma for t in tokens_of(listed) if t.content)
        return [Unit(start, end, len(piece), lemmas, True, (lemmas,), text=piece)]
    # Not a headword (伙伴关系, 中美关系): the dictionary words it is made of; a 儿 after
    # them is the erhua suffix (鱼儿 "fish"), not "child" (儿子, 女儿 are headwords).
    return [
        Unit(start + s, start + e, 1, frozenset(), False, text=ERHUA)
        if s and piece[s:e] == ERHUA
        else unit
        for s, e in cedict.split(piece)
        for unit in word_units(zh, start + s, start + e)
    ]


@lru_cache(maxsize=16384)
def gloss_lemmas(word: str) -> frozenset[str]:
    return frozenset(map(english.lemma, cedict.english_words(word)))


@lru_cache(maxsize=16384)
def meaning_lemmas(word: str) -> tuple[frozenset[str], ...]:
    if cedict.is_proper_noun(word):  # "Vladimir Putin": the surname alone is the name
        return ()
    return tuple(frozenset(map(english.lemma, m)) for m in cedict.meaning_words(word))


def coverage(units: Sequence[Unit], tokens: Sequence[english.Token]) -> float:
    """How wholly the tokens translate the units: per unit, the best share of one of its
    dictionary meanings that the tokens say ("county" is half of 县治's "county seat").
    A negated phrase (不合规) whose English has no negation covers half."""
    lemmas = [t.lemma for t in tokens if t.content]
    total = weight = 0.0
    for u in units:
        if not u.content or not u.meanings:
            continue
        shares = [
            sum(any(explains(frozenset((w,)), t) for t in lemmas) for w in m) / len(m)
            for m in u.meanings
        ]
        total += u.weight * max(shares)
        weight += u.weight
    share = total / weight if weight else 1.0
    negated = any(u.negation for u in units)
    if negated and not any(is_negation(t.text) for t in tokens):
        share *= 0.5
    return share


def negates(unit: Unit) -> bool:
    """A unit that negates: 不, 无 … standing alone, or a word opening with one whose
    first sense says a negation (不知 "not to know", 没想到 "didn't expect"; not 不错
    "correct", 不断 "unceasing")."""
    if unit.negation:
        return True
    if unit.text[:1] not in ecd.NEGATION or len(unit.text) < 2:
        return False
    senses = cedict.meaning_phrases(unit.text)
    return bool(senses) and any(w in _SAID_NEGATION or w.endswith("n't") for w in senses[0])


_SAID_NEGATION = frozenset("not no never".split())


def is_negation(word: str) -> bool:
    """A negating word: "not", "won't", or a negating prefix or suffix (un-, non-, dis-,
    in-, -less) that ECDICT's renderings confirm ("useless" 无用的; "inclined" and "under"
    are no negation)."""
    w = word.lower()
    if w in EN_NEGATION or w.endswith("n't"):
        return True
    if w.startswith(("un", "non", "dis", "in")) or (w.endswith("less") and len(w) > 6):
        return ecd.negating(w)
    return False


def tokens_of(en: str) -> list[english.Token]:
    return english.tokens(en)


def related(a: str, b: str) -> bool:
    """Same lemma, one a prefix of the other ("regulate", "regulator"), or one stem with
    another ending ("populism", "populist")."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and long_.startswith(short):
        return True
    need = max(5, len(short) - 3)  # a common prefix this long (os.path.commonprefix: slower)
    return short[:need] == long_[:need]


@lru_cache(maxsize=65536)
def explains(gloss: frozenset[str], norm: str) -> bool:
    """Whether a unit's gloss words explain an English token (``related`` to one)."""
    first = norm[:1]  # words related to it start with its letter
    if norm in gloss or any(related(g, norm) for g in gloss if g[:1] == first):
        return True
    # a hyphenated word ("Sino-Soviet", "re-election") is explained by one of its parts
    return "-" in norm and any(
        explains(gloss, english.lemma(part)) for part in norm.split("-") if len(part) > 1
    )


def renders(unit: Unit, token: english.Token, phrase: str) -> bool:
    """Whether ECDICT renders the token as the unit (of the Chinese ``phrase``)."""
    return ecd.renders(unit.text, token.text, token.lemma, phrase)


def says(unit: Unit, token: english.Token, phrase: str) -> bool:
    """Whether the unit (of the Chinese ``phrase``) says the English token: its gloss
    explains it, or ECDICT renders the token as the unit."""
    return explains(unit.gloss, token.lemma) or renders(unit, token, phrase)


def inside(items: list, span: Span) -> list:
    return [x for x in items if x.start >= span.start and x.end <= span.end]


def score(units: Sequence[Unit], tokens: Sequence[english.Token]) -> float:
    """F1 of mutual coverage; unexplained units and tokens explain each other at half credit."""
    return scores(units, tokens)[0]


def scores(units: Sequence[Unit], tokens: Sequence[english.Token]) -> tuple[float, float]:
    """The score, and the share of the lesser-covered side that glosses really explain."""
    units = [u for u in units if u.content]
    tokens = [t for t in tokens if t.content]
    if not units or not tokens:
        return 0.0, 0.0
    phrase = "".join(text_of(units))
    related = [[says(u, t, phrase) for t in tokens] for u in units]
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


def text_of(units: Sequence[Unit]) -> list[str]:
    return [u.text for u in units]


def content_text(units: Sequence[Unit]) -> str:
    """The text from the first content unit to the last: 美国和 is judged as 美国."""
    at = [k for k, u in enumerate(units) if u.content]
    return "".join(text_of(units[at[0] : at[-1] + 1])) if at else ""


def links(zh: str, words: Sequence[Word], tokens: list) -> list[gaps.Link]:
    """Every unit of the sentence with the tokens its glosses or ECDICT renderings explain;
    a unit without content glosses or of a basic word (HSK ≤ :data:`LIGHT_HSK`: 可能, 会)
    is light (its English may be a function word)."""
    basic = [(w.start, w.end) for w in words if (w.hsk or 9) <= LIGHT_HSK]
    return [
        gaps.Link(
            u.start,
            u.end,
            u.content,
            frozenset(k for k, t in enumerate(tokens) if u.content and says(u, t, u.text)),
            light=not u.gloss
            or u.end - u.start == 1
            or any(a <= u.start and u.end <= b for a, b in basic),
        )
        for u in units_of(zh, words)
    ]
