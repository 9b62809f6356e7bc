"""LearnKit: study material from bilingual Chinese-English news articles."""

from learnkit.errors import ArticleError, BuildError, LearnkitError, StoreError
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
