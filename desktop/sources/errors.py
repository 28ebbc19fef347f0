"""Errors of reading a file, worded for the person who gave us the file."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.wording import QT_TRANSLATE_NOOP, WordedError, Wording

_AT = QT_TRANSLATE_NOOP("import", "{where}: {what}")


class ImportFileError(WordedError):
    """A file cannot be imported; nothing of it was stored.

    Shown as `FILE:LINE: what is wrong` (or `FILE: what is wrong` when no line is to blame).
    """

    def __init__(self, path: Path | str, message: Wording | str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(_AT.format(where=where, what=message))


class CellError(WordedError, ValueError):
    """One cell cannot be read; the importer adds the file and line."""
