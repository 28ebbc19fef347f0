"""Refund quotes: what an order would give back if unsubscribed now, and why (R1–R12).

Every screen and export asks ``quote_refund`` so that they all show the same amounts.
The quote always accounts for the whole payable amount: what is refundable plus each
part kept back with its rule (coupons are reported too; they are part of that sum only
when a file counts them inside the payable amount, `in_payable`).

Readings of the rules where DOMAIN.md leaves room:
- R1: what was paid is the cash and the prepaid card; the refund is split between them
  in proportion to what each paid, the card's share rounded half up to cents.
- R7's window is the one in force on the plan's purchase day (account zone) and gates
  every unsubscription of the plan: inside it, unused plans get all that was paid and
  used ones that minus the consumed value (or nothing, when the policy's `used_plans`
  is "none"); outside it (or after expiry) nothing. The quote says which it checked.
- R2 ``full-refund-until`` overrides only what the policy lists (R3, R4, R7).
- ``Other`` items follow R1, R2 and R12 only: all that was paid is refundable.
- R11 cannot be checked from an order's facts: every quote lists it as unchecked, or warns
  when the store holds a sign that this year's no-reason refund was used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

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
from desktop.domain.money import check_amount
from desktop.domain.policy import Policy, require_aware
from desktop.domain.units import share_left
from desktop.domain.wording import QT_TRANSLATE_NOOP, WordedError, Wording

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
    sdk_type: str | None = None  # Push, Player or Queen; a Queen licence cannot be unsubscribed (R6)

    @property
    def queen(self) -> bool:
        return (self.sdk_type or "").strip().lower() == "queen"


@dataclass(frozen=True)
class PlanFacts:
    """A resource plan: what it holds and what is left, each in its unit (`remaining_unit` None: the same)."""

    instance_id: str
    total: Decimal
    remaining: Decimal
    effective_at: datetime
    expires_at: datetime
    license: LicenseFacts | None  # the license the plan is associated with (R4)
    unit: str = ""
    remaining_unit: str | None = None

    def share_left(self) -> Decimal:
        """remaining ÷ total, in one unit (a 2 TB plan with 1 GB left has 1/2048 left); UnitError if impossible."""
        return share_left(self.total, self.unit, self.remaining, self.remaining_unit or self.unit)


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
    already_refunded: bool = False  # a paid Refund order or a live request names it (R12)
    license: LicenseFacts | None = None  # SdkLicense / QueenSdkYearly: the license bought
    plan: PlanFacts | None = None  # ResourcePlan: the plan bought
    # R11: the store holds a refund this year, of the same product, of an order bought at most
    # the no-reason days before it: this year's no-reason refund was probably used.
    no_reason_refund_seen: bool = False

    @property
    def paid(self) -> Decimal:
        """What R1 can give back: the cash and the prepaid card."""
        return self.cash + self.prepaid_card


@dataclass(frozen=True)
class RuleApplied:
    id: str
    text: str


@dataclass(frozen=True)
class RuleNote:
    """A rule the quote could not check, or a warning about one: its id and why, as a sentence to say."""

    id: str
    text: Wording


@dataclass(frozen=True)
class NonRefundablePart:
    """Money of the order that the refund keeps back, and the rule that keeps it.

    `in_payable` is False for coupons deducted before the payable amount (the usual case), so that
    the refundable amount and the parts in the payable add up to the payable amount.
    """

    kind: str  # voucher, coupon, consumed_value, not_refundable
    amount: Decimal
    rule: str
    in_payable: bool = True


@dataclass(frozen=True)
class RefundPart:
    """Where part of the refund goes (R9)."""

    destination: Destination
    amount: Decimal


@dataclass(frozen=True)
class PlanCheck:
    """What R7 checked of a resource plan: the reading of used plans applied and the window it checked."""

    reading: str  # the policy's used_plans: "partial" or "none"
    window_opens: date  # the purchase day (account zone)
    window_closes: date  # the last day an unsubscription is possible
    finding: Wording  # the verdict on the plan in one sentence


@dataclass(frozen=True)
class RefundQuote:
    order_id: str
    at: datetime
    eligible: bool
    rules: tuple[RuleApplied, ...]
    refundable: Decimal
    currency: str
    non_refundable: tuple[NonRefundablePart, ...]
    voided_gifts: tuple[Gift, ...]
    refund_parts: tuple[RefundPart, ...]  # empty when not eligible
    arrival_earliest: date | None
    arrival_latest: date | None
    unchecked: tuple[RuleNote, ...] = ()  # rules the store cannot check (R11), with why
    warnings: tuple[RuleNote, ...] = ()
    plan_check: PlanCheck | None = None

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)

    @property
    def destination(self) -> Destination | None:
        """Where the cash part goes (R9); None when nothing is refunded."""
        if not self.eligible:
            return None
        cash = [part.destination for part in self.refund_parts if part.destination != Destination.PREPAID_CARD]
        return cash[0] if cash else Destination.PREPAID_CARD

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values; amounts as decimal strings so no float ever rounds them."""
        plan = self.plan_check
        return {
            "order_id": self.order_id,
            "at": self.at.isoformat(),
            "eligible": self.eligible,
            "rules": [{"id": rule.id, "text": rule.text} for rule in self.rules],
            "refundable": f"{self.refundable:f}",
            "currency": self.currency,
            "non_refundable": [
                {"kind": part.kind, "amount": f"{part.amount:f}", "rule": part.rule, "in_payable": part.in_payable}
                for part in self.non_refundable
            ],
            "voided_gifts": [gift.to_text() for gift in self.voided_gifts],
            "destination": None if self.destination is None else self.destination.value,
            "refund_parts": [
                {"destination": part.destination.value, "amount": f"{part.amount:f}"} for part in self.refund_parts
            ],
            "arrival_earliest": None if self.arrival_earliest is None else self.arrival_earliest.isoformat(),
            "arrival_latest": None if self.arrival_latest is None else self.arrival_latest.isoformat(),
            "unchecked": [{"id": note.id, "text": str(note.text)} for note in self.unchecked],
            "warnings": [{"id": note.id, "text": str(note.text)} for note in self.warnings],
            "plan": None
            if plan is None
            else {
                "used_plans": plan.reading,
                "window_opens": plan.window_opens.isoformat(),
                "window_closes": plan.window_closes.isoformat(),
                "finding": str(plan.finding),
            },
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> RefundQuote:
        """A quote as `to_json` wrote it (one stored with its request); its sentences stay in the words stored."""

        def day(text: str | None) -> date | None:
            return None if text is None else date.fromisoformat(text)

        def notes(key: str) -> tuple[RuleNote, ...]:
            return tuple(RuleNote(note["id"], Wording("refunds", note["text"])) for note in payload[key])

        plan = payload["plan"]
        return cls(
            order_id=payload["order_id"],
            at=datetime.fromisoformat(payload["at"]),
            eligible=payload["eligible"],
            rules=tuple(RuleApplied(rule["id"], rule["text"]) for rule in payload["rules"]),
            refundable=Decimal(payload["refundable"]),
            currency=payload["currency"],
            non_refundable=tuple(
                NonRefundablePart(part["kind"], Decimal(part["amount"]), part["rule"], part["in_payable"])
                for part in payload["non_refundable"]
            ),
            voided_gifts=tuple(Gift.parse(text) for text in payload["voided_gifts"]),
            refund_parts=tuple(
                RefundPart(Destination(part["destination"]), Decimal(part["amount"]))
                for part in payload["refund_parts"]
            ),
            arrival_earliest=day(payload["arrival_earliest"]),
            arrival_latest=day(payload["arrival_latest"]),
            unchecked=notes("unchecked"),
            warnings=notes("warnings"),
            plan_check=None
            if plan is None
            else PlanCheck(
                plan["used_plans"],
                date.fromisoformat(plan["window_opens"]),
                date.fromisoformat(plan["window_closes"]),
                Wording("refunds", plan["finding"]),
            ),
        )

    def same_terms(self, other: RefundQuote) -> bool:
        """Whether `other` offers the same refund, whenever each was made (what a confirmation checks)."""
        mine, theirs = self.to_json(), other.to_json()
        del mine["at"], theirs["at"]
        return mine == theirs


# R11: why the store cannot check it, and what it says when it has a hint.
R11_UNCHECKED = QT_TRANSLATE_NOOP(
    "refunds",
    "Whether this year's {days}-day no-reason refund of this cloud service was already used is not in the store;"
    " check it in the console before counting on a full refund.",
)
R11_PROBABLY_USED = QT_TRANSLATE_NOOP(
    "refunds",
    "The store holds a refund this year of an order of the same cloud service bought at most {days} days before it"
    " was refunded: this year's no-reason refund was probably used.",
)
R8_UNKNOWN_YEAR = QT_TRANSLATE_NOOP(
    "refunds",
    "The arrival window falls in {year}, whose public holidays and working weekends are not published in the"
    " calendar yet: the dates may move.",
)


def quote_refund(order: OrderFacts, at: datetime, policy: Policy) -> RefundQuote:
    """Quote the refund of ``order`` if it were unsubscribed at ``at``."""
    _check_order(order)
    local_at = policy.local(at, "at")
    rule_ids: list[str] = ["R1"]
    parts: list[NonRefundablePart] = []
    paid_status = order.payment_status == PaymentStatus.PAID
    unpaid_part = order.pretax_amount - order.cash - order.vouchers - order.prepaid_card
    # A file that counts the coupon inside the payable amount: the coupon is that part, listed once.
    coupon_inside = paid_status and order.coupons > ZERO and unpaid_part == order.coupons
    # R1: vouchers and coupons are never given back.
    if order.vouchers:
        parts.append(NonRefundablePart("voucher", order.vouchers, "R1"))
    if order.coupons:
        parts.append(NonRefundablePart("coupon", order.coupons, "R1", in_payable=coupon_inside))
    if unpaid_part and not coupon_inside:
        # Part of the payable amount was never paid: nothing of it can come back.
        parts.append(NonRefundablePart("not_refundable", unpaid_part, "R1" if paid_status else "R12"))

    blocker, consumed, plan_check = _base_rules(order, at, local_at.date(), policy)
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
        if order.paid:
            parts.append(NonRefundablePart("not_refundable", order.paid, blocker))
    else:
        if plan_check is not None and not (granted and consumed == ZERO):
            rule_ids.append("R7")
        kept = min(consumed, order.paid)
        if kept:
            parts.append(NonRefundablePart("consumed_value", kept, "R7"))
        refundable = order.paid - kept
    eligible = refundable > ZERO
    warnings: list[RuleNote] = []
    if eligible:
        rule_ids += ["R8", "R9", "R10"]
        first, last = policy.arrival_business_days
        calendar = policy.calendar
        arrival_earliest: date | None = calendar.add_business_days(local_at.date(), first)
        arrival_latest: date | None = calendar.add_business_days(local_at.date(), last)
        assert arrival_latest is not None
        warnings += [
            RuleNote("R8", R8_UNKNOWN_YEAR.format(year=year))
            for year in range(local_at.year, arrival_latest.year + 1)
            if not calendar.knows_year(year)
        ]
        refund_parts = _refund_parts(order, refundable, local_at.date(), policy)
    else:
        arrival_earliest = arrival_latest = None
        refund_parts = ()
    no_reason = R11_PROBABLY_USED if order.no_reason_refund_seen else R11_UNCHECKED
    note = RuleNote("R11", no_reason.format(days=policy.no_reason_refund_days))
    return RefundQuote(
        order_id=order.order_id,
        at=at,
        eligible=eligible,
        rules=tuple(RuleApplied(rule_id, policy.rule_text(rule_id)) for rule_id in dict.fromkeys(rule_ids)),
        refundable=refundable,
        currency=order.currency,
        non_refundable=tuple(parts),
        voided_gifts=order.gifts if eligible else (),
        refund_parts=refund_parts,
        arrival_earliest=arrival_earliest,
        arrival_latest=arrival_latest,
        unchecked=() if order.no_reason_refund_seen else (note,),
        warnings=(note, *warnings) if order.no_reason_refund_seen else tuple(warnings),
        plan_check=plan_check,
    )


def cash_destination(order: OrderFacts, today: date, policy: Policy) -> Destination:
    """Where the cash part goes (R9): back the way it was paid, within the method's days, else the balance."""
    if not order.payment_method_valid:
        return Destination.ACCOUNT_BALANCE
    method = PaymentMethod(order.payment_method)
    limit = policy.refund_route_days.get(method)
    paid_day = policy.local(order.paid_at or order.created_at).date()
    if limit is not None and (today - paid_day).days > limit:
        return Destination.ACCOUNT_BALANCE
    return Destination(method.value)


def _refund_parts(order: OrderFacts, refundable: Decimal, today: date, policy: Policy) -> tuple[RefundPart, ...]:
    """R1, R9: the refund split between the cash and the prepaid card in proportion to what each paid.

    The prepaid card's share is rounded to cents (half up); the cash part takes the remainder.
    """
    card = policy.quantize_money(refundable * order.prepaid_card / order.paid) if order.prepaid_card else ZERO
    split = (
        RefundPart(cash_destination(order, today, policy), refundable - card),
        RefundPart(Destination.PREPAID_CARD, card),
    )
    return tuple(part for part in split if part.amount > ZERO)


def _base_rules(
    order: OrderFacts, at: datetime, today: date, policy: Policy
) -> tuple[str | None, Decimal, PlanCheck | None]:
    """The rule that keeps all the money paid (if any), the consumed value and R7's check, before promotions."""
    if _refund_impossible(order):
        return "R12", ZERO, None
    if order.item_kind == ItemKind.PAY_AS_YOU_GO:
        return "R5", ZERO, None
    if order.item_kind == ItemKind.QUEEN_SDK_YEARLY or (
        order.item_kind == ItemKind.SDK_LICENSE and order.license is not None and order.license.queen
    ):
        return "R6", ZERO, None
    if order.promotion is not None and order.promotion.terms == PromotionTerms.NO_REFUND:
        return "R2", ZERO, None
    if order.item_kind == ItemKind.SDK_LICENSE:
        assert order.license is not None  # checked by _check_order
        return ("R3" if _activated(order.license, at) else None), ZERO, None
    if order.item_kind == ItemKind.RESOURCE_PLAN:
        return _plan_rules(order, at, today, policy)
    return None, ZERO, None


PLAN_EXPIRED = QT_TRANSLATE_NOOP("refunds", "The plan expired on {day}: an expired plan refunds nothing.")
PLAN_WINDOW_CLOSED = QT_TRANSLATE_NOOP(
    "refunds", "The unused full-refund window of this plan (bought on {opens}) closed on {closes}."
)
PLAN_LICENSE_ACTIVATED = QT_TRANSLATE_NOOP(
    "refunds", "The license this plan is tied to was activated: the plan counts as used."
)
PLAN_UNUSED = QT_TRANSLATE_NOOP(
    "refunds", "The plan is unused: refunded in full within its window, {opens} to {closes}."
)
PLAN_USED_PARTIAL = QT_TRANSLATE_NOOP(
    "refunds",
    "The plan is {used} used: refunded the money paid minus the value used at list price ({reading} reading of"
    " used plans), within its window, {opens} to {closes}.",
)
PLAN_USED_NONE = QT_TRANSLATE_NOOP(
    "refunds", "The plan is {used} used, and the policy refunds no used plan ({reading} reading of used plans)."
)


def _plan_rules(
    order: OrderFacts, at: datetime, today: date, policy: Policy
) -> tuple[str | None, Decimal, PlanCheck | None]:
    plan = order.plan
    assert plan is not None  # checked by _check_order
    purchased = policy.local(order.paid_at or order.created_at).date()
    expiry_day = policy.local(plan.expires_at).date()
    last_day = policy.plan_window(purchased).last_day(purchased)
    closes = expiry_day if last_day is None else min(last_day, expiry_day)

    def check(finding: Wording) -> PlanCheck:
        return PlanCheck(policy.used_plans, purchased, closes, finding)

    if plan.license is not None and _activated(plan.license, at):
        return "R4", ZERO, check(PLAN_LICENSE_ACTIVATED)
    if at > plan.expires_at:
        return "R7", ZERO, check(PLAN_EXPIRED.format(day=expiry_day))
    if last_day is not None and today > last_day:
        # R7: the window in force when the plan was bought has closed.
        return "R7", ZERO, check(PLAN_WINDOW_CLOSED.format(opens=purchased, closes=last_day))
    left = plan.share_left()
    if left == 1:
        return None, ZERO, check(PLAN_UNUSED.format(opens=purchased, closes=closes))
    used = f"{(1 - left) * 100:.1f} %"
    if policy.used_plans == "none":
        return "R7", ZERO, check(PLAN_USED_NONE.format(used=used, reading=policy.used_plans))
    basis = order.pretax_gross if policy.consumed_value_basis == "pretax_gross" else order.pretax_amount
    consumed = policy.quantize_money((1 - left) * basis)
    finding = PLAN_USED_PARTIAL.format(used=used, reading=policy.used_plans, opens=purchased, closes=closes)
    return None, consumed, check(finding)


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
    check_payment_parts(order.order_id, order.pretax_amount, order.cash, order.vouchers, order.prepaid_card)
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
        plan.share_left()


PARTS_EXCEED_PAYABLE = QT_TRANSLATE_NOOP(
    "refunds",
    "order {order}: cash {cash}, vouchers {vouchers} and prepaid card {prepaid} add up to more than the payable"
    " amount {payable}",
)


class PaymentPartsError(WordedError, ValueError):
    """An order paid more than it owed: its quote could not account for the money."""


def check_payment_parts(order_id: str, payable: Decimal, cash: Decimal, vouchers: Decimal, prepaid: Decimal) -> None:
    """Refuse an order whose cash, vouchers and prepaid card exceed its payable amount (checked at import too)."""
    if cash + vouchers + prepaid > payable:
        raise PaymentPartsError(
            PARTS_EXCEED_PAYABLE.format(order=order_id, cash=cash, vouchers=vouchers, prepaid=prepaid, payable=payable)
        )


def _decimal(text: str, context: str) -> Decimal:
    try:
        return Decimal(text)
    except ArithmeticError:
        raise ValueError(f"not an amount in {context!r}") from None
