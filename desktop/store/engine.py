"""Where the store lives and how a connection to it is made."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desktop import APP_DIR_NAME
from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.store.errors import StoreError

NOT_A_URL = QT_TRANSLATE_NOOP("store", "not a database URL: {url}")

DB_ENV = "APSARA_LIVE_DB"
"""Environment variable that overrides the default store URL (the `--db` flag wins over it)."""


def default_url() -> str:
    """The store's URL: `$APSARA_LIVE_DB`, else a SQLite file in the user data folder (made if need be)."""
    if url := os.environ.get(DB_ENV):
        return url
    folder = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, ensure_exists=True))
    return f"sqlite:///{folder / 'account.sqlite3'}"


BUSY_TIMEOUT_MS = 10_000
"""How long a write waits for another writer (another window or command) before the store is said to be busy."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        # Bill lines are wide (about 700 bytes): 16 KiB pages hold four times as many, and a big import
        # writes about a quarter faster. Only a new store takes it (it must come before WAL and the
        # first table); an existing one keeps its pages.
        cursor.execute("PRAGMA page_size=16384")
        # Readers and the writer never block each other; a busy writer is waited for, not reported.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


WRITE_LOCK_KEY = 0x4150_5341_5241_4C56
"""The PostgreSQL advisory lock every writing transaction holds: one writer at a time, as on SQLite."""
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)


def _one_writer_at_a_time(
    connection: Connection, cursor: Any, statement: str, _parameters: Any, _context: Any, _executemany: bool
) -> None:
    """Take the write lock before a transaction's first change to the data, and hold it to the end.

    Under READ COMMITTED two transactions that each rebuild the same day's rollups (delete, then
    insert from the bill lines) do not see each other's rows: the second fails on the unique key,
    or would sum without the other's lines. Waiting for the lock before the first write means that
    every statement after it sees all that was committed before, which is SQLite's behaviour too
    (its driver begins the transaction at the first write). Readers never wait for it. What a
    transaction read before its first write may be stale by then: the importer's key lookups are,
    so two imports of the same lines at once end with the second refused on the unique key (nothing
    half-written) rather than merged.
    """
    transaction = connection.get_transaction()
    if transaction is None or connection.info.get("write_lock") is transaction or not _WRITES.match(statement):
        return
    with cursor.connection.cursor() as locking:
        locking.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
    connection.info["write_lock"] = transaction  # released by the server at commit or rollback


def make_engine(url: str) -> Engine:
    """Create an engine for `url`; a SQLite file's folder must exist (a mistyped path is not made up)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(NOT_A_URL.format(url=repr(url))) from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().parent
            if not folder.is_dir():
                missing = QT_TRANSLATE_NOOP("store", "the folder {folder} does not exist (is the store's path right?)")
                raise StoreError(missing.format(folder=folder))
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        engine = create_engine(parsed, pool_pre_ping=True)
    except NoSuchModuleError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "unknown database kind in the URL: {kind}").format(kind=parsed.drivername)
        ) from exc
    except ModuleNotFoundError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "the driver for {kind} is not installed ({module})").format(
                kind=parsed.drivername, module=exc.name
            )
        ) from exc
    if engine.dialect.name == "postgresql":
        event.listen(engine, "before_cursor_execute", _one_writer_at_a_time)
        event.listen(engine, "connect", _postgresql_waits)
    return engine


def _postgresql_waits(dbapi_connection: Any, _record: Any) -> None:
    """A lock (the write lock above included) is waited for as long as SQLite waits, then refused, never forever."""
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = {int(BUSY_TIMEOUT_MS)}")
    dbapi_connection.commit()


IMPORT_CACHE_KIB = 65_536
"""The page cache of an import's connection: a big import then spills far fewer half-written index
pages into the WAL. Other connections keep SQLite's default (about 2 MiB), however many the pool holds."""


@contextmanager
def import_cache(session: Session) -> Iterator[None]:
    """A big page cache for the session's connection while an import writes (SQLite only)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    default = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(default or 0)}")


class ChangedElsewhereError(StoreError):
    """A row was saved by someone else after it was read here; nothing of this unit of work was saved."""


class StoreSession(Session):
    """A session whose refused save of an edited row says so in words.

    Rows people edit carry a version counter: saving one read at an older version updates no row
    and SQLAlchemy raises StaleDataError, whose text ("expected to update 1 row(s); 0 were
    matched") tells the user nothing. Every flush, the one a commit makes included, goes through here.
    """

    def flush(self, objects: Sequence[Any] | None = None) -> None:
        try:
            super().flush(objects)
        except StaleDataError as exc:
            raise ChangedElsewhereError(
                QT_TRANSLATE_NOOP(
                    "store",
                    "this was changed by someone else since it was shown; nothing was saved: reload to see the change",
                )
            ) from exc


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """The one session factory of the process; each unit of work opens its own session."""
    return sessionmaker(engine, class_=StoreSession, expire_on_commit=False)
