"""Sentence-alignment quality on MAC-Dev (and the non-literary en→zh sets), plus speed.

Each gold document is one "paragraph" of already-split sentences, aligned with
``learnkit.align.align_document`` exactly as the pipeline calls it. Scores use the
Vecalign/Bertalign strict and lax definitions of ``../shared/tools/eval_align.py``.

    .venv/bin/python bench/align_mac.py              # MAC-Dev, embeddings="auto"
    .venv/bin/python bench/align_mac.py --all        # + nonlit sets, + embeddings="never"
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from learnkit.align.beads import align_document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "align_data"
SCORER = ROOT.parent / "shared" / "tools" / "eval_align.py"
SETS = {  # name: (zh folder, en folder); en→zh gold beads read [en ids]:[zh ids]
    "mac_dev": ("zh", "en"),
    "nonlit_aca_en2zh": ("tgt_zh", "src_en"),
    "nonlit_mag_en2zh": ("tgt_zh", "src_en"),
}


def _scorer():
    spec = importlib.util.spec_from_file_location("eval_align", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def run(name: str, embeddings: str, scorer) -> tuple[dict, float, int]:
    """(scores, seconds spent aligning, sentences aligned) for one data set."""
    zh_dir, en_dir = SETS[name]
    folder = DATA / name
    gold, test, seconds, count = [], [], 0.0, 0
    for gold_path in sorted((folder / "gold").glob("*.align")):
        doc = gold_path.stem
        zh, en = _lines(folder / zh_dir / doc), _lines(folder / en_dir / doc)
        start = time.perf_counter()
        beads = align_document([zh], [en], embeddings=embeddings)
        seconds += time.perf_counter() - start
        count += len(zh) + len(en)
        gold.append(scorer.read_alignments(str(gold_path)))
        en_first = zh_dir == "tgt_zh"
        test.append([(b.en, b.zh) if en_first else (b.zh, b.en) for b in beads])
    return scorer.score(gold, test), seconds, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="also nonlit sets and no embeddings")
    args = parser.parse_args(argv)
    scorer = _scorer()
    runs = [("mac_dev", "auto")]
    if args.all:
        runs += [("mac_dev", "never"), ("nonlit_aca_en2zh", "auto"), ("nonlit_mag_en2zh", "auto")]
    print(
        f"{'set':<18} {'embeddings':<10} {'P strict':>8} {'R strict':>8} {'F1 strict':>9}"
        f" {'P lax':>6} {'R lax':>6} {'F1 lax':>6} {'ms/sent':>7}"
    )
    for name, embeddings in runs:
        res, seconds, count = run(name, embeddings, scorer)
        print(
            f"{name:<18} {embeddings:<10} {res['precision_strict']:8.3f}"
            f" {res['recall_strict']:8.3f} {res['f1_strict']:9.3f} {res['precision_lax']:6.3f}"
            f" {res['recall_lax']:6.3f} {res['f1_lax']:6.3f} {1000 * seconds / count:7.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
