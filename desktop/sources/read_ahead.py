"""Reading a big Billing Details file in a second process while the importer writes.

Reading and checking a million-line export (CSV, amounts, times) costs about as much as
writing it; the two can go on at once on two processor cores. A child process reads the file
batch after batch and sends each batch's fields, pickled, over a pipe; the importer writes one
batch while the next is read. The pipe holds only a few batches, so memory stays flat whatever
the file's size. Small files are read in this process: starting another costs more than it saves.

    python -m desktop.sources.read_ahead    # the child; reads its job from standard input
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import subprocess
import sys
import traceback
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any, BinaryIO

from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.sources.billing_details import BillingDetailsReader, map_header
from desktop.sources.errors import CellError, ImportFileError
from desktop.sources.text_files import Batch, CsvFile
from desktop.store.rollup_sums import FineSums, add_lines

logger = logging.getLogger(__name__)

AHEAD_FROM_BYTES = 4 << 20
"""Files from this size on are read ahead in a child process (about 10,000 lines of an export)."""

_HOME = Path(__file__).resolve().parents[2]
"""The folder that holds the `desktop` package: the child's working folder."""

_PIPE_BYTES = 1 << 20
"""Room for several batches in the pipe, so that neither process waits on the other's every step."""


@dataclass
class ReadBatch:
    """A batch of records, read: its fields, or, when the column reader refused it, its raw cells."""

    lines: list[int]
    fields: dict[str, list[Any]] | None
    position: int
    """Bytes of the file read so far, for a progress bar."""
    records: list[list[str]] = field(default_factory=list)
    """The raw cells, only when `fields` is None: the importer reads them again line by line to say which is wrong."""


def read_batch(reader: BillingDetailsReader, width: int, batch: Batch, position: int) -> ReadBatch:
    """A batch's fields read column by column, or the records to read line by line when that is refused."""
    if max(map(len, batch.records)) <= width:
        with contextlib.suppress(CellError):
            return ReadBatch(batch.lines, reader.columns_of(batch.records), position)
    return ReadBatch(batch.lines, None, position, records=batch.records)


class Reading:
    """A file's batches, read as they are asked for; once they all are, `sums` holds what its lines add up to.

    The sums are a first import's rollups (`desktop.store.rollup_sums`), added up where the lines
    are read, so that the importer only writes them. `close()` stops the reading early.
    """

    def __init__(
        self, batches: Generator[ReadBatch, None, None], sums: FineSums, child: subprocess.Popen[bytes] | None = None
    ) -> None:
        self._batches = batches
        self._child = child
        self.sums = sums  # filled by `batches` as it goes

    def __iter__(self) -> Iterator[ReadBatch]:
        return self._batches

    def close(self) -> None:
        self._batches.close()
        if self._child is not None:  # even when no batch was asked for, and the generator never ran
            _stop(self._child)


def read_here(csv_file: CsvFile, reader: BillingDetailsReader, size: int) -> Reading:
    """The file's batches, read in this process."""

    sums: FineSums = {}

    def batches() -> Generator[ReadBatch, None, None]:
        for batch in csv_file.batches(size):
            read = read_batch(reader, len(csv_file.header), batch, csv_file.position())
            if read.fields is not None:
                add_lines(sums, read.fields)
            yield read

    return Reading(batches(), sums)


def read_batches(csv_file: CsvFile, reader: BillingDetailsReader, size: int) -> Reading:
    """The file's batches, read ahead in a child process when the file is big enough to gain from it."""
    # One core gains nothing from a second process, and a frozen app cannot run `python -m`.
    if csv_file.size < AHEAD_FROM_BYTES or _cores() < 2 or getattr(sys, "frozen", False):
        return read_here(csv_file, reader, size)
    try:
        child = _start(csv_file.path, reader.zone, size)
    except OSError as exc:
        logger.warning("reading %s in this process: a second one could not start (%s)", csv_file.path, exc)
        return read_here(csv_file, reader, size)
    sums: FineSums = {}
    return Reading(_read_from(child, csv_file.path, sums), sums, child)


def _cores() -> int:
    """The processor cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _command() -> list[str]:
    return [sys.executable, "-m", __name__]


def _start(path: Path, zone: tzinfo, size: int) -> subprocess.Popen[bytes]:
    child = subprocess.Popen(
        _command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        close_fds=True,
        cwd=_HOME,  # `-m` puts the working folder first on the path: never the user's, where a csv.py may lie
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # Windows: no console window flashes up
    )
    assert child.stdin is not None
    assert child.stdout is not None
    with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux only; elsewhere the pipe keeps its size
        import fcntl

        fcntl.fcntl(child.stdout.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    try:
        pickle.dump((str(path.resolve()), zone, size), child.stdin)
        child.stdin.close()
    except BaseException:
        _stop(child)
        raise
    return child


def _read_from(child: subprocess.Popen[bytes], path: Path, sums: FineSums) -> Generator[ReadBatch, None, None]:
    """The child's batches as they come, then its sums; whatever ends the reading early stops the child."""
    assert child.stdout is not None
    try:
        while True:
            try:
                kind, content = pickle.load(child.stdout)
            except Exception as exc:  # the stream ended, or holds what the child did not send (a stray print)
                _stop(child)
                stopped = QT_TRANSLATE_NOOP(
                    "import", "the process reading the file stopped unexpectedly (exit code {code})"
                )
                raise ImportFileError(path, stopped.format(code=child.returncode)) from exc
            if kind == "batch":
                yield content
            elif kind == "end":
                sums.update(content)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(timeout=10)  # it exits once it has said so; stopped below if it does not
                return
            elif kind == "refused":
                message, line = content
                raise ImportFileError(path, message, line)
            else:
                logger.error("the process reading %s failed (%s):\n%s", path, kind, content)
                last = str(content).strip().splitlines()[-1:] or [str(kind)]
                raise ImportFileError(
                    path,
                    QT_TRANSLATE_NOOP("import", "the process reading the file failed: {reason}").format(reason=last[0]),
                )
    finally:
        _stop(child)


def _stop(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        child.kill()
    child.wait()
    for stream in (child.stdin, child.stdout):
        if stream is not None:
            stream.close()


def serve(job: BinaryIO, out: BinaryIO) -> None:
    """The child: read the file named in the job and send its batches, then "end" (or why it stopped)."""
    path, zone, size = pickle.load(job)

    def send(kind: str, content: Any) -> None:
        pickle.dump((kind, content), out, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        with CsvFile(Path(path)) as csv_file:
            reader = BillingDetailsReader(map_header(csv_file.header), zone)
            reading = read_here(csv_file, reader, size)
            for read in reading:
                send("batch", read)
        send("end", reading.sums)
    except ImportFileError as exc:
        send("refused", (exc.message, exc.line))
    except Exception:
        send("failed", traceback.format_exc())
    out.flush()


if __name__ == "__main__":
    # Served by the module under its own name, so that the batches unpickle as its ReadBatch, not __main__'s.
    from desktop.sources import read_ahead

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the importer's to handle: it stops this process
    with contextlib.suppress(BrokenPipeError):  # the importer stopped reading (cancelled or refused): nothing to say
        read_ahead.serve(sys.stdin.buffer, sys.stdout.buffer)
