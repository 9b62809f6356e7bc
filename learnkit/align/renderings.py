"""ECDICT evidence for phrase pairing: whether an English word's Chinese renderings say a phrase.

CC-CEDICT glosses say what a Chinese unit means in English; ECDICT
(:mod:`learnkit.chinese.ecdict`) renders an English word in Chinese ("sector" → 部门).
A rendering is evidence only when it says the phrase and nothing else of substance:

- its *core* is compared: function characters at its ends (的 地 得 之 了), a leading
  使 / 被 / 有 and a trailing 于 around a word of two characters or more are left out
  (使变暖, 有漏洞的, 倾向于);
- a negating rendering (无 不 非 未 没 否, or ending in 外 as in 计划外) says nothing of a
  phrase without that negation: "unplanned" (无计划的) is not 计划;
- the characters it shares with the phrase stand in the phrase's order: 产生地 ("factory",
  place of origin) says nothing of 生产, nor 事故 of 故事;
- a rendering that contains the phrase plus other content characters (选择权 ⊃ 选择)
  counts only when the phrase covers at least :data:`MIN_COVERED` of its core, or when
  it is the English word's first (main) sense ("anything" → 任何事);
- a phrase with a function word at an end (可能在, 美国和) is judged on its content part
  (the caller passes the text from its first content word to its last).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from learnkit.chinese import ecdict
from learnkit.models import Span
from learnkit.text import english
from learnkit.text.charclass import HAN

MAX_RENDERINGS = 4  # ECDICT lists main senses first; its long tails are noise
MIN_COVERED = 0.75  # share of a rendering's core that the phrase must say
FILLER = frozenset("的地得之了")  # function characters a rendering may carry
_LEADING = ("使", "被", "有")  # "make …", "be …-ed", "having …" before a word
_TRAILING = ("于",)  # "… to" after a word: 倾向于 "inclined to"
NEGATION = frozenset("不无非未没否")  # characters that negate, in renderings and phrases


@lru_cache(maxsize=16384)
def negating(english_word: str) -> bool:
    """Whether ECDICT's main renderings of the word negate (不 无 非 未 …: "useless"
    无用的); True for a word ECDICT does not list (its affix is the only evidence)."""
    found = ecdict.renderings(english_word)[:3]
    return not found or any(NEGATION & frozenset(r) for r in found)


def core(rendering: str) -> str:
    """A rendering without function characters at its ends and a leading 使 / 被 / 有."""
    r = rendering.strip("".join(FILLER))
    if len(r) > 2 and r.startswith(_LEADING):
        r = r[1:]
    if len(r) > 2 and r.endswith(_TRAILING):
        r = r[:-1]
    return r


def hit(
    chars: frozenset[str],
    context: frozenset[str],
    rendering: str,
    main: bool = False,
    text: str = "",
) -> frozenset[str]:
    """The characters of ``chars`` that ``rendering`` says, judged against ``context``
    (the characters of the whole phrase ``text``): nothing when the rendering negates and
    the phrase does not, when the characters it shares with ``text`` stand in another
    order (产生地 is not 生产), or when it holds the phrase inside a longer word (below
    :data:`MIN_COVERED`) and is not the English word's ``main`` (first) sense."""
    r = core(rendering)
    if not r:
        return frozenset()
    if (NEGATION & frozenset(r)) - context or (r.endswith("外") and "外" not in context):
        return frozenset()
    content = frozenset(r) - FILLER
    if not content:
        return frozenset()
    shared = content & context
    if len(shared) > 1 and text and _order(r, shared) != _order(text, shared):
        return frozenset()
    if not main and content - shared and len(shared) / len(content) < MIN_COVERED:
        # the phrase inside a longer word (选择权, 共和国) is not the phrase; its
        # characters spread over a fuller form (无人驾驶飞机 for 无人机) still are
        at = [k for k, c in enumerate(r) if c in shared]
        if not at or at[-1] - at[0] + 1 == len(at):
            return frozenset()
    return chars & content


def _order(text: str, chars: frozenset[str]) -> str:
    """The characters of ``chars`` in the order they first occur in ``text``."""
    return "".join(dict.fromkeys(c for c in text if c in chars))


