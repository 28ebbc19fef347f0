"""What every tab controller shares: the store, the policy, a clock and the refresh protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.clock import Clock, application_clock
from desktop.controllers.i18n import said, translate
from desktop.domain.policy import Policy, load_policy
from desktop.store.engine import default_url
from desktop.store.errors import StoreError
from desktop.store.models import Account
from desktop.store.session import open_store


def offset_label(moment: datetime) -> str:
    """`UTC+8`: the zone a moment is shown in, as a finance user reads it."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds()) // 60 if offset else 0
    hours, rest = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@dataclass(frozen=True)
class Column:
    """A table column: its title and, for amounts, the formula a tooltip explains.

    Both are English, marked for translation in the "columns" context; `caption` and `tooltip`
    give them in the user's language.
    """

    title: str
    explanation: str = ""

    def caption(self) -> str:
        return translate("columns", self.title)

    def tooltip(self) -> str:
        return translate("columns", self.explanation) if self.explanation else ""


@dataclass(frozen=True)
class TableData:
    """A table as plain values (str, Decimal, datetime, date, int, bool or None): what a view renders."""

    columns: tuple[Column, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    totals: tuple[Any, ...] | None = None
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Context:
    """What a controller needs from the application, injected so tests can fake the clock."""

    store: sessionmaker[Session]
    policy: Policy
    clock: Clock = field(default_factory=application_clock)
    language: str = "en"  # the window's language, for the texts that come from the policy file

    def rule_text(self, rule_id: str) -> str:
        return self.policy.rule_text(rule_id, self.language)


def _reason(exc: SQLAlchemyError) -> object:
    """The driver's own words ("database is locked"), without SQLAlchemy's statement and link."""
    return exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc


def write_failure(exc: SQLAlchemyError) -> str:
    """What a user is told when a change could not be written (nothing of it was)."""
    return translate("store", "Nothing was changed: the store could not be written ({reason}).").format(
        reason=_reason(exc)
    )


def changed_elsewhere() -> str:
    """What a user is told when someone saved the same row first (a version counter refused the save)."""
    return translate(
        "store", "Someone else changed this after it was loaded here; nothing was saved. Reload (F5) to see the change."
    )


def store_failure(exc: SQLAlchemyError) -> str:
    """What a user is told when background work could not use the store."""
    return translate("store", "The store could not be used: {reason}").format(reason=_reason(exc))


def open_context(url: str | None, language: str = "en", clock: Clock | None = None) -> Context:
    """The store at `url` (default: the user's), upgraded, with the demo account if it is empty.

    `clock` defaults to the application's (`desktop.clock`).
    """
    policy = load_policy()
    clock = clock or application_clock()
    try:
        store = open_store(url or default_url())
        with store() as session:
            empty = session.scalar(select(Account.id).limit(1)) is None
        if empty:
            from desktop.sources.demo import fill_demo_if_empty  # the generator loads only when it is needed

            fill_demo_if_empty(store, clock(), policy)
    except SQLAlchemyError as exc:
        raise StoreError(translate("store", "The store could not be opened: {reason}").format(reason=exc)) from exc
    return Context(store, policy, clock, language)


class TabController(QObject):
    """Base of the tab controllers.

    Signals:
        changed: the data behind the view was reloaded.
        failed(str): a reload failed; the message is fit to show to the user.
    """

    changed = Signal()
    failed = Signal(str)

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def refresh(self) -> None:
        """Reload from the store; report a store failure instead of raising into the event loop."""
        try:
            with self.context.store() as session:
                self.load(session, self.context.clock())
        except (StoreError, ValueError) as exc:
            self.failed.emit(said(exc))
            return
        except SQLAlchemyError as exc:
            self.failed.emit(translate("store", "The store could not be read: {reason}").format(reason=exc.orig or exc))
            return
        self.changed.emit()

    def load(self, session: Session, now: datetime) -> None:
        raise NotImplementedError
