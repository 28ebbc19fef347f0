"""Refund quotes: what an order would give back if unsubscribed now, and why (R1–R12).

Every screen and export asks ``quote_refund`` so that they all show the same amounts.
The quote always accounts for the whole payable amount: what is refundable plus
each part kept back with its rule (coupons are reported too, but they were deducted
before the payable amount, so they are not part of that sum).

Readings of the rules where DOMAIN.md leaves room:
- R7's window is the one in force on the plan's purchase day (account zone) and gates
  every unsubscription of the plan: inside it, unused plans get all the cash and used
  ones cash minus consumed value; outside it (or after expiry) nothing.
- R2 ``full-refund-until`` overrides only what the policy lists (R3, R4, R7).
- ``Other`` items follow R1, R2 and R12 only: all the cash is refundable.
- R11 is not applied: no order fact says whether a refund used the no-reason quota.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from desktop.domain.business_days import add_business_days
from desktop.domain.kinds import (
    GiftKind,
    ItemKind,
    LicenseStatus,
    OrderType,
    PaymentMethod,
    PaymentStatus,
    PromotionTerms,
)
from desktop.domain.money import check_amount
from desktop.domain.policy import Policy, require_aware

ZERO = Decimal(0)


@dataclass(frozen=True)
class Gift:
    """A gift of a promotional event, voided when the order is refunded (R2)."""

    kind: GiftKind
    amount: Decimal | None = None  # voucher
    days: int | None = None  # extension

    def __post_init__(self) -> None:
        if self.kind == GiftKind.VOUCHER:
            if self.days is not None:
                raise ValueError("a voucher gift has an amount, not days")
            check_amount(self.amount, "Gift.amount")
        elif self.kind == GiftKind.EXTENSION:
            if self.amount is not None:
                raise ValueError("an extension gift has days, not an amount")
            if not isinstance(self.days, int) or isinstance(self.days, bool) or self.days < 1:
                raise ValueError(f"Gift.days must be a positive whole number, got {self.days!r}")
        else:
            raise ValueError(f"unknown gift kind {self.kind!r}")

    @classmethod
    def parse(cls, text: str) -> Gift:
        """Read the orders file's notation: ``voucher:30.00`` or ``extension:30d``."""
        kind, sep, value = text.strip().partition(":")
        if not sep:
            raise ValueError(f"not a gift: {text!r}")
        if kind == GiftKind.VOUCHER:
            return cls(GiftKind.VOUCHER, amount=_decimal(value, text))
        if kind == GiftKind.EXTENSION and value.endswith("d") and value[:-1].isdigit():
            return cls(GiftKind.EXTENSION, days=int(value[:-1]))
        raise ValueError(f"not a gift: {text!r}")

    def to_text(self) -> str:
        if self.kind == GiftKind.VOUCHER:
            return f"voucher:{self.amount:f}"
        return f"extension:{self.days}d"


@dataclass(frozen=True)
class Promotion:
    """The refund terms of the event an order was bought in (R2)."""

    terms: PromotionTerms
    full_refund_until: date | None = None  # the last day, in the account's zone

    def __post_init__(self) -> None:
        granted = self.terms == PromotionTerms.FULL_REFUND_UNTIL
        if granted != (self.full_refund_until is not None):
            raise ValueError("full_refund_until goes with, and only with, full-refund-until terms")

    @classmethod
    def parse(cls, text: str) -> Promotion | None:
        """Read ``standard``, ``no-refund`` or ``full-refund-until:YYYY-MM-DD``; empty is None."""
        terms, _, until = text.strip().partition(":")
        if not terms:
            return None
        kind = PromotionTerms(terms)
        return cls(kind, date.fromisoformat(until) if kind == PromotionTerms.FULL_REFUND_UNTIL else None)


@dataclass(frozen=True)
class LicenseFacts:
    instance_id: str
    status: LicenseStatus
    activated_at: datetime | None


@dataclass(frozen=True)
class PlanFacts:
    instance_id: str
    total: Decimal
    remaining: Decimal
    effective_at: datetime
    expires_at: datetime
    license: LicenseFacts | None  # the license the plan is associated with (R4)


@dataclass(frozen=True)
class OrderFacts:
    """What the refund rules need to know about one order."""

    order_id: str
    order_type: OrderType
    payment_status: PaymentStatus
    item_kind: ItemKind
    currency: str
    created_at: datetime
    paid_at: datetime | None
    pretax_gross: Decimal
    pretax_amount: Decimal  # the payable amount
    cash: Decimal  # PaymentAmount
    vouchers: Decimal  # DeductedByCashCoupons
    coupons: Decimal  # DeductedByCoupons
    prepaid_card: Decimal  # DeductedByPrepaidCard
    payment_method: PaymentMethod
    payment_method_valid: bool
    promotion: Promotion | None = None
    gifts: tuple[Gift, ...] = ()
    already_refunded: bool = False  # a Refund order names it in RelatedOrderId (R12)
    license: LicenseFacts | None = None  # SdkLicense / QueenSdkYearly: the license bought
    plan: PlanFacts | None = None  # ResourcePlan: the plan bought


