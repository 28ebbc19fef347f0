"""This application's own import layouts: orders, licenses, resource plans and raw usage.

The columns are documented in the README ("Import formats"); they are named as the BSS OpenAPI
names them where it has a name. Times without an offset are in the account's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from desktop.domain.kinds import ItemKind, LicenseStatus, OrderType, PaymentMethod, PaymentStatus
from desktop.domain.refunds import Gift, PaymentPartsError, Promotion, check_payment_parts
from desktop.domain.units import UnitError, share_left
from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.sources import values
from desktop.sources.errors import CellError
from desktop.sources.vocabulary import canonical


@dataclass(frozen=True)
class Layout:
    """A file layout: the columns it must have, and how a record becomes a row of the store."""

    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    def columns(self, header: list[str]) -> dict[str, int]:
        names = [cell.strip().lstrip("\ufeff") for cell in header]
        return {name: names.index(name) for name in (*self.required, *self.optional) if name in names}

    def missing(self, columns: dict[str, int]) -> list[str]:
        return [name for name in self.required if name not in columns]


ORDERS = Layout(
    "orders",
    required=(
        "OrderId", "OrderType", "PaymentStatus", "CreateTime", "Currency", "PretaxGrossAmount", "PretaxAmount",
        "PaymentAmount", "PaymentMethod", "ItemKind",
    ),
    optional=(
        "RelatedOrderId", "PaymentTime", "ProductCode", "ProductType", "SubscriptionType", "DeductedByCashCoupons",
        "DeductedByCoupons", "DeductedByPrepaidCard", "PaymentMethodValid", "InstanceId", "PromotionTerms", "Gifts",
    ),
)  # fmt: skip
LICENSES = Layout(
    "licenses",
    required=("InstanceId", "SdkType", "LicenseType", "Status"),
    optional=("Application", "ActivatedAt", "ExpiresAt", "OrderId"),
)
RESOURCE_PLANS = Layout(
    "resource-plans",
    required=(
        "InstanceId", "PackageType", "Status", "EffectiveTime", "ExpiryTime", "TotalAmount", "TotalAmountUnit",
        "RemainingAmount",
    ),
    optional=("Region", "RemainingAmountUnit", "OrderId", "LicenseInstanceId"),
)  # fmt: skip
USAGE = Layout(
    "usage",
    required=("StartTime", "EndTime", "InstanceID", "BillingItem", "Usage", "UsageUnit"),
    optional=("Region",),
)
LAYOUTS = (ORDERS, LICENSES, RESOURCE_PLANS, USAGE)


def _choice(kind: type[Any], text: str, column: str) -> str:
    try:
        return str(kind(text.strip()).value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise CellError(
            QT_TRANSLATE_NOOP("import", "column {column}: {text} is not one of {allowed}").format(
                column=repr(column), text=repr(text.strip()), allowed=allowed
            )
        ) from None


class Record:
    """One record of an own-layout file, read by column name."""

    def __init__(self, columns: dict[str, int], cells: list[str]) -> None:
        self._columns = columns
        self._cells = cells

    def __getitem__(self, name: str) -> str:
        index = self._columns.get(name)
        if index is None:
            return ""
        if index >= len(self._cells):
            raise CellError(
                QT_TRANSLATE_NOOP("import", "the line has {cells} cells; column {column} is missing").format(
                    cells=len(self._cells), column=repr(name)
                )
            )
        return self._cells[index]


def order_row(record: Record, zone: tzinfo) -> dict[str, Any]:
    """An order with its payment breakdown; gifts and promotion are checked here, stored by the caller."""
    promotion = _promotion(record["PromotionTerms"])
    gifts = _gifts(record["Gifts"])
    valid = record["PaymentMethodValid"]
    order_id = values.required_text(record["OrderId"], "OrderId")
    payable = values.amount(record["PretaxAmount"], "PretaxAmount")
    cash = values.amount(record["PaymentAmount"], "PaymentAmount")
    vouchers = values.amount_or_zero(record["DeductedByCashCoupons"], "DeductedByCashCoupons")
    prepaid = values.amount_or_zero(record["DeductedByPrepaidCard"], "DeductedByPrepaidCard")
    try:
        check_payment_parts(order_id, payable, cash, vouchers, prepaid)  # its refund could not be quoted
    except PaymentPartsError as exc:
        raise CellError(exc.wording) from None
    return {
        "order_id": order_id,
        "related_order_id": values.text_or_none(record["RelatedOrderId"]),
        "order_type": _choice(OrderType, record["OrderType"], "OrderType"),
        "payment_status": _choice(PaymentStatus, record["PaymentStatus"], "PaymentStatus"),
        "created_at": values.required_moment(record["CreateTime"], "CreateTime", zone),
        "paid_at": values.moment(record["PaymentTime"], "PaymentTime", zone),
        "product_code": values.text_or_none(record["ProductCode"]) or "live",
        "product_type": values.text_or_none(record["ProductType"]),
        "subscription_type": values.text_or_none(record["SubscriptionType"]) or "Subscription",
        "currency": values.required_text(record["Currency"], "Currency"),
        "pretax_gross": values.amount(record["PretaxGrossAmount"], "PretaxGrossAmount"),
        "pretax_amount": payable,
        "cash": cash,
        "vouchers": vouchers,
        "coupons": values.amount_or_zero(record["DeductedByCoupons"], "DeductedByCoupons"),
        "prepaid_card": prepaid,
        "payment_method": _choice(PaymentMethod, record["PaymentMethod"], "PaymentMethod"),
        "payment_method_valid": values.flag(valid, "PaymentMethodValid") if valid.strip() else True,
        "item_kind": _choice(ItemKind, record["ItemKind"], "ItemKind"),
        "instance_id": values.text_or_none(record["InstanceId"]),
        "promotion_terms": promotion.terms.value if promotion else None,
        "promotion_until": promotion.full_refund_until if promotion else None,
        "gifts": gifts,
    }


def _promotion(text: str) -> Promotion | None:
    try:
        return Promotion.parse(text)
    except ValueError:
        raise CellError(
            QT_TRANSLATE_NOOP(
                "import", "column 'PromotionTerms': {text} is not standard, no-refund or full-refund-until:YYYY-MM-DD"
            ).format(text=repr(text.strip()))
        ) from None


def _gifts(text: str) -> tuple[Gift, ...]:
    try:
        return tuple(Gift.parse(part) for part in text.split(";") if part.strip())
    except ValueError as exc:
        raise CellError(
            QT_TRANSLATE_NOOP(
                "import", "column 'Gifts': {problem} (expected voucher:AMOUNT or extension:Nd, ;-separated)"
            ).format(problem=exc)
        ) from None


def license_row(record: Record, zone: tzinfo) -> dict[str, Any]:
    return {
        "instance_id": values.required_text(record["InstanceId"], "InstanceId"),
        "application": values.text_or_none(record["Application"]),
        "sdk_type": values.required_text(record["SdkType"], "SdkType"),
        "license_type": values.required_text(record["LicenseType"], "LicenseType"),
        "status": _choice(LicenseStatus, record["Status"], "Status"),
        "activated_at": values.moment(record["ActivatedAt"], "ActivatedAt", zone),
        "expires_at": values.moment(record["ExpiresAt"], "ExpiresAt", zone),
        "order_id": values.text_or_none(record["OrderId"]),
    }


def plan_row(record: Record, zone: tzinfo) -> dict[str, Any]:
    total = values.amount(record["TotalAmount"], "TotalAmount")
    remaining = values.amount(record["RemainingAmount"], "RemainingAmount")
    unit = values.required_text(record["TotalAmountUnit"], "TotalAmountUnit")
    remaining_unit = values.text_or_none(record["RemainingAmountUnit"]) or unit
    try:
        share_left(total, unit, remaining, remaining_unit)  # a 1 TB plan may have 512 GB left; TB and hours never
    except UnitError as exc:
        raise CellError(exc.wording) from None
    return {
        "instance_id": values.required_text(record["InstanceId"], "InstanceId"),
        "package_type": values.required_text(record["PackageType"], "PackageType"),
        "region": canonical(record["Region"]),
        "status": values.required_text(record["Status"], "Status"),
        "effective_at": values.required_moment(record["EffectiveTime"], "EffectiveTime", zone),
        "expires_at": values.required_moment(record["ExpiryTime"], "ExpiryTime", zone),
        "total": total,
        "total_unit": unit,
        "remaining": remaining,
        "remaining_unit": remaining_unit,
        "order_id": values.text_or_none(record["OrderId"]),
        "license_instance_id": values.text_or_none(record["LicenseInstanceId"]),
    }


def usage_row(record: Record, zone: tzinfo) -> dict[str, Any]:
    start = values.required_moment(record["StartTime"], "StartTime", zone)
    end = values.required_moment(record["EndTime"], "EndTime", zone)
    if end <= start:
        raise CellError(QT_TRANSLATE_NOOP("import", "EndTime must be after StartTime"))
    return {
        "start": start,
        "end": end,
        "instance_id": values.required_text(record["InstanceID"], "InstanceID"),
        "region": canonical(record["Region"]) or "",
        "billing_item": canonical(values.required_text(record["BillingItem"], "BillingItem")),
        "usage": values.amount(record["Usage"], "Usage"),
        "unit": canonical(values.required_text(record["UsageUnit"], "UsageUnit")),
    }
