"""Syncing an account from the BSS OpenAPI (2017-12-14) through Alibaba's own SDK.

Everything is fetched first and written in one transaction: a failed call, a value that cannot
be read exactly or a cancel leaves the store as it was, and no write lock is held while the
network is slow.

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

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from alibabacloud_bssopenapi20171214 import models as bss
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.kinds import PaymentMethod, PaymentStatus
from desktop.domain.policy import Policy
from desktop.sources.billing_details import amounts_add_up
from desktop.sources.bss_client import BssClient, SyncError
from desktop.sources.bss_rows import (
    PRODUCT_CODE,
    ZERO,
    api_text,
    bill_row,
    billing_days,
    day_start,
    item_kind,
    order_row,
    plan_row,
    required_amount,
)
from desktop.store import queries
from desktop.store.bills import settlement_recorder
from desktop.store.models import Account, BillLine, Order, ResourcePlan
from desktop.store.orders import upsert_order
from desktop.store.refunds import close_refunded_requests
from desktop.store.rollup_sums import LINE_AMOUNT_FIELDS
from desktop.store.rollups import rebuild_rollups
from desktop.store.synced_lines import SYNTHETIC_PREFIX, charge_key, same_bill_type
from desktop.store.upsert import UpsertCounts, upsert_batch

log = logging.getLogger(__name__)

BILL_PAGE = 300  # MaxResults' documented maximum
ORDER_PAGE = 20  # QueryOrders' documented advice: larger pages time out
PLAN_PAGE = 100
MAX_PAGES = 10_000  # a server that never ends its paging is an error, not an endless loop

Progress = Callable[[int, int], None]
"""Called with (steps done, steps in all); whatever it raises cancels the sync (nothing stored)."""

_REFRESHED = LINE_AMOUNT_FIELDS
"""What a sync refreshes on an exported line of the same charge: its deduction breakdown (the amounts
a rollup sums); its bill number, payment time and round-down discount stay as exported."""


# --- fetching -------------------------------------------------------------------------------------


@dataclass
class _Fetched:
    balance: Decimal = ZERO
    currency: str | None = None
    api_account_id: str | None = None
    api_account_name: str | None = None
    bills: list[dict[str, Any]] = field(default_factory=list)
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    plans: dict[str, dict[str, Any]] = field(default_factory=dict)


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
        fetched.balance = required_amount(balance.available_amount, "QueryAccountBalance: AvailableAmount")
        fetched.currency = api_text(balance.currency)
        self.step()
        seen: set[str] = set()
        for day in self.days:
            for data in self._bill_pages(day):
                fetched.api_account_id = fetched.api_account_id or api_text(data.account_id)
                fetched.api_account_name = fetched.api_account_name or api_text(data.account_name)
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
            token = api_text(data.next_token)
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
        account = queries.followed_account(session)
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
        paid = values_["payment_status"] == PaymentStatus.PAID
        # R1: without a breakdown, a paid order counts as paid in cash; an import corrects it.
        defaults = {
            "cash": values_["pretax_amount"] if paid else ZERO,
            "vouchers": ZERO,
            "coupons": ZERO,
            "prepaid_card": ZERO,
            "payment_method": PaymentMethod.ACCOUNT_BALANCE.value,
            "payment_method_valid": True,
            "item_kind": item_kind(values_),
        }

        adjust = _paid_in_cash_once_paid(values_)
        counts.add(upsert_order(session, {"account_id": account_id, **values_}, defaults=defaults, adjust=adjust))
    session.flush()
    return counts


def _paid_in_cash_once_paid(values: dict[str, Any]) -> Callable[[Order, dict[str, Any]], None]:
    """An order the API now shows paid, whose breakdown no import has given, counts as paid in cash (R1)."""

    def adjust(order: Order, changes: dict[str, Any]) -> None:
        unknown_breakdown = order.cash == order.vouchers == order.coupons == order.prepaid_card == 0
        paid = values["payment_status"] == PaymentStatus.PAID
        if paid and order.payment_status != PaymentStatus.PAID and unknown_breakdown:
            changes["cash"] = values["pretax_amount"]

    return adjust


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
    fetched = fetch.run(day_start(days[0], zone), now)
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
        close_refunded_requests(session, account.id)  # a refund order answers a request
        plans = [{"account_id": account.id, **row} for row in fetched.plans.values()]
        summary.plans = upsert_batch(session, ResourcePlan, ("account_id", "instance_id"), plans)
        fetch.step()  # the last step, still inside the transaction: a cancel here rolls everything back
    log.info("%s", summary.line())
    return summary
