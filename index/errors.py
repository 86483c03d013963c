"""The newsbot exception tree: every user-facing failure says what was wrong and what to do."""

from __future__ import annotations


class NewsbotError(Exception):
    """Base class: a problem the user can fix; the CLI prints it without a traceback."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  → {self.hint}" if self.hint else self.message


class ConfigError(NewsbotError):
    """A setting (env var, config file, flag) has a bad value."""

    exit_code = 2


class ArticleError(NewsbotError):
    """An article file or its metadata cannot be read or is incomplete."""


class ModelError(NewsbotError):
    """The embedding model cannot be found, loaded or verified."""


class IndexError_(NewsbotError):
    """Base for index-directory problems (named with a trailing _ to keep the builtin)."""


class IndexMissingError(IndexError_):
    """No index has been built at the configured location."""


class IndexCorruptError(IndexError_):
    """An index file is missing, truncated or fails its checksum."""


class IndexMismatchError(IndexError_):
    """The index was built with other settings (model, format, chunking) than asked for now."""


class IndexLocationError(IndexError_):
    """The index location holds something newsbot did not write (a file, or a folder of other files)."""


class IndexLockedError(IndexError_):
    """Another process is updating the index."""


class QuestionError(NewsbotError):
    """A question cannot be searched (empty, or only punctuation)."""


LOCATION_HINT = "point --index-dir (or NEWSBOT_INDEX_DIR) at a new or empty folder, or at an index newsbot built"
REBUILD_HINT = "rebuild it with `newsbot index build` (your article files are not touched)"
