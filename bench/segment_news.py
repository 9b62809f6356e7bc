"""How LearnKit's segmentation differs from plain jieba on news text.

Segments every Chinese paragraph of ../shared/news_pairs with a plain jieba tokenizer and
with learnkit.segment (jieba + the CC-CEDICT-derived adjustments), and prints how many
spans changed and the most frequent changes, for review.

    .venv/bin/python bench/segment_news.py [N]   # N = changes to list (default 40)
"""

from __future__ import annotations

import difflib
import sys
from collections import Counter

from newsdata import news_blocks


def main() -> None:
    import jieba

    from learnkit.chinese import segment

    jieba.setLogLevel(60)
    plain = jieba.Tokenizer()
    changes: Counter[str] = Counter()
    tokens = 0
    texts = [zh for _, zh in news_blocks()]
    for text in texts:
        before = plain.lcut(text)
        after = [w for w, _, _ in segment.tokenize(text)]
        tokens += len(before)
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                changes["/".join(before[i1:i2]) + " → " + "/".join(after[j1:j2])] += 1
    total = sum(changes.values())
    print(
        f"{len(texts)} paragraphs, {tokens} jieba tokens, {total} spans changed "
        f"({total / tokens:.2%})"
    )
    for change, n in changes.most_common(int(sys.argv[1]) if len(sys.argv) > 1 else 40):
        print(f"{n:4d}  {change}")


if __name__ == "__main__":
    main()
