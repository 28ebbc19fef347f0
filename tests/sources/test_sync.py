"""The BSS OpenAPI sync, through the real SDK against a local server: exact amounts, every page,
idempotent, all or nothing, at most 10 calls a second, and the AccessKey secret nowhere but the keyring."""

from __future__ import annotations

import csv
import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.cli import main
from desktop.clock import now as clock_now
from desktop.domain.policy import Policy
from desktop.sources.bss_client import ENDPOINTS, BssClient, RateLimiter, SyncError
from desktop.sources.bss_rows import billing_days, float_amount
from desktop.sources.bss_sync import sync_account
from desktop.sources.credentials import (
    SERVICE,
    AccessKey,
    CredentialsError,
    delete_access_key,
    load_access_key,
    save_access_key,
)
from desktop.sources.importer import import_file
from desktop.store.models import Account, BillLine, BillRollup, Order, ResourcePlan
from desktop.store.rollups import rebuild_rollups
from desktop.store.session import open_store
from tests.keyrings import ForgetfulKeyring, MemoryKeyring
from tests.sources.fake_bss import FakeBss

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 3, 12, 0, tzinfo=ZONE)
UID = "1886420012345678"
CANARY = "CANARY-SECRET-4f1d"
KEY = AccessKey("LTAI5tFakeAccessKey01", CANARY)


# --- test doubles -------------------------------------------------------------------------------


