"""The API's items as the store's rows, in the shape of the console's exports of the same lines.

That shape is what lets a sync and an import tell that they hold the same line (bss_sync says how).
Amounts become `Decimal` at this boundary, from their string form (DOMAIN §5); a value that cannot
be read exactly is a SyncError, raised before anything is stored.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.domain.billing import line_key
from desktop.domain.kinds import ItemKind
from desktop.domain.overdue import deduction_time
from desktop.domain.periods import statistical_day
from desktop.domain.policy import require_aware
from desktop.domain.units import UnitError, share_left
from desktop.sources import values
from desktop.sources.billing_details import amounts_add_up
from desktop.sources.bss_client import SyncError
from desktop.sources.errors import CellError
from desktop.sources.vocabulary import canonical
from desktop.store.synced_lines import SYNTHETIC_PREFIX

PRODUCT_CODE = "live"
"""Only ApsaraVideo Live is synced: the bills, orders and plans of other products are not this app's."""
HISTORY_MONTHS = 18  # DescribeInstanceBill answers for the last 18 billing cycles
ZERO = Decimal("0.00")

# The API's words for what the console's English export spells otherwise (desktop.sources.vocabulary).
_API_WORDS = {"PayAsYouGo": "Pay-As-You-Go"}
_GROUPED = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# What an order bought, from its product type or code; the first hint found wins, else ItemKind.OTHER.
_KIND_HINTS: tuple[tuple[str, ItemKind], ...] = (
    ("queen", ItemKind.QUEEN_SDK_YEARLY),
    ("license", ItemKind.SDK_LICENSE),
    ("sdk", ItemKind.SDK_LICENSE),
    ("package", ItemKind.RESOURCE_PLAN),
    ("bag", ItemKind.RESOURCE_PLAN),
    ("plan", ItemKind.RESOURCE_PLAN),
)


# --- reading the API's values exactly ------------------------------------------------------------


def api_text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _word(value: Any) -> str | None:
    text = api_text(value)
    return canonical(_API_WORDS.get(text, text) if text else None)


def float_amount(value: Any, where: str) -> Decimal:
    """A bill amount the API sends as a JSON number, exactly as written: 0.1 is 0.1, never 0.1000000000000000055…

    Python's float repr is the shortest text that reads back to the same float, which is the text the
    API wrote for any amount of up to 15 significant digits; the store keeps 6 decimal places.
    """
    if value is None:
        return ZERO
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise SyncError(f"{where}: {value!r} is not an amount")
    try:
        exact = Decimal(str(value).strip())
    except InvalidOperation:
        raise SyncError(f"{where}: {value!r} is not an amount") from None
    if not exact.is_finite():
        raise SyncError(f"{where}: {value!r} is not a finite amount")
    if -exact.as_tuple().exponent > values.MAX_PLACES:  # type: ignore[operator]
        raise SyncError(f"{where}: {value!r} has more than {values.MAX_PLACES} decimal places")
    return exact


def string_amount(value: Any, where: str) -> Decimal | None:
    """A balance or order amount the API sends as text; `1,234.50` is read as 1234.50."""
    text = api_text(value)
    if text is None or text.upper() == "NULL":
        return None
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    try:
        return values.optional_amount(text, where)
    except CellError as exc:
        raise SyncError(str(exc)) from None


def required_amount(value: Any, where: str) -> Decimal:
    amount = string_amount(value, where)
    if amount is None:
        raise SyncError(f"{where}: the amount is missing")
    return amount


def _moment(value: Any, where: str, zone: tzinfo) -> datetime | None:
    try:
        return values.moment(api_text(value), where, zone)
    except CellError as exc:
        raise SyncError(str(exc)) from None


def _required_moment(value: Any, where: str, zone: tzinfo) -> datetime:
    moment = _moment(value, where, zone)
    if moment is None:
        raise SyncError(f"{where}: the time is missing")
    return moment


