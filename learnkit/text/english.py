"""English normalisation: word tokens, the one stop-word list, and lemmas (``lemminflect``).

Every module that compares English words (sentence-alignment features, CC-CEDICT gloss
words, phrase pairing) tokenises and lemmatises through here, so "re-election" is one
word everywhere and "policymakers", "policymaker" meet on one lemma.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from learnkit import diskcache

# Initialisms (U.S., K.M.T.), then words with inner hyphens or an apostrophe kept whole
# ("re-election", "standard-bearer", "don't", "China's").
TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9]+(?:[-‐‑][A-Za-z0-9]+)*(?:['’][A-Za-z]+)?")

# Function words. Prepositions that carry a meaning a dictionary gloss gives ("between",
# "after", "against", "during") are content words: 之间 ↔ "between" is evidence.
STOP_WORDS = frozenset(
    """a an the of to and or in on at by for from with as into onto upon about over under
    is are be been being was were am do does did done has have had having will would shall
    should may might can could must it its this that these those they them their theirs he
    him his she her hers we us our you your i me my which who whom whose what when where how
    why than then there here so such not no nor very much more most also just only both
    either each all any some s t one up out off but if""".split()
)

# Words that open a prepositional phrase ("the display inside the helmet"); the ones that
# are also verb particles ("switch it on", "give up") are in PARTICLES.
PREPOSITIONS = frozenset(
    """about above across after against along amid among around at before behind below
    beneath beside besides between beyond by despite during except for from in inside into
    like near of off on onto outside over past per since through throughout to toward
    towards under underneath unlike until upon via with within without""".split()
)
PARTICLES = frozenset(
    "about across along around away back by down in off on out over through up".split()
)

# Degree words: a meaning or a span need not say them ("quite uncharacteristic" of 一反常态),
# and a span does not end on one ("laughed quite | unconcernedly").
DEGREE_WORDS = frozenset("quite rather fairly somewhat".split())

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
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Token:
    """One English word: offsets into its text, its lemma, and whether it is a content word."""

    start: int
    end: int
    text: str
    lemma: str
    content: bool


def is_stop(word: str) -> bool:
    """Whether ``word`` (any case) is a function word, contracted ones included ("they're",
    "it's", "I'll"; a negation such as "don't" is no function word)."""
    w = word.lower()
    if w in STOP_WORDS:
        return True
    m = _CONTRACTION.fullmatch(w)
    return bool(m) and m.group(1) in STOP_WORDS


_CONTRACTION = re.compile(r"([a-z]+)['’](?:re|s|m|ve|ll|d)")


def words(text: str) -> list[str]:
    """The word tokens of ``text`` as written."""
    return TOKEN.findall(text)


def tokens(text: str) -> list[Token]:
    """Every word of ``text`` with offsets, lemma and content flag ("US" in capitals is
    the country, a content word; "us" is not)."""
    return list(_tokens(text))


@lru_cache(maxsize=4096)  # a sentence is asked for by alignment, pairing and cards
def _tokens(text: str) -> tuple[Token, ...]:
    return tuple(
        Token(m.start(), m.end(), w, lemma(w), not is_stop(w) or (len(w) > 1 and w.isupper()))
        for m in TOKEN.finditer(text)
        for w in (m.group(0),)
    )


def content_lemmas(text: str) -> list[str]:
    """Lemmas of the content words of ``text``, in order."""
    return [lemma(w) for w in TOKEN.findall(text) if not is_stop(w)]


_PLAIN = str.maketrans({"’": "'", "‐": "-", "‑": "-"})


def plain(text: str) -> str:
    """Lower case with ASCII apostrophes and hyphens: the form lemmas and look-ups use."""
    return text.lower().translate(_PLAIN)


@lru_cache(maxsize=131072)
def lemma(word: str) -> str:
    """Lower-case lemma: no possessive or initialism dots, one spelling per country.

    Nouns before verbs ("dams" → "dam", "talks" → "talk"), an adjective or adverb kept
    as written ("unintended"); words unknown to lemminflect get its rule-based noun form
    ("policymakers" → "policymaker"). Hyphenated words are lemmatised on their last part.
    """
    w = plain(word)
    w = _POSSESSIVE.sub("", w).replace(".", "")
    if w in _SYNONYMS:
        return _SYNONYMS[w]
    if not w.isalpha():
        if "-" in w:
            head, _, last = w.rpartition("-")
            return f"{head}-{lemma(last)}" if last.isalpha() else w
        return w
    return _lemma(w, word[:1].isupper())


@lru_cache(maxsize=131072)
def _lemma(w: str, capital: bool = False) -> str:
    getAllLemmas, getAllLemmasOOV = _lemminflect()  # noqa: N806 (lemminflect's names)
    found = getAllLemmas(w)
    for pos in ("NOUN", "VERB", "AUX", "ADJ", "ADV", "PROPN"):
        if pos in found:
            return found[pos][0].lower()
    if found:
        return next(iter(found.values()))[0].lower()
    if capital:  # a name unknown to the lexicon ("Jinping") is no inflected word
        return w
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return getAllLemmasOOV(w, "NOUN")["NOUN"][0].lower()
    if len(w) > 5 and w.endswith(("ing", "ed")):
        return getAllLemmasOOV(w, "VERB")["VERB"][0].lower()
    return w


def match_key(word: str) -> str:
    """A coarse key for fuzzy matching of whole texts: the lemma's first five letters, so
    derivations meet ("economy", "economic"; "regulator", "regulation")."""
    return lemma(word)[:5]


@lru_cache(maxsize=65536)
def parts_of_speech(word: str) -> frozenset[str]:
    """The universal parts of speech lemminflect knows for ``word`` or its lemma (empty
    when it knows neither): "hydroelectric" → {ADJ}, "dams" → {NOUN, VERB}."""
    getAllLemmas, _ = _lemminflect()  # noqa: N806 (lemminflect's names)
    w = word.lower()
    return frozenset(getAllLemmas(w)) | frozenset(getAllLemmas(lemma(w)))


@cache
def _lemminflect():
    """lemminflect's lemma functions, its table of 70k words read from LearnKit's disk cache
    (parsing its gzip file costs ~0.35 s a process, marshal ~0.1 s)."""
    import lemminflect
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()  # lemminflect's singleton, used by its functions
    if not hasattr(lemmatizer, "lemma_dict"):
        path = lemmatizer.lemma_lu_fn
        stat = os.stat(path)
        key = diskcache.fingerprint(
            lemminflect.__version__, str(stat.st_size), str(stat.st_mtime_ns)
        )
        lemmatizer.lemma_dict = diskcache.cached("lemmas", key, lambda: LemmaLUCodec.load(path))
    return lemminflect.getAllLemmas, lemminflect.getAllLemmasOOV