class FakeClock:
    """Monotonic time that moves only when the limiter sleeps or the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds


class RecordingLimiter(RateLimiter):
    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock=clock.clock, sleep=clock.sleep)
        self.moments: list[float] = []

    def acquire(self) -> float:
        moment = super().acquire()
        self.moments.append(moment)
        return moment


def most_in_one_second(moments: list[float]) -> int:
    """The most calls in any window [t, t + 1 s); the busiest window starts at a call."""
    return max((sum(1 for m in moments if start <= m < start + 1.0) for start in moments), default=0)


# --- API data in the documented shapes ------------------------------------------------------------


def bill_item(day: str, instance: str, billing_item: str, region: str = "中国内地", **amounts: float) -> dict[str, Any]:
    """A DescribeInstanceBill item (DAILY, IsBillingItem): amounts are JSON numbers, the rest text."""
    money = {
        "PretaxGrossAmount": 0.0,
        "InvoiceDiscount": 0.0,
        "DeductedByCoupons": 0.0,
        "PretaxAmount": 0.0,
        "PaymentAmount": 0.0,
        "DeductedByCashCoupons": 0.0,
        "DeductedByPrepaidCard": 0.0,
        "OutstandingAmount": 0.0,
        "CashAmount": 0.0,
        "AdjustAmount": 0.0,
    }
    money.update(amounts)
    return {
        "BillingDate": day,
        "BillAccountID": UID,
        "BillAccountName": "finance@example-stream.com",
        "CostUnit": "未分配",
        "ProductCode": "live",
        "ProductName": "视频直播",
        "ProductType": "",
        "CommodityCode": "live",
        "ProductDetail": "视频直播",
        "SubscriptionType": "PayAsYouGo",
        "Item": "PayAsYouGoBill",
        "BillingType": "按流量计费",
        "InstanceID": instance,
        "NickName": "",
        "ResourceGroup": "默认资源组",
        "Tag": "key:env value:prod",
        "Region": region,
        "Zone": "",
        "BillingItem": billing_item,
        "BillingItemCode": "",
        "ListPrice": "0.24",
        "ListPriceUnit": "元/GB",
        "Usage": "340.563",
        "UsageUnit": "GB",
        "DeductedByResourcePackage": "0",
        "Currency": "CNY",
        "ServicePeriod": "1",
        "ServicePeriodUnit": "day",
        **money,
    }


def order(order_id: str, created: str, gross: str, pretax: str, product_type: str = "", **extra: str) -> dict[str, Any]:
    """A QueryOrders order: amounts are strings there."""
    return {
        "OrderId": order_id,
        "RelatedOrderId": "",
        "ProductCode": "live",
        "ProductType": product_type,
        "SubscriptionType": "Subscription",
        "OrderType": "New",
        "CreateTime": created,
        "PaymentTime": created,
        "PaymentStatus": "Paid",
        "PretaxGrossAmount": gross,
        "PretaxAmount": pretax,
        "Currency": "CNY",
        "PretaxAmountLocal": pretax,
        "Tax": "0.00",
        "AfterTaxAmount": pretax,
        "PaymentCurrency": "CNY",
        "CommodityCode": "live",
        **extra,
    }


PLAN = {
    "InstanceId": "plan-dt-001",
    "PackageType": "General-purpose data transfer plan",
    "Region": "中国内地",
    "Status": "Available",
    "EffectiveTime": "2026-11-01T01:12:00Z",
    "ExpiryTime": "2027-10-31T16:00:00Z",
    "TotalAmount": "1024",
    "TotalAmountUnit": "GB",
    "RemainingAmount": "640.5",
    "RemainingAmountUnit": "GB",
    "DeductType": "Absolute",
    "Remark": "",
    "ApplicableProducts": {"Product": ["live"]},
}


def fill(fake: FakeBss) -> None:
    """Three lines on 1 November (two pages of two), one on the 2nd, none on the 3rd."""
    fake.bills = {
        "2026-11-01": [
            bill_item(
                "2026-11-01",
                "play.example-stream.com",
                "下行流量",
                PretaxGrossAmount=81.74,
                InvoiceDiscount=4.09,
                PretaxAmount=77.65,
                PaymentAmount=62.12,
                DeductedByCashCoupons=15.53,
            ),
            bill_item(
                "2026-11-01",
                "play.example-stream.com",
                "直播截图",
                PretaxGrossAmount=0.1,
                PretaxAmount=0.1,
                PaymentAmount=0.1,
            ),
            bill_item(
                "2026-11-01",
                "live-sg.example-stream.com",
                "下行流量",
                "亚太1区",
                PretaxGrossAmount=0.3,
                PretaxAmount=0.3,
                OutstandingAmount=0.3,
            ),
        ],
        "2026-11-02": [
            bill_item("2026-11-02", "play.example-stream.com", "下行流量", PretaxGrossAmount=12.5, PretaxAmount=12.5)
        ],
    }
    fake.bills["2026-11-02"][0]["OutstandingAmount"] = 12.5
    fake.orders = [
        order("2026110100001", "2026-11-01T01:12:00Z", "120.00", "120.00"),
        order("2026110200007", "2026-11-02T03:00:00Z", "1,024.00", "1,024.00", product_type="live_dataflow_package"),
    ]
    fake.plans = [dict(PLAN)]


# --- fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def fake() -> Iterator[FakeBss]:
    with FakeBss() as server:
        fill(server)
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(fake: FakeBss, clock: FakeClock) -> BssClient:
    return BssClient(KEY, endpoint=fake.url, limiter=RecordingLimiter(clock), sleep=clock.sleep)


def counts(store: sessionmaker[Session]) -> tuple[int, int, int]:
    with store() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) for model in (BillLine, Order, ResourcePlan)
        )


def snapshot(store: sessionmaker[Session]) -> list[tuple[Any, ...]]:
    """Every stored value that a sync may touch, to compare before and after."""
    with store() as session:
        accounts = [(a.uid, a.balance, a.balance_at, a.currency) for a in session.scalars(select(Account))]
        bills = [
            (b.line_key, b.pretax_gross, b.cash_payment, b.outstanding, b.settled_at)
            for b in session.scalars(select(BillLine).order_by(BillLine.line_key))
        ]
        orders = [(o.order_id, o.payment_status, o.cash) for o in session.scalars(select(Order).order_by(Order.id))]
        plans = [(p.instance_id, p.remaining) for p in session.scalars(select(ResourcePlan).order_by(ResourcePlan.id))]
    return [*accounts, *bills, *orders, *plans]


def rollups_are_current(store: sessionmaker[Session]) -> bool:
    """The per-day rollups equal what a full rebuild from the bill lines gives."""

    def table(session: Session) -> list[tuple[Any, ...]]:
        order = (BillRollup.account_id, BillRollup.dimension, BillRollup.day, BillRollup.key)
        return [tuple(row)[1:] for row in session.execute(select(BillRollup.__table__).order_by(*order))]

    with store() as session:
        kept = table(session)
        account_id = session.scalars(select(Account.id)).one()
        rebuild_rollups(session, account_id)
        rebuilt = table(session)
        session.rollback()
    return bool(kept) and kept == rebuilt


# --- the sync --------------------------------------------------------------------------------------


def test_sync_stores_balance_bills_orders_and_plans_exactly(
    empty_store: sessionmaker[Session], policy: Policy, fake: FakeBss, client: BssClient
) -> None:
    summary = sync_account(empty_store, policy, NOW, client, account_uid=UID)

    assert fake.actions() == [
        "QueryAccountBalance",
        *["DescribeInstanceBill"] * 4,  # 1 Nov: two pages; 2 and 3 Nov: one each
        "QueryOrders",
        "QueryResourcePackageInstances",
    ]
    bill_calls = [seen.params for seen in fake.seen if seen.action == "DescribeInstanceBill"]
    assert [(p["BillingDate"], p.get("NextToken")) for p in bill_calls] == [
        ("2026-11-01", None),
        ("2026-11-01", "next-2"),
        ("2026-11-02", None),
        ("2026-11-03", None),
    ]
    assert {(p["Granularity"], p["IsBillingItem"], p["BillingCycle"], p["MaxResults"]) for p in bill_calls} == {
        ("DAILY", "True", "2026-11", "300")
    }
    orders_call = next(seen.params for seen in fake.seen if seen.action == "QueryOrders")
    assert (orders_call["CreateTimeStart"], orders_call["CreateTimeEnd"]) == (
        "2026-10-31T16:00:00Z",
        "2026-11-03T04:00:00Z",
    )
    assert (summary.bills.new, summary.orders.new, summary.plans.new, summary.calls) == (4, 2, 1, 7)
    assert rollups_are_current(empty_store)

    with empty_store() as session:
        account = session.scalars(select(Account)).one()
        assert (account.uid, account.name, account.currency) == (UID, "finance@example-stream.com", "CNY")
        assert account.balance == Decimal("1234.56")
        assert str(account.balance) == "1234.56"
        assert account.balance_at == NOW
        lines = {(b.instance_id, b.billing_item, b.usage_start): b for b in session.scalars(select(BillLine))}
        first = datetime(2026, 11, 1, tzinfo=ZONE)
        traffic = lines[("play.example-stream.com", "Downstream traffic", first)]
        assert (traffic.pretax_gross, traffic.invoice_discount, traffic.pretax_amount) == (
            Decimal("81.74"),
            Decimal("4.09"),
            Decimal("77.65"),
        )
        assert (traffic.cash_payment, traffic.voucher_deduction, traffic.outstanding) == (
            Decimal("62.12"),
            Decimal("15.53"),
            Decimal("0"),
        )
        assert (traffic.region, traffic.subscription_type, traffic.bill_type, traffic.cost_center) == (
            "Chinese mainland",
            "Pay-As-You-Go",
            "PayAsYouGoBill",
            "Unallocated",
        )
        assert (traffic.usage, traffic.list_price, traffic.usage_unit) == (Decimal("340.563"), Decimal("0.24"), "GB")
        assert traffic.usage_end == datetime(2026, 11, 2, tzinfo=ZONE) == traffic.deducted_at
        assert traffic.billing_cycle == "2026-11"
        assert traffic.amounts_consistent
        assert traffic.bill_number.startswith("BSS-20261101-")
        snapshots = lines[("play.example-stream.com", "Live snapshots", first)]
        # 0.1 arrived as a JSON float: stored as exactly one tenth, shown with two places.
        assert snapshots.pretax_gross == Decimal("0.1")
        assert str(snapshots.pretax_gross) == str(snapshots.cash_payment) == "0.10"
        owed = lines[("live-sg.example-stream.com", "Downstream traffic", first)]
        assert (owed.region, str(owed.outstanding)) == ("Asia Pacific 1", "0.30")

        orders = {o.order_id: o for o in session.scalars(select(Order))}
        plain, plan_order = orders["2026110100001"], orders["2026110200007"]
        assert (plain.item_kind, plain.cash, plain.payment_method) == ("Other", Decimal("120.00"), "AccountBalance")
        assert plain.created_at == datetime(2026, 11, 1, 9, 12, tzinfo=ZONE)
        assert (plan_order.item_kind, plan_order.pretax_gross) == ("ResourcePlan", Decimal("1024.00"))

        plan = session.scalars(select(ResourcePlan)).one()
        assert (plan.instance_id, plan.total, plan.remaining, plan.region) == (
            "plan-dt-001",
            Decimal("1024"),
            Decimal("640.5"),
            "Chinese mainland",
        )
        assert plan.expires_at == datetime(2027, 11, 1, tzinfo=ZONE)


def test_a_second_sync_changes_nothing(
    empty_store: sessionmaker[Session], policy: Policy, fake: FakeBss, client: BssClient
) -> None:
    sync_account(empty_store, policy, NOW, client, account_uid=UID)
    before, stored = snapshot(empty_store), counts(empty_store)

    again = sync_account(empty_store, policy, NOW, client)

    assert not again.changed
    assert (again.bills.new, again.bills.updated, again.bills.unchanged) == (0, 0, 4)
    assert (again.orders.new, again.orders.updated, again.orders.unchanged) == (0, 0, 2)
    assert (again.plans.new, again.plans.updated, again.plans.unchanged) == (0, 0, 1)
    assert (counts(empty_store), snapshot(empty_store)) == (stored, before)


def test_a_bill_paid_since_is_updated_and_marked_settled(
    empty_store: sessionmaker[Session], policy: Policy, fake: FakeBss, client: BssClient
) -> None:
    sync_account(empty_store, policy, NOW, client, account_uid=UID)
    fake.bills["2026-11-02"][0].update(OutstandingAmount=0.0, PaymentAmount=12.5)
    later = NOW + timedelta(hours=2)

    summary = sync_account(empty_store, policy, later, client)

    assert (summary.bills.new, summary.bills.updated) == (0, 1)
    assert rollups_are_current(empty_store)
    with empty_store() as session:
        line = session.scalars(select(BillLine).where(BillLine.usage_start == datetime(2026, 11, 2, tzinfo=ZONE))).one()
        assert (line.outstanding, line.cash_payment, line.settled_at) == (Decimal(0), Decimal("12.5"), later)


@pytest.mark.parametrize(
    "action", ["QueryAccountBalance", "DescribeInstanceBill", "QueryOrders", "QueryResourcePackageInstances"]
)
@pytest.mark.parametrize("success_false", [False, True], ids=["http-400", "success-false"])
def test_an_api_error_stores_nothing_and_names_the_operation(
    empty_store: sessionmaker[Session],
    policy: Policy,
    fake: FakeBss,
    client: BssClient,
    action: str,
    success_false: bool,
) -> None:
    sync_account(empty_store, policy, NOW, client, account_uid=UID)
    before = snapshot(empty_store)
    fake.balance = "99.00"
    fake.bills["2026-11-03"] = [bill_item("2026-11-03", "play.example-stream.com", "下行流量", PretaxGrossAmount=1.0)]
    fake.plans[0]["RemainingAmount"] = "600"
    fake.fail_action, fake.fail_with_success_false = action, success_false

    with pytest.raises(SyncError) as caught:
        sync_account(empty_store, policy, NOW + timedelta(hours=1), client)

    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{action} failed: ")
    assert ("InternalError" if success_false else "NotAuthorized: This API is not authorized for caller.") in message
    assert "request id FAKE-" in message
    assert snapshot(empty_store) == before


def test_a_throttled_or_failing_server_is_asked_again_after_growing_waits(
    empty_store: sessionmaker[Session], policy: Policy, fake: FakeBss, clock: FakeClock
) -> None:
    waits: list[float] = []
    client = BssClient(KEY, endpoint=fake.url, limiter=RecordingLimiter(clock), sleep=waits.append)
    fake.busy = [(400, "Throttling.User"), (503, "ServiceUnavailable")]
    sync_account(empty_store, policy, NOW, client, account_uid=UID)
    assert counts(empty_store) != (0, 0, 0)
    first, *_ = fake.actions()
    assert fake.actions()[:3] == [first] * 3  # the first call, asked three times
    assert len(waits) == 2
    assert 0.5 <= waits[0] <= 1.0 <= waits[1] <= 2.0  # doubling, with jitter

    fake.busy = [(400, "Throttling.User")] * 5
    with pytest.raises(SyncError, match=r"failed: Throttling.User: Request was denied due to flow control"):
        sync_account(empty_store, policy, NOW + timedelta(hours=1), client)
    assert len(waits) == 2 + 4  # five tries, then it gives up


def test_a_cancel_from_the_progress_callback_stores_nothing(
    empty_store: sessionmaker[Session], policy: Policy, client: BssClient
) -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == total:  # the last step runs inside the transaction
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sync_account(empty_store, policy, NOW, client, progress=progress, account_uid=UID)

    assert seen == [(done, 7) for done in range(1, 8)]  # balance, 3 days, orders, plans, write
    assert counts(empty_store) == (0, 0, 0)
    with empty_store() as session:
        assert session.scalar(select(func.count()).select_from(Account)) == 0


def test_a_value_that_is_not_exact_is_refused_and_nothing_is_stored(
    empty_store: sessionmaker[Session], policy: Policy, fake: FakeBss, client: BssClient
) -> None:
    fake.bills["2026-11-02"][0]["PretaxAmount"] = 0.1 + 0.2  # 0.30000000000000004: not an amount anyone wrote

    with pytest.raises(SyncError, match=r"DescribeInstanceBill 2026-11-02: PretaxAmount: .* more than 6 decimal"):
        sync_account(empty_store, policy, NOW, client, account_uid=UID)

    assert counts(empty_store) == (0, 0, 0)


def test_floats_become_decimals_through_their_text() -> None:
    assert float_amount(0.1, "x") == Decimal("0.1")
    assert float_amount(0.1, "x").as_tuple() == Decimal("0.1").as_tuple()
    assert float_amount(77.65, "x") == Decimal("77.65")
    assert float_amount(-12.5, "x") == Decimal("-12.5")
    assert float_amount(3, "x") == Decimal(3)
    assert float_amount(None, "x") == Decimal(0)
    for bad in (1e-7, float("nan"), float("inf"), True, "1,5", [1]):
        with pytest.raises(SyncError):
            float_amount(bad, "x")


def test_an_export_and_a_sync_of_the_same_line_do_not_duplicate(
    empty_store: sessionmaker[Session], policy: Policy, fake: FakeBss, client: BssClient
) -> None:
    """The CSV's line of 8 October (owed then) comes back from the API paid: it is updated, not doubled."""
    import_file(empty_store, SAMPLES / "billing-details-en.csv", policy, NOW)
    stored = counts(empty_store)[0]
    fake.bills = {
        "2026-10-08": [
            bill_item(
                "2026-10-08",
                "play.example-stream.com",
                "下行流量",
                PretaxGrossAmount=70.56,
                InvoiceDiscount=3.53,
                PretaxAmount=67.03,
                PaymentAmount=67.03,
            )
        ]
    }

    summary = sync_account(empty_store, policy, NOW, client, since="2026-10")

    assert (summary.bills.new, summary.bills.updated, summary.days) == (0, 1, 34)
    assert counts(empty_store)[0] == stored
    with empty_store() as session:
        line = session.scalars(select(BillLine).where(BillLine.bill_number == "20261008000064")).one()
        assert (line.outstanding, line.cash_payment, line.settled_at) == (Decimal(0), Decimal("67.03"), NOW)
        assert line.payment_time == datetime(2026, 10, 9, 0, 40, tzinfo=ZONE)  # kept from the export

    assert rollups_are_current(empty_store)
    again = sync_account(empty_store, policy, NOW, client, since="2026-10")
    assert not again.changed


