"""Checking a quiz answer: typed hanzi, pinyin (tone marks, tone numbers or no tones), a choice.

The verdict grades the review: a right answer is Good; right without tones, right after
the pinyin hint, or a right multiple choice (recognition, not recall) is Hard; else Again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from enum import IntEnum, StrEnum
from functools import cache

from learnkit.chinese.reading import spellings, to_simplified
from learnkit.chinese.syllables import split_mark, to_marks
from learnkit.study.quiz import ClozeItem, word_ends
from learnkit.study.variants import variants
from learnkit.text.charclass import is_han

_NEUTRAL = (0, 5)  # "le5", "le0" or no digit at all
_SYLLABLE = re.compile(r"[a-zv]+[0-5]?")  # one syllable of a numbers line, lower case
_NUMERAL = frozenset("零〇一二两三四五六七八九十百千万亿几")
_COUNTING = _NUMERAL | frozenset("这那哪每")  # 个 after these is a measure word
_ORDINAL = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "neutral"}


class Rating(IntEnum):
    """FSRS grades (same values as ``fsrs.Rating``)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class Verdict(StrEnum):
    RIGHT = "right"
    TONELESS = "toneless"  # right letters, no tones given: right, with a nudge
    TONES = "tones"  # right letters, wrong tones: wrong
    WRONG = "wrong"


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    how: str  # "hanzi", "pinyin", "choice", "shown" (an empty answer) or "none"
    answer: str  # what the learner gave
    message: str

    @property
    def correct(self) -> bool:
        return self.verdict in (Verdict.RIGHT, Verdict.TONELESS)


def rating(outcome: Outcome, hinted: bool = False) -> Rating:
    """The FSRS grade an answer earns."""
    if not outcome.correct:
        return Rating.AGAIN
    if hinted or outcome.verdict is Verdict.TONELESS or outcome.how == "choice":
        return Rating.HARD
    return Rating.GOOD


