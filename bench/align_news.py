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

from newsdata import news_blocks

from learnkit.align.beads import align_document
from learnkit.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent


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
    start = time.process_time()
    for text in texts:
        tokenizer.lcut(text)
        pypinyin.pinyin(text)
    return time.process_time() - start


def sample_cost(rounds: int = 50) -> str:
    """Aligning the sample article against jieba + pypinyin over its Chinese, warm."""
    from learnkit.text.article import load_article

    article = load_article(ROOT / "seeds" / "2024-05-20-xi-putin.md")
    zh = [
        [p.text[s:e] for s, e in split_sentences(p.text, "zh", p.emphasis)]
        for p in article.zh.paragraphs
    ]
    en = [
        [p.text[s:e] for s, e in split_sentences(p.text, "en", p.emphasis)]
        for p in article.en.paragraphs
    ]
    start = time.process_time()
    for _ in range(rounds):
        align_document(zh, en)
    seconds = (time.process_time() - start) / rounds
    floor = _floor_seconds([p.text for p in article.zh.paragraphs] * rounds) / rounds
    return (
        f"sample article: align {1000 * seconds:.2f} ms, jieba+pypinyin "
        f"{1000 * floor:.2f} ms (ratio {seconds / floor:.2f})"
    )


def main() -> int:
    pairs = [(_split(en, "en"), _split(zh, "zh")) for en, zh in news_blocks()]
    align_document([["预热。"]], [["Warm-up."]])  # load CC-CEDICT outside the timing
    mix: Counter[str] = Counter()
    silver = silver_total = problems = 0
    start = time.process_time()
    results = [align_document([zh], [en]) for en, zh in pairs]
    cold = time.process_time() - start  # each word's dictionary entry looked up once
    start = time.process_time()
    for en, zh in pairs:
        align_document([zh], [en])
    warm = time.process_time() - start
    for (en, zh), beads in zip(pairs, results, strict=True):
        zh_seen = [i for b in beads for i in b.zh]
        en_seen = [j for b in beads for j in b.en]
        if (
            zh_seen != list(range(len(zh)))
            or en_seen != list(range(len(en)))
            or any(not b.zh and not b.en for b in beads)
        ):
            problems += 1
        mix.update(f"{len(b.zh)}-{len(b.en)}" for b in beads)
        if len(zh) == len(en):
            silver_total += 1
            silver += all(len(b.zh) == len(b.en) == 1 for b in beads)
    floor = _floor_seconds([zh for _, zh in news_blocks()])
    total = sum(mix.values())
    print(f"blocks {len(pairs)}, beads {total}, dropped/duplicated/empty: {problems}")
    print("bead mix: " + ", ".join(f"{k} {v} ({v / total:.1%})" for k, v in mix.most_common()))
    print(f"silver (equal counts → all 1-1): {silver}/{silver_total} = {silver / silver_total:.3f}")
    per = 1000 / len(pairs)
    print(
        f"CPU ms/paragraph: align {cold * per:.2f} first pass, {warm * per:.2f} again; "
        f"jieba+pypinyin floor {floor * per:.2f}; ratio {cold / floor:.2f} / {warm / floor:.2f}"
    )
    print(sample_cost())
    same, docs = paragraph_check(pairs, results)
    print(
        f"paragraph check (4 blocks a document; English paragraphs 2+3 merged, Chinese "
        f"paragraph 4 untranslated): {same}/{docs} documents give the per-block beads"
    )
    return 1 if problems else 0


def paragraph_check(pairs, results) -> tuple[int, int]:
    """Documents of 4 consecutive blocks, with paragraph counts made to differ.

    The English of blocks 2 and 3 becomes one paragraph and block 4 loses its English;
    paragraph alignment must recover the blocks, so the beads equal the blocks' own beads
    (block 4: all 1-0).
    """
    same = docs = 0
    for k in range(0, len(pairs) - 3, 4):
        chunk, beads = pairs[k : k + 4], results[k : k + 4]
        zh = [z for _, z in chunk]
        en = [chunk[0][0], chunk[1][0] + chunk[2][0]]
        expected, zh_off, en_off = [], 0, 0
        for (e, z), block in zip(chunk[:3], beads[:3], strict=True):
            expected += [
                (tuple(i + zh_off for i in b.zh), tuple(j + en_off for j in b.en)) for b in block
            ]
            zh_off, en_off = zh_off + len(z), en_off + len(e)
        expected += [((zh_off + i,), ()) for i in range(len(chunk[3][1]))]
        got = [(b.zh, b.en) for b in align_document(zh, en)]
        same += got == expected
        docs += 1
    return same, docs


if __name__ == "__main__":
    sys.exit(main())
