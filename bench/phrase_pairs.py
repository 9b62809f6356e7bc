"""Phrase pairing against ../shared/phrase_data: right / null / wrong at several thresholds.

Every article is built once with no confidence threshold; an answer whose ``en_confidence``
is below a threshold then counts as null. Items are judged exactly as
``../shared/tools/score_phrases.py`` judges them (its functions are imported). Printed for
the odd-numbered articles (the half used while developing), the even ones (held out) and
all 16; the row of ``learnkit.align.phrases.THRESHOLD`` is starred.

    .venv/bin/python bench/phrase_pairs.py
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from learnkit.align import phrases
from learnkit.pipeline import load

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "phrase_data"
SCORER = ROOT.parent / "shared" / "tools" / "score_phrases.py"
THRESHOLDS = (0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9)


def _scorer():
    spec = importlib.util.spec_from_file_location("score_phrases", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    if not SCORER.exists() or not (DATA / "gold.json").exists():
        print(f"needs {DATA} and {SCORER}", file=sys.stderr)
        return 1
    sp = _scorer()
    gold = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
    default, phrases.THRESHOLD = phrases.THRESHOLD, 0.0
    items: list[tuple[str, dict, str | None, float | None]] = []  # name, gold item, en, conf
    for name, article in sorted(gold.items()):
        found = {sp.norm_zh(p.zh): p for p in load(DATA / article["file"]).phrases if p.zh}
        for item in article["phrases"]:
            p = found.get(sp.norm_zh(item["zh"]))
            items.append((name, item, p.en if p else None, p.en_confidence if p else None))
    phrases.THRESHOLD = default
    halves = {
        "odd (dev)": lambda n: int(n[1:]) % 2 == 1,
        "even (held out)": lambda n: int(n[1:]) % 2 == 0,
        "all": lambda n: True,
    }
    for label, keep in halves.items():
        chosen = [x for x in items if keep(x[0])]
        print(f"{label}: {len(chosen)} phrases")
        print("  threshold  right         null  wrong  (one-sided right, both-sided right)")
        for t in THRESHOLDS:
            tally = {"right": 0, "null": 0, "wrong": 0, "missing": 0}
            sides = {"zh-only": 0, "both": 0}
            for _, item, en, conf in chosen:
                if en is not None and (conf or 0.0) < t:
                    en = None
                verdict = sp.judge(item, {"en": en})
                tally[verdict] += 1
                if verdict == "right":
                    sides[item["bold"]] = sides.get(item["bold"], 0) + 1
            n = len(chosen)
            star = "*" if abs(t - default) < 1e-9 else " "
            print(
                f" {star}{t:8.2f}  {tally['right']:3d} ({tally['right'] / n:6.1%})  "
                f"{tally['null']:4d}  {tally['wrong']:3d} ({tally['wrong'] / n:5.1%})  "
                f"({sides['zh-only']}, {sides['both']})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
