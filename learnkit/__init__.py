"""LearnKit: study material from bilingual Chinese-English news articles."""

from .errors import ArticleError, BuildError, LearnkitError, StoreError
from .models import (
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

__all__ = [
    "Article",
    "ArticleError",
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
]
