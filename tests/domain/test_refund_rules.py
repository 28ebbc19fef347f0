"""One table of cases per refund rule (R1–R12): what the user sees in the quote."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.kinds import (
    Destination,
    GiftKind,
    ItemKind,
    LicenseStatus,
    OrderType,
    PaymentMethod,
    PaymentStatus,
    PromotionTerms,
)
from desktop.domain.policy import Policy
from desktop.domain.refunds import (
    Gift,
    LicenseFacts,
    NonRefundablePart,
    OrderFacts,
    PlanFacts,
    Promotion,
    quote_refund,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)  # a Wednesday
ACTIVATED = LicenseFacts("lic-1", LicenseStatus.ACTIVATED, datetime(2026, 11, 4, 9, 0, tzinfo=SHANGHAI))
NOT_ACTIVATED = LicenseFacts("lic-1", LicenseStatus.NOT_ACTIVATED, None)
GIFTS = (Gift(GiftKind.VOUCHER, amount=Decimal("30.00")), Gift(GiftKind.EXTENSION, days=30))

MakeOrder = Callable[..., OrderFacts]
MakePlan = Callable[..., PlanFacts]


def d(text: str) -> Decimal:
    return Decimal(text)


def sh(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A moment in the account's zone (UTC+8)."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


# R1 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cash", "vouchers", "coupons", "prepaid", "refundable", "kept", "to_card"),
    [
        ("100.00", "0.00", "0.00", "0.00", "100.00", [], "0"),
        ("70.00", "30.00", "0.00", "0.00", "70.00", [("voucher", "30.00")], "0"),
        ("60.00", "0.00", "25.00", "40.00", "100.00", [("coupon", "25.00")], "40.00"),
        ("50.00", "20.00", "5.00", "30.00", "80.00", [("voucher", "20.00"), ("coupon", "5.00")], "30.00"),
        ("0.00", "0.00", "0.00", "100.00", "100.00", [], "100.00"),  # paid by prepaid card alone
    ],
)
def test_r1_cash_and_the_prepaid_card_are_refunded_vouchers_and_coupons_never(
    make_order: MakeOrder,
    policy: Policy,
    cash: str,
    vouchers: str,
    coupons: str,
    prepaid: str,
    refundable: str,
    kept: list[tuple[str, str]],
    to_card: str,
) -> None:
    payable = d(cash) + d(vouchers) + d(prepaid)
    order = make_order(
        pretax_gross=payable + d(coupons),
        pretax_amount=payable,
        cash=d(cash),
        vouchers=d(vouchers),
        coupons=d(coupons),
        prepaid_card=d(prepaid),
    )
    quote = quote_refund(order, AT, policy)
    assert quote.eligible
    assert quote.refundable == d(refundable)
    assert [(part.kind, part.amount) for part in quote.non_refundable] == [(k, d(a)) for k, a in kept]
    assert all(part.rule == "R1" for part in quote.non_refundable)
    assert quote.rule_ids[0] == "R1"
    parts = {part.destination: part.amount for part in quote.refund_parts}
    assert parts.get(Destination.PREPAID_CARD, d("0")) == d(to_card)
    assert parts.get(Destination.CREDIT_CARD, d("0")) == d(cash)


def test_r1_the_issue_s_example_70_cash_10_coupon_20_prepaid_unused(
    make_order: MakeOrder, make_plan: MakePlan, policy: Policy
) -> None:
    order = make_order(
        item_kind=ItemKind.RESOURCE_PLAN,
        plan=make_plan(),
        pretax_gross=d("100.00"),
        pretax_amount=d("90.00"),
        cash=d("70.00"),
        coupons=d("10.00"),
        prepaid_card=d("20.00"),
    )
    json = quote_refund(order, AT, policy).to_json()
    assert json["refundable"] == "90.00"
    assert json["refund_parts"] == [
        {"destination": "CreditCard", "amount": "70.00"},
        {"destination": "PrepaidCard", "amount": "20.00"},
    ]
    assert json["destination"] == "CreditCard"


@pytest.mark.parametrize(
    ("remaining", "refundable", "to_card"),
    [
        ("0", "0", None),  # all used: 100.00 consumed at list price
        ("500", "50.00", "16.67"),  # 50.00 back: 1/3 of it to the card, 16.666.. rounded half up
        ("999", "99.90", "33.30"),
    ],
)
def test_r1_a_used_plan_splits_what_is_left_in_proportion_to_what_each_paid(
    make_order: MakeOrder, make_plan: MakePlan, policy: Policy, remaining: str, refundable: str, to_card: str | None
) -> None:
    order = make_order(
        item_kind=ItemKind.RESOURCE_PLAN,
        plan=make_plan(remaining=d(remaining)),
        cash=d("66.67"),
        prepaid_card=d("33.33"),
    )
    quote = quote_refund(order, AT, policy)
    assert quote.refundable == d(refundable)
    parts = {part.destination: part.amount for part in quote.refund_parts}
    assert parts.get(Destination.PREPAID_CARD) == (None if to_card is None else d(to_card))
    assert sum(parts.values(), d("0")) == quote.refundable


def test_r1_an_order_paid_only_by_voucher_refunds_nothing(make_order: MakeOrder, policy: Policy) -> None:
    order = make_order(cash=d("0.00"), vouchers=d("100.00"))
    quote = quote_refund(order, AT, policy)
    assert not quote.eligible
    assert quote.refundable == 0
    assert quote.non_refundable == (NonRefundablePart("voucher", d("100.00"), "R1"),)
    assert quote.rule_ids == ("R1",)
    assert quote.arrival_earliest is None
    assert quote.arrival_latest is None


# R2 -------------------------------------------------------------------------------------


def test_r2_standard_promotion_keeps_the_rules_and_voids_the_gifts(make_order: MakeOrder, policy: Policy) -> None:
    order = make_order(promotion=Promotion(PromotionTerms.STANDARD), gifts=GIFTS)
    quote = quote_refund(order, AT, policy)
    assert quote.eligible
    assert quote.refundable == d("100.00")
    assert quote.voided_gifts == GIFTS
    assert quote.to_json()["voided_gifts"] == ["voucher:30.00", "extension:30d"]
    assert "R2" in quote.rule_ids


def test_r2_no_refund_promotion_forbids_the_refund_and_keeps_the_gifts(make_order: MakeOrder, policy: Policy) -> None:
    order = make_order(promotion=Promotion(PromotionTerms.NO_REFUND), gifts=GIFTS)
    quote = quote_refund(order, AT, policy)
    assert not quote.eligible
    assert quote.refundable == 0
    assert quote.non_refundable == (NonRefundablePart("not_refundable", d("100.00"), "R2"),)
    assert quote.voided_gifts == ()
    assert "R10" not in quote.rule_ids


@pytest.mark.parametrize(
    ("at", "eligible"),
    [
        (datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI), True),
        (datetime(2026, 11, 30, 23, 59, tzinfo=SHANGHAI), True),  # the last day counts
        (datetime(2026, 12, 1, 0, 0, tzinfo=SHANGHAI), False),
        # 16:30 UTC on the 30th is already 1 December in the account's zone.
        (datetime(2026, 11, 30, 16, 30, tzinfo=UTC), False),
        (datetime(2026, 11, 30, 15, 59, tzinfo=UTC), True),
    ],
)
def test_r2_full_refund_promotion_prevails_over_r3_until_its_date(
    make_order: MakeOrder, policy: Policy, at: datetime, eligible: bool
) -> None:
    order = make_order(
        item_kind=ItemKind.SDK_LICENSE,
        license=ACTIVATED,
        promotion=Promotion(PromotionTerms.FULL_REFUND_UNTIL, date(2026, 11, 30)),
        gifts=GIFTS,
    )
    quote = quote_refund(order, at, policy)
    assert quote.eligible is eligible
    assert quote.refundable == (d("100.00") if eligible else 0)
    assert ("R3" in quote.rule_ids) is not eligible
    assert quote.voided_gifts == (GIFTS if eligible else ())


def test_r2_full_refund_promotion_prevails_over_r4_and_r7(
    make_order: MakeOrder, make_plan: MakePlan, policy: Policy
) -> None:
    until = Promotion(PromotionTerms.FULL_REFUND_UNTIL, date(2026, 12, 31))
    used = make_order(item_kind=ItemKind.RESOURCE_PLAN, plan=make_plan(remaining=d("0")), promotion=until)
    linked = make_order(item_kind=ItemKind.RESOURCE_PLAN, plan=make_plan(license=ACTIVATED), promotion=until)
    for order in (used, linked):
        quote = quote_refund(order, AT, policy)
        assert quote.eligible
        assert quote.refundable == d("100.00")
        assert quote.non_refundable == ()
        assert quote.rule_ids == ("R1", "R2", "R8", "R9", "R10")


def test_r2_full_refund_promotion_never_refunds_vouchers(make_order: MakeOrder, policy: Policy) -> None:
    order = make_order(
        cash=d("80.00"),
        vouchers=d("20.00"),
        promotion=Promotion(PromotionTerms.FULL_REFUND_UNTIL, date(2026, 12, 31)),
    )
    quote = quote_refund(order, AT, policy)
    assert quote.refundable == d("80.00")
    assert quote.non_refundable == (NonRefundablePart("voucher", d("20.00"), "R1"),)


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"item_kind": ItemKind.PAY_AS_YOU_GO}, "R5"),
        ({"item_kind": ItemKind.QUEEN_SDK_YEARLY}, "R6"),
        ({"payment_status": PaymentStatus.UNPAID}, "R12"),
        ({"already_refunded": True}, "R12"),
    ],
)
def test_r2_full_refund_promotion_does_not_prevail_over_r5_r6_r12(
    make_order: MakeOrder, policy: Policy, changes: dict[str, object], rule: str
) -> None:
    promotion = Promotion(PromotionTerms.FULL_REFUND_UNTIL, date(2026, 12, 31))
    quote = quote_refund(make_order(promotion=promotion, **changes), AT, policy)
    assert not quote.eligible
    assert quote.refundable == 0
    assert rule in quote.rule_ids


def test_r2_gifts_without_a_named_promotion_are_voided_too(make_order: MakeOrder, policy: Policy) -> None:
    quote = quote_refund(make_order(gifts=GIFTS[:1]), AT, policy)
    assert quote.voided_gifts == GIFTS[:1]
    assert "R2" in quote.rule_ids


# R3 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lic", "at", "eligible"),
    [
        (ACTIVATED, AT, False),
        (ACTIVATED, datetime(2026, 11, 4, 8, 59, tzinfo=SHANGHAI), True),  # quoted before activation
        (ACTIVATED, datetime(2026, 11, 4, 9, 0, tzinfo=SHANGHAI), False),
        (NOT_ACTIVATED, AT, True),
        (LicenseFacts("lic-1", LicenseStatus.ACTIVATED, None), AT, False),  # activated, time unknown
        (LicenseFacts("lic-1", LicenseStatus.EXPIRED, ACTIVATED.activated_at), AT, False),
    ],
)
def test_r3_an_activated_sdk_license_is_not_refundable(
    make_order: MakeOrder, policy: Policy, lic: LicenseFacts, at: datetime, eligible: bool
) -> None:
    quote = quote_refund(make_order(item_kind=ItemKind.SDK_LICENSE, license=lic), at, policy)
    assert quote.eligible is eligible
    assert quote.refundable == (d("100.00") if eligible else 0)
    assert ("R3" in quote.rule_ids) is not eligible
    if not eligible:
        assert quote.non_refundable == (NonRefundablePart("not_refundable", d("100.00"), "R3"),)


def test_r3_an_sdk_license_order_without_its_license_is_refused(make_order: MakeOrder, policy: Policy) -> None:
    with pytest.raises(ValueError, match="license"):
        quote_refund(make_order(item_kind=ItemKind.SDK_LICENSE), AT, policy)


# R4 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lic", "eligible"), [(ACTIVATED, False), (NOT_ACTIVATED, True), (None, True)])
def test_r4_a_plan_linked_to_an_activated_license_counts_as_used(
    make_order: MakeOrder, make_plan: MakePlan, policy: Policy, lic: LicenseFacts | None, eligible: bool
) -> None:
    order = make_order(item_kind=ItemKind.RESOURCE_PLAN, plan=make_plan(license=lic))
    quote = quote_refund(order, AT, policy)
    assert quote.eligible is eligible
    assert quote.refundable == (d("100.00") if eligible else 0)
    assert ("R4" in quote.rule_ids) is not eligible


# R5, R6 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "rule"), [(ItemKind.PAY_AS_YOU_GO, "R5"), (ItemKind.QUEEN_SDK_YEARLY, "R6")])
def test_r5_r6_pay_as_you_go_and_queen_yearly_are_never_refunded(
    make_order: MakeOrder, policy: Policy, kind: ItemKind, rule: str
) -> None:
    quote = quote_refund(make_order(item_kind=kind, license=NOT_ACTIVATED), AT, policy)
    assert not quote.eligible
    assert quote.refundable == 0
    assert quote.non_refundable == (NonRefundablePart("not_refundable", d("100.00"), rule),)
    assert quote.rule_ids == ("R1", rule)


# R7 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gross", "cash", "total", "remaining", "consumed", "refundable"),
    [
        ("100.00", "100.00", "1000", "1000", None, "100.00"),  # unused: everything back
        ("100.00", "100.00", "1000", "750", "25.00", "75.00"),
        ("120.00", "100.00", "1000", "750", "30.00", "70.00"),  # consumption at list price (gross)
        ("100.00", "100.00", "3", "2", "33.33", "66.67"),  # 33.333... rounded to cents
        ("1.00", "1.00", "8", "7", "0.13", "0.87"),  # 0.125 rounds half up, not to even
        ("100.00", "100.00", "1000", "0", "100.00", "0.00"),  # used up: nothing back
        ("200.00", "100.00", "1000", "400", "100.00", "0.00"),  # consumed above cash: never negative
    ],
)
def test_r7_refund_is_cash_minus_consumed_value(
    make_order: MakeOrder,
    make_plan: MakePlan,
    policy: Policy,
    gross: str,
    cash: str,
    total: str,
    remaining: str,
    consumed: str | None,
    refundable: str,
) -> None:
    order = make_order(
        item_kind=ItemKind.RESOURCE_PLAN,
        pretax_gross=d(gross),
        pretax_amount=d(cash),
        cash=d(cash),
        plan=make_plan(total=d(total), remaining=d(remaining)),
    )
    quote = quote_refund(order, AT, policy)
    assert quote.refundable == d(refundable)
    assert quote.eligible is (d(refundable) > 0)
    expected = () if consumed is None else (NonRefundablePart("consumed_value", d(consumed), "R7"),)
    assert quote.non_refundable == expected
    assert "R7" in quote.rule_ids


def test_r7_zero_refundable_is_not_eligible_and_says_why(
    make_order: MakeOrder, make_plan: MakePlan, policy: Policy
) -> None:
    order = make_order(item_kind=ItemKind.RESOURCE_PLAN, plan=make_plan(remaining=d("0")))
    quote = quote_refund(order, AT, policy)
    assert not quote.eligible
    assert quote.refundable == 0
    assert quote.rule_ids == ("R1", "R7")
    assert quote.non_refundable == (NonRefundablePart("consumed_value", d("100.00"), "R7"),)
    assert quote.to_json()["arrival_earliest"] is None


@pytest.mark.parametrize(
    ("bought", "at", "eligible"),
    [
        # Since 2026-01-01: any time within the validity.
        (sh(2026, 1, 1, 0, 0), sh(2026, 12, 31, 23, 0), True),
        (sh(2026, 1, 1, 0, 0), sh(2027, 1, 1, 0, 0), True),  # expires at that very moment
        (sh(2026, 1, 1, 0, 0), sh(2027, 1, 1, 0, 1), False),
        # From 2025-08-19: 30 days after purchase (the 30th day counts).
        (sh(2025, 8, 19, 9, 0), sh(2025, 9, 18, 23, 59), True),
        (sh(2025, 8, 19, 9, 0), sh(2025, 9, 19, 0, 0), False),
        (sh(2025, 12, 31, 23, 0), sh(2026, 1, 30, 12, 0), True),
        (sh(2025, 12, 31, 23, 0), sh(2026, 1, 31, 12, 0), False),  # bought under the 30-day terms
        # Before that: 5 days.
        (sh(2025, 8, 18, 9, 0), sh(2025, 8, 23, 18, 0), True),
        (sh(2025, 8, 18, 9, 0), sh(2025, 8, 24, 0, 0), False),
    ],
)
def test_r7_unused_plan_full_refund_windows(
    make_order: MakeOrder, make_plan: MakePlan, policy: Policy, bought: datetime, at: datetime, eligible: bool
) -> None:
    plan = make_plan(effective_at=bought, expires_at=bought.replace(year=bought.year + 1))
    order = make_order(item_kind=ItemKind.RESOURCE_PLAN, created_at=bought, paid_at=bought, plan=plan)
    quote = quote_refund(order, at, policy)
    assert quote.eligible is eligible
    assert quote.refundable == (d("100.00") if eligible else 0)
    if not eligible:
        assert quote.non_refundable == (NonRefundablePart("not_refundable", d("100.00"), "R7"),)


def test_r7_a_resource_plan_order_without_its_plan_is_refused(make_order: MakeOrder, policy: Policy) -> None:
    with pytest.raises(ValueError, match="plan"):
        quote_refund(make_order(item_kind=ItemKind.RESOURCE_PLAN), AT, policy)


# R8 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "earliest", "latest"),
    [
        (datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI), date(2026, 11, 27), date(2026, 11, 30)),
        (datetime(2026, 9, 30, 18, 0, tzinfo=SHANGHAI), date(2026, 10, 9), date(2026, 10, 10)),
        # National Day 2026: 1-7 October off; Thursday 8 October is the first working day.
        (datetime(2026, 10, 1, 9, 0, tzinfo=SHANGHAI), date(2026, 10, 9), date(2026, 10, 10)),
        # 20:00 UTC on Tuesday is already Wednesday in Shanghai.
        (datetime(2026, 11, 24, 20, 0, tzinfo=UTC), date(2026, 11, 27), date(2026, 11, 30)),
        (datetime(2026, 11, 27, 10, 0, tzinfo=SHANGHAI), date(2026, 12, 1), date(2026, 12, 2)),  # a Friday
    ],
)
def test_r8_refund_arrives_in_two_to_three_business_days(
    make_order: MakeOrder, policy: Policy, at: datetime, earliest: date, latest: date
) -> None:
    quote = quote_refund(make_order(), at, policy)
    assert (quote.arrival_earliest, quote.arrival_latest) == (earliest, latest)
    assert quote.to_json()["arrival_earliest"] == earliest.isoformat()
    assert "R8" in quote.rule_ids


# R9 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "valid", "days_after_payment", "destination"),
    [
        (PaymentMethod.CREDIT_CARD, True, 10, "CreditCard"),
        (PaymentMethod.CREDIT_CARD, False, 10, "AccountBalance"),  # a cancelled card
        (PaymentMethod.CREDIT_CARD, True, 150, "CreditCard"),  # within 150 days of payment
        (PaymentMethod.CREDIT_CARD, True, 151, "AccountBalance"),
        (PaymentMethod.PAYPAL, True, 180, "PayPal"),
        (PaymentMethod.PAYPAL, True, 181, "AccountBalance"),
        (PaymentMethod.DEBIT_CARD, True, 400, "DebitCard"),  # no limit known for a debit card
        (PaymentMethod.BANK_TRANSFER, True, 400, "BankTransfer"),
        (PaymentMethod.ACCOUNT_BALANCE, True, 400, "AccountBalance"),
    ],
)
def test_r9_refund_goes_back_the_way_it_was_paid_within_the_method_s_days(
    make_order: MakeOrder,
    policy: Policy,
    method: PaymentMethod,
    valid: bool,
    days_after_payment: int,
    destination: str,
) -> None:
    paid = AT - timedelta(days=days_after_payment)
    order = make_order(payment_method=method, payment_method_valid=valid, created_at=paid, paid_at=paid)
    quote = quote_refund(order, AT, policy)
    assert quote.destination == destination
    assert quote.to_json()["refund_parts"] == [{"destination": destination, "amount": "100.00"}]
    assert "R9" in quote.rule_ids


def test_r9_the_prepaid_card_part_goes_to_the_card_even_when_the_cash_goes_to_the_balance(
    make_order: MakeOrder, policy: Policy
) -> None:
    order = make_order(cash=d("60.00"), prepaid_card=d("40.00"), payment_method_valid=False)
    assert quote_refund(order, AT, policy).to_json()["refund_parts"] == [
        {"destination": "AccountBalance", "amount": "60.00"},
        {"destination": "PrepaidCard", "amount": "40.00"},
    ]


def test_r9_nothing_refunded_has_no_destination(make_order: MakeOrder, policy: Policy) -> None:
    json = quote_refund(make_order(item_kind=ItemKind.PAY_AS_YOU_GO), AT, policy).to_json()
    assert (json["destination"], json["refund_parts"]) == (None, [])


# R10 ------------------------------------------------------------------------------------


def test_r10_every_eligible_quote_warns_that_it_is_irreversible(make_order: MakeOrder, policy: Policy) -> None:
    eligible = quote_refund(make_order(), AT, policy)
    blocked = quote_refund(make_order(item_kind=ItemKind.PAY_AS_YOU_GO), AT, policy)
    assert eligible.rule_ids[-1] == "R10"
    assert "cannot be undone" in eligible.rules[-1].text
    assert "R10" not in blocked.rule_ids


# R11 ------------------------------------------------------------------------------------


def test_r11_the_no_reason_refund_terms_come_from_the_policy(policy: Policy) -> None:
    assert (policy.no_reason_refund_days, policy.no_reason_refunds_per_year) == (5, 1)
    assert policy.rule_text("R11").startswith("The 5-day no-reason full refund can be used at most 1 time(s)")


# R12 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "kept"),
    [
        ({"payment_status": PaymentStatus.UNPAID, "cash": Decimal("0.00"), "paid_at": None}, "100.00"),
        ({"payment_status": PaymentStatus.CANCELLED, "cash": Decimal("0.00"), "paid_at": None}, "100.00"),
        ({"already_refunded": True}, "100.00"),
        ({"order_type": OrderType.REFUND}, "100.00"),
    ],
)
def test_r12_only_paid_and_not_yet_refunded_orders_are_refundable(
    make_order: MakeOrder, policy: Policy, changes: dict[str, object], kept: str
) -> None:
    quote = quote_refund(make_order(**changes), AT, policy)
    assert not quote.eligible
    assert quote.refundable == 0
    assert quote.non_refundable == (NonRefundablePart("not_refundable", d(kept), "R12"),)
    assert "R12" in quote.rule_ids


@pytest.mark.parametrize("order_type", [OrderType.NEW, OrderType.RENEW, OrderType.UPGRADE])
def test_r12_new_renew_and_upgrade_orders_can_be_refunded(
    make_order: MakeOrder, policy: Policy, order_type: OrderType
) -> None:
    quote = quote_refund(make_order(order_type=order_type), AT, policy)
    assert quote.eligible
    assert quote.refundable == d("100.00")


# Entry checks ---------------------------------------------------------------------------


def test_naive_datetimes_are_refused(make_order: MakeOrder, policy: Policy) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        quote_refund(make_order(), datetime(2026, 11, 25, 10, 0), policy)  # noqa: DTZ001
    with pytest.raises(ValueError, match="paid_at"):
        quote_refund(make_order(paid_at=datetime(2026, 11, 1, 10, 0)), AT, policy)  # noqa: DTZ001


def test_payments_above_the_payable_amount_are_refused(make_order: MakeOrder, policy: Policy) -> None:
    with pytest.raises(ValueError, match="payable"):
        quote_refund(make_order(vouchers=d("0.01")), AT, policy)
