"""Cold-start and per-sentence cost of Chinese annotation (learnkit.chinese.annotate).

Prints, each measured in fresh interpreters (median of 3): the import, the first
annotate() with the on-disk cache warm and with it disabled (LEARNKIT_CACHE_DIR=off, as
on a first run), then the warm per-sentence cost over the sample's Chinese sentences.

    .venv/bin/python bench/chinese_cost.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "2024-05-20-xi-putin.md"

PROBE = """
import json, time
w0, c0 = time.perf_counter(), time.process_time()
from learnkit.chinese import annotate as chinese
w1, c1 = time.perf_counter(), time.process_time()
chinese.annotate("习近平和普京的友谊长存")
w2, c2 = time.perf_counter(), time.process_time()
print(json.dumps([w1 - w0, w2 - w1, c1 - c0, c2 - c1]))
"""


def cold(env: dict[str, str]) -> list[float]:
    """Median [import wall, first annotate wall, import CPU, first annotate CPU] seconds."""
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", PROBE],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            check=True,
            cwd=ROOT,
        )
        runs.append(json.loads(out.stdout))
    return [statistics.median(r[i] for r in runs) for i in range(4)]


def row(label: str, wall: float, cpu: float) -> None:
    print(f"{label:34s} {wall * 1000:6.0f}ms {cpu * 1000:6.0f}ms")


def sample_sentences() -> list[str]:
    from learnkit.text.article import load_article
    from learnkit.text.sentences import split_sentences

    article = load_article(SAMPLE)
    return [
        p.text[s:e]
        for p in article.zh.paragraphs
        for s, e in split_sentences(p.text, "zh", p.emphasis)
    ]


def main() -> None:
    cold({})  # make sure the disk cache exists
    print(f"{'':34s} {'wall':>8s} {'CPU':>8s}")
    imp, first, imp_cpu, first_cpu = cold({})
    row("import learnkit.chinese", imp, imp_cpu)
    row("first annotate (disk cache warm)", first, first_cpu)
    _, first, _, first_cpu = cold({"LEARNKIT_CACHE_DIR": "off"})
    row("first annotate (no disk cache)", first, first_cpu)

    from learnkit.chinese import annotate as chinese
    from learnkit.chinese.pinyin import pinyin_line

    sentences = sample_sentences()
    chinese.annotate(sentences[0])
    start, cpu = time.perf_counter(), time.process_time()
    for sentence in sentences:
        pinyin_line(chinese.annotate(sentence))
    per = (time.perf_counter() - start) / len(sentences)
    per_cpu = (time.process_time() - cpu) / len(sentences)
    chars = sum(map(len, sentences)) / len(sentences)
    print(
        f"per sentence ({len(sentences)} sample sentences, {chars:.0f} chars avg): "
        f"{per * 1000:.1f} ms wall, {per_cpu * 1000:.1f} ms CPU"
    )


if __name__ == "__main__":
    main()
