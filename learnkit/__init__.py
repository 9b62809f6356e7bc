"""LearnKit: study material from bilingual Chinese-English news articles.

The verbs, in three lines::

    import learnkit
    ss = learnkit.study_set(text)              # or learnkit.load("seeds/article.md")
    learnkit.write_deck([ss], "article.apkg")  # or learnkit.deck_bytes([ss])

Records and errors are imported eagerly; the verbs load the pipeline on first use, so
``import learnkit`` (and ``learnkit --help``) stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from learnkit.errors import (
    ArticleError,
    ArticleTooLarge,
    BuildError,
    LearnkitError,
    StoreError,
)
from learnkit.models import (
    Article,
    Bead,
    Half,
    Meta,
    Paragraph,
    Phrase,
    PhraseMatch,
    Sentence,
    SentencePair,
    Span,
    StudySet,
    Word,
)

if TYPE_CHECKING:
    from learnkit.batch import deck_bytes, write_deck
    from learnkit.pipeline import load, study_set

_VERBS = {
    "study_set": "learnkit.pipeline",
    "load": "learnkit.pipeline",
    "write_deck": "learnkit.batch",
    "deck_bytes": "learnkit.batch",
}

__all__ = [
    "Article",
    "ArticleError",
    "ArticleTooLarge",
    "Bead",
    "BuildError",
    "Half",
    "LearnkitError",
    "Meta",
    "Paragraph",
    "Phrase",
    "PhraseMatch",
    "Sentence",
    "SentencePair",
    "Span",
    "StoreError",
    "StudySet",
    "Word",
    "deck_bytes",
    "load",
    "study_set",
    "write_deck",
]


def __getattr__(name: str) -> object:
    if name in _VERBS:
        import importlib

        value = getattr(importlib.import_module(_VERBS[name]), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'learnkit' has no attribute {name!r}")
