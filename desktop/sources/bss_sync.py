"""Syncing an account from the BSS OpenAPI (2017-12-14) through Alibaba's own SDK.

Everything is fetched first and written in one transaction: a failed call, a value that cannot
be read exactly or a cancel leaves the store as it was, and no write lock is held while the
network is slow. Amounts become `Decimal` at this boundary, from their string form (DOMAIN §5).

How API lines meet the console's CSV exports (so that an export and a sync of the same line
never count twice): DescribeInstanceBill (DAILY, by billable item) has no bill number, so a line
is keyed as `BSS-YYYYMMDD-<digest>` with usage from 00:00 of its billing date to 00:00 of the next
day in the account's zone, which is how a daily pay-as-you-go line of the export is timed.
If the store already holds an imported line for the same instance, billable item, region and
day (`desktop.store.synced_lines`), the sync refreshes that line's amounts (keeping its bill
number, payment time and round-down discount) instead of adding its own; when the export bills
that day in several lines, they stand as imported. Either way the sync removes its own line of
that day, should one be left from before the export (an import removes it already).
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from alibabacloud_bssopenapi20171214 import models as bss
from alibabacloud_bssopenapi20171214.client import Client
from alibabacloud_tea_openapi.models import Config
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, sessionmaker
from Tea.exceptions import TeaException, UnretryableException

from desktop.domain.billing import line_key
from desktop.domain.kinds import ItemKind, PaymentMethod, PaymentStatus
from desktop.domain.overdue import deduction_time
from desktop.domain.periods import statistical_day
from desktop.domain.policy import Policy, require_aware
from desktop.sources import values
from desktop.sources.billing_details import amounts_add_up
from desktop.sources.credentials import AccessKey
from desktop.sources.errors import CellError
from desktop.sources.vocabulary import canonical
from desktop.store.bills import settlement_recorder
from desktop.store.errors import StoreError
from desktop.store.models import Account, BillLine, Order, ResourcePlan
from desktop.store.rollups import rebuild_rollups
from desktop.store.synced_lines import SYNTHETIC_PREFIX, charge_key, same_bill_type
from desktop.store.upsert import UpsertCounts, upsert_batch

log = logging.getLogger(__name__)

ENDPOINTS = {"china": "business.aliyuncs.com", "international": "business.ap-southeast-1.aliyuncs.com"}
PRODUCT_CODE = "live"
"""Only ApsaraVideo Live is synced: the bills, orders and plans of other products are not this app's."""
CALLS_PER_SECOND = 10  # the documented limit of DescribeInstanceBill, applied to every call
HISTORY_MONTHS = 18  # DescribeInstanceBill answers for the last 18 billing cycles
BILL_PAGE = 300  # MaxResults' documented maximum
ORDER_PAGE = 20  # QueryOrders' documented advice: larger pages time out
PLAN_PAGE = 100
MAX_PAGES = 10_000  # a server that never ends its paging is an error, not an endless loop
ZERO = Decimal("0.00")

Progress = Callable[[int, int], None]
"""Called with (steps done, steps in all); whatever it raises cancels the sync (nothing stored)."""

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
_REFRESHED = (
    "pretax_gross",
    "invoice_discount",
    "coupon_deduction",
    "pretax_amount",
    "cash_payment",
    "voucher_deduction",
    "prepaid_card",
    "outstanding",
)


class SyncError(StoreError):
    """A sync failed and stored nothing; the message names the operation and says why."""