def _synced_day(fake: FakeBss) -> None:
    """The API's line for the sample export's Downstream traffic of play.example-stream.com on 8 October."""
    fake.bills = {
        "2026-10-08": [
            bill_item(
                "2026-10-08",
                "play.example-stream.com",
                "下行流量",
                PretaxGrossAmount=70.56,
                InvoiceDiscount=3.53,
                PretaxAmount=67.03,
                OutstandingAmount=67.03,
            )
        ]
    }


def _hourly_export(path: Path) -> Path:
    """The English sample with its line of 8 October (70.56 gross) billed in two halves of the day."""
    header, *records = csv.reader(io.StringIO((SAMPLES / "billing-details-en.csv").read_text(encoding="utf-8")))
    column = {label: index for index, label in enumerate(header)}
    whole = next(record for record in records if record[column["Order/Bill Number"]] == "20261008000064")
    halves = []
    for half, (start, end, gross, discount, payable) in enumerate(
        [
            ("2026-10-08 00:00:00", "2026-10-08 12:00:00", "35.28", "1.77", "33.51"),
            ("2026-10-08 12:00:00", "2026-10-09 00:00:00", "35.28", "1.76", "33.52"),
        ]
    ):
        record = list(whole)
        cells = {
            "Order/Bill Number": f"20261008000064{half}",
            "Usage Start Time": start,
            "Usage End Time": end,
            "Pretax Gross Amount": gross,
            "Invoice Discount": discount,
            "Pretax Amount": payable,
            "Outstanding Amount": payable,
        }
        for label, value in cells.items():
            record[column[label]] = value
        halves.append(record)
    records[records.index(whole) : records.index(whole) + 1] = halves
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *records])
    return path


