"""Anchor/gap alignment: the English between the anchors of a Chinese phrase's neighbours.

An idiom or a paraphrase (先立后破, 不相信这个说法 "did not buy that line") shares no word
with its English, but the words around it often do. Given the word links of one sentence
pair (which English tokens each Chinese unit's dictionary entries explain), the English
that no Chinese word outside the phrase explains, held between English words linked to
the phrase's own clause (or a clause break where the phrase meets one), is where the
phrase was translated. Pure structure: the caller computes the links and checks the gap
(embeddings, coverage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from learnkit.models import Span
from learnkit.text.charclass import CLAUSE_BREAK

MAX_GAP = 6  # content words a gap may hold
MAX_SHIFT = 0.35  # how far (share of the sentence) a gap may sit from the phrase's place
# verbs so general that a link to one says little (问好 "to say hello" → "said"): no anchor
GENERIC = frozenset("say tell ask go come make do get take give have put see look let".split())


@dataclass(frozen=True)
class Link:
    """A Chinese unit of the sentence: its offsets, whether it is a content word, the
    indices of the English tokens its dictionary entries explain, and whether it is light
    (a basic word whose English may be a function word, so it may stay unlinked)."""

    start: int
    end: int
    content: bool
    tokens: frozenset[int]
    light: bool = False


@dataclass(frozen=True)
class Gap:
    """Tokens ``[first, last]`` (indices) between two anchors, with what bounds each side
    (``"link"``: a token linked to the phrase's clause; ``"break"``: a clause break)."""

    first: int
    last: int
    left: str
    right: str
    anchors: tuple[int, ...] = ()  # the linked tokens that bound it


def gaps(zh: str, phrase: Span, units: Sequence[Link], tokens: Sequence, en: str) -> list[Gap]:
    """Runs of English tokens that may translate ``phrase``: no content token in them is
    explained by a Chinese unit outside the phrase; they cross no clause break and hold at
    most :data:`MAX_GAP` content words, none capitalised inside the sentence (a name); on
    each side they meet a token linked to a unit of the phrase's clause or, where the
    phrase itself meets a clause break, a break (one side at least is a linked word, of a
    unit of two characters or more); and they sit at about the phrase's place in its
    sentence (within :data:`MAX_SHIFT`). Empty when a content unit of the phrase's clause
    that is not light is linked to nothing (its English may be inside the gap)."""
    lo, hi = _clause(zh, phrase.start, phrase.end)
    outside = [u for u in units if u.content and (u.end <= phrase.start or u.start >= phrase.end)]
    clause = [u for u in outside if u.start >= lo and u.end <= hi]
    if any(not u.tokens and not u.light for u in clause):
        return []
    inside = [u for u in units if u.content and phrase.overlaps(u.start, u.end)]
    own = frozenset().union(*(u.tokens for u in inside))
    taken = frozenset().union(*(u.tokens for u in outside)) - own
    # one character links loosely (场 "large place" → "fifth-largest"): no anchor
    anchors = frozenset().union(*(u.tokens for u in clause if u.end - u.start > 1))
    # the phrase meets a clause break: nothing but function words between them
    meets = any(
        not any(u.content and a <= u.start and u.end <= b for u in units)
        for a, b in ((lo, phrase.start), (phrase.end, hi))
    )
    found: list[Gap] = []
    run: list[int] = []
    for k, t in enumerate([*tokens, None]):
        if (
            t is None
            or (t.content and k in taken)
            or (run and _broken(en[tokens[k - 1].end : t.start]))
        ):
            found.extend(_bounded(run, tokens, en, anchors, meets))
            run = []
        if t is not None and not (t.content and k in taken):
            run.append(k)
    mid = (phrase.start + phrase.end) / 2 / max(1, len(zh))
    found = [
        g
        for g in found
        if abs((tokens[g.first].start + tokens[g.last].end) / 2 / max(1, len(en)) - mid)
        <= MAX_SHIFT
    ]
    # weak evidence: a gap bounded by a generic verb is no gap, and the others are not
    # made the one gap by it
    if any(tokens[k].lemma in GENERIC for g in found for k in g.anchors):
        return []
    return found


def _bounded(run: list[int], tokens: Sequence, en: str, anchors, meets: bool) -> list[Gap]:
    content = [k for k in run if tokens[k].content]
    if not content or len(content) > MAX_GAP:
        return []
    if any(tokens[k].text[:1].isupper() and k > 0 for k in content):
        return []  # a name or an initial: an idiom is not translated as one
    first, last = content[0], content[-1]
    left, a = _side(first, -1, tokens, en, anchors, meets)
    right, b = _side(last, 1, tokens, en, anchors, meets)
    if not (left and right) or "link" not in (left, right):
        return []  # anchored on both sides, by at least one linked word
    return [Gap(first, last, left, right, tuple(k for k in (a, b) if k is not None))]


def _side(
    k: int, step: int, tokens: Sequence, en: str, anchors, meets: bool
) -> tuple[str, int | None]:
    """What bounds a run at its token ``k`` on one side: the next content token (through
    function words) linked to the clause (and its index), or a clause break (the
    sentence's edge) that the phrase meets too; "" when neither."""
    while True:
        nxt = k + step
        if step < 0:
            between = en[tokens[nxt].end if nxt >= 0 else 0 : tokens[k].start]
        else:
            between = en[tokens[k].end : tokens[nxt].start if nxt < len(tokens) else len(en)]
        if _broken(between) or not 0 <= nxt < len(tokens):
            return ("break" if meets else ""), None
        if tokens[nxt].content:
            return ("link", nxt) if nxt in anchors else ("", None)
        k = nxt


def _broken(between: str) -> bool:
    """Whether the text between two words holds a clause break."""
    return bool(CLAUSE_BREAK.search(between))


def _clause(zh: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``zh`` around ``[start, end)``: from the break before to the one after."""
    lo = max((m.end() for m in CLAUSE_BREAK.finditer(zh[:start])), default=0)
    after = CLAUSE_BREAK.search(zh[end:])
    hi = end + after.start() if after else len(zh)
    return lo, hi
