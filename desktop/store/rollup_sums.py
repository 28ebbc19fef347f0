"""The rollups' sums taken from lines still in memory, without SQLAlchemy.

A first import holds every line of its days, so the sums of the lines it read are those days'
rollups: adding them up while the lines are read (in the process that reads them, see
`desktop.sources.read_ahead`) spares reading a million lines back from the store.
`desktop.store.rollups` writes them, and keeps rebuilding from the store in every other case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
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
"""(usage day, every dimension's value or '') -> [lines, each amount in integer millionths]."""


def add_lines(total: FineSums, fields: Mapping[str, Sequence[Any]]) -> None:
    """Add a batch's lines (fields column by column, money in millionths) to the sums by day and all dimensions.

    A batch makes a few groups; each dimension's sums are taken from the file's groups at the end
    (`by_dimension`), as the SQL rebuild does.
    """
    keys = zip(fields["usage_day"], *(fields[name] for name in DIMENSION_FIELDS.values()), strict=True)
    rows_of: dict[tuple[Any, ...], list[int]] = {}
    for row, key in enumerate(keys):
        rows_of.setdefault(key, []).append(row)
    amounts = [fields[name] for name in LINE_AMOUNT_FIELDS]
    for (day, *values), rows in rows_of.items():
        part = [len(rows), *(sum(map(column.__getitem__, rows)) for column in amounts)]
        kept = total.setdefault((day, *(value or "" for value in values)), [0] * len(part))  # no value and '' are one
        kept[:] = map(sum, zip(kept, part, strict=True))


def by_dimension(sums: FineSums) -> dict[str, list[Any]]:
    """The rollup rows of the fine sums, column by column: dimension, day, key, lines, then each amount."""
    fine_keys = list(sums)
    fine_columns = list(zip(*sums.values(), strict=True))  # lines, then each amount
    columns: dict[str, list[Any]] = {"dimension": [], "day": [], "key": []}
    totals: list[list[int]] = [[] for _ in fine_columns]
    for position, dimension in enumerate(DIMENSION_FIELDS, start=1):
        rows_of: dict[tuple[date, str], list[int]] = {}
        for row, key in enumerate(fine_keys):
            rows_of.setdefault((key[0], key[position]), []).append(row)
        columns["dimension"] += [dimension.value] * len(rows_of)
        columns["day"] += [day for day, _ in rows_of]
        columns["key"] += [value for _, value in rows_of]
        for total, values in zip(totals, fine_columns, strict=True):
            total += [sum(map(values.__getitem__, rows)) for rows in rows_of.values()]
    return {**columns, **dict(zip(("lines", *LINE_AMOUNT_FIELDS), totals, strict=True))}
