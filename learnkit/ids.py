"""Stable identities: an item's id comes from what it is, never from its position.

The same id is the Anki GUID and the quiz's key, so correcting an English typo, a
punctuation mark or (with the previous build as a ledger) a few characters of the Chinese
must not change any id.

The rule:

1. a sentence's or phrase's id is a digest of its article's id, its kind and its Chinese
   text without spaces and punctuation (NFKC), so punctuation fixes keep every id;
2. given the previous build's items (:func:`carry_ids`), an item whose text is new takes
   the id of the previous item of the same kind that it matches: same text first, then
   the most similar text (at least ``SIMILAR`` of its characters in common, in order; a
   phrase also of about its length: ``SAME_LENGTH``), each previous id used once; items
   left over in the previous build are retired.

A phrase with no Chinese (bold English whose counterpart was not found) has no card and
no quiz item: its id (:func:`english_phrase_id`) is a digest of its English under a prefix
of its own, so it can never equal a Chinese item's id, and rule 2 never gives it one.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from learnkit.models import Article, Phrase, StudySet

SIMILAR = 0.6  # share of characters in common (difflib ratio) for a corrected text
# A corrected phrase keeps about its length: a phrase cut down to part of itself (威权民族
# 主义世界观 unbolded, 民族主义 bolded: ratio 0.615) is another card, and its reviews must
# not move to it. Deleting or adding one character of a four-character phrase stays within.
# (A sentence that gains a clause is still that sentence, edited: no such bound.)
SAME_LENGTH = 0.75  # shorter / longer phrase, at least
# An article whose id changed (its source link edited, or the title or date of one without
# a link) is the previous build's article with which it shares this share of its
# sentences' Chinese text (of the longer of the two).
SAME_ARTICLE = 0.5
_SPACE = re.compile(r"\s+")


def _digest(*parts: str, size: int = 12) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:size]


def normalize(text: str) -> str:
    """Text as it identifies an item: NFKC, whitespace, punctuation and symbols removed."""
    folded = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    kept = "".join(c for c in folded if unicodedata.category(c)[0] not in "PS")
    return kept or folded


def _fold(text: str) -> str:
    """An item's text as compared with a previous build's: :func:`normalize`d, in
    Simplified characters (an article converted to the other script keeps its items)."""
    from learnkit.chinese.reading import fold_script

    return fold_script(normalize(text))


def article_id(article: Article) -> str:
    """From the source link if there is one, else the Chinese title and date, else the text."""
    meta = article.meta
    if meta.source_url:
        return _digest("url", meta.source_url.strip(), size=10)
    title = meta.title or (article.zh.title if article.zh else None)
    if title:
        return _digest("title", normalize(title), meta.date or "", size=10)
    first = article.zh.paragraphs[0].text if article.zh and article.zh.paragraphs else ""
    return _digest("text", normalize(first), size=10)


def item_id(article_key: str, kind: str, zh: str) -> str:
    """Id of a sentence or phrase: its article, its kind and its Chinese text."""
    return f"{article_key}-{kind[0]}{_digest(kind, article_key, normalize(zh))}"


def sentence_id(key: str, zh: str, taken: set[str], tried: dict[str, int]) -> str:
    """A sentence's id; the same Chinese sentence twice in one article gets "#2", "#3"…

    ``tried`` remembers each text's next suffix, so a sentence repeated k times costs k
    hashes, not k²/2."""
    n = tried.get(zh, 1)
    sid = item_id(key, "sentence", zh if n == 1 else f"{zh}#{n}")
    while sid in taken:
        n += 1
        sid = item_id(key, "sentence", f"{zh}#{n}")
    tried[zh] = n + 1
    taken.add(sid)
    return sid


def english_phrase_id(article_key: str, en: str) -> str:
    """Id of a phrase with no Chinese: its article and its English (case folded). The
    ``-e`` prefix keeps it apart from every id :func:`item_id` gives (``-p``, ``-s``, …)."""
    return f"{article_key}-e{_digest('english phrase', article_key, normalize(en).casefold())}"


@dataclass(frozen=True)
class Item:
    """An item of a previous build: ``kind`` "sentence" or "phrase", its id and Chinese
    (a phrase's ``sentence``: the Chinese of the sentence it was studied in; ``blank``:
    the text its cloze blanked)."""

    kind: str
    id: str
    zh: str
    sentence: str = ""
    blank: str = ""


def _matches(
    new: Sequence[Item],
    old: Sequence[Item],
    allowed: Callable[[Item, Item], bool] | None = None,
) -> dict[str, str]:
    """New id → previous id, for the new items that are previous items corrected
    (``allowed(new, old)``: whether a similar pair may be one; same text always is)."""
    out: dict[str, str] = {}
    old_ids = {o.id for o in old}
    free = [o for o in old if o.id not in {n.id for n in new}]
    by_text: dict[str, list[Item]] = {}
    for o in free:
        by_text.setdefault(_fold(o.zh), []).append(o)
    left = []
    for n in new:
        if n.id in old_ids:
            continue  # same text, same id
        same = by_text.get(_fold(n.zh))
        if same:
            out[n.id] = same.pop(0).id
        else:
            left.append(n)
    free = [o for o in free if o.id not in set(out.values())]
    scored = []
    folded = [_fold(o.zh) for o in free]
    for i, n in enumerate(left):
        a = _fold(n.zh)
        for j, (o, b) in enumerate(zip(free, folded, strict=True)):
            if n.kind == "phrase" and min(len(a), len(b)) < SAME_LENGTH * max(len(a), len(b)):
                continue
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                ratio = matcher.ratio()
                if ratio >= SIMILAR and (allowed is None or allowed(n, o)):
                    scored.append((-ratio, abs(i - j), i, j))
    used_new, used_old = set(), set()
    for _, _, i, j in sorted(scored):
        if i not in used_new and j not in used_old:
            used_new.add(i)
            used_old.add(j)
            out[left[i].id] = free[j].id
    return out


def _kept(text: str) -> tuple[str, list[int]]:
    """``text`` as :func:`normalize` keeps it, with each kept character's index in ``text``."""
    chars, where = [], []
    for i, c in enumerate(text):
        for d in unicodedata.normalize("NFKC", c):
            if not d.isspace() and unicodedata.category(d)[0] not in "PS":
                chars.append(d)
                where.append(i)
    return "".join(chars), where