def _day_totals(store: sessionmaker[Session]) -> tuple[int, Decimal, Decimal]:
    """Lines, gross and payable of 8 October, from the lines and (equally) from the rollups."""
    with store() as session:
        day = date(2026, 10, 8)
        lines = session.execute(
            select(func.count(), func.sum(BillLine.pretax_gross), func.sum(BillLine.pretax_amount)).where(
                BillLine.usage_day == day
            )
        ).one()
        rolled = session.execute(
            select(func.sum(BillRollup.lines), func.sum(BillRollup.gross), func.sum(BillRollup.payable)).where(
                BillRollup.day == day, BillRollup.dimension == "billing-item"
            )
        ).one()
    assert tuple(lines) == tuple(rolled)
    return lines[0], Decimal(lines[1]), Decimal(lines[2])


@pytest.mark.parametrize("hourly", [False, True], ids=["daily export", "hourly export"])
def test_a_sync_before_the_export_is_replaced_by_the_import(
    empty_store: sessionmaker[Session],
    policy: Policy,
    fake: FakeBss,
    client: BssClient,
    tmp_path: Path,
    hourly: bool,
) -> None:
    export = _hourly_export(tmp_path / "hourly.csv") if hourly else SAMPLES / "billing-details-en.csv"
    reference = open_store(f"sqlite:///{tmp_path / 'export-only.sqlite3'}")
    import_file(reference, export, policy, NOW)
    _synced_day(fake)
    sync_account(empty_store, policy, NOW, client, since="2026-10", account_uid=UID)

    import_file(empty_store, export, policy, NOW)

    assert counts(empty_store)[0] == counts(reference)[0]
    assert _day_totals(empty_store) == _day_totals(reference)
    assert rollups_are_current(empty_store)
    with empty_store() as session:
        synthetic = session.scalar(select(func.count()).where(BillLine.bill_number.like("BSS-202610%")))
        assert synthetic == 0
    summary = sync_account(empty_store, policy, NOW, client, since="2026-10")
    assert summary.bills_replaced == 0
    assert counts(empty_store)[0] == counts(reference)[0]
    reference.kw["bind"].dispose()


