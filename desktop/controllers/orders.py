"""The Orders tab: every purchase and how it was paid."""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.controllers.base import Column, Context, TabController, TableData
from desktop.controllers.i18n import QT_TRANSLATE_NOOP, translate
from desktop.controllers.locale_text import amount_text, date_text
from desktop.domain.kinds import IN_FLIGHT, OrderType, PaymentStatus, PromotionTerms, RefundState
from desktop.services.changes import Kind
from desktop.store import queries
from desktop.store.models import License, Order, ResourcePlan

COLUMNS = (
    Column(QT_TRANSLATE_NOOP("columns", "Order")),
    Column(
        QT_TRANSLATE_NOOP("columns", "Related order"),
        QT_TRANSLATE_NOOP("columns", "For a refund: the order it refunded."),
    ),
    Column(QT_TRANSLATE_NOOP("columns", "Created")),
    Column(QT_TRANSLATE_NOOP("columns", "Type")),
    Column(QT_TRANSLATE_NOOP("columns", "Status")),
    Column(QT_TRANSLATE_NOOP("columns", "Item")),
    Column(QT_TRANSLATE_NOOP("columns", "Instance")),
    Column(QT_TRANSLATE_NOOP("columns", "Gross"), QT_TRANSLATE_NOOP("columns", "Pretax gross amount, at list price.")),
    Column(QT_TRANSLATE_NOOP("columns", "Payable"), QT_TRANSLATE_NOOP("columns", "Gross − coupons.")),
    Column(
        QT_TRANSLATE_NOOP("columns", "Cash"),
        QT_TRANSLATE_NOOP(
            "columns", "Paid from the balance, by card, PayPal or transfer: the only refundable part (R1)."
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("columns", "Vouchers"),
        QT_TRANSLATE_NOOP("columns", "Paid with vouchers: never refunded (R1)."),
    ),
    Column(
        QT_TRANSLATE_NOOP("columns", "Coupons"), QT_TRANSLATE_NOOP("columns", "Coupon deduction: never refunded (R1).")
    ),
    Column(
        QT_TRANSLATE_NOOP("columns", "Prepaid card"),
        QT_TRANSLATE_NOOP("columns", "Paid with prepaid cards: never refunded."),
    ),
    Column(QT_TRANSLATE_NOOP("columns", "Paid with")),
    Column(QT_TRANSLATE_NOOP("columns", "Promotion")),
)


class OrdersController(TabController):
    """Orders, newest first."""

    KINDS = frozenset({Kind.ORDERS, Kind.LICENSES, Kind.PLANS, Kind.REFUNDS})

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(context, parent)
        self.table = TableData()
        self.details: dict[str, list[tuple[str, Any]]] = {}
        self.blockers: dict[str, str] = {}  # why an order cannot be asked for a refund (R12), by order id

    def load(self, session: Session, now: datetime) -> None:
        account = queries.current_account(session)
        orders = queries.orders(session, account.id)
        licenses = {
            item.instance_id: item for item in session.scalars(select(License).where(License.account_id == account.id))
        }
        plans = {plan.instance_id: plan for plan in queries.resource_plans(session, account.id)}
        zone = self.context.policy.zone
        self.details = {order.order_id: _details(order, licenses, plans, zone) for order in orders}
        refunded = {order.related_order_id for order in orders if _refunds_it(order)}
        requested = {  # at most one per order is on its way or credited (a unique index of the store's)
            request.order_id: request.state
            for request in queries.refund_requests(session, account.id)
            if request.state in (*IN_FLIGHT, RefundState.CREDITED)
        }
        self.blockers = {
            order.order_id: reason
            for order in orders
            if (reason := _refund_blocker(order, refunded, requested)) is not None
        }
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

    def refund_blocker(self, row: int) -> str | None:
        """Why the order of `row` cannot be asked for a refund; None when it can (a paid order, R12)."""
        return self.blockers.get(self.order_of(row))


def _refunds_it(order: Order) -> bool:
    return order.order_type == OrderType.REFUND and order.payment_status == PaymentStatus.PAID


def _refund_blocker(order: Order, refunded: set[str | None], requested: dict[str, str]) -> str | None:
    """R12 in words, before any quote: only a paid order, not a refund itself, not refunded or asked for yet."""
    if order.order_type == OrderType.REFUND:
        return translate("orders", "A refund order cannot itself be refunded.")
    if order.payment_status != PaymentStatus.PAID:
        return translate("orders", "Only a paid order can be refunded; this one is {status} (R12).").format(
            status=order.payment_status
        )
    if order.order_id in refunded:
        return translate("orders", "This order was already refunded (R12).")
    state = requested.get(order.order_id)
    if state is not None:
        return translate(
            "orders", "A refund of this order was already asked for ({state}): see the Refunds tab."
        ).format(state=state)
    return None


PROMOTION_TERMS = {
    PromotionTerms.STANDARD: QT_TRANSLATE_NOOP("orders", "the standard refund rules apply"),
    PromotionTerms.NO_REFUND: QT_TRANSLATE_NOOP("orders", "no refund (the event's terms, R2)"),
    PromotionTerms.FULL_REFUND_UNTIL: QT_TRANSLATE_NOOP("orders", "a full refund until {day} (the event's terms, R2)"),
}
"""A promotional event's refund terms in words; `{day}` is the last day of a full refund."""


def _details(
    order: Order, licenses: dict[str, License], plans: dict[str, ResourcePlan], zone: tzinfo
) -> list[tuple[str, Any]]:
    """The purchase and payment breakdown of one order, with what it bought and its promotion (days in `zone`)."""
    currency = order.currency
    method = order.payment_method
    if not order.payment_method_valid:
        method += " " + translate("orders", "(no longer valid: refunds go to the balance)")

    def money(amount: Decimal) -> str:
        return f"{currency} {amount_text(amount)}"

    lines: list[tuple[str, Any]] = [
        (translate("orders", "Order"), f"{order.order_id} · {order.order_type} · {order.payment_status}"),
        (translate("orders", "Created"), order.created_at),
        (translate("orders", "Paid"), order.paid_at),
        (translate("orders", "Bought"), f"{order.item_kind} {order.instance_id or ''}".strip()),
        (translate("orders", "Gross (list price)"), money(order.pretax_gross)),
        (translate("orders", "Coupons"), money(order.coupons)),
        (translate("orders", "Payable"), money(order.pretax_amount)),
        (
            translate("orders", "Cash"),
            translate("orders", "{amount} by {method}").format(amount=money(order.cash), method=method),
        ),
        (translate("orders", "Vouchers"), money(order.vouchers)),
        (translate("orders", "Prepaid card"), money(order.prepaid_card)),
    ]
    if order.related_order_id:
        lines.append((translate("orders", "Refund of order"), order.related_order_id))
    bought = licenses.get(order.instance_id or "")
    if bought is not None:
        state = f"{bought.sdk_type} {bought.license_type}: {bought.status}"
        if bought.activated_at:
            activated = date_text(bought.activated_at.astimezone(zone).date())
            state += translate("orders", ", activated {day}").format(day=activated)
        lines.append((translate("orders", "License"), state))
    plan = plans.get(order.instance_id or "")
    if plan is not None:
        tied = licenses.get(plan.license_instance_id or "")
        left = translate("orders", "{remaining} of {total} {unit}, until {day}").format(
            remaining=amount_text(plan.remaining),
            total=amount_text(plan.total),
            unit=plan.total_unit,
            day=date_text(plan.expires_at.astimezone(zone).date()),
        )
        lines.append((translate("orders", "Plan left"), left))
        if tied is not None:
            lines.append((translate("orders", "Tied to license"), f"{tied.instance_id}: {tied.status}"))
    if order.promotion_terms:
        terms = translate("orders", PROMOTION_TERMS[PromotionTerms(order.promotion_terms)])
        day = date_text(order.promotion_until) if order.promotion_until else "—"
        lines.append((translate("orders", "Promotion"), terms.format(day=day)))
    if order.gifts:
        gifts = ", ".join(
            translate("orders", "voucher {amount}").format(amount=money(gift.amount))
            if gift.amount is not None
            else translate("orders", "{days} extra days").format(days=gift.days)
            for gift in order.gifts
        )
        lines.append((translate("orders", "Gifts (void if refunded)"), gifts))
    return lines
