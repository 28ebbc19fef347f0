"""The Orders tab: every purchase and how it was paid."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from desktop.controllers.base import Column, Context, TabController, TableData
from desktop.store import queries

COLUMNS = (
    Column("Order"),
    Column("Related order", "For a refund: the order it refunded."),
    Column("Created"),
    Column("Type"),
    Column("Status"),
    Column("Item"),
    Column("Instance"),
    Column("Gross", "Pretax gross amount, at list price."),
    Column("Payable", "Gross − coupons."),
    Column("Cash", "Paid from the balance, by card, PayPal or transfer: the only refundable part (R1)."),
    Column("Vouchers", "Paid with vouchers: never refunded (R1)."),
    Column("Coupons", "Coupon deduction: never refunded (R1)."),
    Column("Prepaid card", "Paid with prepaid cards: never refunded."),
    Column("Paid with"),
    Column("Promotion"),
)


class OrdersController(TabController):
    """Orders, newest first."""

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(context, parent)
        self.table = TableData()

    def load(self, session: Session, now: datetime) -> None:
        account = queries.current_account(session)
        self.table = TableData(
            columns=COLUMNS,
            rows=tuple(
                (
                    order.order_id,
                    order.related_order_id,
                    order.created_at,
                    order.order_type,
                    order.payment_status,
                    order.item_kind,
                    order.instance_id,
                    order.pretax_gross,
                    order.pretax_amount,
                    order.cash,
                    order.vouchers,
                    order.coupons,
                    order.prepaid_card,
                    order.payment_method,
                    order.promotion_terms or "",
                )
                for order in queries.orders(session, account.id)
            ),
        )

    def order_of(self, row: int) -> str:
        return str(self.table.rows[row][0])
