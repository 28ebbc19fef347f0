"""The five sample orders (values copied from shared/samples/orders.csv and its companions)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.kinds import (
    GiftKind,
    ItemKind,
    LicenseStatus,
    OrderType,
    PaymentMethod,
    PaymentStatus,
    PromotionTerms,
)
from desktop.domain.policy import Policy
from desktop.domain.refunds import Gift, LicenseFacts, OrderFacts, PlanFacts, Promotion, quote_refund

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)


def local(text: str) -> datetime:
    """Sample times carry no zone: they are in the account's zone (samples README)."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def order(
    order_id: str,
    item_kind: ItemKind,
    paid: str,
    amounts: tuple[str, str, str, str, str, str],
    method: PaymentMethod,
    **extra: object,
) -> OrderFacts:
    gross, payable, cash, vouchers, coupons, prepaid = (Decimal(a) for a in amounts)
    return OrderFacts(
        order_id=order_id,
        order_type=OrderType.NEW,
        payment_status=PaymentStatus.PAID,
        item_kind=item_kind,
        currency="CNY",
        created_at=local(paid),
        paid_at=local(paid),
        pretax_gross=gross,
        pretax_amount=payable,
        cash=cash,
        vouchers=vouchers,
        coupons=coupons,
        prepaid_card=prepaid,
        payment_method=method,
        payment_method_valid=True,
        **extra,  # type: ignore[arg-type]
    )


PLAN_DT_001 = PlanFacts(
    "plan-dt-001", Decimal(1024), Decimal("640.5"), local("2026-11-01 09:12:00"), local("2027-11-01 00:00:00"), None
)
PLAN_TC_002 = PlanFacts(
    "plan-tc-002", Decimal(1000), Decimal(1000), local("2026-11-07 16:45:00"), local("2027-11-07 00:00:00"), None
)
LIC_PUSH_001 = LicenseFacts("lic-push-001", LicenseStatus.ACTIVATED, local("2026-11-04 09:00:00"))
LIC_QUEEN_001 = LicenseFacts("lic-queen-001", LicenseStatus.NOT_ACTIVATED, None)

DATA_PLAN = order(
    "2026110100001",
    ItemKind.RESOURCE_PLAN,
    "2026-11-01 09:12:00",
    ("120.00", "120.00", "100.00", "20.00", "0.00", "0.00"),
    PaymentMethod.ACCOUNT_BALANCE,
    plan=PLAN_DT_001,
)
PUSH_LICENSE = order(
    "2026110300002",
    ItemKind.SDK_LICENSE,
    "2026-11-03 14:00:00",
    ("599.00", "599.00", "599.00", "0.00", "0.00", "0.00"),
    PaymentMethod.CREDIT_CARD,
    license=LIC_PUSH_001,
)
QUEEN_YEARLY = order(
    "2026110500003",
    ItemKind.QUEEN_SDK_YEARLY,
    "2026-11-05 11:30:00",
    ("2999.00", "2999.00", "2999.00", "0.00", "0.00", "0.00"),
    PaymentMethod.BANK_TRANSFER,
    license=LIC_QUEEN_001,
)
TRANSCODING_PLAN = order(
    "2026110700004",
    ItemKind.RESOURCE_PLAN,
    "2026-11-07 16:45:00",
    ("300.00", "250.00", "250.00", "0.00", "50.00", "0.00"),
    PaymentMethod.ACCOUNT_BALANCE,
    plan=PLAN_TC_002,
    promotion=Promotion(PromotionTerms.STANDARD),
    gifts=(Gift(GiftKind.VOUCHER, amount=Decimal("30.00")), Gift(GiftKind.EXTENSION, days=30)),
)
PAY_AS_YOU_GO = order(
    "2026111000005",
    ItemKind.PAY_AS_YOU_GO,
    "2026-11-10 00:00:00",
    ("0.00", "0.00", "0.00", "0.00", "0.00", "0.00"),
    PaymentMethod.ACCOUNT_BALANCE,
)