class RateLimiter:
    """At most `calls` calls in any window of `period` seconds.

    A sliding log rather than a token bucket: a bucket of 10 refilled at 10 a second lets 19
    calls through within one second after an idle spell, which the BSS limit does not allow.
    The clock and the sleep are injectable so that tests check it without waiting.
    """

    def __init__(
        self,
        calls: int = CALLS_PER_SECOND,
        period: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.calls = calls
        self.period = period
        self._clock = clock
        self._sleep = sleep
        self._recent: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Wait until one more call is allowed, and return the moment it is made."""
        with self._lock:
            now = self._clock()
            if len(self._recent) == self.calls:
                while (wait := self._recent[0] + self.period - now) > 0:
                    self._sleep(wait)
                    now = self._clock()
                self._recent.popleft()
            self._recent.append(now)
            return now


def _endpoint(site: str, override: str | None) -> tuple[str, str]:
    """(host, protocol) of the BSS endpoint: the site's, or `override` (tests, proxies)."""
    if override:
        parts = urlsplit(override if "://" in override else f"https://{override}")
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
            raise SyncError(f"--endpoint: not an http(s) host: {override!r}")
        if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SyncError("--endpoint: plain http is only allowed to this machine (127.0.0.1)")
        return parts.netloc, parts.scheme
    try:
        return ENDPOINTS[site], "https"
    except KeyError:
        raise SyncError(f"unknown site {site!r}: expected {' or '.join(ENDPOINTS)}") from None


class BssClient:
    """The official SDK client, pointed at the account's site, rate-limited, its errors made plain.

    It holds the AccessKey inside the SDK's configuration only; its text form shows the endpoint.
    """

    def __init__(
        self,
        key: AccessKey,
        site: str = "china",
        endpoint: str | None = None,
        limiter: RateLimiter | None = None,
        connect_timeout_ms: int = 5_000,
        read_timeout_ms: int = 30_000,
    ) -> None:
        self.site = site
        self.endpoint, self.protocol = _endpoint(site, endpoint)
        self.limiter = limiter or RateLimiter()
        self.calls = 0
        config = Config(
            access_key_id=key.key_id,
            access_key_secret=key.secret,
            endpoint=self.endpoint,
            protocol=self.protocol,
            connect_timeout=connect_timeout_ms,
            read_timeout=read_timeout_ms,
        )
        self._sdk = Client(config)

    def __repr__(self) -> str:
        return f"BssClient(site={self.site!r}, endpoint={self.protocol}://{self.endpoint})"

    def call(self, operation: str, request: Any = None) -> Any:
        """One API call; returns the response body, or raises SyncError naming `operation`."""
        method = getattr(self._sdk, re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower())
        self.limiter.acquire()
        self.calls += 1
        if log.isEnabledFor(logging.DEBUG):
            log.debug("BSS %s %s", operation, _describe_request(request))
        try:
            response = method(request) if request is not None else method()
        except UnretryableException as exc:
            raise SyncError(f"{operation}: cannot reach {self.protocol}://{self.endpoint}: {_one_line(exc)}") from exc
        except TeaException as exc:
            raise SyncError(_api_error(operation, exc.code, _error_message(exc), _request_id(exc))) from exc
        body = response.body
        if body is None:
            raise SyncError(f"{operation}: the answer had no body")
        if body.success is False:
            raise SyncError(_api_error(operation, body.code, body.message, body.request_id))
        return body


def _describe_request(request: Any) -> str:
    return "" if request is None else str(request.to_map())


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def _error_message(exc: TeaException) -> str:
    data = exc.data if isinstance(exc.data, dict) else {}
    return str(data.get("Message") or data.get("message") or exc.message or "")


def _request_id(exc: TeaException) -> str | None:
    data = exc.data if isinstance(exc.data, dict) else {}
    found = data.get("RequestId") or data.get("requestId")
    return str(found) if found else None


def _api_error(operation: str, code: Any, message: Any, request_id: Any) -> str:
    text = f"{operation} failed: {code or 'error'}: {' '.join(str(message or 'no message').split())}"
    return f"{text} (request id {request_id})" if request_id else text


# --- reading the API's values exactly ------------------------------------------------------------


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _word(value: Any) -> str | None:
    text = _text(value)
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
    text = _text(value)
    if text is None or text.upper() == "NULL":
        return None
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    try:
        return values.optional_amount(text, where)
    except CellError as exc:
        raise SyncError(str(exc)) from None


def _required_amount(value: Any, where: str) -> Decimal:
    amount = string_amount(value, where)
    if amount is None:
        raise SyncError(f"{where}: the amount is missing")
    return amount


def _moment(value: Any, where: str, zone: tzinfo) -> datetime | None:
    try:
        return values.moment(_text(value), where, zone)
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


@dataclass
class _Fetched:
    balance: Decimal = ZERO
    currency: str | None = None
    api_account_id: str | None = None
    api_account_name: str | None = None
    bills: list[dict[str, Any]] = field(default_factory=list)
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    plans: dict[str, dict[str, Any]] = field(default_factory=dict)


def _day_start(day: date, zone: tzinfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def bill_row(item: Any, day: date, zone: tzinfo) -> dict[str, Any]:
    """A DescribeInstanceBill item (DAILY, by billable item) as the columns of a `BillLine`."""
    where = f"DescribeInstanceBill {day.isoformat()}"
    if item.billing_date and str(item.billing_date).strip() != day.isoformat():
        raise SyncError(f"{where}: a line of another day ({item.billing_date}) came back")
    start = _day_start(day, zone)
    end = _day_start(day + timedelta(days=1), zone)
    try:
        list_price = values.optional_amount(_text(item.list_price), "ListPrice")
        usage = values.optional_amount(_text(item.usage), "Usage")
        plans = _text(item.deducted_by_resource_package)
        by_plans = values.amount_or_zero(None if plans == "NULL" else plans, "DeductedByResourcePackage")
    except CellError as exc:
        raise SyncError(f"{where}: {exc}") from None
    line: dict[str, Any] = {
        "billing_cycle": f"{day:%Y-%m}",
        "cost_center": canonical(_text(item.cost_unit)),
        "account_uid": _text(item.bill_account_id),
        "account_name": _text(item.bill_account_name),
        "owner_account_name": None,
        "product_code": _text(item.product_code),
        "product_name": canonical(_text(item.product_name)),
        "product_detail_code": _text(item.commodity_code),
        "product_detail": canonical(_text(item.product_detail)),
        "subscription_type": _word(item.subscription_type),
        "payment_time": None,
        "usage_start": start,
        "usage_end": end,
        "service_duration": _text(item.service_period),
        "bill_type": _word(item.item),
        "billing_type": _word(item.billing_type),
        "instance_id": _text(item.instance_id),
        "instance_name": _text(item.nick_name),
        "resource_group": canonical(_text(item.resource_group)),
        "instance_tag": _text(item.tag),
        "instance_config": _text(item.instance_config),
        "instance_spec": _text(item.instance_spec),
        "public_ip": _text(item.internet_ip),
        "private_ip": _text(item.intranet_ip),
        "region": canonical(_text(item.region)),
        "zone": _text(item.zone),
        "billing_item": canonical(_text(item.billing_item)),
        "list_price": list_price,
        "list_price_unit": canonical(_text(item.list_price_unit)),
        "usage": usage,
        "usage_unit": canonical(_text(item.usage_unit)),
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
    digest = hashlib.sha256(f"{identity}|{_text(item.billing_item_code) or ''}".encode()).hexdigest()[:10]
    line["bill_number"] = f"{SYNTHETIC_PREFIX}{day:%Y%m%d}-{digest}"
    line["line_key"] = line_key(line["bill_number"], line["instance_id"], line["billing_item"], start)
    return line


def order_row(order: Any, zone: tzinfo) -> dict[str, Any]:
    """The columns of an `Order` that QueryOrders knows; the payment breakdown it does not."""
    order_id = _text(order.order_id)
    if order_id is None:
        raise SyncError("QueryOrders: an order without an OrderId came back")
    where = f"QueryOrders order {order_id}"
    order_type = _text(order.order_type)
    if order_type is None:
        raise SyncError(f"{where}: OrderType is missing")
    currency = _text(order.currency)
    if currency is None:
        raise SyncError(f"{where}: Currency is missing")
    return {
        "order_id": order_id,
        "related_order_id": _text(order.related_order_id),
        "order_type": order_type,
        # Refund orders come without a payment status (the API documents it as null).
        "payment_status": _text(order.payment_status) or "",
        "created_at": _required_moment(order.create_time, f"{where}: CreateTime", zone),
        "paid_at": _moment(order.payment_time, f"{where}: PaymentTime", zone),
        "product_code": _text(order.product_code) or PRODUCT_CODE,
        "product_type": _text(order.product_type),
        "subscription_type": _text(order.subscription_type) or "Subscription",
        "currency": currency,
        "pretax_gross": _required_amount(order.pretax_gross_amount, f"{where}: PretaxGrossAmount"),
        "pretax_amount": _required_amount(order.pretax_amount, f"{where}: PretaxAmount"),
    }


def item_kind(values_: dict[str, Any]) -> str:
    """What a new order bought, from its product type/code; PayAsYouGo for pay-as-you-go, else Other."""
    if values_["subscription_type"] == "PayAsYouGo":
        return ItemKind.PAY_AS_YOU_GO.value
    words = f"{values_['product_type'] or ''} {values_['product_code'] or ''}".lower()
    return next((kind.value for hint, kind in _KIND_HINTS if hint in words), ItemKind.OTHER.value)


def plan_row(instance: Any, zone: tzinfo) -> dict[str, Any]:
    """The columns of a `ResourcePlan` that QueryResourcePackageInstances knows."""
    instance_id = _text(instance.instance_id)
    if instance_id is None:
        raise SyncError("QueryResourcePackageInstances: a plan without an InstanceId came back")
    where = f"QueryResourcePackageInstances plan {instance_id}"
    total = _required_amount(instance.total_amount, f"{where}: TotalAmount")
    remaining = _required_amount(instance.remaining_amount, f"{where}: RemainingAmount")
    if not 0 <= remaining <= total:
        raise SyncError(f"{where}: RemainingAmount {remaining} is not between 0 and TotalAmount {total}")
    unit = _text(instance.total_amount_unit) or ""
    return {
        "instance_id": instance_id,
        "package_type": _text(instance.package_type) or "",
        "region": canonical(_text(instance.region)),
        "status": _text(instance.status) or "",
        "effective_at": _required_moment(instance.effective_time, f"{where}: EffectiveTime", zone),
        "expires_at": _required_moment(instance.expiry_time, f"{where}: ExpiryTime", zone),
        "total": total,
        "total_unit": unit,
        "remaining": remaining,
        "remaining_unit": _text(instance.remaining_amount_unit) or unit,
    }


class _Fetch:
    """The calls of one sync, in order, with progress after each step."""

    def __init__(self, client: BssClient, zone: tzinfo, days: list[date], progress: Progress | None) -> None:
        self.client = client
        self.zone = zone
        self.days = days
        self.progress = progress
        self.total = len(days) + 4  # balance, each day, orders, plans, then the write
        self.done = 0

    def step(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def run(self, start: datetime, end: datetime) -> _Fetched:
        fetched = _Fetched()
        balance = self.client.call("QueryAccountBalance").data
        if balance is None:
            raise SyncError("QueryAccountBalance: the answer had no Data")
        fetched.balance = _required_amount(balance.available_amount, "QueryAccountBalance: AvailableAmount")
        fetched.currency = _text(balance.currency)
        self.step()
        seen: set[str] = set()
        for day in self.days:
            for data in self._bill_pages(day):
                fetched.api_account_id = fetched.api_account_id or _text(data.account_id)
                fetched.api_account_name = fetched.api_account_name or _text(data.account_name)
                for item in data.items or ():
                    line = bill_row(item, day, self.zone)
                    if line["line_key"] in seen:
                        raise SyncError(
                            f"DescribeInstanceBill {day.isoformat()}: two lines for {line['instance_id']} "
                            f"{line['billing_item']} that nothing tells apart"
                        )
                    seen.add(line["line_key"])
                    fetched.bills.append(line)
            self.step()
        for order in self._orders(start, end):
            row = order_row(order, self.zone)
            fetched.orders[row["order_id"]] = row
        self.step()
        for instance in self._plans():
            row = plan_row(instance, self.zone)
            fetched.plans[row["instance_id"]] = row
        self.step()
        return fetched

    def _bill_pages(self, day: date) -> Iterator[Any]:
        token: str | None = None
        tokens: set[str] = set()
        for _ in range(MAX_PAGES):
            request = bss.DescribeInstanceBillRequest(
                billing_cycle=f"{day:%Y-%m}",
                billing_date=day.isoformat(),
                granularity="DAILY",
                is_billing_item=True,
                product_code=PRODUCT_CODE,
                max_results=BILL_PAGE,
                next_token=token,
            )
            data = self.client.call("DescribeInstanceBill", request).data
            if data is None:
                return
            yield data
            token = _text(data.next_token)
            if token is None or not data.items:
                return
            if token in tokens:
                raise SyncError(f"DescribeInstanceBill {day.isoformat()}: the same NextToken came back twice")
            tokens.add(token)
        raise SyncError(f"DescribeInstanceBill {day.isoformat()}: more than {MAX_PAGES} pages")

    def _orders(self, start: datetime, end: datetime) -> Iterator[Any]:
        fmt = "%Y-%m-%dT%H:%M:%SZ"  # the API's documented form, in UTC
        for page in range(1, MAX_PAGES + 1):
            request = bss.QueryOrdersRequest(
                product_code=PRODUCT_CODE,
                create_time_start=start.astimezone(UTC).strftime(fmt),
                create_time_end=end.astimezone(UTC).strftime(fmt),
                page_num=page,
                page_size=ORDER_PAGE,
            )
            data = self.client.call("QueryOrders", request).data
            orders = data.order_list.order if data is not None and data.order_list is not None else None
            if not orders:
                return
            yield from orders
            if page * ORDER_PAGE >= int(data.total_count or 0):
                return
        raise SyncError(f"QueryOrders: more than {MAX_PAGES} pages")

    def _plans(self) -> Iterator[Any]:
        for page in range(1, MAX_PAGES + 1):
            request = bss.QueryResourcePackageInstancesRequest(
                product_code=PRODUCT_CODE, page_num=page, page_size=PLAN_PAGE
            )
            data = self.client.call("QueryResourcePackageInstances", request).data
            found = data.instances.instance if data is not None and data.instances is not None else None
            if not found:
                return
            yield from found
            if page * PLAN_PAGE >= int(data.total_count or 0):
                return
        raise SyncError(f"QueryResourcePackageInstances: more than {MAX_PAGES} pages")


# --- writing ---------------------------------------------------------------------------------------


@dataclass
class SyncSummary:
    """What one sync changed; `line()` is what the command prints and the window shows."""

    account_uid: str
    balance: Decimal
    currency: str
    balance_changed: bool
    days: int
    calls: int
    bills: UpsertCounts = field(default_factory=UpsertCounts)
    bills_skipped: int = 0
    bills_replaced: int = 0
    orders: UpsertCounts = field(default_factory=UpsertCounts)
    plans: UpsertCounts = field(default_factory=UpsertCounts)

    @property
    def changed(self) -> bool:
        counts = (self.bills, self.orders, self.plans)
        return self.balance_changed or self.bills_replaced > 0 or any(c.new or c.updated for c in counts)

    def line(self) -> str:
        def part(name: str, c: UpsertCounts) -> str:
            return f"{name}: {c.new} new, {c.updated} updated, {c.unchanged} unchanged"

        extra = ""
        if self.bills_skipped or self.bills_replaced:
            extra = (
                f" ({self.bills_skipped} left to their imported lines, {self.bills_replaced} superseded by an import)"
            )
        return (
            f"account {self.account_uid}: balance {self.currency} {self.balance}; {self.days} days of bills in "
            f"{self.calls} calls; {part('bill lines', self.bills)}{extra}; {part('orders', self.orders)}; "
            f"{part('resource plans', self.plans)}"
        )


def sync_target(store: sessionmaker[Session], account_uid: str | None) -> tuple[str, str]:
    """(UID, site) of the account a sync is for: the store's, or `account_uid` for an empty store."""
    with store() as session:
        account = session.scalars(select(Account).order_by(Account.id).limit(1)).first()
        if account is None:
            if not account_uid:
                raise SyncError(
                    "the store holds no account yet: give --account UID, or import a Billing Details export"
                )
            return account_uid, "china"
        if account_uid and account_uid != account.uid:
            raise SyncError(f"--account {account_uid}, but this store follows account {account.uid}")
        return account.uid, account.site


def _store_bills(
    session: Session, account_id: int, rows: list[dict[str, Any]], now: datetime
) -> tuple[UpsertCounts, int, int]:
    """Upsert the API's lines; a line the store already has from an export refreshes that one instead."""
    counts = UpsertCounts()
    if not rows:
        return counts, 0, 0
    for row in rows:
        row["account_id"] = account_id
    days = {row["usage_day"] for row in rows}
    exported: dict[tuple[Any, ...], list[Any]] = {}
    for found in session.execute(
        select(
            BillLine.line_key,
            BillLine.instance_id,
            BillLine.billing_item,
            BillLine.region,
            BillLine.usage_day,
            BillLine.bill_type,
            BillLine.round_down_discount,
        ).where(
            BillLine.account_id == account_id,
            BillLine.usage_day.in_(days),
            or_(BillLine.bill_number.is_(None), BillLine.bill_number.not_like(f"{SYNTHETIC_PREFIX}%")),
        )
    ):
        key = charge_key(found.instance_id, found.billing_item, found.region, found.usage_day)
        exported.setdefault(key, []).append(found)
    candidates: dict[str, list[Any]] = {}
    claims: dict[str, int] = {}
    for row in rows:
        key = charge_key(row["instance_id"], row["billing_item"], row["region"], row["usage_day"])
        same = [f for f in exported.get(key, []) if same_bill_type(f.bill_type, row["bill_type"])]
        candidates[row["line_key"]] = same
        for found in same:
            claims[found.line_key] = claims.get(found.line_key, 0) + 1
    fresh: list[dict[str, Any]] = []
    refresh: list[dict[str, Any]] = []
    superseded: list[str] = []
    skipped = 0
    for row in rows:
        same = candidates[row["line_key"]]
        if not same:
            fresh.append(row)
            continue
        superseded.append(row["line_key"])
        if len(same) > 1 or claims[same[0].line_key] > 1:
            skipped += 1  # the export splits this day differently: its lines stand as imported
            continue
        change = {"account_id": account_id, "line_key": same[0].line_key}
        change.update({name: row[name] for name in _REFRESHED})
        change["round_down_discount"] = same[0].round_down_discount
        change["amounts_consistent"] = amounts_add_up(change)
        del change["round_down_discount"]
        refresh.append(change)
    replaced = 0
    if superseded:
        result = session.execute(
            delete(BillLine).where(BillLine.account_id == account_id, BillLine.line_key.in_(superseded))
        )
        replaced = result.rowcount or 0  # type: ignore[attr-defined]
    settle = settlement_recorder(now)
    keys = ("account_id", "line_key")
    counts.add(upsert_batch(session, BillLine, keys, fresh, adjust=settle, extra=("settled_at",)))
    counts.add(upsert_batch(session, BillLine, keys, refresh, adjust=settle, extra=("settled_at",)))
    if counts.new or counts.updated or replaced:
        # The days a sync covers are few; rebuilding all of them is simpler than tracking each line.
        rebuild_rollups(session, account_id, {row["usage_day"] for row in rows})
    return counts, skipped, replaced


def _store_orders(session: Session, account_id: int, orders: list[dict[str, Any]]) -> UpsertCounts:
    """Orders from the API keep what only an import knows: kind, payment breakdown, method, promotion, gifts."""
    counts = UpsertCounts()
    for values_ in orders:
        order = session.scalar(
            select(Order).where(Order.account_id == account_id, Order.order_id == values_["order_id"])
        )
        paid = values_["payment_status"] == PaymentStatus.PAID
        if order is None:
            session.add(
                Order(
                    account_id=account_id,
                    **values_,
                    # R1: without a breakdown, a paid order counts as paid in cash; an import corrects it.
                    cash=values_["pretax_amount"] if paid else ZERO,
                    vouchers=ZERO,
                    coupons=ZERO,
                    prepaid_card=ZERO,
                    payment_method=PaymentMethod.ACCOUNT_BALANCE.value,
                    payment_method_valid=True,
                    item_kind=item_kind(values_),
                )
            )
            counts.new += 1
            continue
        changes = {name: value for name, value in values_.items() if getattr(order, name) != value}
        unknown_breakdown = order.cash == order.vouchers == order.coupons == order.prepaid_card == 0
        if paid and order.payment_status != PaymentStatus.PAID and unknown_breakdown:
            changes["cash"] = values_["pretax_amount"]
        if not changes:
            counts.unchanged += 1
            continue
        for name, value in changes.items():
            setattr(order, name, value)
        counts.updated += 1
    session.flush()
    return counts


def sync_account(
    store: sessionmaker[Session],
    policy: Policy,
    now: datetime,
    client: BssClient,
    since: str | None = None,
    progress: Progress | None = None,
    account_uid: str | None = None,
) -> SyncSummary:
    """Fetch balance, daily bills, orders and resource plans, then store them in one transaction.

    SyncError (and nothing stored) on any API error or unreadable value; whatever `progress`
    raises cancels the sync the same way.
    """
    uid, _site = sync_target(store, account_uid)
    with store() as session:
        account = session.scalars(select(Account).where(Account.uid == uid)).first()
        zone: tzinfo = ZoneInfo(account.timezone if account is not None else policy.account_zone)
    days = billing_days(since, now, zone)
    calls_before = client.calls
    fetch = _Fetch(client, zone, days, progress)
    fetched = fetch.run(_day_start(days[0], zone), now)
    if fetched.api_account_id is not None and fetched.api_account_id != uid:
        raise SyncError(f"this AccessKey belongs to account {fetched.api_account_id}, not to account {uid}")
    with store.begin() as session:
        account = session.scalars(select(Account).where(Account.uid == uid)).first()
        if account is None:
            account = Account(
                uid=uid, name=fetched.api_account_name or uid, timezone=policy.account_zone, site=client.site
            )
            session.add(account)
            session.flush()
        currency = fetched.currency or account.currency
        summary = SyncSummary(
            account_uid=uid,
            balance=fetched.balance,
            currency=currency,
            balance_changed=account.balance != fetched.balance or account.currency != currency,
            days=len(days),
            calls=client.calls - calls_before,
        )
        account.balance = fetched.balance
        account.balance_at = now
        account.currency = summary.currency
        summary.bills, summary.bills_skipped, summary.bills_replaced = _store_bills(
            session, account.id, fetched.bills, now
        )
        summary.orders = _store_orders(session, account.id, list(fetched.orders.values()))
        plans = [{"account_id": account.id, **row} for row in fetched.plans.values()]
        summary.plans = upsert_batch(session, ResourcePlan, ("account_id", "instance_id"), plans)
        fetch.step()  # the last step, still inside the transaction: a cancel here rolls everything back
    log.info("%s", summary.line())
    return summary
