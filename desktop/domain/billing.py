"""Billing inquiries (DOMAIN §3): the statistical dimensions and the amounts of a bill."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum

from desktop.domain.periods import Period
from desktop.domain.policy import Policy


class Dimension(StrEnum):
    """What spend is grouped by, named as the `billing --by` option spells it."""

    PRODUCT = "product"
    PRODUCT_DETAIL = "product-detail"
    BILLING_ITEM = "billing-item"
    INSTANCE = "instance"
    REGION = "region"
    BILLING_METHOD = "billing-method"
    BILL_TYPE = "bill-type"


def line_key(bill_number: str, instance_id: str | None, billing_item: str | None, usage_start: datetime | None) -> str:
    """The identity of a bill line across exports and syncs: a newer export of the same line updates it."""
    start = usage_start.astimezone(UTC).strftime("%Y%m%dT%H%M%S") if usage_start else ""
    return "|".join((bill_number, instance_id or "", billing_item or "", start))


@dataclass(frozen=True)
class BillAmounts:
    """The deduction breakdown of one or many bill lines.

    gross − discount − coupons (− round-down) = payable; payable = cash + vouchers + prepaid card
    + outstanding.
    """

    gross: Decimal
    discount: Decimal
    coupons: Decimal
    payable: Decimal
    cash: Decimal
    vouchers: Decimal
    prepaid_card: Decimal
    outstanding: Decimal

    def to_json(self) -> dict[str, str]:
        return {field.name: str(getattr(self, field.name)) for field in fields(self)}


AMOUNT_NAMES: tuple[str, ...] = tuple(field.name for field in fields(BillAmounts))


@dataclass(frozen=True)
class BillingRow:
    """Spend of one group: the dimension's value and its amounts."""

    key: str
    amounts: BillAmounts

    def to_json(self) -> dict[str, str]:
        return {"key": self.key, **self.amounts.to_json()}


@dataclass(frozen=True)
class BillingReport:
    """Spend by one dimension over one period, as the Billing details tab and `billing --json` show it."""

    dimension: Dimension
    period: Period
    provisional: bool
    rows: tuple[BillingRow, ...]
    totals: BillAmounts

    def to_json(self) -> dict[str, object]:
        return {
            "dimension": self.dimension.value,
            "period": self.period.label(),
            "provisional": self.provisional,
            "rows": [row.to_json() for row in self.rows],
            "totals": self.totals.to_json(),
        }


def is_provisional(period: Period, now: datetime, policy: Policy) -> bool:
    """DOMAIN §3: a cycle's figures are final only from 12:00 UTC+8 on the 3rd of the next month.

    A period is provisional while the month of its last day is.
    """
    return now < policy.bill_final_at(period.last.year, period.last.month)
