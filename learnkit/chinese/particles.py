"""Choosing a polyphone's reading from the model's scores, the phrase table and context rules.

g2pM learned its priors from CPP, whose sentences are skewed against everyday usage
(了 is le5, 地 di4, 着 zhe5, 行 xing2 in nearly all of them), so it reads 了解 le5 jie3
and 跑得快 de2. For the frequent function characters the phrase dictionary therefore
decides whenever the character lies in one of its words, and a few structural rules read
the particles that stand alone.
"""

from __future__ import annotations

from learnkit.text.charclass import is_han

# Logit bonus for the reading of pypinyin's phrase dictionary. Chosen on CPP dev, where
# accuracy is flat from 2.5 to 5 (and equal on its odd and even halves).
PHRASE_BONUS = 3.0

# Frequent characters whose reading inside a dictionary word is the phrase table's.
FUNCTION_CHARS = frozenset("的地得了着为还行")
_DECISIVE = 1000.0

# Words of degree that follow the complement marker 得 (跑得很快, 说得太多, 死得较早).
_DEGREE = frozenset("很太更非十极越比较好多快慢不真挺这那特相最")
_PRONOUNS = frozenset("我你他她它们咱")
# Adverb-forming contexts before the particle 地 (突然地, 预见性地, 一般地).
_ADVERBIAL = frozenset("然性般样")


def choose(
    text: str, position: int, scores: dict[str, float], phrase: str | None, word_before: int
) -> str:
    """The reading of ``text[position]`` from the model's logits per candidate reading, the
    phrase dictionary's reading (None when the character is not inside a phrase) and the
    length of the dictionary segment just before it (0 at the start)."""
    if phrase is None:
        ruled = _standalone(text, position, word_before)
        if ruled in scores:
            return ruled
    elif phrase in scores:
        scores = dict(scores)
        scores[phrase] += _DECISIVE if text[position] in FUNCTION_CHARS else PHRASE_BONUS
    return max(scores, key=scores.__getitem__)


def _standalone(text: str, position: int, word_before: int) -> str | None:
    """Structural reading of a particle outside any dictionary word, if a rule applies."""
    char = text[position]
    before = text[position - 1] if position else ""
    after = text[position + 1 : position + 2]
    if (
        char == "地"
        and before
        and (
            before in _ADVERBIAL
            or (position > 1 and text[position - 2] == before)  # 慢慢地
            or (word_before > 1 and is_han(after))  # 高兴地笑: a word, 地, then a verb
        )
    ):
        return "de5"
    if char == "得" and before:
        if after in _DEGREE:
            return "de5"  # 跑得快: complement of degree
        if after == "去" or (before in _PRONOUNS and is_han(after) and after not in "了到以"):
            return "dei3"  # 得去, 你得小心: must
    return None
