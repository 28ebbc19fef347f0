"""Properties every refund quote keeps, whatever the order (hypothesis)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
from desktop.domain.policy import load_policy
from desktop.domain.refunds import Gift, LicenseFacts, OrderFacts, PlanFacts, Promotion, RefundQuote, quote_refund

POLICY = load_policy()  # hypothesis cannot take function-scoped fixtures
ZONES = st.sampled_from([UTC, ZoneInfo("Asia/Shanghai"), timezone(timedelta(hours=-5)), ZoneInfo("Europe/Berlin")])
MOMENTS = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=ZONES)  # noqa: DTZ001


def money(max_value: str = "100000") -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(0), max_value=Decimal(max_value), places=2, allow_nan=False, allow_infinity=False
    )


licenses = st.builds(
    LicenseFacts,
    instance_id=st.just("lic"),
    status=st.sampled_from(LicenseStatus),
    activated_at=st.none() | MOMENTS,
)


@st.composite
def plans(draw: st.DrawFn) -> PlanFacts:
    total = draw(st.decimals(min_value=Decimal("0.001"), max_value=Decimal(100000), places=3))
    remaining = draw(
        st.sampled_from([total, Decimal(0)]) | st.decimals(min_value=Decimal(0), max_value=total, places=3)
    )
    effective = draw(MOMENTS)
    return PlanFacts(
        instance_id="plan",
        total=total,
        remaining=remaining,
        effective_at=effective,
        expires_at=effective + draw(st.timedeltas(min_value=timedelta(days=1), max_value=timedelta(days=800))),
        license=draw(st.none() | licenses),
    )


promotions = (
    st.none()
    | st.builds(Promotion, st.sampled_from([PromotionTerms.STANDARD, PromotionTerms.NO_REFUND]))
    | (
        st.builds(
            Promotion,
            st.just(PromotionTerms.FULL_REFUND_UNTIL),
            st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)),
        )
    )
)
gifts = st.lists(
    st.builds(Gift, st.just(GiftKind.VOUCHER), amount=money("500"))
    | st.builds(Gift, st.just(GiftKind.EXTENSION), days=st.integers(1, 365)),
    max_size=2,
).map(tuple)


@st.composite
def orders(draw: st.DrawFn) -> OrderFacts:
    cash, vouchers, coupons, prepaid, unpaid = (draw(money()) for _ in range(5))
    payable = cash + vouchers + prepaid + draw(st.sampled_from([Decimal(0), unpaid, coupons]))
    created = draw(MOMENTS)
    return OrderFacts(
        order_id="o",
        order_type=draw(st.sampled_from(OrderType)),
        payment_status=draw(st.sampled_from(PaymentStatus)),
        item_kind=draw(st.sampled_from(ItemKind)),
        currency="CNY",
        created_at=created,
        paid_at=draw(st.none() | st.just(created)),
        pretax_gross=payable + coupons + draw(money("1000")),
        pretax_amount=payable,
        cash=cash,
        vouchers=vouchers,
        coupons=coupons,
        prepaid_card=prepaid,
        payment_method=draw(st.sampled_from(PaymentMethod)),
        payment_method_valid=draw(st.booleans()),
        promotion=draw(promotions),
        gifts=draw(gifts),
        already_refunded=draw(st.booleans()),
        license=draw(licenses),
        plan=draw(plans()),
    )


@settings(max_examples=400, deadline=None)
@given(order=orders(), at=MOMENTS)
def test_refundable_is_between_zero_and_what_was_paid_and_its_parts_add_up(order: OrderFacts, at: datetime) -> None:
    quote = quote_refund(order, at, POLICY)
    assert Decimal(0) <= quote.refundable <= order.cash + order.prepaid_card
    assert quote.eligible is (quote.refundable > 0)
    assert sum((part.amount for part in quote.refund_parts), Decimal(0)) == quote.refundable
    assert all(part.amount > 0 for part in quote.refund_parts)
    card = [part.amount for part in quote.refund_parts if part.destination == Destination.PREPAID_CARD]
    assert sum(card, Decimal(0)) <= order.prepaid_card
    assert (quote.destination is None) is not quote.eligible


@settings(max_examples=400, deadline=None)
@given(order=orders(), at=MOMENTS)
def test_the_quote_accounts_for_the_whole_payable_amount(order: OrderFacts, at: datetime) -> None:
    quote = quote_refund(order, at, POLICY)
    kept = sum((part.amount for part in quote.non_refundable if part.in_payable), Decimal(0))
    assert quote.refundable + kept == order.pretax_amount
    coupons = [part.amount for part in quote.non_refundable if part.kind == "coupon"]
    assert coupons == ([order.coupons] if order.coupons else [])
    assert all(part.amount > 0 for part in quote.non_refundable)


@settings(max_examples=300, deadline=None)
@given(order=orders(), at=MOMENTS)
def test_eligible_quotes_warn_void_gifts_and_give_an_arrival_window(order: OrderFacts, at: datetime) -> None:
    quote = quote_refund(order, at, POLICY)
    json = quote.to_json()
    assert Decimal(json["refundable"]) == quote.refundable
    if quote.eligible:
        assert {"R8", "R9", "R10"} <= set(quote.rule_ids)
        assert quote.voided_gifts == order.gifts
        assert quote.arrival_earliest is not None
        assert quote.arrival_latest is not None
        assert at.astimezone(POLICY.zone).date() < quote.arrival_earliest < quote.arrival_latest
    else:
        assert "R10" not in quote.rule_ids
        assert quote.voided_gifts == ()
        assert json["arrival_earliest"] is None
        assert json["arrival_latest"] is None


@settings(max_examples=200, deadline=None)
@given(order=orders(), at=MOMENTS)
def test_the_rules_a_quote_shows_are_known_and_in_plain_words(order: OrderFacts, at: datetime) -> None:
    quote = quote_refund(order, at, POLICY)
    assert quote.rule_ids[0] == "R1"
    assert len(set(quote.rule_ids)) == len(quote.rule_ids)
    assert all(rule.text == POLICY.rule_text(rule.id) for rule in quote.rules)
    assert {part.rule for part in quote.non_refundable} <= set(quote.rule_ids)


FIELDS = ["pretax_gross", "pretax_amount", "cash", "vouchers", "coupons", "prepaid_card"]


@settings(max_examples=100, deadline=None)
@given(order=orders(), field=st.sampled_from(FIELDS), value=st.floats(allow_nan=False, allow_infinity=False))
def test_no_float_reaches_the_arithmetic(order: OrderFacts, field: str, value: float) -> None:
    with pytest.raises(TypeError, match=field):
        quote_refund(replace(order, **{field: value}), datetime(2026, 11, 25, tzinfo=UTC), POLICY)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(order=orders(), at=MOMENTS)
def test_a_stored_quote_reads_back_as_it_was_written(order: OrderFacts, at: datetime) -> None:
    payload = quote_refund(order, at, POLICY).to_json()
    assert RefundQuote.from_json(json.loads(json.dumps(payload))).to_json() == payload
