"""Errors the store reports to people, with a message fit to show as it is, and the driver's own words."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from desktop.domain.wording import WordedError

_BUSY_SQLSTATES = frozenset({"55P03", "40P01"})  # PostgreSQL: lock_timeout reached, deadlock detected


class StoreError(WordedError):
    """The store cannot be opened, migrated or written; the message says why in plain words (`Wording`)."""


def driver_reason(exc: SQLAlchemyError) -> str:
    """The driver's own words ("database is locked"), on one line, without SQLAlchemy's statement and link."""
    reason = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    return " ".join(str(reason).split())


def is_busy(exc: SQLAlchemyError) -> bool:
    """Whether another writer held the store longer than we wait (SQLite's busy timeout, PostgreSQL's lock_timeout)."""
    if not isinstance(exc, DBAPIError):
        return False
    if getattr(exc.orig, "sqlstate", None) in _BUSY_SQLSTATES:
        return True
    reason = str(exc.orig).lower()
    return "database is locked" in reason or "database table is locked" in reason