# --- what to fetch ---------------------------------------------------------------------------------


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def billing_days(since: str | None, now: datetime, zone: tzinfo) -> list[date]:
    """Every day from the first of `since` (YYYY-MM, default: this month) to today, in the account's zone."""
    today = require_aware(now, "now").astimezone(zone).date()
    current = _month_index(today.year, today.month)
    first = current
    if since is not None:
        match = re.fullmatch(r"(\d{4})-(\d{2})", since.strip())
        if not match or not 1 <= int(match[2]) <= 12:
            raise SyncError(f"--since: not a month (YYYY-MM): {since!r}")
        first = _month_index(int(match[1]), int(match[2]))
    if first > current:
        raise SyncError(f"--since {since} is after the current month {today:%Y-%m}")
    earliest = current - HISTORY_MONTHS + 1
    if first < earliest:
        raise SyncError(
            f"--since {since}: the BSS OpenAPI keeps {HISTORY_MONTHS} months of bills; "
            f"the earliest is {earliest // 12}-{earliest % 12 + 1:02d}"
        )
    day = date(first // 12, first % 12 + 1, 1)
    days = []
    while day <= today:
        days.append(day)
        day += timedelta(days=1)
    return days


# --- the store's rows -----------------------------------------------------------------------------


def day_start(day: date, zone: tzinfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def bill_row(item: Any, day: date, zone: tzinfo) -> dict[str, Any]:
    """A DescribeInstanceBill item (DAILY, by billable item) as the columns of a `BillLine`."""
    where = f"DescribeInstanceBill {day.isoformat()}"
    if item.billing_date and str(item.billing_date).strip() != day.isoformat():
        raise SyncError(f"{where}: a line of another day ({item.billing_date}) came back")
    start = day_start(day, zone)
    end = day_start(day + timedelta(days=1), zone)
    try:
        list_price = values.optional_amount(api_text(item.list_price), "ListPrice")
        usage = values.optional_amount(api_text(item.usage), "Usage")
        plans = api_text(item.deducted_by_resource_package)
        by_plans = values.amount_or_zero(None if plans == "NULL" else plans, "DeductedByResourcePackage")
    except CellError as exc:
        raise SyncError(f"{where}: {exc}") from None
    line: dict[str, Any] = {
        "billing_cycle": f"{day:%Y-%m}",
        "cost_center": canonical(api_text(item.cost_unit)),
        "account_uid": api_text(item.bill_account_id),
        "account_name": api_text(item.bill_account_name),
        "owner_account_name": None,
        "product_code": api_text(item.product_code),
        "product_name": canonical(api_text(item.product_name)),
        "product_detail_code": api_text(item.commodity_code),
        "product_detail": canonical(api_text(item.product_detail)),
        "subscription_type": _word(item.subscription_type),
        "payment_time": None,
        "usage_start": start,
        "usage_end": end,
        "service_duration": api_text(item.service_period),
        "bill_type": _word(item.item),
        "billing_type": _word(item.billing_type),
        "instance_id": api_text(item.instance_id),
        "instance_name": api_text(item.nick_name),
        "resource_group": canonical(api_text(item.resource_group)),
        "instance_tag": api_text(item.tag),
        "instance_config": api_text(item.instance_config),
        "instance_spec": api_text(item.instance_spec),
        "public_ip": api_text(item.internet_ip),
        "private_ip": api_text(item.intranet_ip),
        "region": canonical(api_text(item.region)),
        "zone": api_text(item.zone),
        "billing_item": canonical(api_text(item.billing_item)),
        "list_price": list_price,
        "list_price_unit": canonical(api_text(item.list_price_unit)),
        "usage": usage,
        "usage_unit": canonical(api_text(item.usage_unit)),
        "deducted_by_resource_plans": by_plans,
        "pretax_gross": float_amount(item.pretax_gross_amount, f"{where}: PretaxGrossAmount"),
        "invoice_discount": float_amount(item.invoice_discount, f"{where}: InvoiceDiscount"),
        "coupon_deduction": float_amount(item.deducted_by_coupons, f"{where}: DeductedByCoupons"),
        "round_down_discount": ZERO,  # the API has no round-down column
        "pretax_amount": float_amount(item.pretax_amount, f"{where}: PretaxAmount"),
        "cash_payment": float_amount(item.payment_amount, f"{where}: PaymentAmount"),
        "voucher_deduction": float_amount(item.deducted_by_cash_coupons, f"{where}: DeductedByCashCoupons"),
        "prepaid_card": float_amount(item.deducted_by_prepaid_card, f"{where}: DeductedByPrepaidCard"),
        "outstanding": float_amount(item.outstanding_amount, f"{where}: OutstandingAmount"),
        "deducted_at": deduction_time(None, end),
    }
    line["usage_day"] = statistical_day(start, line["deducted_at"], zone)
    line["amounts_consistent"] = amounts_add_up(line)
    identity = "|".join(
        str(line[name] or "")
        for name in ("bill_type", "subscription_type", "region", "product_code", "product_detail_code")
    )
    digest = hashlib.sha256(f"{identity}|{api_text(item.billing_item_code) or ''}".encode()).hexdigest()[:10]
    line["bill_number"] = f"{SYNTHETIC_PREFIX}{day:%Y%m%d}-{digest}"
    line["line_key"] = line_key(line["bill_number"], line["instance_id"], line["billing_item"], start)
    return line


def order_row(order: Any, zone: tzinfo) -> dict[str, Any]:
    """The columns of an `Order` that QueryOrders knows; the payment breakdown it does not."""
    order_id = api_text(order.order_id)
    if order_id is None:
        raise SyncError("QueryOrders: an order without an OrderId came back")
    where = f"QueryOrders order {order_id}"
    order_type = api_text(order.order_type)
    if order_type is None:
        raise SyncError(f"{where}: OrderType is missing")
    currency = api_text(order.currency)
    if currency is None:
        raise SyncError(f"{where}: Currency is missing")
    return {
        "order_id": order_id,
        "related_order_id": api_text(order.related_order_id),
        "order_type": order_type,
        # Refund orders come without a payment status (the API documents it as null).
        "payment_status": api_text(order.payment_status) or "",
        "created_at": _required_moment(order.create_time, f"{where}: CreateTime", zone),
        "paid_at": _moment(order.payment_time, f"{where}: PaymentTime", zone),
        "product_code": api_text(order.product_code) or PRODUCT_CODE,
        "product_type": api_text(order.product_type),
        "subscription_type": api_text(order.subscription_type) or "Subscription",
        "currency": currency,
        "pretax_gross": required_amount(order.pretax_gross_amount, f"{where}: PretaxGrossAmount"),
        "pretax_amount": required_amount(order.pretax_amount, f"{where}: PretaxAmount"),
    }


def item_kind(values_: dict[str, Any]) -> str:
    """What a new order bought, from its product type/code; PayAsYouGo for pay-as-you-go, else Other."""
    if values_["subscription_type"] == "PayAsYouGo":
        return ItemKind.PAY_AS_YOU_GO.value
    words = f"{values_['product_type'] or ''} {values_['product_code'] or ''}".lower()
    return next((kind.value for hint, kind in _KIND_HINTS if hint in words), ItemKind.OTHER.value)


def plan_row(instance: Any, zone: tzinfo) -> dict[str, Any]:
    """The columns of a `ResourcePlan` that QueryResourcePackageInstances knows."""
    instance_id = api_text(instance.instance_id)
    if instance_id is None:
        raise SyncError("QueryResourcePackageInstances: a plan without an InstanceId came back")
    where = f"QueryResourcePackageInstances plan {instance_id}"
    total = required_amount(instance.total_amount, f"{where}: TotalAmount")
    remaining = required_amount(instance.remaining_amount, f"{where}: RemainingAmount")
    unit = api_text(instance.total_amount_unit) or ""
    remaining_unit = api_text(instance.remaining_amount_unit) or unit
    try:
        share_left(total, unit, remaining, remaining_unit)
    except UnitError as exc:
        raise SyncError(f"{where}: {exc}") from None
    return {
        "instance_id": instance_id,
        "package_type": api_text(instance.package_type) or "",
        "region": canonical(api_text(instance.region)),
        "status": api_text(instance.status) or "",
        "effective_at": _required_moment(instance.effective_time, f"{where}: EffectiveTime", zone),
        "expires_at": _required_moment(instance.expiry_time, f"{where}: ExpiryTime", zone),
        "total": total,
        "total_unit": unit,
        "remaining": remaining,
        "remaining_unit": remaining_unit,
    }
