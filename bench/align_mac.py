"""Sentence-alignment quality on MAC-Dev (and the non-literary en→zh sets), plus speed.

Each gold document is one "paragraph" of already-split sentences, aligned with
``learnkit.align.align_document`` exactly as the pipeline calls it. Scores use the
Vecalign/Bertalign strict and lax definitions of ``../shared/tools/eval_align.py``.

    .venv/bin/python bench/align_mac.py              # MAC-Dev, embeddings="auto"
    .venv/bin/python bench/align_mac.py --all        # + nonlit sets, + embeddings="never"
    .venv/bin/python bench/align_mac.py --by-type    # + each bead type's recall, precision

MAC-Dev rows also give the strict F1 of the odd documents (001, 003, 005: the ones weights
are chosen on) and of the even ones (held out).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections import Counter
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


def run(name: str, embeddings: str, scorer) -> tuple[dict, float, int, list, list, list]:
    """(scores, seconds spent aligning, sentences aligned, document names, gold beads,
    test beads) for one data set."""
    zh_dir, en_dir = SETS[name]
    folder = DATA / name
    docs, gold, test, seconds, count = [], [], [], 0.0, 0
    for gold_path in sorted((folder / "gold").glob("*.align")):
        doc = gold_path.stem
        docs.append(doc)
        zh, en = _lines(folder / zh_dir / doc), _lines(folder / en_dir / doc)
        start = time.perf_counter()
        beads = align_document([zh], [en], embeddings=embeddings)
        seconds += time.perf_counter() - start
        count += len(zh) + len(en)
        gold.append(scorer.read_alignments(str(gold_path)))
        en_first = zh_dir == "tgt_zh"
        test.append([(b.en, b.zh) if en_first else (b.zh, b.en) for b in beads])
    return scorer.score(gold, test), seconds, count, docs, gold, test


def halves(docs, gold, test, scorer) -> str:
    """Strict F1 of the odd-numbered documents and of the even ones."""
    out = []
    for label, parity in (("odd", 1), ("even", 0)):
        keep = [k for k, doc in enumerate(docs) if int(doc) % 2 == parity]
        result = scorer.score([gold[k] for k in keep], [test[k] for k in keep])
        out.append(f"{label} {result['f1_strict']:.3f}")
    return ", ".join(out)


def by_type(gold, test) -> str:
    """Per gold bead type m-n: gold beads found / gold beads, right / proposed of that type."""
    found, total, right, proposed = Counter(), Counter(), Counter(), Counter()
    for gold_doc, test_doc in zip(gold, test, strict=True):
        gold_set = {(tuple(z), tuple(e)) for z, e in gold_doc}
        test_set = {(tuple(z), tuple(e)) for z, e in test_doc}
        for bead in gold_set:
            kind = f"{len(bead[0])}-{len(bead[1])}"
            total[kind] += 1
            found[kind] += bead in test_set
        for bead in test_set:
            kind = f"{len(bead[0])}-{len(bead[1])}"
            proposed[kind] += 1
            right[kind] += bead in gold_set
    kinds = sorted(total.keys() | proposed.keys(), key=lambda k: (-total[k], k))
    return "\n".join(
        f"  {k:<4} recall {found[k]:>4}/{total[k]:<4} precision {right[k]:>4}/{proposed[k]}"
        for k in kinds
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="also nonlit sets and no embeddings")
    parser.add_argument("--by-type", action="store_true", help="recall, precision per bead type")
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
        res, seconds, count, docs, gold, test = run(name, embeddings, scorer)
        print(
            f"{name:<18} {embeddings:<10} {res['precision_strict']:8.3f}"
            f" {res['recall_strict']:8.3f} {res['f1_strict']:9.3f} {res['precision_lax']:6.3f}"
            f" {res['recall_lax']:6.3f} {res['f1_lax']:6.3f} {1000 * seconds / count:7.2f}"
        )
        if name == "mac_dev":
            print(f"  strict F1 by documents: {halves(docs, gold, test, scorer)}")
        if args.by_type:
            print(by_type(gold, test))
    return 0


if __name__ == "__main__":
    sys.exit(main())
