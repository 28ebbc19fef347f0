"""The rollups' sums taken from lines still in memory, without SQLAlchemy.

A first import holds every line of its days, so the sums of the lines it read are those days'
rollups: adding them up while the lines are read (in the process that reads them, see
`desktop.sources.read_ahead`) spares reading a million lines back from the store.
`desktop.store.rollups` writes them, and keeps rebuilding from the store in every other case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from desktop.domain.billing import Dimension

DIMENSION_FIELDS: dict[Dimension, str] = {
    Dimension.PRODUCT: "product_name",
    Dimension.PRODUCT_DETAIL: "product_detail",
    Dimension.BILLING_ITEM: "billing_item",
    Dimension.INSTANCE: "instance_id",
    Dimension.REGION: "region",
    Dimension.BILLING_METHOD: "subscription_type",
    Dimension.BILL_TYPE: "bill_type",
}
"""The bill line field each statistical dimension groups by."""

LINE_AMOUNT_FIELDS = (
    "pretax_gross",
    "invoice_discount",
    "coupon_deduction",
    "pretax_amount",
    "cash_payment",
    "voucher_deduction",
    "prepaid_card",
    "outstanding",
)
"""The bill line amounts a rollup sums, in the order of the rollup's own amounts."""

FineSums = dict[tuple[Any, ...], list[int]]
"""(usage day, every dimension's value, '' for none) -> [lines, each amount in integer millionths]."""


def fine_sums(fields: Mapping[str, Sequence[Any]]) -> FineSums:
    """The lines of a batch (fields column by column, money in millionths) summed by day and all dimensions."""
    keys = zip(fields["usage_day"], *(fields[name] for name in DIMENSION_FIELDS.values()), strict=True)
    rows_of: dict[tuple[Any, ...], list[int]] = {}
    for row, key in enumerate(keys):
        rows_of.setdefault(key, []).append(row)
    amounts = [fields[name] for name in LINE_AMOUNT_FIELDS]
    sums: FineSums = {}
    for key, rows in rows_of.items():
        day, *values = key
        part = [len(rows), *(sum(map(column.__getitem__, rows)) for column in amounts)]
        add_fine_sums(sums, {(day, *(value or "" for value in values)): part})  # no value and '' are one key
    return sums


def add_fine_sums(total: FineSums, part: FineSums) -> None:
    """Add a batch's sums into the sums of the file so far."""
    for key, sums in part.items():
        kept = total.get(key)
        if kept is None:
            total[key] = list(sums)
        else:
            kept[:] = map(sum, zip(kept, sums, strict=True))
