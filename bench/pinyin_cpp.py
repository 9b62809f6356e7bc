"""Polyphone accuracy and speed of learnkit.reading on the CPP dev split, on one core.

Usage (from the repo root): .venv/bin/python bench/pinyin_cpp.py [--limit N]

Reads ../shared/pinyin_data/cpp_dev: each line of dev.sent marks its target character
with U+2581 on both sides; dev.lb holds the gold syllable. The markers are removed, the
whole sentence is read, and the target character's syllable is compared with the gold.
The pypinyin whole-sentence baseline is measured in the same run.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one core: must be set before numpy is imported

import argparse  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CPP_DEV = ROOT.parent / "shared" / "pinyin_data" / "cpp_dev"
MARK = "\u2581"


def load(limit: int | None) -> tuple[list[str], list[int], list[str]]:
    """Sentences without markers, target offsets and gold syllables."""
    lines = (CPP_DEV / "dev.sent").read_text(encoding="utf-8").splitlines()
    gold = (CPP_DEV / "dev.lb").read_text(encoding="utf-8").split()
    sentences, targets = [], []
    for line in lines[:limit]:
        start = line.index(MARK)
        sentences.append(line.replace(MARK, ""))
        targets.append(start)
    return sentences, targets, gold[: len(sentences)]


def score(
    read_many: Callable[[Sequence[str]], list], sentences, targets, gold
) -> tuple[float, float]:
    """(accuracy %, ms per sentence) of one batched call."""
    start = time.perf_counter()
    readings = read_many(sentences)
    elapsed = time.perf_counter() - start
    right = sum(r[t] == g for r, t, g in zip(readings, targets, gold, strict=True))
    return 100 * right / len(gold), 1000 * elapsed / len(gold)


def baseline_many(sentences: Sequence[str]) -> list[tuple[str | None, ...]]:
    """pypinyin's plain whole-sentence readings (no model, no cache), in CC-CEDICT's
    numbers style like learnkit's readings."""
    from pypinyin import Style, pinyin

    from learnkit.chinese.reading import to_simplified

    out = []
    for text in sentences:
        cells = pinyin(
            to_simplified(text),
            style=Style.TONE3,
            neutral_tone_with_five=True,
            errors=lambda chars: [""] * len(chars),
        )
        out.append(tuple(c[0].replace("v", "u:").replace("ü", "u:") or None for c in cells))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N sentences")
    args = parser.parse_args()

    from learnkit.chinese import annotate, reading, syllables

    sentences, targets, gold = load(args.limit)
    reading.read_many(sentences[:20])  # load models once, outside the timing
    baseline_many(sentences[:20])
    syllables.dictionary_reading.cache_clear()  # time the per-word caches from cold
    syllables._piece_reading.cache_clear()
    reading._READ.clear()  # and the per-sentence one
    # the words, as annotation has them before it reads (jieba's time is not counted)
    cut = [annotate.segmented(sentence) for sentence in sentences]

    def read_many(texts: Sequence[str]) -> list:
        return reading.read_many(texts, [c.simplified for c in cut], [c.words for c in cut])

    base_accuracy, base_ms = score(baseline_many, sentences, targets, gold)
    accuracy, ms = score(read_many, sentences, targets, gold)
    reading._READ.clear()  # the single calls below must not find sentences read above
    start = time.perf_counter()
    sample = sentences[:500]
    for sentence, c in zip(sample, cut, strict=False):
        reading.read_many([sentence], [c.simplified], [c.words])
    single_ms = 1000 * (time.perf_counter() - start) / len(sample)

    print(f"CPP dev: {len(gold)} sentences, one core")
    print(f"learnkit.reading.read_many : {accuracy:6.2f} %  {ms:5.2f} ms/sentence (batched)")
    print(f"learnkit.reading.read      :            {single_ms:5.2f} ms/sentence (one call each)")
    print(f"pypinyin whole-sentence    : {base_accuracy:6.2f} %  {base_ms:5.2f} ms/sentence")


if __name__ == "__main__":
    main()