@dataclass(frozen=True)
class RuleApplied:
    id: str
    text: str


@dataclass(frozen=True)
class NonRefundablePart:
    """Money of the order that the refund keeps back, and the rule that keeps it."""

    kind: str  # voucher, coupon, prepaid_card, consumed_value, not_refundable
    amount: Decimal
    rule: str


@dataclass(frozen=True)
class RefundQuote:
    order_id: str
    eligible: bool
    rules: tuple[RuleApplied, ...]
    refundable: Decimal
    currency: str
    non_refundable: tuple[NonRefundablePart, ...]
    voided_gifts: tuple[Gift, ...]
    destination: str  # "original:<PaymentMethod>" or "account_balance" (R9)
    arrival_earliest: date | None
    arrival_latest: date | None

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values; amounts as decimal strings so no float ever rounds them."""
        return {
            "order_id": self.order_id,
            "eligible": self.eligible,
            "rules": [{"id": rule.id, "text": rule.text} for rule in self.rules],
            "refundable": f"{self.refundable:f}",
            "currency": self.currency,
            "non_refundable": [
                {"kind": part.kind, "amount": f"{part.amount:f}", "rule": part.rule} for part in self.non_refundable
            ],
            "voided_gifts": [gift.to_text() for gift in self.voided_gifts],
            "destination": self.destination,
            "arrival_earliest": None if self.arrival_earliest is None else self.arrival_earliest.isoformat(),
            "arrival_latest": None if self.arrival_latest is None else self.arrival_latest.isoformat(),
        }


def quote_refund(order: OrderFacts, at: datetime, policy: Policy) -> RefundQuote:
    """Quote the refund of ``order`` if it were unsubscribed at ``at``."""
    _check_order(order)
    local_at = policy.local(at, "at")
    rule_ids: list[str] = ["R1"]
    parts: list[NonRefundablePart] = []
    # R1: vouchers, coupons and prepaid cards are never given back.
    for kind, amount in (
        ("voucher", order.vouchers),
        ("coupon", order.coupons),
        ("prepaid_card", order.prepaid_card),
    ):
        if amount:
            parts.append(NonRefundablePart(kind, amount, "R1"))
    paid = order.payment_status == PaymentStatus.PAID
    unpaid_part = order.pretax_amount - order.cash - order.vouchers - order.prepaid_card
    if unpaid_part:
        # Part of the payable amount was never paid: nothing of it can come back.
        parts.append(NonRefundablePart("not_refundable", unpaid_part, "R1" if paid else "R12"))

    blocker, consumed = _base_rules(order, at, local_at.date(), policy)
    promotion = order.promotion
    if promotion is not None or order.gifts:
        rule_ids.append("R2")
    granted = (
        promotion is not None
        and promotion.full_refund_until is not None
        and local_at.date() <= promotion.full_refund_until
    )
    if granted:
        # R2: the event's full refund prevails over the rules the policy lets it override
        # (R3, R4, R7); R5, R6 and R12 are not overridable, see the policy file.
        if blocker is not None and blocker in policy.promotion_full_refund_overrides:
            blocker = None
        if blocker is None and "R7" in policy.promotion_full_refund_overrides:
            consumed = ZERO
    if blocker is not None:
        rule_ids.append(blocker)
        refundable = ZERO.quantize(policy.money_quantum)  # shown as 0.00, like the other amounts
        if order.cash:
            parts.append(NonRefundablePart("not_refundable", order.cash, blocker))
    else:
        if order.item_kind == ItemKind.RESOURCE_PLAN and not (granted and consumed == ZERO):
            rule_ids.append("R7")
        kept = min(consumed, order.cash)
        if kept:
            parts.append(NonRefundablePart("consumed_value", kept, "R7"))
        refundable = order.cash - kept
    eligible = refundable > ZERO
    if eligible:
        rule_ids += ["R8", "R9", "R10"]
        first, last = policy.arrival_business_days
        arrival_earliest: date | None = add_business_days(local_at.date(), first, policy.holiday_country)
        arrival_latest: date | None = add_business_days(local_at.date(), last, policy.holiday_country)
    else:
        arrival_earliest = arrival_latest = None
    return RefundQuote(
        order_id=order.order_id,
        eligible=eligible,
        rules=tuple(RuleApplied(rule_id, policy.rule_text(rule_id)) for rule_id in dict.fromkeys(rule_ids)),
        refundable=refundable,
        currency=order.currency,
        non_refundable=tuple(parts),
        voided_gifts=order.gifts if eligible else (),
        destination=destination(order),
        arrival_earliest=arrival_earliest,
        arrival_latest=arrival_latest,
    )


def destination(order: OrderFacts) -> str:
    """Where the refund goes (R9): back the way it was paid, else the account balance."""
    if order.payment_method_valid:
        return f"original:{PaymentMethod(order.payment_method).value}"
    return "account_balance"


def _base_rules(order: OrderFacts, at: datetime, today: date, policy: Policy) -> tuple[str | None, Decimal]:
    """The rule that keeps all the cash (if any) and the consumed value, before promotions."""
    if _refund_impossible(order):
        return "R12", ZERO
    if order.item_kind == ItemKind.PAY_AS_YOU_GO:
        return "R5", ZERO
    if order.item_kind == ItemKind.QUEEN_SDK_YEARLY:
        return "R6", ZERO
    if order.promotion is not None and order.promotion.terms == PromotionTerms.NO_REFUND:
        return "R2", ZERO
    if order.item_kind == ItemKind.SDK_LICENSE:
        assert order.license is not None  # checked by _check_order
        return ("R3" if _activated(order.license, at) else None), ZERO
    if order.item_kind == ItemKind.RESOURCE_PLAN:
        return _plan_rules(order, at, today, policy)
    return None, ZERO


def _plan_rules(order: OrderFacts, at: datetime, today: date, policy: Policy) -> tuple[str | None, Decimal]:
    plan = order.plan
    assert plan is not None  # checked by _check_order
    if plan.license is not None and _activated(plan.license, at):
        return "R4", ZERO
    purchased = policy.local(order.paid_at or order.created_at).date()
    last_day = policy.plan_window(purchased).last_day(purchased)
    if at > plan.expires_at or (last_day is not None and today > last_day):
        # R7: the window in force when the plan was bought has closed.
        return "R7", ZERO
    if plan.remaining == plan.total:
        return None, ZERO
    basis = order.pretax_gross if policy.consumed_value_basis == "pretax_gross" else order.pretax_amount
    used_share = (plan.total - plan.remaining) / plan.total
    return None, policy.quantize_money(used_share * basis)


def _refund_impossible(order: OrderFacts) -> bool:
    """R12: only a paid order that is not itself a refund and was not refunded yet."""
    return order.order_type == OrderType.REFUND or order.payment_status != PaymentStatus.PAID or order.already_refunded


def _activated(lic: LicenseFacts, at: datetime) -> bool:
    """Whether the license was activated by ``at`` (R3, R4); an expired trial may never have been."""
    if lic.status == LicenseStatus.NOT_ACTIVATED:
        return False
    if lic.activated_at is None:
        return lic.status == LicenseStatus.ACTIVATED
    return lic.activated_at <= at


def _check_order(order: OrderFacts) -> None:
    """Refuse facts the rules cannot price, with the field's name, before any arithmetic."""
    require_aware(order.created_at, "created_at")
    if order.paid_at is not None:
        require_aware(order.paid_at, "paid_at")
    for name in ("pretax_gross", "pretax_amount", "cash", "vouchers", "coupons", "prepaid_card"):
        check_amount(getattr(order, name), name)
    if order.cash + order.vouchers + order.prepaid_card > order.pretax_amount:
        raise ValueError(
            f"order {order.order_id}: cash + vouchers + prepaid card exceed the payable amount {order.pretax_amount}"
        )
    for lic in (order.license, order.plan.license if order.plan else None):
        if lic is not None and lic.activated_at is not None:
            require_aware(lic.activated_at, "license.activated_at")
    if _refund_impossible(order):
        return  # R12 decides before any license or plan is looked at
    if order.item_kind == ItemKind.SDK_LICENSE and order.license is None:
        raise ValueError(f"order {order.order_id}: an SdkLicense order needs its license facts (R3)")
    if order.item_kind == ItemKind.RESOURCE_PLAN:
        plan = order.plan
        if plan is None:
            raise ValueError(f"order {order.order_id}: a ResourcePlan order needs its plan facts (R4, R7)")
        require_aware(plan.effective_at, "plan.effective_at")
        require_aware(plan.expires_at, "plan.expires_at")
        check_amount(plan.total, "plan.total")
        check_amount(plan.remaining, "plan.remaining")
        if not ZERO <= plan.remaining <= plan.total or plan.total == ZERO:
            raise ValueError(f"plan {plan.instance_id}: need 0 <= remaining <= total and total > 0")


def _decimal(text: str, context: str) -> Decimal:
    try:
        return Decimal(text)
    except ArithmeticError:
        raise ValueError(f"not an amount in {context!r}") from None