def test_a_sync_after_an_hourly_export_adds_nothing_for_its_day(
    empty_store: sessionmaker[Session], policy: Policy, fake: FakeBss, client: BssClient, tmp_path: Path
) -> None:
    """The export bills the day in two lines the API bills in one: the export's lines stand, nothing is added."""
    import_file(empty_store, _hourly_export(tmp_path / "hourly.csv"), policy, NOW)
    before = (counts(empty_store)[0], _day_totals(empty_store))
    _synced_day(fake)

    summary = sync_account(empty_store, policy, NOW, client, since="2026-10")

    assert (summary.bills.new, summary.bills.updated, summary.bills_skipped) == (0, 0, 1)
    assert (counts(empty_store)[0], _day_totals(empty_store)) == before
    assert rollups_are_current(empty_store)


def test_an_import_keeps_synced_lines_that_no_exported_line_covers(
    empty_store: sessionmaker[Session], policy: Policy, fake: FakeBss, client: BssClient
) -> None:
    """Another region of the same instance, billing item and day is another charge: it stays."""
    _synced_day(fake)
    fake.bills["2026-10-08"].append(
        bill_item("2026-10-08", "play.example-stream.com", "下行流量", region="亚太1区", PretaxGrossAmount=1.0)
    )
    sync_account(empty_store, policy, NOW, client, since="2026-10", account_uid=UID)

    import_file(empty_store, SAMPLES / "billing-details-en.csv", policy, NOW)

    with empty_store() as session:
        kept = session.scalars(select(BillLine.region).where(BillLine.bill_number.like("BSS-%"))).all()
    assert kept == ["Asia Pacific 1"]
    assert rollups_are_current(empty_store)


