"""Writing a file so that it is either complete or not there at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read once, at import: changing the umask later would race other threads


@contextmanager
def atomic_write(target: Path, mode: str = "w", **open_args: str) -> Iterator[IO[str]]:
    """Write to a temporary file beside `target`, then replace `target` with it in one step.

    A crash or an exception part-way leaves `target` as it was (and no temporary file behind).
    """
    target = Path(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:  # name the file the user asked for, not our temporary one
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    try:
        # mkstemp makes the file private; an export gets the permissions any new file would.
        os.chmod(temporary, 0o666 & ~_UMASK)
        with os.fdopen(handle, mode, **open_args) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
