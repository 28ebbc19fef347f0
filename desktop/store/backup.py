"""Backing a SQLite store up to one file, and restoring one, never leaving a half-written store.

A backup is made with SQLite's online backup API, so the store may be in use meanwhile: the copy
holds every committed transaction (those still in the WAL file too) and nothing uncommitted. It
is written beside the target, checked, and only then renamed over it, so an existing backup is
replaced whole or not at all. The copy is a single self-contained file (rollback journal, no
WAL), fit to be moved, mailed or restored.

A restore checks a private copy of the source first (`PRAGMA integrity_check`, and that it is a
store of this application no newer than it) and touches nothing before the check has passed.
Then it makes sure nobody has the live store open, folds the live store's WAL into it, keeps it
aside as `NAME.before-restore.STAMP.bak`, and renames the checked copy over it.

PostgreSQL stores are backed up with the server's own tools (`pg_dump`); both functions refuse them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.store.errors import StoreError
from desktop.store.migrate import alembic_config

STORE_TABLES = frozenset({"accounts", "bill_lines", "orders"})
"""Tables every schema revision of this application has: with alembic_version, a store's signature."""
IN_USE_WAIT = 2.0
"""Seconds a restore waits for other connections to the live store to go away."""


def backup(url_or_engine: str | Engine, target: Path) -> Path:
    """Copy the SQLite store at `url_or_engine` to the file `target`, atomically; returns `target`."""
    source = _sqlite_path(url_or_engine)
    target = Path(target).expanduser().absolute()
    if not source.is_file():
        raise StoreError(QT_TRANSLATE_NOOP("store", "there is no store at {source} to back up").format(source=source))
    if target.exists() and target.samefile(source):
        raise StoreError(QT_TRANSLATE_NOOP("store", "a backup cannot replace the store it copies; choose another file"))
    _make_folder(target.parent)
    with _partial_beside(target) as partial:
        try:
            with _closing(sqlite3.connect(source)) as live, _closing(sqlite3.connect(partial)) as copy:
                live.backup(copy)
                _self_contained(copy)
                problem = _integrity_problem(copy)
        except sqlite3.Error as exc:
            raise StoreError(
                QT_TRANSLATE_NOOP("store", "cannot back up the store {source}: {reason}").format(
                    source=source, reason=exc
                )
            ) from exc
        if problem is not None:
            raise StoreError(
                QT_TRANSLATE_NOOP("store", "the store {source} is damaged ({problem}); no backup was written").format(
                    source=source, problem=problem
                )
            )
        _install(partial, target)
    return target


def restore(source: Path, url: str) -> Path | None:
    """Replace the SQLite store at `url` with the backup `source`, once `source` is known to be sound.

    Every connection to the store must be closed first (the window disposes its engine); a store
    in use is refused. Returns where the replaced store was kept, or None if there was none.
    Raises StoreError, with nothing replaced, for a source that is damaged, is not a store of this
    application, or was written by a newer version.
    """
    live = _sqlite_path(url)
    source = Path(source).expanduser().absolute()
    if not source.is_file():
        raise StoreError(QT_TRANSLATE_NOOP("store", "there is no backup at {source}").format(source=source))
    if live.exists() and live.samefile(source):
        raise StoreError(QT_TRANSLATE_NOOP("store", "this file is the store itself; choose a backup to restore"))
    _make_folder(live.parent)
    with _partial_beside(live) as partial:
        _copy_file(source, partial)
        _verify(partial, source)
        kept = _retire(live)
        _install(partial, live)
    return kept


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "cannot create the folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror
            )
        ) from exc


def _sqlite_path(url_or_engine: str | Engine) -> Path:
    if isinstance(url_or_engine, Engine):
        url = url_or_engine.url
    else:
        try:
            url = make_url(url_or_engine)
        except ArgumentError as exc:
            raise StoreError(
                QT_TRANSLATE_NOOP("store", "not a database URL: {url}").format(url=repr(url_or_engine))
            ) from exc
    if url.get_backend_name() != "sqlite":
        raise StoreError(
            QT_TRANSLATE_NOOP(
                "store",
                "only a SQLite store is backed up and restored by the application; "
                "back a {kind} store up with the server's own tools (pg_dump)",
            ).format(kind=url.get_backend_name())
        )
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "the store {url} is not a file, so it has no backup").format(
                url=repr(url.render_as_string())
            )
        )
    return Path(database).expanduser().absolute()


