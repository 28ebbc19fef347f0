"""Per-day sums of the bill lines by each statistical dimension, rebuilt where lines changed."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date
from itertools import islice

from sqlalchemy import ColumnElement, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from desktop.domain.billing import Dimension
from desktop.store.models import BillLine, BillRollup

DIMENSION_COLUMNS: dict[Dimension, ColumnElement[str | None]] = {
    Dimension.PRODUCT: BillLine.product_name,
    Dimension.PRODUCT_DETAIL: BillLine.product_detail,
    Dimension.BILLING_ITEM: BillLine.billing_item,
    Dimension.INSTANCE: BillLine.instance_id,
    Dimension.REGION: BillLine.region,
    Dimension.BILLING_METHOD: BillLine.subscription_type,
    Dimension.BILL_TYPE: BillLine.bill_type,
}
LINE_AMOUNTS = (
    BillLine.pretax_gross,
    BillLine.invoice_discount,
    BillLine.coupon_deduction,
    BillLine.pretax_amount,
    BillLine.cash_payment,
    BillLine.voucher_deduction,
    BillLine.prepaid_card,
    BillLine.outstanding,
)
ROLLUP_AMOUNTS = (
    BillRollup.gross,
    BillRollup.discount,
    BillRollup.coupons,
    BillRollup.payable,
    BillRollup.cash,
    BillRollup.vouchers,
    BillRollup.prepaid_card,
    BillRollup.outstanding,
)
_CHUNK = 400  # days per statement: well under every backend's limit of bound parameters


def _chunks(days: list[date]) -> Iterator[list[date]]:
    iterator = iter(days)
    while chunk := list(islice(iterator, _CHUNK)):
        yield chunk


def rebuild_rollups(session: Session, account_id: int, days: Collection[date] | None = None) -> None:
    """Recompute the rollups of `days` (all days when None) from the bill lines, in SQL."""
    if days is None:
        session.execute(delete(BillRollup).where(BillRollup.account_id == account_id))
        _insert(session, account_id, None)
        return
    for chunk in _chunks(sorted(days)):
        session.execute(delete(BillRollup).where(BillRollup.account_id == account_id, BillRollup.day.in_(chunk)))
        _insert(session, account_id, chunk)


def _insert(session: Session, account_id: int, days: list[date] | None) -> None:
    columns = ["account_id", "dimension", "day", "key", "lines", *(column.key for column in ROLLUP_AMOUNTS)]
    for dimension, column in DIMENSION_COLUMNS.items():
        key = func.coalesce(column, "")
        summed = (
            select(
                BillLine.account_id,
                literal(dimension.value),
                BillLine.usage_day,
                key,
                func.count(),
                *(func.sum(amount) for amount in LINE_AMOUNTS),
            )
            .where(BillLine.account_id == account_id)
            .group_by(BillLine.account_id, BillLine.usage_day, key)
        )
        if days is not None:
            summed = summed.where(BillLine.usage_day.in_(days))
        session.execute(insert(BillRollup).from_select(columns, summed))
