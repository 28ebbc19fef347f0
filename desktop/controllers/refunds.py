"""The Refunds tab: refund requests, their state and when the money should arrive."""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from desktop.charts.data import RefundBar, state_name
from desktop.charts.from_store import refund_bars
from desktop.controllers.base import Column, Context, TabController, TableData
from desktop.controllers.i18n import QT_TRANSLATE_NOOP
from desktop.controllers.refund_request import destination_text
from desktop.domain.kinds import IN_FLIGHT, RefundState
from desktop.domain.refunds import RefundQuote
from desktop.services import refunds
from desktop.services.changes import Kind
from desktop.store import queries

COLUMNS = (
    Column(QT_TRANSLATE_NOOP("columns", "Order")),
    Column(QT_TRANSLATE_NOOP("columns", "Requested")),
    Column(QT_TRANSLATE_NOOP("columns", "State")),
    Column(
        QT_TRANSLATE_NOOP("columns", "Refundable"),
        QT_TRANSLATE_NOOP("columns", "Cash and prepaid card paid − value already consumed, never below zero (R1, R7)."),
    ),
    Column(QT_TRANSLATE_NOOP("columns", "Currency")),
    Column(
        QT_TRANSLATE_NOOP("columns", "Destination"),
        QT_TRANSLATE_NOOP(
            "columns", "Where the cash part goes: the original payment method within its days, else the balance (R9)."
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

    KINDS = frozenset({Kind.REFUNDS})

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(context, parent)
        self.table = TableData()
        self.keys: tuple[tuple[int, int, str], ...] = ()  # (id, version, state) of each row
        self.quotes: dict[int, RefundQuote] = {}  # the quote each request was made on, where it was kept
        self.chart: list[RefundBar] = []

    def load(self, session: Session, now: datetime) -> None:
        account = queries.current_account(session)
        requests = queries.refund_requests(session, account.id)
        self.keys = tuple((request.id, request.version, request.state) for request in requests)
        self.quotes = {
            request.id: RefundQuote.from_json(json.loads(request.quote)) for request in requests if request.quote
        }
        self.chart = refund_bars(session, now)
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

    def stored_quote(self, row: int) -> RefundQuote | None:
        """The quote the request of `row` was made on (requests stored before quotes were kept have none)."""
        return self.quotes.get(self.keys[row][0])

    def can_mark_credited(self, row: int) -> bool:
        return 0 <= row < len(self.keys) and self.keys[row][2] in IN_FLIGHT

    def mark_credited(self, row: int) -> None:
        """The money arrived: record it, unless someone else changed the request meanwhile."""
        self.set_state(row, RefundState.CREDITED)

    def set_state(self, row: int, state: RefundState) -> None:
        """Move the request of `row` on (processing, credited, rejected, cancelled); failures come as `failed`."""
        request_id, version, _state = self.keys[row]
        store, now = self.context.store, self.context.clock()
        self.context.operations.run(
            lambda _control: refunds.set_refund_state(store, request_id, state, now, seen_version=version),
            on_failure=self.failed.emit,
        )
