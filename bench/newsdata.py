"""The paragraph pairs of ../shared/news_pairs: evaluation data, read at run time, never shipped."""

from __future__ import annotations

from pathlib import Path

NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "news_pairs"


def news_blocks() -> list[tuple[str, str]]:
    """(English paragraph, Chinese paragraph) of every clean two-line block, in file order.

    The files may open with a header of lines holding only ``*``; blocks are separated by a
    blank line, and a clean block is one English line followed by its Chinese translation.
    """
    out = []
    for path in sorted(NEWS.glob("samples_*.md")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        block: list[str] = []
        for line in [ln for ln in lines if ln != "*"] + [""]:
            if line:
                block.append(line)
            elif block:
                if len(block) == 2:
                    out.append((block[0], block[1]))
                block = []
    return out