def test_orders_keep_what_only_an_import_knows(
    empty_store: sessionmaker[Session], policy: Policy, fake: FakeBss, client: BssClient
) -> None:
    import_file(empty_store, SAMPLES / "billing-details-en.csv", policy, NOW)
    import_file(empty_store, SAMPLES / "orders.csv", policy, NOW)
    fake.orders = [order("2026110100001", "2026-11-01T01:12:00Z", "120.00", "120.00")]

    summary = sync_account(empty_store, policy, NOW, client)

    assert (summary.orders.new, summary.orders.updated, summary.orders.unchanged) == (0, 0, 1)
    with empty_store() as session:
        kept = session.scalars(select(Order).where(Order.order_id == "2026110100001")).one()
        assert (kept.item_kind, kept.cash, kept.vouchers, kept.instance_id) == (
            "ResourcePlan",
            Decimal("100.00"),
            Decimal("20.00"),
            "plan-dt-001",
        )


def test_since_is_checked() -> None:
    assert billing_days("2026-10", NOW, ZONE)[0] == date(2026, 10, 1)
    assert billing_days(None, NOW, ZONE) == [date(2026, 11, day) for day in (1, 2, 3)]
    assert billing_days("2025-06", NOW, ZONE)[0] == date(2025, 6, 1)  # 18 cycles, this one included
    for since, why in (("2025-05", "18 months"), ("2026-12", "after the current month"), ("2026-13", "YYYY-MM")):
        with pytest.raises(SyncError, match=why):
            billing_days(since, NOW, ZONE)


