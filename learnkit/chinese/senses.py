"""The sense of a word that fits its sentence, and glosses composed for unknown words.

CC-CEDICT lists a word's senses ("/"-separated) in no particular order of frequency: 被 is
"quilt" before it is the passive "by". When the aligned English sentence is known, each
sense is scored by the English words it shares with it (lightly stemmed; quoted cues such
as 被's ``like "by"`` count fully; function words such as "or", "by", "on" count half and
only select a sense made of function words) and the best one is put first. A short
hand-kept list (``data/learner_senses.tsv``) gives learner-facing senses of the commonest
grammar words, which also act as the defaults without context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from learnkit.chinese import dictionary as cedict
from learnkit.data import data_path
from learnkit.text import english
from learnkit.text.charclass import HAN, HAN_CLASS

LEARNER_FILE = "learner_senses.tsv"
APPROX = "≈ "  # prefix of a gloss composed from the characters' senses

_QUOTED = re.compile(r'"([^"]+)"')
_PARENS = re.compile(r"\([^()]*\)")
_CJK = re.compile(  # Chinese words and references: "個|个[ge4]", "孫中山|孙中山"
    rf"(?:[^\s|\[\]/()]+\|)?[^\s|\[\]/()]*[{HAN_CLASS}][^\s|\[\]/()]*(?:\[[^\]]*\])?"
)
_RADICAL = re.compile(r"\bradical\b|\bused in transliteration\b", re.I)
_BOUND = "(bound form)"  # not a free word: never chosen by context for a single character
_CUES = re.compile(r"\{([^}]*)\}\s*$")
# Words that never select a sense: articles, "to"/"of"/"be" (in nearly every sentence) and
# CC-CEDICT's own vocabulary about senses.
_META = frozenset(
    """a an the to of be is are was were been being sth sb someone something one's oneself
    esp lit fig e g ie used use indicate indicates indicating bound form literary classifier
    particle marker suffix prefix noun verb adjective adverb dialect abbr see variant""".split()
)
# Function and light words: they count half and select only senses made of them alone.
_LIGHT = frozenset(
    """and or but if as at by for from in into on onto upon to towards toward with without
    than then so up down over under above below about after before between among through
    during while when where which what who how why not no all any some each every this that
    these those there here it they we he she you more most very too also still just even only
    yet again already may might can could will would shall should must do does did have has
    had get got make made take took go went come came give gave put set way thing time
    one such""".split()
)


_HYPHEN = re.compile(r"[-‐‑]")


def _stems(text: str) -> list[str]:
    """Lemmas of the words of ``text`` (the one English normaliser); hyphenated words by
    their parts ("US-China"), numbers left out."""
    parts = (p for word in english.words(text) for p in _HYPHEN.split(word))
    return [lemma for lemma in map(english.lemma, parts) if len(lemma) >= 2 and lemma.isalpha()]


@cache
def _meta_and_light_stems() -> tuple[frozenset[str], frozenset[str]]:
    """The lemmas of ``_META`` and ``_LIGHT`` (on first use: lemmas load lemminflect)."""
    return frozenset(map(english.lemma, _META)), frozenset(map(english.lemma, _LIGHT))


def context(english: str | None) -> frozenset[str] | None:
    """The English sentence as a set of stems and "a_b" stem bigrams (None without English)."""
    if not english:
        return None
    words = _stems(english)
    return frozenset(words) | frozenset(f"{a}_{b}" for a, b in zip(words, words[1:], strict=False))


@dataclass(frozen=True)
class Sense:
    """One sense: the meanings shown to the learner and the English cues that select it."""

    meanings: tuple[str, ...]
    strong: frozenset[str]  # content stems (and hand-given or quoted cues): one selects
    light: tuple[frozenset[str], ...]  # meanings made of light words ("or", "at all"): all
    bigrams: frozenset[str]  # "a_b" stem pairs of the meanings: a bonus
    bound: bool = False  # CC-CEDICT's "(bound form)": not a free word

    def score(self, english: frozenset[str]) -> float:
        strong = len(self.strong & english)
        if self.strong and not strong:
            return 0.0
        light = sum(1 for cues in self.light if cues <= english)
        return strong + 0.5 * light + 0.5 * len(self.bigrams & english)


def _sense(
    meanings: tuple[str, ...], cue_texts: tuple[str, ...], extra: tuple[str, ...] = ()
) -> Sense:
    strong: set[str] = set()
    light: list[frozenset[str]] = []
    bigrams: set[str] = set()
    meta_stems, light_stems = _meta_and_light_stems()
    for text in cue_texts:  # one per meaning
        words = [w for w in _stems(text) if w not in meta_stems]
        content = {w for w in words if w not in light_stems}
        strong |= content
        if words and not content:
            light.append(frozenset(words))
        bigrams |= {f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)}
    for cue in extra:  # quoted or hand-given: always strong
        stems = "_".join(_stems(cue.replace("_", " ")))
        if stems:
            strong.add(stems)
    return Sense(meanings, frozenset(strong), tuple(light), frozenset(bigrams))


@lru_cache(maxsize=65536)
def _cedict_sense(definition: str) -> Sense | None:
    """A CC-CEDICT sense with its cues: the words outside parentheses, and quoted words.

    Memoised: entries share definitions ("to see"; a quarter of those read in a batch)."""
    meanings = tuple(_display(m) for m in cedict._meanings(definition))
    if not meanings:
        return None
    if _RADICAL.search(definition):
        return None
    text = _without_cjk(definition, " ")
    quoted = tuple(_QUOTED.findall(text))
    outside = text
    while _PARENS.search(outside):
        outside = _PARENS.sub(" ", outside)
    sense = _sense(meanings, tuple(outside.split(";")), quoted)
    return replace(sense, bound=True) if definition.startswith(_BOUND) else sense


def _without_cjk(text: str, repl: str) -> str:
    """``_CJK.sub(repl, text)``; its matches all hold a CJK character, rare in glosses."""
    return _CJK.sub(repl, text) if HAN.search(text) else text


def _display(meaning: str) -> str:
    """A long explanatory meaning shortened: 'used to indicate passive voice (… like "by" …)'
    → 'by (passive voice)'."""
    meaning = " ".join(_without_cjk(meaning, "").split()).strip(" ,")
    if len(meaning) <= 40:
        return meaning
    quoted = _QUOTED.findall(meaning)
    bare = meaning
    while _PARENS.search(bare):
        bare = _PARENS.sub("", bare)
    bare = re.sub(
        r"^(?:used (?:to indicate|to mark|for|as|before|after)|indicates?)\s+",
        "",
        " ".join(bare.split()),
    )
    if quoted and len(quoted[0]) <= 20:
        return f"{quoted[0]} ({bare})" if bare else quoted[0]
    return (bare or meaning).split(", ")[0]


@cache
def _learner() -> dict[tuple[str, str], tuple[Sense, ...]]:
    out: dict[tuple[str, str], tuple[Sense, ...]] = {}
    with data_path(LEARNER_FILE).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            word, numbers, senses = line.rstrip("\n").split("\t")
            parsed = []
            for part in senses.split(" | "):
                match = _CUES.search(part)
                extra = tuple(match.group(1).split()) if match else ()
                shown = part[: match.start()].strip() if match else part.strip()
                meanings = tuple(m.strip() for m in shown.split(";") if m.strip())
                parsed.append(_sense(meanings, (), extra))
            out[(word, numbers)] = tuple(parsed)
    return out


@lru_cache(maxsize=65536)
def candidates(word: str, numbers: str, fallback: str | None) -> tuple[tuple[Sense, ...], int]:
    """The senses a word read ``numbers`` may take, defaults first, and how many of them
    are defaults (shown without context). Empty for names and words without real senses."""
    learner = _learner().get(((fallback or word), numbers), ())
    entries = cedict.senses_for(word, numbers or None, fallback=fallback)
    useful = [e for e in entries if any(not cedict._is_noise(s) for s in e.definitions)]
    if not useful or useful[0].is_proper_noun:
        return learner, len(learner)
    top = useful[0]
    others = [e for e in useful[1:] if not e.is_proper_noun and not cedict.is_variant_entry(e)]
    senses = list(learner)
    defaults = 0
    for i, entry in enumerate([top, *others]):
        for definition in entry.definitions:
            if cedict._is_noise(definition):
                continue
            sense = _cedict_sense(definition)
            if sense is not None:
                senses.append(sense)
                defaults += i == 0
    return tuple(senses), len(learner) or defaults


@dataclass(frozen=True)
class Choice:
    gloss: str | None
    matched: bool  # a sense was chosen because the English sentence shares its words


def choose(
    word: str, numbers: str, fallback: str | None = None, english: frozenset[str] | None = None
) -> Choice:
    """The gloss of ``word``: the sense matching ``english`` first, then default senses."""
    if english:  # a sense's score reads only its own cues: the rest of the sentence is moot
        english = english & cues(word, numbers, fallback)
    return _choose(word, numbers, fallback, english or None)


@lru_cache(maxsize=65536)
def cues(word: str, numbers: str, fallback: str | None = None) -> frozenset[str]:
    """Every English stem (and bigram) a sense of the word can score on: the context words
    :func:`choose` looks at (a context sharing none of them chooses as no context does)."""
    cues: set[str] = set()
    for sense in candidates(word, numbers, fallback)[0]:
        cues |= sense.strong | sense.bigrams
        cues.update(*sense.light)
    return frozenset(cues)


@lru_cache(maxsize=65536)
def _choose(
    word: str, numbers: str, fallback: str | None, english: frozenset[str] | None
) -> Choice:
    senses, defaults = candidates(word, numbers, fallback)
    if not senses:
        return Choice(cedict.gloss(word, numbers or None, fallback=fallback), False)
    best, best_score = 0, 0.0
    if english:
        for i, sense in enumerate(senses):
            if len(word) == 1 and sense.bound:
                continue
            score = sense.score(english)
            if score > best_score:
                best, best_score = i, score
    order = [senses[best], *(s for i, s in enumerate(senses[:defaults]) if i != best)]
    meanings = [m for s in order for m in s.meanings]
    return Choice(cedict._shorten(meanings, False, 3) or None, best_score > 0)


# --- composed glosses -----------------------------------------------------------------------


def compose(word: str, numbers: str) -> str | None:
    """ "≈ what + kind" for a word CC-CEDICT lacks (何种): each character's main sense;
    "≈ China-Soviet Union" when every character abbreviates a place (中苏)."""
    if not 2 <= len(word) <= 3:
        return None
    syllables = numbers.split()
    if len(syllables) != len(word):
        return None
    places = [place_abbreviation(c, s) for c, s in zip(word, syllables, strict=True)]
    if all(places):
        return APPROX + "-".join(p for p in places if p)
    if len(word) != 2:  # longer unknown words are mostly transliterated names (莫里森)
        return None
    parts = []
    # main senses: a character's sense matched on the sentence is mostly a false friend
    for char, syllable in zip(word, syllables, strict=True):
        gloss = choose(char, syllable, None).gloss
        if not gloss or _TRANSLITERATION.search(gloss):
            return None
        parts.append(cedict._PARENS.sub("", gloss.split("; ")[0]).strip())
    return APPROX + " + ".join(parts)


_TRANSLITERATION = re.compile(r"^surname |phonetic|transliteration|\bname\b", re.I)


@lru_cache(maxsize=4096)
def place_abbreviation(char: str, numbers: str) -> str | None:
    """The place a single character abbreviates when read ``numbers`` (中 → China,
    苏 → Soviet Union, 俄 → Russia), None if it is no such name."""
    key = re.sub(r"[1-5]", "", numbers.lower())
    for entry in cedict.lookup(char):
        if not entry.is_proper_noun or re.sub(r"[1-5]", "", entry.numbers.lower()) != key:
            continue
        for definition in entry.definitions:
            if definition.startswith(("surname", "Taiwan pr", "used in")):
                continue
            name = _CJK.sub(
                " ",
                re.sub(r"^(?:\(bound form\)\s*)?(?:abbr\. for|short name for)\s+", "", definition),
            )
            name = " ".join(_PARENS.sub("", name).split(" or ")[0].split()).strip(" ,")
            if name and name[0].isupper():
                return name
    return None


def is_place_compound(word: str, numbers: str) -> bool:
    """中苏, 中俄: an unknown word whose every character abbreviates a place (a proper noun)."""
    syllables = numbers.split()
    return (
        2 <= len(word) <= 3
        and len(syllables) == len(word)
        and not cedict.contains(word)
        and all(place_abbreviation(c, s) for c, s in zip(word, syllables, strict=True))
    )
