"""The Orders tab: every purchase and how it was paid."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.controllers.base import Column, Context, TabController, TableData
from desktop.store import queries
from desktop.store.models import License, Order, ResourcePlan

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
        self.details: dict[str, list[tuple[str, Any]]] = {}

    def load(self, session: Session, now: datetime) -> None:
        account = queries.current_account(session)
        orders = queries.orders(session, account.id)
        licenses = {
            item.instance_id: item for item in session.scalars(select(License).where(License.account_id == account.id))
        }
        plans = {plan.instance_id: plan for plan in queries.resource_plans(session, account.id)}
        self.details = {order.order_id: _details(order, licenses, plans) for order in orders}
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
                for order in orders
            ),
        )

    def order_of(self, row: int) -> str:
        return str(self.table.rows[row][0])


def _details(order: Order, licenses: dict[str, License], plans: dict[str, ResourcePlan]) -> list[tuple[str, Any]]:
    """The purchase and payment breakdown of one order, with what it bought and its promotion."""
    currency = order.currency
    method = f"{order.payment_method}" + (
        "" if order.payment_method_valid else " (no longer valid: refunds go to the balance)"
    )
    lines: list[tuple[str, Any]] = [
        ("Order", f"{order.order_id} · {order.order_type} · {order.payment_status}"),
        ("Created", order.created_at),
        ("Paid", order.paid_at),
        ("Bought", f"{order.item_kind} {order.instance_id or ''}".strip()),
        ("Gross (list price)", f"{currency} {order.pretax_gross:,f}"),
        ("Coupons", f"{currency} {order.coupons:,f}"),
        ("Payable", f"{currency} {order.pretax_amount:,f}"),
        ("Cash", f"{currency} {order.cash:,f} by {method}"),
        ("Vouchers", f"{currency} {order.vouchers:,f}"),
        ("Prepaid card", f"{currency} {order.prepaid_card:,f}"),
    ]
    if order.related_order_id:
        lines.append(("Refund of order", order.related_order_id))
    bought = licenses.get(order.instance_id or "")
    if bought is not None:
        activated = f", activated {bought.activated_at:%Y-%m-%d}" if bought.activated_at else ""
        lines.append(("License", f"{bought.sdk_type} {bought.license_type}: {bought.status}{activated}"))
    plan = plans.get(order.instance_id or "")
    if plan is not None:
        tied = licenses.get(plan.license_instance_id or "")
        lines.append(
            ("Plan left", f"{plan.remaining:,f} of {plan.total:,f} {plan.total_unit}, until {plan.expires_at:%Y-%m-%d}")
        )
        if tied is not None:
            lines.append(("Tied to license", f"{tied.instance_id}: {tied.status}"))
    if order.promotion_terms:
        until = f" until {order.promotion_until}" if order.promotion_until else ""
        lines.append(("Promotion", f"{order.promotion_terms}{until}"))
    if order.gifts:
        lines.append(
            (
                "Gifts (void if refunded)",
                ", ".join(
                    f"voucher {currency} {gift.amount:,f}" if gift.amount is not None else f"{gift.days} extra days"
                    for gift in order.gifts
                ),
            )
        )
    return lines
