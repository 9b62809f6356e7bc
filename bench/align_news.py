"""Robustness and cost of sentence alignment on news paragraph pairs (../shared/news_pairs).

Each block (one English paragraph, then its Chinese translation) is split with
``learnkit.sentences`` and aligned with ``learnkit.align.align_document`` as the pipeline
does. Prints the bead-type mix, the silver score (blocks with equal sentence counts:
share aligned exactly 1-1 in order), any dropped sentence or empty bead, and the aligner's
time against the floor of issue 3 (jieba + pypinyin over the same Chinese text).

    .venv/bin/python bench/align_news.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from learnkit.align import align_document
from learnkit.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "news_pairs"


def blocks() -> list[tuple[str, str]]:
    """(English paragraph, Chinese paragraph) of every block of every file."""
    out = []
    for path in sorted(NEWS.glob("*.md")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        lines = [ln for ln in lines if ln != "*"]
        block: list[str] = []
        for line in lines + [""]:
            if line:
                block.append(line)
            elif block:
                if len(block) == 2:
                    out.append((block[0], block[1]))
                block = []
    return out


def _split(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


def _floor_seconds(texts: list[str]) -> float:
    """jieba + pypinyin over the texts in this process, warm (issue 3's floor)."""
    import jieba
    import pypinyin

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.lcut("预热")
    pypinyin.pinyin("预热")
    start = time.perf_counter()
    for text in texts:
        tokenizer.lcut(text)
        pypinyin.pinyin(text)
    return time.perf_counter() - start


def main() -> int:
    pairs = [(_split(en, "en"), _split(zh, "zh")) for en, zh in blocks()]
    align_document([["预热。"]], [["Warm-up."]])  # load CC-CEDICT outside the timing
    mix: Counter[str] = Counter()
    silver = silver_total = problems = 0
    start = time.perf_counter()
    results = [align_document([zh], [en]) for en, zh in pairs]
    seconds = time.perf_counter() - start
    for (en, zh), beads in zip(pairs, results):
        zh_seen = [i for b in beads for i in b.zh]
        en_seen = [j for b in beads for j in b.en]
        if (zh_seen != list(range(len(zh))) or en_seen != list(range(len(en)))
                or any(not b.zh and not b.en for b in beads)):
            problems += 1
        mix.update(f"{len(b.zh)}-{len(b.en)}" for b in beads)
        if len(zh) == len(en):
            silver_total += 1
            silver += all(len(b.zh) == len(b.en) == 1 for b in beads)
    floor = _floor_seconds([zh for _, zh in blocks()])
    total = sum(mix.values())
    print(f"blocks {len(pairs)}, beads {total}, dropped/duplicated/empty: {problems}")
    print("bead mix: " + ", ".join(f"{k} {v} ({v / total:.1%})" for k, v in mix.most_common()))
    print(f"silver (equal counts → all 1-1): {silver}/{silver_total} = {silver / silver_total:.3f}")
    print(f"align {1000 * seconds / len(pairs):.2f} ms/paragraph; jieba+pypinyin floor "
          f"{1000 * floor / len(pairs):.2f} ms/paragraph; ratio {seconds / floor:.2f}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
