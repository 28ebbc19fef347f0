"""What every tab controller shares: the store, the policy, a clock and the refresh protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.clock import Clock, application_clock
from desktop.controllers.i18n import said, translate
from desktop.domain.policy import Policy, load_policy
from desktop.services.changes import Changes, Kind
from desktop.store import queries
from desktop.store.engine import default_url
from desktop.store.errors import StoreError, driver_reason
from desktop.store.session import open_store

if TYPE_CHECKING:
    from desktop.controllers.operations import Operations


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


def _operations() -> Operations:
    from desktop.controllers.operations import Operations  # it needs the job runner, which needs this module

    return Operations()


@dataclass(frozen=True)
class Context:
    """What a controller needs from the application, injected so tests can fake the clock.

    `operations` is the one write path of the window: a new window (another language) keeps it.
    """

    store: sessionmaker[Session]
    policy: Policy
    clock: Clock = field(default_factory=application_clock)
    language: str = "en"  # the window's language, for the texts that come from the policy file
    operations: Operations = field(default_factory=_operations, compare=False)

    def rule_text(self, rule_id: str) -> str:
        return self.policy.rule_text(rule_id, self.language)


def store_failure(exc: SQLAlchemyError) -> str:
    """What a user is told when background work could not use the store."""
    return translate("store", "The store could not be used: {reason}").format(reason=driver_reason(exc))


def open_context(url: str | None, language: str = "en", clock: Clock | None = None) -> Context:
    """The store at `url` (default: the user's), upgraded, with the demo account if it is empty.

    `clock` defaults to the application's (`desktop.clock`).
    """
    policy = load_policy()
    clock = clock or application_clock()
    try:
        store = open_store(url or default_url())
        with store() as session:
            empty = queries.followed_account(session) is None
        if empty:
            from desktop.services.data_in import make_demo

            make_demo(store, clock(), policy)
    except SQLAlchemyError as exc:
        raise StoreError(
            translate("store", "The store could not be opened: {reason}").format(reason=driver_reason(exc))
        ) from exc
    return Context(store, policy, clock, language)


class TabController(QObject):
    """Base of the tab controllers: a view of some kinds of data, reloaded when a change makes it stale.

    The view tells its controller whether it is on screen (`set_visible`): a controller in view
    reloads as soon as a change touches its `KINDS`; one out of view reloads when it is shown.

    Signals:
        changed: the data behind the view was reloaded.
        failed(str): a reload (or a change asked for) failed; the message is fit to show to the user.
    """

    changed = Signal()
    failed = Signal(str)

    KINDS: frozenset[Kind] = frozenset(Kind)

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.stale = True  # nothing loaded yet
        self.visible = False
        context.operations.executed.connect(self.store_changed)

    def days_shown(self) -> tuple[date, date] | None:
        """The first and last day the view shows, when it shows only some days (a change elsewhere leaves it fresh)."""
        return None

    def store_changed(self, changes: Changes) -> None:
        shown = self.days_shown()
        if changes.touches(self.KINDS, *(shown or (None, None))):
            self.stale = True
            if self.visible:
                self.refresh()

    def set_visible(self, visible: bool) -> None:
        """The view is (or is no longer) on screen: a stale one reloads now."""
        self.visible = visible
        if visible and self.stale:
            self.refresh()

    def refresh(self) -> None:
        """Reload from the store; report a store failure instead of raising into the event loop."""
        self.stale = False
        try:
            with self.context.store() as session:
                self.load(session, self.context.clock())
        except (StoreError, ValueError) as exc:
            self.failed.emit(said(exc))
            return
        except SQLAlchemyError as exc:
            self.failed.emit(
                translate("store", "The store could not be read: {reason}").format(reason=driver_reason(exc))
            )
            return
        self.changed.emit()

    def load(self, session: Session, now: datetime) -> None:
        raise NotImplementedError
