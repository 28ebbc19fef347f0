"""One transaction per unit of work, and the one place that says why the store refused it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.wording import QT_TRANSLATE_NOOP, WordedError, Wording
from desktop.store.errors import driver_reason, is_busy

STORE_BUSY = QT_TRANSLATE_NOOP(
    "store",
    "The store is busy: another window or command is writing to it. Nothing was changed; try again in a moment.",
)
NOT_WRITTEN = QT_TRANSLATE_NOOP("store", "Nothing was changed: the store could not be written ({reason}).")


class ServiceError(WordedError):
    """A unit of work that changed nothing; the message says why, in words fit to show."""


def refusal(exc: SQLAlchemyError) -> Wording:
    """Why the store refused a unit of work, in words: busy, or the driver's own reason."""
    return STORE_BUSY if is_busy(exc) else NOT_WRITTEN.format(reason=driver_reason(exc))


@contextmanager
def writing(store: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose transaction commits at the end, or rolls back whole; a refusal of the store's is worded."""
    try:
        with store.begin() as session:
            yield session
    except SQLAlchemyError as exc:
        raise ServiceError(refusal(exc)) from exc
