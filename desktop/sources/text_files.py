"""Reading CSV files as the console and spreadsheets write them: UTF-8 (with or without BOM)
or GB18030, CRLF or LF, streamed so that a file of millions of lines costs flat memory."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.sources.errors import ImportFileError

EMPTY = QT_TRANSLATE_NOOP("import", "the file is empty")

SAMPLE_BYTES = 1 << 16


@dataclass(frozen=True)
class Batch:
    lines: list[int]  # the file line on which each record ends (what a text editor shows)
    records: list[list[str]]


def detect_encoding(sample: bytes, path: Path) -> str:
    """UTF-8 (BOM or not) when the sample decodes as UTF-8, else GB18030 (the superset of GBK)."""
    if b"\x00" in sample:
        raise ImportFileError(path, QT_TRANSLATE_NOOP("import", "this is not a text file (it contains NUL bytes)"))
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        as_utf8 = codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        as_utf8 = None
    try:
        as_gb = codecs.getincrementaldecoder("gb18030")().decode(sample, final=False)
    except UnicodeDecodeError:
        as_gb = None
    if as_utf8 is None and as_gb is None:
        raise ImportFileError(path, QT_TRANSLATE_NOOP("import", "the text is neither UTF-8 nor GB18030"))
    if as_utf8 is None:
        return "gb18030"
    # Some Chinese text in GB18030 is also valid UTF-8, and then reads as a jumble of Hebrew,
    # Cyrillic, Arabic… letters, or as phonetic signs, symbols and vowel points no export holds. Real text
    # keeps to one script's letters; a jumble, or such a sign, is GB18030.
    suspicious = _mixed_scripts(as_utf8) or any(map(_unlikely, as_utf8))
    if as_gb is not None and suspicious and _has_chinese(as_gb):
        return "gb18030"
    return "utf-8-sig"  # also strips a BOM that is not there: harmless


_LIKELY_TWO_BYTE = (
    (0x0085, 0x0085),  # NEL, a line break some tools write
    (0x00A0, 0x024F),  # Latin-1, Latin Extended-A and -B: accents, pinyin tones, Vietnamese, £, ¥
    (0x02BB, 0x02BC),  # the modifier apostrophes ʻ ʼ
    (0x0386, 0x03CE),  # Greek letters
    (0x0400, 0x052F),  # Cyrillic, with its supplement
    (0x05D0, 0x05EA),  # Hebrew letters (not the vowel points)
    (0x0600, 0x06FF),  # Arabic, Persian, Urdu
)
"""The characters of two UTF-8 bytes that real text holds; GB18030 hanzi read as UTF-8 give others too."""


def _unlikely(char: str) -> bool:
    """A two-byte UTF-8 character outside the letters and signs people write (ʱ, ͼ, vowel points…)."""
    code = ord(char)
    return 0x80 <= code < 0x800 and not any(first <= code <= last for first, last in _LIKELY_TWO_BYTE)


_SCRIPT_STARTS = (0x0370, 0x0400, 0x0530, 0x0590, 0x0600, 0x0700, 0x0750, 0x0800)
"""Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana/NKo: the blocks GB18030 bytes fall into."""


def _mixed_scripts(text: str) -> bool:
    """Whether one run of letters jumps between two of those scripts, as no real word does."""
    previous = None
    for char in text:
        code = ord(char)
        script = next((n for n, start in enumerate(_SCRIPT_STARTS[:-1]) if start <= code < _SCRIPT_STARTS[n + 1]), None)
        if script is not None and previous is not None and script != previous:
            return True
        previous = script
    return False


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


class CsvFile:
    """A CSV file opened for streaming: its header, then its rows with their line numbers.

    `position()` tells how far the reading has come, in bytes, for a progress bar.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._raw: BinaryIO = self.path.open("rb")
        except OSError as exc:
            raise ImportFileError(
                path, QT_TRANSLATE_NOOP("import", "cannot open the file: {reason}").format(reason=exc.strerror)
            ) from exc
        try:
            self._begin()
        except BaseException:
            self._raw.close()  # a refused file is not left open
            raise

    def _begin(self) -> None:
        """The file's size, encoding and header."""
        self.size = self.path.stat().st_size
        sample = self._raw.read(SAMPLE_BYTES)
        self._raw.seek(0)
        if not sample.strip():
            raise ImportFileError(self.path, EMPTY)
        self.encoding = detect_encoding(sample, self.path)
        self._text = io.TextIOWrapper(self._raw, encoding=self.encoding, newline="")
        self._reader = csv.reader(self._text)
        header = self._next()
        if header is None:
            raise ImportFileError(self.path, EMPTY)
        self.header = [cell.strip() for cell in header]

    def _next(self) -> list[str] | None:
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except UnicodeDecodeError:
            raise self._undecodable() from None
        except csv.Error as exc:
            raise self._malformed(exc) from None

    def _undecodable(self) -> ImportFileError:
        stops = QT_TRANSLATE_NOOP("import", "the text stops being {encoding} here").format(encoding=self.encoding)
        return ImportFileError(self.path, stops, self._undecodable_line())

    def _undecodable_line(self) -> int:
        """The first line that does not decode, found again from the bytes.

        The text layer decodes well ahead of the CSV reader, so the reader's line is not it. A line
        end (byte 0x0A) is never part of a character in UTF-8 or GB18030, so lines decode alone.
        """
        with self.path.open("rb") as raw:
            for number, line in enumerate(raw, 1):
                try:
                    line.decode(self.encoding)
                except UnicodeDecodeError:
                    return number
        return self._reader.line_num + 1

    def _malformed(self, exc: csv.Error) -> ImportFileError:
        return ImportFileError(
            self.path, QT_TRANSLATE_NOOP("import", "malformed CSV: {reason}").format(reason=exc), self._reader.line_num
        )

    def batches(self, size: int) -> Iterator[Batch]:
        """Every non-blank record after the header, `size` at a time, with the line each ends on.

        Records come in lists rather than one by one: a file can have millions of them, and the
        callers read them column by column.
        """
        reader = self._reader
        batch = Batch([], [])
        try:
            for cells in reader:
                if any(map(str.strip, cells)):
                    batch.lines.append(reader.line_num)
                    batch.records.append(cells)
                    if len(batch.lines) == size:
                        yield batch
                        batch = Batch([], [])
        except UnicodeDecodeError:
            raise self._undecodable() from None
        except csv.Error as exc:
            raise self._malformed(exc) from None
        if batch.lines:
            yield batch

    def position(self) -> int:
        return self._raw.tell()

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> CsvFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
