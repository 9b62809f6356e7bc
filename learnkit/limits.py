"""How large an article LearnKit accepts: defined once, for the CLI and the web app alike.

Cost grows linearly with the text (``bench/scale.py``: 8,000 sentence pairs take about a
minute and a half of CPU and well under 1 GB); beyond these limits an article is refused
at once with an :class:`~learnkit.errors.ArticleTooLarge` instead of running for minutes.
"""

from __future__ import annotations

from learnkit.errors import ArticleTooLarge

MAX_CHARACTERS = 2_000_000  # the whole article file, both halves
MAX_SENTENCES = 10_000  # in each half
_LANGUAGES = {"zh": "Chinese", "en": "English"}


def check_characters(text: str, source: str) -> None:
    """ArticleTooLarge if ``text`` is longer than :data:`MAX_CHARACTERS`."""
    if len(text) > MAX_CHARACTERS:
        raise ArticleTooLarge(
            f"{source}: too large: {len(text):,} characters (the limit is {MAX_CHARACTERS:,});"
            " split it into several articles"
        )


def check_sentences(count: int, lang: str, source: str) -> None:
    """ArticleTooLarge if a half has more than :data:`MAX_SENTENCES` sentences."""
    if count > MAX_SENTENCES:
        raise ArticleTooLarge(
            f"{source}: too long: {count:,} {_LANGUAGES[lang]} sentences (the limit is"
            f" {MAX_SENTENCES:,}); split it into several articles"
        )