def test_sample_data_transfer_plan_refunds_cash_minus_list_price_consumption(policy: Policy) -> None:
    # 383.5 of 1024 GB used: 0.37451171875 x 120.00 = 44.94140625 -> 44.94
    quote = quote_refund(DATA_PLAN, AT, policy)
    assert quote.to_json() == {
        "order_id": "2026110100001",
        "at": "2026-11-25T10:00:00+08:00",
        "eligible": True,
        "rules": [{"id": rule_id, "text": policy.rule_text(rule_id)} for rule_id in ("R1", "R7", "R8", "R9", "R10")],
        "refundable": "55.06",
        "currency": "CNY",
        "non_refundable": [
            {"kind": "voucher", "amount": "20.00", "rule": "R1", "in_payable": True},
            {"kind": "consumed_value", "amount": "44.94", "rule": "R7", "in_payable": True},
        ],
        "voided_gifts": [],
        "destination": "AccountBalance",
        "refund_parts": [{"destination": "AccountBalance", "amount": "55.06"}],
        "arrival_earliest": "2026-11-27",
        "arrival_latest": "2026-11-30",
        "unchecked": [
            {
                "id": "R11",
                "text": "Whether this year's 5-day no-reason refund of this cloud service was already used is not in"
                " the store; check it in the console before counting on a full refund.",
            }
        ],
        "warnings": [],
        "plan": {
            "used_plans": "partial",
            "window_opens": "2026-11-01",
            "window_closes": "2027-11-01",
            "finding": "The plan is 37.5 % used: refunded the money paid minus the value used at list price (partial"
            " reading of used plans), within its window, 2026-11-01 to 2027-11-01.",
        },
    }


@pytest.mark.parametrize(
    ("at", "eligible", "refundable"),
    [
        (AT, False, "0"),
        (local("2026-11-03 20:00:00"), True, "599.00"),  # the evening before activation
    ],
)
def test_sample_push_license_is_refundable_only_before_activation(
    policy: Policy, at: datetime, eligible: bool, refundable: str
) -> None:
    quote = quote_refund(PUSH_LICENSE, at, policy)
    assert quote.eligible is eligible
    assert quote.refundable == Decimal(refundable)
    assert quote.destination == ("CreditCard" if eligible else None)
    assert ("R3" in quote.rule_ids) is not eligible
    if eligible:
        assert (quote.arrival_earliest, quote.arrival_latest) == (date(2026, 11, 5), date(2026, 11, 6))


def test_sample_queen_yearly_cannot_be_unsubscribed(policy: Policy) -> None:
    quote = quote_refund(QUEEN_YEARLY, AT, policy)
    assert not quote.eligible
    assert quote.to_json()["non_refundable"] == [
        {"kind": "not_refundable", "amount": "2999.00", "rule": "R6", "in_payable": True}
    ]
    assert quote.rule_ids == ("R1", "R6")


def test_sample_unused_transcoding_plan_bought_in_a_promotion(policy: Policy) -> None:
    quote = quote_refund(TRANSCODING_PLAN, AT, policy)
    json = quote.to_json()
    assert json["eligible"] is True
    assert json["refundable"] == "250.00"
    # The coupon was deducted before the payable amount: shown, but outside the 250.00.
    assert json["non_refundable"] == [{"kind": "coupon", "amount": "50.00", "rule": "R1", "in_payable": False}]
    assert json["voided_gifts"] == ["voucher:30.00", "extension:30d"]
    assert [rule["id"] for rule in json["rules"]] == ["R1", "R2", "R7", "R8", "R9", "R10"]


def test_sample_pay_as_you_go_has_nothing_to_refund(policy: Policy) -> None:
    quote = quote_refund(PAY_AS_YOU_GO, AT, policy)
    assert not quote.eligible
    assert quote.to_json()["refundable"] == "0.00"
    assert quote.non_refundable == ()
    assert quote.rule_ids == ("R1", "R5")
    assert quote.to_json()["arrival_latest"] is None


@pytest.mark.parametrize(
    ("text", "gift"),
    [
        ("voucher:30.00", Gift(GiftKind.VOUCHER, amount=Decimal("30.00"))),
        ("extension:30d", Gift(GiftKind.EXTENSION, days=30)),
    ],
)
def test_sample_gift_notation_reads_and_writes_back(text: str, gift: Gift) -> None:
    assert Gift.parse(text) == gift
    assert gift.to_text() == text


@pytest.mark.parametrize(
    ("text", "promotion"),
    [
        ("", None),
        ("standard", Promotion(PromotionTerms.STANDARD)),
        ("no-refund", Promotion(PromotionTerms.NO_REFUND)),
        ("full-refund-until:2026-12-31", Promotion(PromotionTerms.FULL_REFUND_UNTIL, date(2026, 12, 31))),
    ],
)
def test_sample_promotion_notation_reads(text: str, promotion: Promotion | None) -> None:
    assert Promotion.parse(text) == promotion
