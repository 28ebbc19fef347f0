"""The Refunds tab: refund requests, their state and when the money should arrive."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from desktop.controllers.base import Column, Context, TabController, TableData
from desktop.store import queries

COLUMNS = (
    Column("Order"),
    Column("Requested"),
    Column("State"),
    Column("Refundable", "Cash paid − value already consumed, never below zero (R1, R7)."),
    Column("Currency"),
    Column("Destination", "The original payment method, or the account balance if it is no longer valid (R9)."),
    Column("Arrives from", "2nd business day after the unsubscription (R8)."),
    Column("Arrives by", "3rd business day after the unsubscription (R8)."),
    Column("Credited"),
)


class RefundsController(TabController):
    """Refund requests, newest first."""

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(context, parent)
        self.table = TableData()

    def load(self, session: Session, now: datetime) -> None:
        account = queries.current_account(session)
        self.table = TableData(
            columns=COLUMNS,
            rows=tuple(
                (
                    request.order_id,
                    request.created_at,
                    request.state,
                    request.refundable,
                    request.currency,
                    request.destination,
                    request.arrival_earliest,
                    request.arrival_latest,
                    request.credited_at,
                )
                for request in queries.refund_requests(session, account.id)
            ),
        )