def _bare(text: str) -> str:
    """Text as compared: NFKC, without spaces, punctuation or symbols, nor the invisible
    characters pasted or typed text can carry (zero-width spaces and joiners, a BOM, a
    soft hyphen, control characters, variation selectors)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        ch
        for ch in text
        if unicodedata.category(ch)[0] not in "PZS"
        and unicodedata.category(ch) not in ("Cc", "Cf")
        and not _VARIATION_SELECTOR.match(ch)
    )


_VARIATION_SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _canonical(letters: str) -> str:
    """ü as v everywhere, and for the u that means ü after j q x y (ju = jü, lu ≠ lü)."""
    return _JQXY_U.sub("v", letters.replace("ü", "v"))


_JQXY_U = re.compile(r"(?<=[jqxy])u")
# lüe and nüe may be spelt lue and nue: no syllable is spelt so (lu + e is two).
_PLAIN_U = {"lve": "lue", "nve": "nue"}
_LOOKALIKE = str.maketrans({"ɑ": "a", "ɡ": "g"})  # IPA letters some keyboards and fonts use


@dataclass(frozen=True)
class Pinyin:
    """Pinyin as typed: its letters (ü as v, see :func:`_canonical`) and each tone given,
    as (index of the letter the tone mark sits on or the digit follows, tone 0-5)."""

    letters: str
    tones: tuple[tuple[int, int], ...]
    breaks: tuple[int, ...] = ()  # letters before each space, apostrophe… between letters


def parse_pinyin(text: str) -> Pinyin:
    """Letters and tones of pinyin typed with tone marks, tone numbers, both or neither;
    full-width characters (a Chinese keyboard's) count as their ASCII forms."""
    # A breve for the 3rd tone's caron (ŭ for ǔ: some keyboards and fonts have only it).
    text = unicodedata.normalize("NFD", text).replace("\u0306", "\u030c")
    text = unicodedata.normalize("NFKC", text).lower().translate(_LOOKALIKE).replace("u:", "v")
    letters: list[str] = []
    tones: list[tuple[int, int]] = []
    breaks: list[int] = []
    apart = False
    for ch in text:
        if "a" <= ch <= "z" or (ch.isalpha() and not "0" <= ch <= "5"):
            if apart and letters:
                breaks.append(len(letters))
            apart = False
            base, tone = split_mark(ch) if ch > "z" else (ch, None)
            letters.append(base or ch)
            if tone:
                tones.append((len(letters) - 1, tone))
        elif "0" <= ch <= "5":
            if letters:
                tones.append((len(letters) - 1, int(ch)))
        elif unicodedata.category(ch)[0] != "M" and unicodedata.category(ch) != "Cf":
            apart = True  # spaces, apostrophes, hyphens separate syllables (not a ZWSP)
    return Pinyin(_canonical("".join(letters)), tuple(tones), tuple(breaks))


@dataclass(frozen=True)
class _Syllable:
    letters: str  # canonical, as in Pinyin.letters
    tone: int  # 1-4, or 5 for the neutral tone
    char: str | None  # its character, when the answer has one per syllable
    marked: str  # as shown to the learner: "lǜ"
    tones: frozenset[int]  # the tones that are right: its own, 一 and 不's sandhi, and
    # the neutral tone where a dictionary reads the word so (朋友 péngyou)
    erhua: bool = False  # 儿 a dictionary reads as erhua r (一点儿 yìdiǎnr): r spells it too

    @property
    def mark_at(self) -> int | None:
        """The index of the letter its tone mark sits on (None for the neutral tone)."""
        return next((n for n, ch in enumerate(self.marked) if split_mark(ch)[1]), None)


def _syllables_of(token: str) -> list[str] | None:
    """The syllables of one token of a numbers line ("er3·pu3" in a name is two), or None
    for a token that is not pinyin ("g20", "covid-19", "38.1%")."""
    key = token.lower().replace("u:", "v")
    parts = [part for part in re.split(r"[^a-z0-9]+", key) if part]
    return parts if parts and all(_SYLLABLE.fullmatch(part) for part in parts) else None


def _expected(item: ClozeItem) -> tuple[list[_Syllable], list[tuple[str, int]]]:
    """The answer's syllables, and the tokens of its numbers line that are not syllables
    (such as "G20" in "G20 feng1 hui4"), as written there, each with the number of
    syllables before it."""
    syllables: list[str] = []
    others: list[tuple[str, int]] = []
    for token in unicodedata.normalize("NFKC", item.numbers).split():
        parts = _syllables_of(token)
        if parts is None:
            others.append((token, len(syllables)))
        else:
            syllables += parts
    hans = [ch for ch in item.answer if is_han(ch)]
    chars = hans if len(hans) == len(syllables) else [None] * len(syllables)
    tones = [5 if t[-1] in "05" or not t[-1].isdigit() else int(t[-1]) for t in syllables]
    out = [
        _Syllable(
            _canonical(t.rstrip("012345")), tone, c, to_marks(t), _right_tones(chars, tones, n)
        )
        for n, (t, c, tone) in enumerate(zip(syllables, chars, tones, strict=True))
    ]
    return out, others


def _right_tones(chars: list[str | None], tones: list[int], n: int) -> frozenset[int]:
    """The tones right for syllable ``n`` of an answer read ``tones``: its own, and the
    sandhi learners write as heard (dictionaries write either way): 一 yí before a 4th
    tone, yì before the others, but yī last, after 第 or in a number (十一, 一百一); 不 bú
    before a 4th tone; a measure word 个 after a number or 这 那 哪 每 with its tone or
    without (yí ge, zhège or zhègè). Only for these characters: yì is also 亿 and 义."""
    char, tone = chars[n], tones[n]
    before = chars[n - 1] if n else None
    after = tones[n + 1] if n + 1 < len(tones) else None
    if char == "一" and tone == 1 and after is not None and before not in _NUMERAL | {"第"}:
        return frozenset({1, 2} if after == 4 else {1, 4} if after != 5 else {1, 2, 4})
    if char == "不" and tone == 4 and after in (4, 5):
        return frozenset({2, 4})
    if char == "个" and before in _COUNTING:
        return frozenset({tone, 4, 5})
    return frozenset({tone})


Alternatives = dict[int, list[list[_Syllable]]]  # first syllable → other readings from it


def _with_dictionary(
    item: ClozeItem, syllables: list[_Syllable]
) -> tuple[list[_Syllable], Alternatives]:
    """The syllables with what CC-CEDICT also reads in the answer's words: the neutral tone
    of a syllable it reads so (朋友 peng2 you5 where the item has you3), 儿 as erhua
    (一点儿 yi1 dian3 r5), when its reading of the word otherwise agrees with the item's;
    and the reading of a word of two or more characters it reads one way only, where the
    item's reading differs (还款 huan2 kuan3 where the item has hai2, 几近 ji1 jin4). The
    whole answer counts as such a word too when CC-CEDICT lists it, split into several
    words here (睁只眼闭只眼 zheng1 zhi1 yan3 bi4 zhi1 yan3, cut 睁只眼 + 闭只眼, which it
    does not list)."""
    if any(s.char is None for s in syllables):
        return syllables, {}
    out, others, at = list(syllables), {}, 0
    units = [word.text for word in item.words]
    for text in units:
        hans = [ch for ch in text if is_han(ch)]
        if not hans:
            continue
        if [s.char for s in syllables[at : at + len(hans)]] != hans:
            return out, others  # the words do not spell the answer: no dictionary help
        _read_unit(hans, at, syllables, out, others)
        at += len(hans)
    if len(units) > 1 and at == len(syllables):
        _read_unit([s.char or "" for s in syllables], 0, syllables, out, others)
    return out, others


def _read_unit(
    hans: list[str],
    at: int,
    syllables: list[_Syllable],
    out: list[_Syllable],
    others: Alternatives,
) -> None:
    """What CC-CEDICT reads in the word of characters ``hans``, syllables ``at`` on, into
    ``out`` (tones) and ``others`` (another reading), as :func:`_with_dictionary` says."""
    from learnkit.chinese.dictionary import lookup

    readings = {e.numbers.lower().replace("u:", "v") for e in lookup("".join(hans))}
    sole = len(readings) == 1 and len(hans) > 1
    for reading in readings:
        parts = reading.split()
        if len(parts) != len(hans):
            continue
        agreed, alike = [], True
        for n, part in enumerate(parts, start=at):
            mine, letters = syllables[n], _canonical(part.rstrip("012345"))
            tone = int(part[-1]) if part[-1] in "12345" else 5
            erhua = mine.char == "儿" and n > at and (letters, mine.letters) == ("r", "er")
            alike = alike and (letters == mine.letters or erhua)
            agreed.append((n, letters, tone, erhua, part))
        if alike:
            for n, _letters, tone, erhua, _part in agreed:
                if tone in (syllables[n].tone, 5) or sole:
                    old = out[n]
                    out[n] = replace(old, tones=old.tones | {tone}, erhua=old.erhua or erhua)
        elif sole:
            chars, tones = [s.char for s in syllables], [s.tone for s in syllables]
            for n, _letters, tone, _erhua, _part in agreed:
                tones[n] = tone
            others.setdefault(at, []).append(
                [
                    _Syllable(
                        letters, tone, chars[n], to_marks(part), _right_tones(chars, tones, n)
                    )
                    for n, letters, tone, _erhua, part in agreed
                ]
            )


def _spellings(
    syllables: list[_Syllable], others: Alternatives, n: int = 0
) -> Iterator[list[_Syllable]]:
    """The ways to spell the answer's letters from syllable ``n`` on, the item's own first:
    each erhua 儿 as er or as r, lüe and nüe also as lue and nue, a word also in its other
    reading (``others``)."""
    if n == len(syllables):
        yield []
        return
    s = syllables[n]
    steps = [[s]]
    if s.erhua:
        steps.append([replace(s, letters="r", marked="r")])
    if s.letters in _PLAIN_U:
        steps.append([replace(s, letters=_PLAIN_U[s.letters])])
    steps += others.get(n, [])
    for step in steps:
        for rest in _spellings(syllables, others, n + len(step)):
            yield step + rest


def _split(typed: Pinyin, syllables: list[_Syllable]) -> bool:
    """True if the typed pinyin splits a syllable of the answer in two (fan gan for 方案
    fāng'àn, xī ān for 先): a space or apostrophe inside it, or tones at two places in it,
    or a tone inside it on another letter than its mark's where the letters either side
    are syllables (xīan, li2an: xī an, li2 an; lia2n is lián). A tone on another vowel
    where no such split is there (jǐu, dùi, ji3u) is the syllable's tone, misplaced
    (:func:`_misplaced`)."""
    starts, owner = set(), []
    for n, s in enumerate(syllables):
        starts.add(len(owner))
        owner += [n] * len(s.letters)
    starts.add(len(owner))
    if any(b not in starts for b in typed.breaks):
        return True
    places: dict[int, set[int]] = {}
    for at, _tone in typed.tones:
        places.setdefault(owner[at], set()).add(at)
    for n, ats in places.items():
        s = syllables[n]
        inside = {at for at in ats if at + 1 not in starts}
        offset = min(i for i, o in enumerate(owner) if o == n)
        if len(ats) > 1 or any(
            at - offset != s.mark_at and not _moved_mark(s, at - offset) for at in inside
        ):
            return True
    return False


def _moved_mark(syllable: _Syllable, at: int) -> bool:
    """True if a tone on letter ``at`` of ``syllable`` (not its mark's) can only be the
    syllable's own: it is on a vowel, and the letters either side of it are not two
    syllables (jǐu is jiǔ; xīan may be xī an, hǔa hǔ a)."""
    letters = syllable.letters
    if letters[at] not in "aeiouv":
        return False
    head, tail = letters[: at + 1], letters[at + 1 :]
    return not (head in _syllable_inventory() and tail in _syllable_inventory())


@cache
def _syllable_inventory() -> frozenset[str]:
    """Every pinyin syllable without its tone (ü as v): pypinyin's readings of all
    characters."""
    from learnkit.chinese.syllables import all_syllables

    return frozenset(_canonical(syllable) for syllable in all_syllables())


def _misplaced(typed: Pinyin, syllables: list[_Syllable]) -> list[_Syllable]:
    """The syllables whose tone mark was typed on another vowel than its own (jǐu for
    jiǔ), in order (the typed pinyin does not split them: :func:`_split`)."""
    out, at = [], 0
    marks = {index for index, _tone in typed.tones}
    for s in syllables:
        inside = [i - at for i in marks if at <= i < at + len(s.letters) - 1]
        if s.mark_at is not None and any(i != s.mark_at for i in inside):
            out.append(s)
        at += len(s.letters)
    return out


def _strip_tokens(
    text: str, tokens: list[tuple[str, int]]
) -> tuple[str, list[str], list[tuple[str, int, int]]]:
    """``text`` (NFKC, lower case) without the first occurrence of each token, matched by
    its letters and digits in any case, with spaces or signs between them allowed ("g 7",
    "covid19"); the tokens it lacks, which are part of the answer too ("fenghui" alone is
    wrong for G7峰会, as "峰会" is); and for each token found, the pinyin letters typed
    before it and the syllables the answer has before it (its place)."""
    text = unicodedata.normalize("NFKC", text).lower()
    missing, places = [], []
    for token, before in tokens:
        key = [ch for ch in token.lower() if ch.isalnum()]
        if not key:  # a sign alone ("·", "—") need not be typed
            continue
        found = re.search(r"[\W_]*".join(map(re.escape, key)), text)
        if found:
            places.append((token, len(parse_pinyin(text[: found.start()]).letters), before))
            text = text[: found.start()] + " " + text[found.end() :]
        else:
            missing.append(token)
    return text, missing, places


def _letters_message(item: ClozeItem, typed: str, syllables: list[_Syllable]) -> str:
    """What is wrong with pinyin whose letters differ from the answer's."""
    target = "".join(s.letters for s in syllables)
    head = f"Not quite: the answer is {item.answer} ({item.pinyin})."
    if not typed:
        return head
    owner = [n for n, s in enumerate(syllables) for _ in s.letters]
    touched: list[int] = []
    for op, i1, i2, _j1, _j2 in SequenceMatcher(None, target, typed, autojunk=False).get_opcodes():
        if op != "equal":
            for n in owner[min(i1, len(owner) - 1) : max(i2, i1 + 1)]:
                if n not in touched:
                    touched.append(n)
    named = " ".join(syllables[n].marked for n in touched)
    if typed.replace("v", "u") == target.replace("v", "u"):
        return f"{head} {named} is spelt with ü, not u (type v or u: for ü)."
    return f"{head} Check {named}." if named else head


def _tones_outcome(
    item: ClozeItem, text: str, typed: Pinyin, syllables: list[_Syllable]
) -> Outcome:
    """Right letters: judge the tones syllable by syllable."""
    owner = [n for n, s in enumerate(syllables) for _ in s.letters]
    given: list[list[int]] = [[] for _ in syllables]
    for at, tone in typed.tones:
        given[owner[at]].append(5 if tone in _NEUTRAL else tone)
    wrong, missing = [], []
    for syllable, tones in zip(syllables, given, strict=True):
        if not tones:
            if 5 not in syllable.tones:
                missing.append(syllable)
        elif any(t not in syllable.tones for t in tones):
            wrong.append((syllable, tones[0] if len(set(tones)) == 1 else tones))
    if wrong:
        parts = [
            f"{s.marked} is {_ORDINAL[s.tone]} tone"
            + (f" (you gave {_ORDINAL[t]})" if isinstance(t, int) else " (you gave two)")
            for s, t in wrong
        ]
        if missing:
            parts.append("no tone given for " + " ".join(s.marked for s in missing))
        return Outcome(
            Verdict.TONES,
            "pinyin",
            text,
            f"Right syllables, wrong tones: {'; '.join(parts)}. It is {item.pinyin}.",
        )
    if missing and len(missing) == sum(5 not in s.tones for s in syllables) and not typed.tones:
        return Outcome(
            Verdict.TONELESS, "pinyin", text, f"Right, but mind the tones: {item.pinyin}."
        )
    if missing:
        return Outcome(
            Verdict.TONELESS,
            "pinyin",
            text,
            "Right, and the tones you gave are right; no tone given for "
            f"{' '.join(s.marked for s in missing)}: {item.pinyin}.",
        )
    return Outcome(Verdict.RIGHT, "pinyin", text, "Right!")


def _hanzi_outcome(item: ClozeItem, text: str) -> Outcome:
    given, wanted = _bare(text), _bare(item.answer)
    # Latin letters in any case: g7峰会 is G7峰会.
    if given.casefold() == wanted.casefold():
        return Outcome(Verdict.RIGHT, "hanzi", text, "Right!")
    if len(given) == len(wanted) and _same_word(item, given):
        if to_simplified(wanted) == wanted:
            note = (
                f"you wrote {given}, the Traditional or variant form; in Simplified it is {wanted}"
            )
        else:
            note = f"the article writes {wanted}, in Traditional characters; you wrote {given}"
        return Outcome(Verdict.RIGHT, "hanzi", text, f"Right! ({note}.)")
    return Outcome(
        Verdict.WRONG,
        "hanzi",
        text,
        f"Not quite: the answer is {item.answer} ({item.pinyin}): {_length_note(given, wanted)}.",
    )


_CONTEXT = 8  # characters either side of a blank its script conversion reads


def _same_word(item: ClozeItem, given: str) -> bool:
    """True if ``given`` (bare) writes the answer with each character in one of the forms
    that character has in its sentence (:func:`spellings`: 頭髮 for 头发, never 頭發),
    Latin letters in any case."""
    sentence = item.sentence.zh
    if sentence[item.start : item.end] == item.answer:  # read in context: a few characters
        lo = max(0, item.start - _CONTEXT)  # either side are enough for OpenCC's phrases
        forms = spellings(sentence[lo : item.end + _CONTEXT])[item.start - lo : item.end - lo]
    else:
        forms = spellings(item.answer)
    units = [
        {_bare(form).casefold() for form in chars}
        for ch, chars in zip(item.answer, forms, strict=True)
        if _bare(ch)
    ]
    given, at = given.casefold(), 0
    for unit in units:
        form = next((form for form in unit if given.startswith(form, at)), None)
        if form is None:
            return False
        at += len(form)
    return at == len(given)


def _count(n: int) -> str:
    return f"{n} character{'s' if n != 1 else ''}"


def _length_note(given: str, wanted: str) -> str:
    """What differs between typed and expected hanzi (both bare), in plain words."""
    if len(given) == len(wanted):
        pairs = zip(given, wanted, strict=True)
        return ", ".join(f"{g} should be {w}" for g, w in pairs if g.casefold() != w.casefold())
    g, w = given.casefold(), wanted.casefold()
    if len(given) < len(wanted):
        if g in w:
            return f"{given} is only part of it; the answer has {_count(len(wanted))}"
        return f"the answer has {_count(len(wanted))}, your {given} has {len(given)}"
    if w in g:
        return f"{given} has {_count(len(given) - len(wanted))} too many"
    return f"the answer has {_count(len(wanted))}, your {given} has {len(given)}"


def check_typed(item: ClozeItem, text: str) -> Outcome:
    """Judge a typed answer: hanzi if it contains Chinese characters, pinyin otherwise.
    An empty answer asks to be shown the answer (graded Again). Another spelling that says
    the same (:mod:`learnkit.study.variants`: 一点 for 一点儿, 二十世纪 for 20世纪) is right."""
    outcome = _judge(item, text)
    if outcome.correct or outcome.how == "shown":
        return outcome
    for variant in variants(item.answer, item.numbers, word_ends(item)):
        other = replace(
            item,
            answer=variant.answer,
            numbers=variant.numbers,
            pinyin=" ".join(map(to_marks, variant.numbers.split())),
            words=(),
        )
        judged = _judge(other, text)
        if judged.correct:
            note = f"the article writes {item.answer} ({item.pinyin}); {variant.answer} is the same"
            return replace(judged, message=f"{judged.message} ({note}.)")
        if judged.verdict is Verdict.TONES and outcome.verdict is Verdict.WRONG:
            outcome = judged  # right letters of the other spelling: say which tones are off
    return outcome


def _judge(item: ClozeItem, text: str) -> Outcome:
    text = text.strip()
    if not _bare(text):
        return Outcome(
            Verdict.WRONG,
            "shown",
            text,
            f"The answer is {item.answer} ({item.pinyin}). Graded Again: it comes back soon.",
        )
    if any(is_han(ch) for ch in text):
        return _hanzi_outcome(item, text)
    syllables, tokens = _expected(item)
    rest, missing, places = _strip_tokens(text, tokens)
    typed = parse_pinyin(rest)
    spelt = _spelt(typed, syllables, {})
    if spelt is None:  # perhaps erhua, or a word the dictionary reads otherwise
        syllables, others = _with_dictionary(item, syllables)
        spelt = _spelt(typed, syllables, others)
    if missing and spelt is not None:
        return Outcome(
            Verdict.WRONG,
            "pinyin",
            text,
            f"Not quite: the answer is {item.answer} ({item.pinyin}):"
            f" {' '.join(missing)} is part of it.",
        )
    if spelt is None:
        return Outcome(
            Verdict.WRONG, "pinyin", text, _letters_message(item, typed.letters, syllables)
        )
    misplaced = [
        token
        for token, typed_before, before in places
        if typed_before != sum(len(s.letters) for s in spelt[:before])
    ]
    if misplaced:
        return Outcome(
            Verdict.WRONG,
            "pinyin",
            text,
            f"Not quite: the answer is {item.answer} ({item.pinyin}): {misplaced[0]} is"
            " in another place.",
        )
    if _split(typed, spelt):
        return Outcome(
            Verdict.WRONG,
            "pinyin",
            text,
            f"Not quite: the answer is {item.answer} ({item.pinyin}), whose syllables are"
            f" {' '.join(s.marked for s in spelt)}.",
        )
    outcome = _tones_outcome(item, text, typed, spelt)
    if outcome.verdict is not Verdict.RIGHT and typed.tones:  # a dictionary's tone may be right
        outcome = _tones_outcome(item, text, typed, _with_dictionary(item, spelt)[0])
    moved = _misplaced(typed, spelt) if outcome.correct else []
    if moved:
        where = ", ".join(s.marked for s in moved)
        outcome = replace(
            outcome, message=f"{outcome.message} (Mind where the tone goes: {where}.)"
        )
    return outcome


def _spelt(
    typed: Pinyin, syllables: list[_Syllable], others: Alternatives
) -> list[_Syllable] | None:
    """The answer's syllables as the typed letters spell them (see :func:`_spellings`)."""
    if not syllables:
        return None
    ways = _spellings(syllables, others)
    return next((w for w in ways if "".join(s.letters for s in w) == typed.letters), None)


def check_choice(item: ClozeItem, choice: int | str) -> Outcome:
    """Judge a multiple choice: its index among ``item.choices``, counted from 1, or the
    text of the choice picked. The text is what the learner saw: it is judged as it is
    even when the item's choices have changed since (its article edited while the
    question was open), where an index would now name another choice."""
    picked = choice if isinstance(choice, str) else None
    if picked is None and 1 <= choice <= len(item.choices):
        picked = item.choices[choice - 1]
    if not picked:
        return Outcome(Verdict.WRONG, "none", "", f"The answer is {item.answer} ({item.pinyin}).")
    if picked == item.answer:
        return Outcome(Verdict.RIGHT, "choice", picked, "Right!")
    return Outcome(
        Verdict.WRONG, "choice", picked, f"Not quite: the answer is {item.answer} ({item.pinyin})."
    )