# --- the endpoint and the rate -------------------------------------------------------------------


def test_the_endpoint_follows_the_site() -> None:
    assert BssClient(KEY).endpoint == "business.aliyuncs.com" == ENDPOINTS["china"]
    assert BssClient(KEY, site="international").endpoint == "business.ap-southeast-1.aliyuncs.com"
    assert BssClient(KEY, site="international").protocol == "https"
    with pytest.raises(SyncError, match="unknown site"):
        BssClient(KEY, site="mars")
    with pytest.raises(SyncError, match="plain http"):
        BssClient(KEY, endpoint="http://example.com")


def test_the_rate_limiter_never_allows_more_than_ten_calls_in_a_second(clock: FakeClock) -> None:
    limiter = RateLimiter(clock=clock.clock, sleep=clock.sleep)
    moments = []
    for index in range(95):
        moments.append(limiter.acquire())
        clock.now += 0.013 * (index % 7)  # irregular work between calls, sometimes none
        if index == 40:
            clock.now += 3.0  # an idle spell: a token bucket would now let a double burst through

    assert most_in_one_second(moments) == 10
    assert moments == sorted(moments)
    assert clock.slept > 0
    assert moments[-1] - moments[0] < 13.5  # and it is not slower than it must be


def test_the_sync_goes_through_the_limiter(
    empty_store: sessionmaker[Session], policy: Policy, fake: FakeBss, clock: FakeClock
) -> None:
    limiter = RecordingLimiter(clock)
    client = BssClient(KEY, endpoint=fake.url, limiter=limiter)

    sync_account(empty_store, policy, NOW, client, since="2026-10", account_uid=UID)

    assert len(limiter.moments) == len(fake.seen) == client.calls == 38  # 1 + 31 + 4 + 1 + 1
    assert most_in_one_second(limiter.moments) == 10
    assert clock.slept >= 2.7


# --- the AccessKey -------------------------------------------------------------------------------


