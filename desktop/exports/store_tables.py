"""The tables people export, read from the store: headers and rows ready for `write_csv`.

Orders and usage use this application's own import layouts, so an exported file imports back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain.billing import AMOUNT_NAMES, Dimension
from desktop.domain.periods import Period
from desktop.domain.policy import Policy
from desktop.store import queries
from desktop.store.queries import UsageFilter

Table = tuple[Sequence[str], Iterator[Sequence[Any]]]
NOT_FOR_RECONCILIATION = (
    "Raw usage is for reference only, not for reconciliation; the billing details are what is charged."
)
PAGE = 5_000


def billing_table(session: Session, dimension: Dimension, period: Period, now: datetime, policy: Policy) -> Table:
    report = queries.billing_report(session, dimension, period, now, policy)
    status = "provisional" if report.provisional else "final"
    headers = [dimension.value, *AMOUNT_NAMES, "period", "status"]
    rows = [
        [row.key, *(getattr(row.amounts, name) for name in AMOUNT_NAMES), period.label(), status] for row in report.rows
    ]
    rows.append(["Total", *(getattr(report.totals, name) for name in AMOUNT_NAMES), period.label(), status])
    return headers, iter(rows)


USAGE_HEADERS = ("StartTime", "EndTime", "InstanceID", "Region", "BillingItem", "Usage", "UsageUnit", "Note")


def usage_table(session: Session, where: UsageFilter) -> Table:
    """Usage samples in time order, read a page at a time; the first row carries the reconciliation note."""
    account = queries.current_account(session)

    def rows() -> Iterator[Sequence[Any]]:
        after: tuple[datetime, int] | None = None
        note = NOT_FOR_RECONCILIATION
        while page := queries.usage_page(session, account.id, after, PAGE, where):
            for record in page:
                yield (record.start, record.end, record.instance_id, record.region, record.billing_item,
                       record.usage, record.unit, note)  # fmt: skip
                note = ""
            after = (page[-1].start, page[-1].id)
            session.expunge_all()  # flat memory however many samples there are

    return USAGE_HEADERS, rows()


ORDER_HEADERS = (
    "OrderId", "RelatedOrderId", "OrderType", "PaymentStatus", "CreateTime", "PaymentTime", "ProductCode",
    "ProductType", "SubscriptionType", "Currency", "PretaxGrossAmount", "PretaxAmount", "PaymentAmount",
    "DeductedByCashCoupons", "DeductedByCoupons", "DeductedByPrepaidCard", "PaymentMethod", "PaymentMethodValid",
    "ItemKind", "InstanceId", "PromotionTerms", "Gifts",
)  # fmt: skip


def orders_table(session: Session) -> Table:
    account = queries.current_account(session)
    rows = []
    for order in queries.orders(session, account.id):
        terms = order.promotion_terms or ""
        if order.promotion_until is not None:
            terms = f"{terms}:{order.promotion_until.isoformat()}"
        gifts = ";".join(
            f"voucher:{gift.amount}" if gift.kind == "voucher" else f"extension:{gift.days}d" for gift in order.gifts
        )
        rows.append(
            (
                order.order_id,
                order.related_order_id,
                order.order_type,
                order.payment_status,
                order.created_at,
                order.paid_at,
                order.product_code,
                order.product_type,
                order.subscription_type,
                order.currency,
                order.pretax_gross,
                order.pretax_amount,
                order.cash,
                order.vouchers,
                order.coupons,
                order.prepaid_card,
                order.payment_method,
                "true" if order.payment_method_valid else "false",
                order.item_kind,
                order.instance_id,
                terms,
                gifts,
            )
        )
    return ORDER_HEADERS, iter(rows)


REFUND_HEADERS = (
    "OrderId", "State", "RequestedAt", "SubmittedAt", "Refundable", "Currency", "Destination", "ArrivalEarliest",
    "ArrivalLatest", "CreditedAt",
)  # fmt: skip


def refunds_table(session: Session) -> Table:
    account = queries.current_account(session)
    rows = [
        (
            r.order_id,
            r.state,
            r.created_at,
            r.submitted_at,
            r.refundable,
            r.currency,
            r.destination,
            r.arrival_earliest,
            r.arrival_latest,
            r.credited_at,
        )
        for r in queries.refund_requests(session, account.id)
    ]
    return REFUND_HEADERS, iter(rows)