@lru_cache(maxsize=65536)
def renders(unit: str, word: str, lemma: str, phrase: str = "") -> bool:
    """Whether ECDICT renders the English word as the Chinese ``unit`` (part of
    ``phrase``, the whole unit when not given): a rendering saying two of its characters
    ("sector" → 部门), or for a one-character unit a rendering of at most two characters
    that contains it ("county" → 县)."""
    if not HAN.search(unit) or lemma in english.STOP_WORDS:
        return False
    chars = frozenset(unit) - FILLER
    forms = tuple(dict.fromkeys((word.lower(), lemma)))
    # a rendering says only characters it holds: with too few of the unit's in any of the
    # renderings, none says it (most pairs of a sentence's units and words share none)
    if len(chars & _rendered_chars(forms)) < min(2, len(chars)) or not chars:
        return False
    context = frozenset(phrase) - FILLER | chars
    for form in forms:
        for k, r in enumerate(ecdict.renderings(form)[:MAX_RENDERINGS]):
            said = hit(chars, context, r, main=k == 0, text=phrase if unit in phrase else unit)
            if len(chars) == 1 and len(core(r)) <= 2 and chars <= said:
                return True
            if len(chars) > 1 and len(said) >= 2:
                return True
    return False


@lru_cache(maxsize=65536)
def _rendered_chars(forms: tuple[str, ...]) -> frozenset[str]:
    """Every character of the renderings :func:`renders` looks at for these word forms."""
    return frozenset("".join(r for form in forms for r in ecdict.renderings(form)[:MAX_RENDERINGS]))


def rendering(phrase: str, tokens: tuple, whole: bool = False) -> float:
    """The share of the Chinese ``phrase``'s characters (give its content part) that ECDICT's
    renderings say: of the English run as a whole, or of its content words each (best
    rendering; surface and lemma forms); 0 unless two characters (or all of a
    one-character phrase) are said."""
    chars = frozenset(phrase) - FILLER
    if not chars:
        return 0.0
    need = min(2, len(chars))
    said_n = len(said(phrase, tokens))
    share = said_n / len(chars) if said_n >= need else 0.0
    if len(tokens) > 1 and not whole:  # word by word: each saying two characters, all used
        parts = [said(phrase, (t,)) for t in tokens if t.content]
        saying = [p for p in parts if len(p) >= need]
        if saying:
            union = frozenset().union(*saying)
            share = max(share, len(union) / len(chars) * len(saying) / len(parts))
    return share


@lru_cache(maxsize=65536)
def said(phrase: str, tokens: tuple) -> frozenset[str]:
    """The characters of ``phrase`` in the best ECDICT rendering of the run ``tokens``."""
    chars = frozenset(phrase) - FILLER
    best: frozenset[str] = frozenset()
    for form in forms(tokens):
        for k, r in enumerate(ecdict.renderings(form)[:MAX_RENDERINGS]):
            got = hit(chars, chars, r, main=k == 0, text=phrase)
            if len(got) == 1 and len(core(r)) > 2:
                continue  # one character inside a longer word says nothing (间, 十年间)
            if len(got) > len(best):
                best = got
    return best


def forms(tokens: tuple) -> list[str]:
    """Look-up forms of an English run: as written, its first word's lemma, its last's."""
    surface = " ".join(t.text for t in tokens)
    lemmas = " ".join([t.lemma for t in tokens[:1]] + [t.text for t in tokens[1:]])
    last = " ".join([t.text for t in tokens[:-1]] + [tokens[-1].lemma])
    return list(dict.fromkeys((surface, lemmas, last)))


def elsewhere(tokens: tuple, zh: str, zh_emphasis: Sequence[Span]) -> bool:
    """Whether one of ECDICT's main renderings of the English run (two characters or more)
    stands in ``zh`` outside every emphasised span: the English then says that plain text
    (**standard-bearer** beside plain 旗手), not a bold phrase it lacks the glosses for."""
    if not tokens:
        return False
    for form in forms(tokens):
        for r in ecdict.renderings(form)[:MAX_RENDERINGS]:
            r = core(r.strip())
            if len(r) < 2:
                continue
            at = zh.find(r)
            while at >= 0:
                if not any(z.start < at + len(r) and at < z.end for z in zh_emphasis):
                    return True
                at = zh.find(r, at + 1)
    return False
