"""How often phrase pairing finds an English counterpart, and how often it guesses wrong.

For news paragraph pairs (../shared/news_pairs) a Chinese word or short word sequence is
taken as the only emphasised phrase and searched for in (a) its own English paragraph
and (b) the English paragraph of another block, where no translation exists: any span
found there is a wrong guess. The phrases are drawn with a fixed seed.

    .venv/bin/python bench/phrase_search.py [--blocks 200]
"""

from __future__ import annotations

import argparse
import random
import time

from newsdata import news_blocks

from learnkit.align.phrases import match_phrases
from learnkit.chinese.annotate import annotate
from learnkit.models import Span


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blocks", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    pairs = [(zh, en) for en, zh in news_blocks()]
    rng.shuffle(pairs)
    pairs = pairs[: args.blocks]
    tried = found = wrong = 0
    start = time.perf_counter()
    for k, (zh, en) in enumerate(pairs):
        words = annotate(zh)
        content = [i for i, w in enumerate(words) if w.is_han and len(w.text) >= 2]
        if not content:
            continue
        i = rng.choice(content)
        j = min(len(words), i + rng.choice([1, 1, 2, 3]))
        while not words[j - 1].is_han:
            j -= 1
        span = Span(words[i].start, words[j - 1].end, zh[words[i].start : words[j - 1].end])
        other = pairs[(k + 1) % len(pairs)][1]
        tried += 1
        found += match_phrases(zh, en, (span,), (), words)[0].en is not None
        wrong += match_phrases(zh, other, (span,), (), words)[0].en is not None
    elapsed = time.perf_counter() - start
    print(f"phrases tried: {tried}")
    print(f"counterpart found in its own English paragraph: {found}/{tried} = {found / tried:.1%}")
    print(f"span 'found' in an unrelated English paragraph: {wrong}/{tried} = {wrong / tried:.1%}")
    print(f"time: {elapsed:.1f} s ({1000 * elapsed / (2 * tried):.0f} ms per search)")


if __name__ == "__main__":
    main()
