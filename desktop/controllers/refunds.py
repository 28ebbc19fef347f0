"""The Refunds tab: refund requests, their state and when the money should arrive."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from desktop.charts.data import RefundBar, state_name
from desktop.charts.from_store import refund_bars
from desktop.controllers.base import Column, Context, TabController, TableData, changed_elsewhere, write_failure
from desktop.controllers.i18n import said
from desktop.controllers.refund_request import destination_text
from desktop.domain.kinds import IN_FLIGHT
from desktop.store import queries
from desktop.store.engine import ChangedElsewhereError
from desktop.store.errors import StoreError
from desktop.store.refunds import mark_credited

COLUMNS = (
    Column(QT_TRANSLATE_NOOP("columns", "Order")),
    Column(QT_TRANSLATE_NOOP("columns", "Requested")),
    Column(QT_TRANSLATE_NOOP("columns", "State")),
    Column(
        QT_TRANSLATE_NOOP("columns", "Refundable"),
        QT_TRANSLATE_NOOP("columns", "Cash paid − value already consumed, never below zero (R1, R7)."),
    ),
    Column(QT_TRANSLATE_NOOP("columns", "Currency")),
    Column(
        QT_TRANSLATE_NOOP("columns", "Destination"),
        QT_TRANSLATE_NOOP(
            "columns", "The original payment method, or the account balance if it is no longer valid (R9)."
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("columns", "Arrives from"),
        QT_TRANSLATE_NOOP("columns", "2nd business day after the unsubscription (R8)."),
    ),
    Column(
        QT_TRANSLATE_NOOP("columns", "Arrives by"),
        QT_TRANSLATE_NOOP("columns", "3rd business day after the unsubscription (R8)."),
    ),
    Column(QT_TRANSLATE_NOOP("columns", "Credited")),
)


class RefundsController(TabController):
    """Refund requests, newest first."""

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(context, parent)
        self.table = TableData()
        self.keys: tuple[tuple[int, int, str], ...] = ()  # (id, version, state) of each row
        self.chart: list[RefundBar] = []

    def load(self, session: Session, now: datetime) -> None:
        account = queries.current_account(session)
        requests = queries.refund_requests(session, account.id)
        self.keys = tuple((request.id, request.version, request.state) for request in requests)
        self.chart = refund_bars(session)
        self.table = TableData(
            columns=COLUMNS,
            rows=tuple(
                (
                    request.order_id,
                    request.created_at,
                    state_name(request.state),
                    request.refundable,
                    request.currency,
                    destination_text(request.destination),
                    request.arrival_earliest,
                    request.arrival_latest,
                    request.credited_at,
                )
                for request in requests
            ),
        )

    def order_of(self, row: int) -> str:
        return str(self.table.rows[row][0])

    def can_mark_credited(self, row: int) -> bool:
        return 0 <= row < len(self.keys) and self.keys[row][2] in IN_FLIGHT

    def mark_credited(self, row: int) -> None:
        """The money arrived: record it, unless someone else changed the request meanwhile."""
        request_id, version, _state = self.keys[row]
        try:
            with self.context.store.begin() as session:
                mark_credited(session, request_id, version, self.context.clock())
        except ChangedElsewhereError:
            self.failed.emit(changed_elsewhere())
        except StoreError as exc:
            self.failed.emit(said(exc))
        except SQLAlchemyError as exc:
            self.failed.emit(write_failure(exc))
        self.refresh()