def _phrase_corrects(ss: StudySet) -> Callable[[Item, Item], bool]:
    """Whether a new phrase may be a previous, similar one corrected: the previous
    phrase's text no longer stands in the article (its Chinese was corrected), or it
    stands where the new phrase is (the bold's edges moved: 中央银 → 中央银行). Its text
    standing elsewhere means the learner bolded another phrase (定位欺骗技术 unbolded,
    定位欺骗软件 bolded in the next sentence): another card, never its reviews."""
    pairs = {p.id: p for p in ss.sentences}
    spans = {p.id: (pairs.get(p.sentence), p.zh_span) for p in ss.phrases if p.zh is not None}
    text: list[str] = []  # the article's sentences, normalised once a pair needs them

    def allowed(n: Item, o: Item) -> bool:
        before = _fold(o.zh)
        if not text:
            text.append("\x1f".join(_fold(p.zh) for p in ss.sentences))
        if before not in text[0]:
            return True
        pair, span = spans.get(n.id, (None, None))
        if pair is None or span is None:
            return False
        from learnkit.chinese.reading import fold_script

        kept, where = _kept(pair.zh)
        kept = fold_script(kept)
        start = kept.find(before)
        while start >= 0:
            if span.overlaps(where[start], where[start + len(before) - 1] + 1):
                return True
            start = kept.find(before, start + 1)
        return False

    return allowed


def study_items(ss: StudySet, blanks: bool = False) -> list[Item]:
    """The items of a study set: its sentences, then its phrases with Chinese (a phrase
    without has no card whose reviews an id could carry); with ``blanks``, each phrase
    with the text its cloze blanks (for a previous build, whose blanks are carried)."""
    from learnkit.study.cloze import phrase_blank

    pairs = {s.id: s for s in ss.sentences}

    def blanked(p: Phrase) -> str:
        pair = pairs.get(p.sentence)
        blank = phrase_blank(pair, p) if pair is not None and blanks else None
        return pair.zh[blank.start : blank.end] if blank is not None else ""

    return [Item("sentence", s.id, s.zh) for s in ss.sentences] + [
        Item("phrase", p.id, p.zh, pairs[p.sentence].zh if p.sentence in pairs else "", blanked(p))
        for p in ss.phrases
        if p.zh is not None
    ]


def carry_ids(ss: StudySet, previous: Sequence[Item]) -> StudySet:
    """``ss`` with the ids of the previous build's items that its items correct."""
    if not previous:  # a first build: nothing to carry (and no text to normalise)
        return ss
    new = study_items(ss)
    moved: dict[str, str] = {}
    for kind, allowed in (("sentence", None), ("phrase", _phrase_corrects(ss))):
        moved |= _matches(
            [i for i in new if i.kind == kind],
            [i for i in previous if i.kind == kind],
            allowed,
        )
    if not moved:
        return ss
    return replace(
        ss,
        sentences=tuple(replace(s, id=moved.get(s.id, s.id)) for s in ss.sentences),
        phrases=tuple(
            replace(p, id=moved.get(p.id, p.id), sentence=moved.get(p.sentence, p.sentence))
            for p in ss.phrases
        ),
    )


def article_of(item_id: str) -> str:
    """The id of the article an item id belongs to."""
    return item_id.rsplit("-", 1)[0]


def same_article(ss: StudySet, previous: Mapping[str, Sequence[Item]]) -> str | None:
    """The article of a previous build (``previous``: article id → its items) that ``ss``
    edits although its id differs: the one sharing the most sentences of the same Chinese
    text, at least ``SAME_ARTICLE`` of the longer one's; None if there is none."""
    mine: set[str] | None = None  # normalised once there is an article to compare with
    best, most = None, 0.0
    for article, items in previous.items():
        if article == ss.id:
            continue
        theirs = {_fold(i.zh) for i in items if i.kind == "sentence"}
        if not theirs:
            continue
        if mine is None:
            mine = {_fold(s.zh) for s in ss.sentences}
        share = len(mine & theirs) / max(len(mine), len(theirs))
        if share >= SAME_ARTICLE and share > most:
            best, most = article, share
    return best


def rekey(ss: StudySet, key: str) -> StudySet:
    """``ss`` as the article ``key``: every item with the id rule 1 gives it there (an
    edited article whose own id changed keeps its previous id, see :func:`same_article`)."""
    taken: set[str] = set()
    tried: dict[str, int] = {}
    ids = {s.id: sentence_id(key, s.zh, taken, tried) for s in ss.sentences}
    return replace(
        ss,
        id=key,
        sentences=tuple(replace(s, id=ids[s.id]) for s in ss.sentences),
        phrases=tuple(
            replace(
                p,
                id=item_id(key, "phrase", p.zh)
                if p.zh is not None
                else english_phrase_id(key, p.en or ""),
                sentence=ids.get(p.sentence, p.sentence),
            )
            for p in ss.phrases
        ),
    )