@contextlib.contextmanager
def _partial_beside(final: Path) -> Iterator[Path]:
    """A fresh file name in `final`'s folder (so that a rename is atomic), removed unless renamed."""
    partial = final.with_name(f".{final.name}.{uuid.uuid4().hex[:12]}.partial")
    try:
        yield partial
    finally:
        for leftover in (partial, *(partial.with_name(partial.name + end) for end in ("-journal", "-wal", "-shm"))):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


@contextlib.contextmanager
def _closing(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """sqlite3's own context manager commits but does not close."""
    try:
        yield connection
    finally:
        connection.close()


def _self_contained(connection: sqlite3.Connection) -> None:
    """One file, whatever the journal mode of the store it came from (a WAL-mode copy needs its -wal)."""
    mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    if str(mode).lower() != "delete":
        raise sqlite3.OperationalError(f"the copy stays in {mode} mode")


def _integrity_problem(connection: sqlite3.Connection) -> str | None:
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    return None if rows == ["ok"] else "; ".join(str(row) for row in rows[:3])


def _copy_file(source: Path, partial: Path) -> None:
    """The source's bytes, and its WAL if it has one, never opening the source with SQLite."""
    try:
        shutil.copyfile(source, partial)
        wal = source.with_name(source.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, partial.with_name(partial.name + "-wal"))
    except OSError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "cannot read the backup {source}: {reason}").format(
                source=source, reason=exc.strerror
            )
        ) from exc


def _verify(partial: Path, source: Path) -> None:
    """Refuse, with a reason, anything but a sound store of this application no newer than it."""
    try:
        with _closing(sqlite3.connect(partial)) as copy:
            _self_contained(copy)
            problem = _integrity_problem(copy)
            if problem is not None:
                raise StoreError(
                    QT_TRANSLATE_NOOP("store", "{source} is damaged ({problem}); the store was not replaced").format(
                        source=source, problem=problem
                    )
                )
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revisions = (
                [row[0] for row in copy.execute("SELECT version_num FROM alembic_version")]
                if "alembic_version" in tables
                else []
            )
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise StoreError(
                QT_TRANSLATE_NOOP("store", "{source} is not a SQLite database; the store was not replaced").format(
                    source=source
                )
            ) from exc
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "{source} is damaged ({reason}); the store was not replaced").format(
                source=source, reason=exc
            )
        ) from exc
    if len(revisions) != 1 or not STORE_TABLES.issubset(tables):
        raise StoreError(
            QT_TRANSLATE_NOOP(
                "store", "{source} is not a store of this application; the store was not replaced"
            ).format(source=source)
        )
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revisions[0])
    except CommandError:
        raise StoreError(
            QT_TRANSLATE_NOOP(
                "store",
                "{source} was written by a newer version of this application (schema {schema}); "
                "update the application to restore it. The store was not replaced.",
            ).format(source=source, schema=revisions[0])
        ) from None


def _retire(live: Path) -> Path | None:
    """Fold the live store's WAL into it (which needs it closed everywhere) and keep it aside."""
    if not live.exists():
        for stale in (live.with_name(live.name + end) for end in ("-wal", "-shm", "-journal")):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
        return None
    try:
        with _closing(sqlite3.connect(live, timeout=IN_USE_WAIT)) as connection:
            _self_contained(connection)  # checkpoints and removes -wal and -shm; needs every other connection gone
    except sqlite3.OperationalError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP(
                "store",
                "the store {live} is in use ({reason}); close every window and command using it, then restore again. "
                "The store was not replaced.",
            ).format(live=live, reason=exc)
        ) from exc
    except sqlite3.DatabaseError:
        pass  # a live store that is not even a database is kept aside as it is
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = live.with_name(f"{live.name}.before-restore.{stamp}.bak")
    try:
        try:
            os.link(live, kept)  # the same bytes under a second name, instantly
        except OSError:
            shutil.copy2(live, kept)
    except OSError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP(
                "store", "cannot keep the current store aside as {kept}: {reason}; nothing was replaced"
            ).format(kept=kept, reason=exc.strerror)
        ) from exc
    return kept


def _install(partial: Path, final: Path) -> None:
    """Make `partial` durable, then rename it over `final` in one step."""
    try:
        with partial.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(partial, final)
        _sync_folder(final.parent)
    except OSError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "cannot write {final}: {reason}").format(final=final, reason=exc.strerror)
        ) from exc


def _sync_folder(folder: Path) -> None:
    """The rename itself survives a power cut only once the folder is synced (POSIX)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
