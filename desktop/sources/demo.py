"""A realistic, deterministic demo account, so that a first start shows something true to life.

Everything is placed relative to the moment the demo is made: three streaming domains, bill lines
for every day since the start of the month three months back, five-minute usage samples for the
last 30 days, orders of every kind with mixed payments, licenses, resource plans, promotions, and
unpaid bills that put the account in its grace period, a few days before suspension.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.billing import line_key
from desktop.domain.kinds import RefundState
from desktop.domain.policy import Policy
from desktop.store.models import (
    ZERO,
    Account,
    BillLine,
    Gift,
    License,
    Order,
    ResourcePlan,
    UsageRecord,
)
from desktop.store.refunds import request_refund
from desktop.store.rollups import rebuild_rollups
from desktop.store.usage_rollups import rebuild_usage_rollups

ZONE = ZoneInfo("Asia/Shanghai")
ACCOUNT_UID = "1886420012345678"
ACCOUNT_NAME = "finance@example-stream.com"
CENT = Decimal("0.01")
SEED = 20261126
USAGE_DAYS = 30
UNPAID_DAYS = 11
"""Bills deducted in the last eleven days are unpaid: suspension comes about four days later."""
SLOT = timedelta(minutes=5)
MONTHLY_VOUCHER = Decimal("600.00")


# Purchases, relative to the day the demo is made. Each row: days ago, hour, item kind, order type,
# status, gross, payable, cash, vouchers, coupons, prepaid card, method, method still valid, instance,
# promotion (terms, last day in days from today), gifts (kind, amount, days).
class _Purchase(NamedTuple):
    days_ago: int
    hour: int
    kind: str
    order_type: str
    status: str
    gross: str
    payable: str
    cash: str
    vouchers: str
    coupons: str
    prepaid: str
    method: str
    method_valid: bool
    instance: str
    promotion: tuple[str, int | None] | None
    gifts: tuple[tuple[str, Decimal | None, int | None], ...]


# fmt: off
ORDERS = tuple(_Purchase(*row) for row in (
    (120, 10, "PayAsYouGo", "New", "Paid", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "AccountBalance", True,
     "play.example-stream.com", None, ()),
    (70, 10, "ResourcePlan", "New", "Paid", "120.00", "120.00", "100.00", "20.00", "0.00", "0.00", "AccountBalance",
     True, "plan-dt-001", None, ()),
    (20, 10, "ResourcePlan", "New", "Paid", "95.00", "95.00", "95.00", "0.00", "0.00", "0.00", "CreditCard", False,
     "plan-dt-002", None, ()),
    (60, 10, "SdkLicense", "New", "Paid", "599.00", "599.00", "599.00", "0.00", "0.00", "0.00", "CreditCard", True,
     "lic-push-001", None, ()),
    (10, 10, "SdkLicense", "New", "Paid", "599.00", "499.00", "499.00", "0.00", "100.00", "0.00", "DebitCard", True,
     "lic-player-001", None, ()),
    (40, 10, "QueenSdkYearly", "New", "Paid", "2999.00", "2999.00", "2999.00", "0.00", "0.00", "0.00",
     "BankTransfer", True, "lic-queen-001", None, ()),
    (58, 10, "ResourcePlan", "New", "Paid", "300.00", "300.00", "250.00", "0.00", "0.00", "50.00", "AccountBalance",
     True, "plan-tc-003", None, ()),
    (15, 10, "ResourcePlan", "New", "Paid", "600.00", "480.00", "480.00", "0.00", "120.00", "0.00", "AccountBalance",
     True, "plan-dt-004", ("full-refund-until", 5), (("voucher", Decimal("50.00"), None), ("extension", None, 30))),
    (15, 11, "ResourcePlan", "New", "Paid", "200.00", "160.00", "160.00", "0.00", "40.00", "0.00", "AccountBalance",
     True, "plan-tc-005", ("no-refund", None), ()),
    (85, 10, "Other", "New", "Paid", "85.00", "85.00", "85.00", "0.00", "0.00", "0.00", "AccountBalance", True,
     "drm-pack-001", None, ()),
    (80, 10, "Other", "Refund", "Paid", "85.00", "85.00", "85.00", "0.00", "0.00", "0.00", "AccountBalance", True,
     "drm-pack-001", None, ()),
    (2, 10, "QueenSdkYearly", "Renew", "Unpaid", "2999.00", "2999.00", "0.00", "0.00", "0.00", "0.00",
     "AccountBalance", True, "lic-queen-001", None, ()),
    (3, 10, "ResourcePlan", "New", "Cancelled", "120.00", "120.00", "0.00", "0.00", "0.00", "0.00", "AccountBalance",
     True, "plan-dt-006", None, ()),
))
# instance, SDK, status, activated (days ago), expires (days from today), license type
LICENSES = (
    ("lic-push-001", "Push", "Activated", 59, 306, "Official"),
    ("lic-player-001", "Player", "NotActivated", None, 355, "Official"),
    ("lic-queen-001", "Queen", "Activated", 39, 326, "Official"),
    ("lic-trial-001", "Push", "Expired", 100, -70, "Trial"),
)
# instance, package, region, valid days, total, remaining, unit, associated license (R4)
PLANS = (
    ("plan-dt-001", "General-purpose data transfer plan", None, 365, "1024", "512", "GB", None),
    ("plan-dt-002", "Regional data transfer plan", "Chinese mainland", 180, "500", "500", "GB", None),
    ("plan-tc-003", "Transcoding plan", None, 365, "1000", "1000", "hour", "lic-push-001"),
    ("plan-dt-004", "General-purpose data transfer plan", None, 365, "5120", "4870", "GB", None),
    ("plan-tc-005", "Transcoding plan", None, 365, "500", "500", "hour", None),
)
# fmt: on
PURCHASE_ITEMS = {
    "ResourcePlan": "Resource plan",
    "SdkLicense": "SDK license",
    "QueenSdkYearly": "Queen SDK yearly subscription",
    "Other": "Live DRM license pack",
}


@dataclass(frozen=True)
class Domain:
    name: str
    region: str
    billing: str  # "traffic" or "bandwidth": how its downstream delivery is billed (DOMAIN §4)
    peak_mbps: int  # the evening peak of an ordinary weekday
    traffic_price: Decimal


DOMAINS = (
    Domain("play.example-stream.com", "Chinese mainland", "traffic", 820, Decimal("0.24")),
    Domain("live-sg.example-stream.com", "Asia Pacific 1", "traffic", 310, Decimal("0.36")),
    Domain("edu.example-stream.com", "Chinese mainland", "bandwidth", 460, Decimal("0.24")),
)
BANDWIDTH_PRICE = Decimal("0.55")  # CNY per Mbit/s of daily peak
TRANSCODING = ("Narrowband HD transcoding 720P", Decimal("0.0525"))
TRANSCODING_1080 = ("Standard transcoding 1080P", Decimal("0.0615"))
SNAPSHOT_PRICE = Decimal("0.1")  # CNY per 1,000 snapshots
RECORDING_PRICE = Decimal("0.016")  # CNY per recorded minute


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def local(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


class _Traffic:
    """Five-minute bandwidth samples of one domain: a daily curve with an evening peak."""

    def __init__(self, domain: Domain, rng: random.Random) -> None:
        self.domain = domain
        self.rng = rng

    def day(self, day: date) -> list[Decimal]:
        weekend = 1.25 if day.weekday() >= 5 else 1.0
        trend = 1.0 + 0.002 * (day.toordinal() % 365)
        samples = []
        for slot in range(288):
            hour = slot / 12
            curve = 0.18 + 0.82 * math.exp(-(((hour - 20.5) / 3.2) ** 2)) + 0.2 * math.exp(-(((hour - 12.5) / 2) ** 2))
            noise = 1 + self.rng.uniform(-0.06, 0.06)
            mbps = self.domain.peak_mbps * curve * weekend * trend * noise
            samples.append(Decimal(f"{mbps:.3f}"))
        return samples


def gigabytes(mbps: Decimal) -> Decimal:
    """Traffic of a five-minute slot at `mbps`: 300 s × Mbit/s ÷ 8 = MB, ÷ 1,024 = GB (DOMAIN §4)."""
    return (mbps * 300 / 8 / 1024).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


@dataclass
class _Wallet:
    """How the demo pays its daily bills: a monthly voucher, a prepaid card in the first month, cash."""

    voucher_month: str = ""
    voucher_left: Decimal = ZERO
    prepaid_left: Decimal = Decimal("300.00")

    def vouchers_for(self, cycle: str, payable: Decimal) -> Decimal:
        """A voucher of CNY 600 a month covers a tenth of each bill until it is spent."""
        if cycle != self.voucher_month:
            self.voucher_month, self.voucher_left = cycle, MONTHLY_VOUCHER
        used = min(self.voucher_left, money(payable / 10))
        self.voucher_left -= used
        return used


class DemoBuilder:
    """Fills an empty store with the demo account as of `now`."""

    def __init__(self, session: Session, now: datetime, policy: Policy) -> None:
        if now.tzinfo is None:
            raise ValueError("the demo's moment must be timezone-aware")
        self.session = session
        self.policy = policy
        self.now = now
        self.today = now.astimezone(ZONE).date()
        self.rng = random.Random(SEED)
        self.first_day = _month_start(self.today, back=3)
        self.unpaid_from = local(self.today - timedelta(days=UNPAID_DAYS), 0, 40)
        self.wallet = _Wallet()
        self.sequence = 0

    def build(self) -> Account:
        account = Account(
            uid=ACCOUNT_UID,
            name=ACCOUNT_NAME,
            currency="CNY",
            timezone=ZONE.key,
            site="china",
            balance=Decimal("0.00"),
            balance_at=self.now,
        )
        self.session.add(account)
        self.session.flush()
        self._usage_and_bills(account)
        self._purchases(account)
        self.session.flush()
        rebuild_rollups(self.session, account.id)
        rebuild_usage_rollups(self.session, account.id)
        return account

    # Usage and the daily pay-as-you-go bills that it produces.

    def _bill_days(self) -> Iterator[date]:
        day = self.first_day
        while local(day + timedelta(days=1), 0, 40) <= self.now:
            yield day
            day += timedelta(days=1)

    def _usage_and_bills(self, account: Account) -> None:
        curves = [_Traffic(domain, self.rng) for domain in DOMAINS]
        usage_from = self.today - timedelta(days=USAGE_DAYS)
        for day in self._bill_days():
            usage_rows: list[dict[str, object]] = []
            for curve in curves:
                samples = curve.day(day)
                if day >= usage_from:
                    usage_rows.extend(self._usage_rows(account, curve.domain, day, samples))
                self._daily_bills(account, curve.domain, day, samples)
            if usage_rows:
                self.session.execute(insert(UsageRecord), usage_rows)

    def _usage_rows(
        self, account: Account, domain: Domain, day: date, samples: list[Decimal]
    ) -> Iterator[dict[str, object]]:
        start = local(day)
        for slot, mbps in enumerate(samples):
            begin = start + slot * SLOT
            common = {
                "account_id": account.id,
                "start": begin,
                "end": begin + SLOT,
                "instance_id": domain.name,
                "region": domain.region,
            }
            yield {**common, "billing_item": "Peak bandwidth", "usage": mbps, "unit": "Mbps"}
            yield {**common, "billing_item": "Downstream traffic", "usage": gigabytes(mbps), "unit": "GB"}

    def _daily_bills(self, account: Account, domain: Domain, day: date, samples: list[Decimal]) -> None:
        if domain.billing == "traffic":
            traffic = sum((gigabytes(mbps) for mbps in samples), ZERO).quantize(Decimal("0.001"))
            planned = traffic / 2 if domain.name.startswith("play") and day.month == self.today.month else ZERO
            planned = planned.quantize(Decimal("0.001"))
            self._bill(
                account,
                domain,
                day,
                "Downstream traffic",
                "Pay-by-traffic",
                domain.traffic_price,
                "CNY/GB",
                traffic,
                "GB",
                planned,
                discount_rate=Decimal("0.05"),
            )
        else:
            peak = max(samples)
            self._bill(
                account,
                domain,
                day,
                "Peak bandwidth",
                "Pay-by-bandwidth",
                BANDWIDTH_PRICE,
                "CNY/Mbps/day",
                peak,
                "Mbps",
            )
        name, price = TRANSCODING_1080 if domain.name.startswith("edu") else TRANSCODING
        minutes = Decimal(self.rng.randint(600, 1100))
        self._bill(account, domain, day, name, "Pay-by-usage", price, "CNY/minute", minutes, "minute")
        snapshots = Decimal(self.rng.randint(30_000, 90_000)) / 1000
        self._bill(
            account,
            domain,
            day,
            "Live snapshots",
            "Pay-by-usage",
            SNAPSHOT_PRICE,
            "CNY/1000 snapshots",
            snapshots,
            "1000 snapshots",
        )
        if domain.name.startswith("edu"):
            recorded = Decimal(self.rng.randint(900, 1400))
            self._bill(
                account,
                domain,
                day,
                "Live recording",
                "Pay-by-usage",
                RECORDING_PRICE,
                "CNY/minute",
                recorded,
                "minute",
            )

    def _bill(
        self,
        account: Account,
        domain: Domain,
        day: date,
        item: str,
        billing_type: str,
        price: Decimal,
        price_unit: str,
        usage: Decimal,
        unit: str,
        planned: Decimal = ZERO,
        discount_rate: Decimal = ZERO,
    ) -> None:
        gross = money((usage - planned) * price)
        discount = money(gross * discount_rate)
        payable = gross - discount
        deducted = local(day + timedelta(days=1), 0, 40)
        vouchers = self.wallet.vouchers_for(f"{day:%Y-%m}", payable)
        prepaid = ZERO
        if day.month == self.first_day.month:
            prepaid = min(self.wallet.prepaid_left, payable - vouchers)
            self.wallet.prepaid_left -= prepaid
        rest = payable - vouchers - prepaid
        unpaid = deducted >= self.unpaid_from
        self.sequence += 1
        number = f"{day:%Y%m%d}{self.sequence:06d}"
        self.session.add(
            BillLine(
                account_id=account.id,
                line_key=line_key(number, domain.name, item, local(day)),
                billing_cycle=f"{day:%Y-%m}",
                **_product_columns(account),
                subscription_type="Pay-As-You-Go",
                payment_time=deducted,
                usage_start=local(day),
                usage_end=local(day + timedelta(days=1)),
                service_duration="1",
                bill_number=number,
                bill_type="PayAsYouGoBill",
                billing_type=billing_type,
                instance_id=domain.name,
                resource_group="Default resource group",
                instance_tag="key:env value:prod",
                region=domain.region,
                billing_item=item,
                list_price=price,
                list_price_unit=price_unit,
                usage=usage,
                usage_unit=unit,
                deducted_by_resource_plans=planned,
                pretax_gross=gross,
                invoice_discount=discount,
                coupon_deduction=ZERO,
                pretax_amount=payable,
                cash_payment=ZERO if unpaid else rest,
                voucher_deduction=vouchers,
                prepaid_card=prepaid,
                outstanding=rest if unpaid else ZERO,
                deducted_at=deducted,
                usage_day=day,
            )
        )

    # Orders, licenses, resource plans, gifts and refund requests.

    def _purchases(self, account: Account) -> None:
        orders = [self._order(account, number, spec) for number, spec in enumerate(ORDERS, start=1)]
        by_instance = {order.instance_id: order for order in orders if order.order_type == "New"}
        refunded = by_instance["drm-pack-001"]
        refund_order = next(order for order in orders if order.order_type == "Refund")
        refund_order.related_order_id = refunded.order_id
        self.session.add_all(orders)
        for order in orders:
            if order.payment_status == "Paid" and order.pretax_gross:
                self.session.add(self._subscription_bill(account, order))
        for instance, sdk, status, activated, expires_in, license_type in LICENSES:
            bought = by_instance.get(instance)
            self.session.add(
                License(
                    account_id=account.id,
                    instance_id=instance,
                    application="StreamApp",
                    sdk_type=sdk,
                    license_type=license_type,
                    status=status,
                    activated_at=None if activated is None else self._days_ago(activated),
                    expires_at=self._days_ago(-expires_in),
                    order_id=bought.order_id if bought else None,
                )
            )
        for instance, package, region, valid_days, total, remaining, unit, license_id in PLANS:
            bought = by_instance[instance]
            assert bought.paid_at is not None
            self.session.add(
                ResourcePlan(
                    account_id=account.id,
                    instance_id=instance,
                    package_type=package,
                    region=region,
                    status="Available",
                    effective_at=bought.paid_at,
                    expires_at=bought.paid_at + timedelta(days=valid_days),
                    total=Decimal(total),
                    total_unit=unit,
                    remaining=Decimal(remaining),
                    remaining_unit=unit,
                    order_id=bought.order_id,
                    license_instance_id=license_id,
                )
            )
        self.session.flush()
        # Requests go through the same quote as the refund dialog: amounts and dates agree.
        credited = request_refund(
            self.session, refunded.order_id, self._days_ago(80, 9), self.policy, RefundState.CREDITED
        )
        if credited.arrival_earliest is not None:
            credited.credited_at = local(credited.arrival_earliest, 15)
        request_refund(
            self.session, by_instance["plan-dt-002"].order_id, self._days_ago(1), self.policy, RefundState.PROCESSING
        )

    def _days_ago(self, days: int, hour: int = 10) -> datetime:
        return local(self.today - timedelta(days=days), hour)

    def _order(self, account: Account, number: int, bought: _Purchase) -> Order:
        created = self._days_ago(bought.days_ago, bought.hour)
        terms, until_in = bought.promotion or (None, None)
        return Order(
            account_id=account.id,
            order_id=f"{created.astimezone(ZONE):%Y%m%d}{number:05d}",
            order_type=bought.order_type,
            payment_status=bought.status,
            created_at=created,
            paid_at=created if bought.status == "Paid" else None,
            product_code="live",
            subscription_type="PayAsYouGo" if bought.kind == "PayAsYouGo" else "Subscription",
            currency="CNY",
            pretax_gross=Decimal(bought.gross),
            pretax_amount=Decimal(bought.payable),
            cash=Decimal(bought.cash),
            vouchers=Decimal(bought.vouchers),
            coupons=Decimal(bought.coupons),
            prepaid_card=Decimal(bought.prepaid),
            payment_method=bought.method,
            payment_method_valid=bought.method_valid,
            item_kind=bought.kind,
            instance_id=bought.instance,
            promotion_terms=terms,
            promotion_until=None if until_in is None else self.today + timedelta(days=until_in),
            gifts=[Gift(kind=kind, amount=amount, days=length) for kind, amount, length in bought.gifts],
        )

    def _subscription_bill(self, account: Account, order: Order) -> BillLine:
        """What a paid purchase (or its refund, negative) adds to the Billing Details."""
        assert order.paid_at is not None
        sign = -1 if order.order_type == "Refund" else 1
        bill_type = "Refund" if sign < 0 else "SubscriptionOrder"
        return BillLine(
            account_id=account.id,
            line_key=line_key(order.order_id, order.instance_id, order.item_kind, order.paid_at),
            billing_cycle=f"{order.paid_at.astimezone(ZONE):%Y-%m}",
            **_product_columns(account),
            subscription_type="Subscription",
            payment_time=order.paid_at,
            usage_start=order.paid_at,
            bill_number=order.order_id,
            bill_type=bill_type,
            billing_type="Subscription",
            instance_id=order.instance_id,
            resource_group="Default resource group",
            region="Chinese mainland",
            billing_item=PURCHASE_ITEMS[order.item_kind],
            pretax_gross=sign * order.pretax_gross,
            coupon_deduction=sign * order.coupons,
            pretax_amount=sign * order.pretax_amount,
            cash_payment=sign * order.cash,
            voucher_deduction=sign * order.vouchers,
            prepaid_card=sign * order.prepaid_card,
            deducted_at=order.paid_at,
            usage_day=order.paid_at.astimezone(ZONE).date(),
        )


def _product_columns(account: Account) -> dict[str, str]:
    """What every ApsaraVideo Live bill line of the account says about who and what."""
    return {
        "cost_center": "Unallocated",
        "account_uid": account.uid,
        "account_name": account.name,
        "owner_account_name": account.name,
        "product_code": "live",
        "product_name": "ApsaraVideo Live",
        "product_detail_code": "live",
        "product_detail": "ApsaraVideo Live",
    }


def _month_start(day: date, back: int) -> date:
    month_index = day.year * 12 + day.month - 1 - back
    return date(month_index // 12, month_index % 12 + 1, 1)


def build_demo(session: Session, now: datetime, policy: Policy) -> Account:
    """Fill `session`'s (empty) store with the demo account as of `now`; the caller commits."""
    return DemoBuilder(session, now, policy).build()


def fill_demo_if_empty(store: sessionmaker[Session], now: datetime, policy: Policy) -> bool:
    """Create the demo account in a store that holds no account yet; True if it did."""
    with store.begin() as session:
        if session.scalar(select(Account.id).limit(1)) is not None:
            return False
        build_demo(session, now, policy)
    return True
