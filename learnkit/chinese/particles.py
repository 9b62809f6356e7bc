"""Choosing a polyphone's reading from the model's scores, the phrase table and context rules.

g2pM learned its priors from CPP, whose sentences are skewed against everyday usage
(了 is le5, 地 di4, 着 zhe5, 行 xing2 in nearly all of them), so it reads 了解 le5 jie3
and 跑得快 de2. For the frequent function characters the phrase dictionary therefore
decides whenever the character lies in one of its words, and a few structural rules read
the particles that stand alone.
"""

from __future__ import annotations

from learnkit.text.charclass import PRONOUNS, is_han

# Logit bonus for the reading of pypinyin's phrase dictionary. Chosen on CPP dev, where
# accuracy is flat from 2.5 to 5 (and equal on its odd and even halves).
PHRASE_BONUS = 3.0

# Frequent characters whose reading inside a dictionary word is the phrase table's.
FUNCTION_CHARS = frozenset("的地得了着为还行")
_DECISIVE = 1000.0

# Words of degree that follow the complement marker 得 (跑得很快, 说得太多, 死得较早).
_DEGREE = frozenset("很太更非十极越比较好多快慢不真挺这那特相最")
# A pronoun, or the 们 of a plural one, just before a character: its subject.
_SUBJECT = PRONOUNS | {"们"}
# Adverb-forming contexts before the particle 地 (突然地, 预见性地, 一般地).
_ADVERBIAL = frozenset("然性般样")


def choose(
    text: str,
    position: int,
    scores: dict[str, float],
    phrase: str | None,
    word_before: int,
    lexical: bool = False,
) -> str:
    """The reading of ``text[position]`` from the model's logits per candidate reading, the
    phrase dictionary's reading (None when the character is not inside a phrase), the
    length of the dictionary segment just before it (0 at the start) and whether the
    phrase is a dictionary word with that one reading (then the phrase decides)."""
    ruled = _in_context(text, position, phrase)
    if ruled in scores:
        return ruled
    if phrase is None:
        ruled = _standalone(text, position, word_before)
        if ruled in scores:
            return ruled
    elif phrase in scores:
        scores = dict(scores)
        decisive = lexical or text[position] in FUNCTION_CHARS
        scores[phrase] += _DECISIVE if decisive else PHRASE_BONUS
    return max(scores, key=scores.__getitem__)


# Numerals and demonstratives before a measure word (一只猫, 那只狗, 这种花).
_COUNTING = frozenset("一二两三四五六七八九十百千万几每这那哪某半多各此该")
# After 只: words that make it the adverb "only" (这只是, 这只会, 那只不过) rather than the measure.
_ONLY_BEFORE = frozenset("是有能要会可不在好得限说表需用为对让")
# Degree words before the adjective 长 (很长, 太长, 比较长; 这么长 below).
_DEGREE_BEFORE = frozenset("很太真好更最较挺多")
# After 长: the verb zhang3 even after a degree word (长大, 长高, 长得, 长进).
_GROW_AFTER = frozenset("大成出满得高胖进见")
# Words after which 数 is the verb shu3 (在数钱, 一起数星星, 要数他最高).
_BEFORE_VERB = frozenset("在正起来去要会能想别")
_NUMBERS = frozenset("一二两三四五六七八九十百千万亿")
# Objects of the verb 种 (种树, 种花, 种地, 种菜).
_PLANTED = frozenset("树花地菜草田粮麦稻果瓜豆苗")
# After 藏: the verb cang2 (藏在, 藏起来, 藏好, 藏着).
_HIDE_AFTER = frozenset("在起着了好到进住过得")


def _in_context(text: str, position: int, phrase: str | None) -> str | None:
    """A reading settled by the words around the character, whatever the model says."""
    char = text[position]
    before = text[position - 1] if position else ""
    after = text[position + 1 : position + 2]
    if char == "只" and before in _COUNTING and is_han(after) and after not in _ONLY_BEFORE:
        return "zhi1"  # 一只猫, 三只鸟: the measure word
    degree = before in _DEGREE_BEFORE or text[max(0, position - 2) : position] in ("这么", "那么")
    if char == "长" and degree and after not in _GROW_AFTER:
        return "chang2"  # 很长, 太长: long
    if char == "没" and phrase is None:
        return "mei2"  # 没来: not; mo4 only in dictionary words (淹没, 没收)
    if char == "长" and after == "长" and text[position + 2 : position + 3] == "了":
        return "zhang3"  # 头发长长了: grew long
    if char == "长" and after == "得":
        # 长得很高, 长得像: grow; 长得多: much longer
        return "chang2" if text[position + 2 : position + 3] == "多" else "zhang3"
    if char == "还" and before and not is_han(after):
        return "huan2"  # 不让他还。: give back (hai2 needs what follows it)
    if char == "数":
        if phrase is None and before in _BEFORE_VERB and is_han(after) and after not in _NUMBERS:
            return "shu3"  # 在数钱, 一起数星星: count (数十 several)
        if after in "了一" and text[position + 2 : position + 3] == "数":
            return "shu3"  # 数了数, 数一数: count
        if position > 1 and before in "了一" and text[position - 2] == "数":
            return "shu3"
    if char == "种" and before not in _COUNTING and before != "有":  # 有种花: a kind
        if after in _PLANTED or (phrase is None and before in _SUBJECT):
            return "zhong4"  # 种树, 他种的: plant
    if char == "藏" and phrase is None and after in _HIDE_AFTER:
        return "cang2"  # 藏在床下: hide
    return None


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
        if before in _SUBJECT and is_han(after) and after not in "了到以":
            return "dei3"  # 你得小心, 你得快点走: must (a pronoun is not a verb of degree)
        if before in "还就也总都" and is_han(after) and after not in "了到以":
            return "dei3"  # 还得上班, 就得这样做: must (an adverb is not a verb of degree)
        if after in _DEGREE:
            return "de5"  # 跑得快: complement of degree
        if after == "去":
            return "dei3"  # 得去: must
    return None
