"""LearnKit's exceptions. The CLI and the web layer turn them into one-line messages."""


class LearnkitError(Exception):
    """Base class: ``str(exc)`` is a complete one-line message naming the file."""


class ArticleError(LearnkitError):
    """An article cannot be read or parsed (missing, binary, not UTF-8, no Chinese…)."""


class BuildError(LearnkitError):
    """A deck cannot be written."""


class StoreError(LearnkitError):
    """The quiz database cannot be opened or written."""


class BusyError(LearnkitError):
    """The server already runs as many heavy jobs (uploads) as it allows; try again later."""


class TimeLimitError(LearnkitError):
    """A heavy job ran past its time limit and was stopped."""


class ArticleTooLarge(ArticleError):
    """An article beyond the size limits of :mod:`learnkit.limits`."""


class NotText(ArticleError):
    """An article file that is binary (a picture, PDF, Word file) or not UTF-8/UTF-16 text."""


class NoChinese(ArticleError):
    """An article with no Chinese paragraphs."""


class DuplicateArticle(ArticleError):
    """An upload of an article already in the library; ``key`` is that article's id;
    ``same_text`` False when the two only share the id (the same title, no date or link)."""

    def __init__(self, message: str, key: str, same_text: bool = True) -> None:
        super().__init__(message)
        self.key = key
        self.same_text = same_text
