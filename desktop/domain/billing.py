"""Billing inquiries (DOMAIN §3): the statistical dimensions and the amounts of a bill."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
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
    """The deduction breakdown of one or many bill lines, as of a moment.

    gross − discount − coupons (− round-down) = payable; payable = cash + vouchers + prepaid card
    + settled later + outstanding. Cash is what was paid at deduction; what was owed then and paid
    since (by a recorded payment, or as a newer export shows) is settled later; outstanding is
    what is still owed.
    """

    gross: Decimal
    discount: Decimal
    coupons: Decimal
    payable: Decimal
    cash: Decimal
    vouchers: Decimal
    prepaid_card: Decimal
    settled_later: Decimal
    outstanding: Decimal

    @classmethod
    def billed(cls, *amounts: Decimal) -> BillAmounts:
        """The amounts as the lines hold them (gross to prepaid card, then outstanding): nothing settled later yet."""
        gross, discount, coupons, payable, cash, vouchers, prepaid_card, outstanding = amounts
        return cls(gross, discount, coupons, payable, cash, vouchers, prepaid_card, Decimal("0.00"), outstanding)

    def settled(self, owed: Decimal, held: Decimal, left: Decimal) -> BillAmounts:
        """These amounts with one bill line's settlement as of a moment (O4).

        ``owed`` is what the line owed at deduction, ``held`` the outstanding amount its latest
        export holds (zero once an export shows it paid, its cash then counting the settlement),
        ``left`` what it still owes as of the moment.
        """
        return replace(
            self,
            cash=self.cash - (owed - held),
            settled_later=self.settled_later + owed - left,
            outstanding=self.outstanding - held + left,
        )

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
