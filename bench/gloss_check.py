"""How word glosses come out over real sentence pairs: matched to the English sentence,
default, composed ("≈ …") or missing.

Sentences: the sample article's aligned pairs, plus the news paragraph pairs in
../shared/news_pairs whose Chinese is a single sentence (read at run time). For each Han
word it prints whether its gloss sense was chosen by the English sentence (and whether that
changed the first sense from the context-free gloss), kept the default, was composed from
the characters, or is missing. Runs on older trees too (no ``english`` parameter: only
the missing/composed counts).

    .venv/bin/python bench/gloss_check.py [--limit 150]
"""

from __future__ import annotations

import argparse
import inspect
import time
from collections import Counter
from pathlib import Path

from newsdata import news_blocks

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "2024-05-20-xi-putin.md"


def sample_pairs() -> list[tuple[str, str | None]]:
    from learnkit.pipeline import _beads, _join, split_half
    from learnkit.text.article import load_article

    article = load_article(SAMPLE)
    zh, en = split_half(article.zh), split_half(article.en)
    return [
        (_join([zh[i] for i in b.zh], "")[0], _join([en[i] for i in b.en], " ")[0] or None)
        for b in _beads(zh, en)
        if b.zh
    ]


def news_pairs(limit: int) -> list[tuple[str, str]]:
    """(Chinese, English) of the first ``limit`` news blocks whose Chinese is one sentence."""
    from learnkit.text.sentences import split_sentences

    out = [(zh, en) for en, zh in news_blocks() if len(split_sentences(zh, "zh")) == 1]
    return out[:limit]


def measure(pairs: list[tuple[str, str | None]]) -> tuple[Counter, float]:
    from learnkit.chinese import annotate as chinese

    contextual = "english" in inspect.signature(chinese.annotate).parameters
    senses = None
    if contextual:
        from learnkit.chinese import senses
    counts: Counter = Counter()
    start = time.perf_counter()
    for zh, en in pairs:
        words = chinese.annotate(zh, english=en) if contextual else chinese.annotate(zh)
        plain = chinese.annotate(zh) if contextual else words
        context = senses.context(en) if senses else None
        for w, p in zip(words, plain, strict=True):
            if not w.is_han:
                continue
            counts["words"] += 1
            if w.gloss is None:
                counts["no gloss"] += 1
            elif w.gloss.startswith("≈ "):
                counts["composed (≈)"] += 1
            elif (
                senses
                and senses.choose(w.text, w.numbers, chinese.to_simplified(w.text), context).matched
            ):
                counts["context-matched"] += 1
                if w.gloss.split("; ")[0] != p.gloss.split("; ")[0]:
                    counts["  of which first sense changed"] += 1
            else:
                counts["default sense"] += 1
    return counts, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=150, help="news sentence pairs to use")
    args = parser.parse_args()
    from learnkit.chinese import annotate as chinese

    chinese.annotate("预热")  # load dictionaries outside the timing
    for label, pairs in (("sample", sample_pairs()), ("news_pairs", news_pairs(args.limit))):
        counts, seconds = measure(pairs)
        total = counts["words"] or 1
        print(
            f"{label}: {len(pairs)} sentence pairs, {counts['words']} Han words "
            f"({seconds / max(len(pairs), 1) * 1000:.1f} ms per pair incl. checks)"
        )
        for key in (
            "context-matched",
            "  of which first sense changed",
            "default sense",
            "composed (≈)",
            "no gloss",
        ):
            print(f"  {key:32s} {counts[key]:5d}  {100 * counts[key] / total:5.1f}%")


if __name__ == "__main__":
    main()