def test_the_access_key_lives_in_the_keyring_only(memory_keyring: MemoryKeyring) -> None:
    save_access_key(UID, KEY)
    assert load_access_key(UID) == KEY
    assert list(memory_keyring.entries) == [(SERVICE, UID)]
    assert CANARY not in repr(KEY)
    assert CANARY not in str(KEY)
    assert CANARY not in repr(BssClient(KEY))
    assert delete_access_key(UID)
    assert not delete_access_key(UID)
    with pytest.raises(CredentialsError, match="no AccessKey for account"):
        load_access_key(UID)


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), ForgetfulKeyring()], ids=type)
def test_without_a_usable_keyring_the_secret_is_not_stored(
    backend: KeyringBackend, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    keyring.set_keyring(backend)
    try:
        with pytest.raises(CredentialsError, match="NOT stored"):
            save_access_key(UID, KEY)
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{KEY.key_id}\n{CANARY}\n"))
        code = main(["--db", f"sqlite:///{tmp_path / 'store.sqlite3'}", "credentials", "set", "--account", UID])
    finally:
        keyring.set_keyring(fail.Keyring())
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert "NOT stored" in err
    assert CANARY not in err


def test_the_secret_never_leaves_the_keyring(
    memory_keyring: MemoryKeyring,
    fake: FakeBss,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A whole session (store the key, sync, sync again, a failed sync) through the command line."""
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("DEBUG", "sdk")  # the SDK's own HTTP debug log, too
    today = clock_now().astimezone(ZONE).date().isoformat()  # the day the command line lives in
    fake.bills = {today: [bill_item(today, "play.example-stream.com", "下行流量", PretaxGrossAmount=0.1)]}
    path = tmp_path / "canary.sqlite3"
    db = ["--db", f"sqlite:///{path}"]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{KEY.key_id}\n{CANARY}\n"))

    assert main([*db, "credentials", "set", "--account", UID]) == 0
    assert main([*db, "sync", "--account", UID, "--endpoint", fake.url]) == 0
    assert main([*db, "sync", "--endpoint", fake.url]) == 0
    fake.fail_action = "QueryAccountBalance"
    assert main([*db, "sync", "--endpoint", fake.url]) == 2

    out, err = capsys.readouterr()
    assert "LTAI…ey01 stored for account" in out
    assert "1 new" in out
    assert "0 new" in out
    assert err.startswith("error: QueryAccountBalance failed: NotAuthorized")
    assert err.count("\n") == 1
    # The whole store, while a connection is open and the WAL file exists, then closed.
    store = open_store(f"sqlite:///{path}")
    with store() as session:
        assert session.scalar(select(func.count()).select_from(BillLine)) == 1
        files = sorted(tmp_path.glob("canary.sqlite3*"))
        assert "canary.sqlite3-wal" in [file.name for file in files]
        contents = {file.name: file.read_bytes() for file in files}
    store.kw["bind"].dispose()
    contents.update({f"{file.name} (closed)": file.read_bytes() for file in tmp_path.glob("canary.sqlite3*")})
    secret = CANARY.encode()
    for name, data in contents.items():
        assert secret not in data, name
        assert CANARY.encode("utf-16-le") not in data, name
    assert CANARY not in out + err
    assert CANARY not in caplog.text
    assert all(CANARY not in repr(record.args) for record in caplog.records)
    # Not even on the wire: requests carry the key ID and a signature, never the secret.
    assert fake.seen
    assert all(secret not in seen.raw for seen in fake.seen)
    assert all(f"Credential={KEY.key_id}" in seen.headers["authorization"] for seen in fake.seen)
    assert memory_keyring.entries[(SERVICE, UID)].count(CANARY) == 1


def test_sync_without_a_key_in_the_keyring_says_how_to_add_one(
    memory_keyring: MemoryKeyring, fake: FakeBss, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", f"sqlite:///{tmp_path / 's.sqlite3'}", "sync", "--account", UID, "--endpoint", fake.url])

    _, err = capsys.readouterr()
    assert code == 2
    assert err == (
        f"error: no AccessKey for account {UID} in the keyring; store one with "
        f"`python -m desktop credentials set --account {UID}` (it reads the ID and secret from stdin); "
        "nor did Alibaba Cloud's default credential chain find one (environment variables, "
        "~/.alibabacloud/credentials, an ECS RAM role)\n"
    )
    assert fake.seen == []


def test_without_a_keyring_sync_takes_the_access_key_from_the_environment(fake: FakeBss, tmp_path: Path) -> None:
    """On a server or in a container there is no keyring: the official default credential chain has the key."""
    environment = os.environ | {
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "ALIBABA_CLOUD_ACCESS_KEY_ID": KEY.key_id,
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": KEY.secret,
    }
    command = [sys.executable, "-m", "desktop", "--db", f"sqlite:///{tmp_path / 's.sqlite3'}"]
    command += ["sync", "--account", UID, "--endpoint", fake.url]
    result = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == (
        f"AccessKey {KEY.masked_id} from the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET"
    )
    assert fake.seen
    assert all(f"Credential={KEY.key_id}" in seen.headers["authorization"] for seen in fake.seen)
    assert KEY.secret not in result.stdout
