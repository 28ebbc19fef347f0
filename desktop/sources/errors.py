"""Errors of reading a file, worded for the person who gave us the file."""

from __future__ import annotations

from pathlib import Path


class ImportFileError(Exception):
    """A file cannot be imported; nothing of it was stored.

    Shown as `FILE:LINE: what is wrong` (or `FILE: what is wrong` when no line is to blame).
    """

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {message}")


class CellError(ValueError):
    """One cell cannot be read; the importer adds the file and line."""
