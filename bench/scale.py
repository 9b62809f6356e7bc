"""Cost of `learnkit extract` against article size: CPU time and peak memory, one run.

Articles of 1,000 to 8,000 sentence pairs are made of real translated text (the news
paragraph pairs of ../shared/news_pairs, shuffled and repeated as needed), once with each
block its own paragraph (about 3 sentence pairs a paragraph) and
once as a single flat paragraph on each side. Each is processed by a fresh
``learnkit extract`` process; its CPU time (user + system) and peak resident memory come
from the operating system (``wait4``). Goals (issue 10): each doubling of the size at
most 2.2× the time, 8,000 pairs at most 120 s CPU and 1 GB either way.

    nice .venv/bin/python bench/scale.py                 # 1k 2k 4k 8k, both layouts
    nice .venv/bin/python bench/scale.py --sizes 250 500 # a quick look
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from newsdata import news_blocks

from learnkit.text.sentences import split_sentences

GOAL_RATIO, GOAL_SECONDS, GOAL_MB = 2.2, 120.0, 1024.0


def article(pairs: int, paragraphs: bool, seed: int = 0) -> str:
    """An article of at least ``pairs`` Chinese sentences, blocks in a shuffled order."""
    blocks = news_blocks()
    rng = random.Random(seed)
    zh, en, count = [], [], 0
    while count < pairs:
        order = list(range(len(blocks)))
        rng.shuffle(order)
        for k in order:
            en_text, zh_text = blocks[k]
            zh.append(zh_text)
            en.append(en_text)
            count += len(split_sentences(zh_text, "zh"))
            if count >= pairs:
                break
    if paragraphs:
        zh_body, en_body = "\n\n".join(zh), "\n\n".join(en)
    else:
        zh_body, en_body = "".join(zh), " ".join(en)
    return f"# 新闻\n\n{zh_body}\n\n---\n\n# News\n\n{en_body}\n"


def measure(path: Path) -> tuple[float, float]:
    """(CPU seconds, peak MB) of one `learnkit extract PATH` process."""
    command = [sys.executable, "-m", "learnkit.cli", "extract", str(path)]
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command, stdout=sink)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{path}: learnkit extract failed (exit {process.returncode})")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    args = parser.parse_args(argv)
    print(f"{'layout':<12} {'pairs':>6} {'chars':>9} {'CPU s':>7} {'×prev':>6} {'peak MB':>8}")
    met = True
    with tempfile.TemporaryDirectory() as tmp:
        for paragraphs in (True, False):
            layout = "paragraphs" if paragraphs else "one flat"
            previous, last_size = None, 0
            for size in args.sizes:
                text = article(size, paragraphs)
                path = Path(tmp) / f"{size}-{layout.replace(' ', '-')}.md"
                path.write_text(text, encoding="utf-8")
                seconds, mb = measure(path)
                ratio = seconds / previous if previous else None
                doubled = previous is not None and size == 2 * last_size
                if doubled and ratio > GOAL_RATIO or size == 8000 and seconds > GOAL_SECONDS:
                    met = False
                met = met and mb <= GOAL_MB
                shown = f"{ratio:6.2f}" if ratio else f"{'':>6}"
                print(
                    f"{layout:<12} {size:>6} {len(text):>9,} {seconds:7.1f} {shown} {mb:8.0f}",
                    flush=True,
                )
                previous, last_size = seconds, size
    print(
        f"goals (doubling ≤ {GOAL_RATIO}×, 8,000 pairs ≤ {GOAL_SECONDS:g} s and ≤ {GOAL_MB:g} MB):"
        f" {'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
