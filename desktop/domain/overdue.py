"""Overdue status: is the Live service running, in grace, or suspended, as of a moment (O1–O6).

Everything is computed "as of" a given moment from the bills' unpaid amounts and the
payments, so the countdown, the chart of the future and the tests all agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from desktop.domain.kinds import ServiceState
from desktop.domain.money import check_amount
from desktop.domain.policy import Policy, require_aware
from desktop.domain.refunds import RuleApplied

ZERO = Decimal("0.00")
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class Debt:
    """The amount of a bill left unpaid at its deduction time."""

    bill_id: str
    deducted_at: datetime
    amount: Decimal
    settled_at: datetime | None = None  # when a newer export says it was paid


@dataclass(frozen=True)
class Payment:
    """Money paid towards overdue bills; an undone payment counts only as of moments before its undo."""

    paid_at: datetime
    amount: Decimal
    undone_at: datetime | None = None


@dataclass(frozen=True)
class OverdueStatus:
    """The account's overdue situation at ``at``, with times in the account's zone.

    ``overdue_since`` is the deduction time of the oldest bill still unpaid; ``suspends_at``
    the moment of suspension still to come (in grace only); ``suspended_since`` the moment the
    service was suspended (suspended only). With suspension memory (O4) the oldest unpaid bill
    may be younger than the suspension: the two moments are each what they say.
    """

    at: datetime
    state: ServiceState
    overdue_amount: Decimal
    overdue_since: datetime | None
    suspends_at: datetime | None
    seconds_to_suspension: int | None
    can_buy_resource_plans: bool
    rules: tuple[RuleApplied, ...]
    suspended_since: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "state": self.state.value,
            "overdue_amount": f"{self.overdue_amount:f}",
            "overdue_since": None if self.overdue_since is None else self.overdue_since.isoformat(),
            "suspends_at": None if self.suspends_at is None else self.suspends_at.isoformat(),
            "suspended_since": None if self.suspended_since is None else self.suspended_since.isoformat(),
            "seconds_to_suspension": self.seconds_to_suspension,
            "can_buy_resource_plans": self.can_buy_resource_plans,
            "rules": [{"id": rule.id, "text": rule.text} for rule in self.rules],
        }


def deduction_time(payment_time: datetime | None, usage_end: datetime | None) -> datetime:
    """A bill line's deduction time (DOMAIN §2): its payment/consumption time, else its usage end."""
    if payment_time is not None:
        return require_aware(payment_time, "payment_time")
    if usage_end is not None:
        return require_aware(usage_end, "usage_end")
    raise ValueError("a bill line needs a payment time or a usage end time")


def settlement_times(debts: Iterable[Debt], payments: Iterable[Payment]) -> dict[str, datetime]:
    """When each settled debt was settled; the store records it as ``settled_at`` (O4).

    Payments settle the oldest debts first. A payment only settles debts already
    deducted when it was made: money paid before a bill was already in the balance
    the bill was charged against, so any surplus of a payment stays in the balance.
    Times are returned in UTC, as the store keeps them.
    """
    settled, _ = _allocate(_checked_debts(debts), _checked_payments(payments))
    return settled


def amounts_left(debts: Iterable[Debt], payments: Iterable[Payment], at: datetime) -> dict[str, Decimal]:
    """What each bill still owes as of ``at``, after the payments and settlements seen by then (O4).

    The amounts of the bills charged by ``at`` add up to the overdue amount of `overdue_status`;
    a bill charged after ``at`` owes its whole amount, as it will from its deduction time.
    """
    require_aware(at, "at")
    checked = _checked_debts(debts)
    _, left = _allocate(*_as_of(checked, _checked_payments(payments), at))
    return {debt.bill_id: left.get(debt.bill_id, debt.amount) for debt in checked}


def overdue_status(debts: Iterable[Debt], payments: Iterable[Payment], at: datetime, policy: Policy) -> OverdueStatus:
    """The overdue state as of ``at`` (O1–O6)."""
    require_aware(at, "at")
    seen, paid = _as_of(_checked_debts(debts), _checked_payments(payments), at)
    settled, left = _allocate(seen, paid)

    def unpaid_at(moment: datetime) -> list[Debt]:
        return [
            debt
            for debt in seen
            if debt.deducted_at <= moment and (debt.bill_id not in settled or settled[debt.bill_id] > moment)
        ]

    # O4: walk the history; suspension sticks until the unpaid total is zero again.
    events = sorted({debt.deducted_at for debt in seen} | set(settled.values()))
    suspended_since: datetime | None = None
    for index, moment in enumerate(events):
        unpaid = unpaid_at(moment)
        if not unpaid:
            suspended_since = None
            continue
        if suspended_since is not None:
            continue
        # O1, O3: the oldest unpaid bill is the start; suspended once the overdue *exceeds*
        # 15 x 24 h, i.e. if it is still unpaid after that instant (at it, 0 seconds are left).
        candidate = max(moment, min(debt.deducted_at for debt in unpaid) + policy.grace_period)
        next_event = events[index + 1] if index + 1 < len(events) else None
        if candidate < (next_event if next_event is not None else at):
            suspended_since = candidate

    unpaid = unpaid_at(at)
    amount = sum((left[debt.bill_id] for debt in unpaid), ZERO)
    local_at = policy.local(at, "at")
    if not unpaid:
        return OverdueStatus(local_at, ServiceState.ACTIVE, amount, None, None, None, True, _rules(policy, "O1", "O6"))
    since = policy.local(min(debt.deducted_at for debt in unpaid))
    if suspended_since is not None:
        # O3 after start + 15 x 24 h (the boundary itself still belongs to the grace period).
        return OverdueStatus(
            local_at,
            ServiceState.SUSPENDED,
            amount,
            since,
            None,
            None,
            False,
            _rules(policy, "O1", "O3", "O4", "O5", "O6"),
            suspended_since=policy.local(suspended_since),
        )
    suspends_at = since + policy.grace_period
    return OverdueStatus(
        local_at,
        ServiceState.GRACE,
        amount,
        since,
        suspends_at,
        (suspends_at - at) // _SECOND,
        False,
        _rules(policy, "O1", "O2", "O5", "O6"),
    )


def _as_of(debts: list[Debt], payments: list[Payment], at: datetime) -> tuple[list[Debt], list[Payment]]:
    """The bills charged, the settlements seen and the payments standing as of ``at``."""
    seen = [
        replace(debt, settled_at=None) if debt.settled_at is not None and debt.settled_at > at else debt
        for debt in debts
        if debt.deducted_at <= at
    ]
    paid = [
        payment
        for payment in payments
        if payment.paid_at <= at and (payment.undone_at is None or payment.undone_at > at)
    ]
    return seen, paid


def _allocate(debts: list[Debt], payments: list[Payment]) -> tuple[dict[str, datetime], dict[str, Decimal]]:
    """Settlement times and amounts left, taking events in time order.

    A recorded payment settles the oldest unsettled debts first; a debt that a newer export
    shows paid (`settled_at`) is settled from then on, unless a payment had already settled
    it, so that the same money is never counted twice.
    """
    ordered = sorted(debts, key=lambda debt: (debt.deducted_at, debt.bill_id))
    settled: dict[str, datetime] = {debt.bill_id: debt.deducted_at for debt in ordered if debt.amount == ZERO}
    left: dict[str, Decimal] = {debt.bill_id: debt.amount for debt in ordered}
    events: list[tuple[datetime, int, Debt | Payment]] = [
        (max(debt.settled_at, debt.deducted_at), 0, debt) for debt in ordered if debt.settled_at is not None
    ]
    events += [(payment.paid_at, 1, payment) for payment in payments]
    for moment, _, event in sorted(events, key=lambda item: (item[0], item[1])):
        if isinstance(event, Debt):
            if event.bill_id not in settled:
                settled[event.bill_id] = moment
                left[event.bill_id] = ZERO
            continue
        budget = event.amount
        for debt in ordered:
            if budget == ZERO or debt.deducted_at > moment:
                break
            if debt.bill_id in settled:
                continue
            taken = min(budget, left[debt.bill_id])
            budget -= taken
            left[debt.bill_id] -= taken
            if left[debt.bill_id] == ZERO:
                settled[debt.bill_id] = moment
    return settled, left


def _checked_debts(debts: Iterable[Debt]) -> list[Debt]:
    checked: list[Debt] = []
    ids: set[str] = set()
    for debt in debts:
        require_aware(debt.deducted_at, f"deducted_at of bill {debt.bill_id}")
        if debt.settled_at is not None:
            require_aware(debt.settled_at, f"settled_at of bill {debt.bill_id}")
        check_amount(debt.amount, f"amount of bill {debt.bill_id}")
        if debt.bill_id in ids:
            raise ValueError(f"bill {debt.bill_id} appears twice")
        ids.add(debt.bill_id)
        # In UTC, so that "+ 15 days" is 360 real hours even across a DST change (O3).
        settled_at = None if debt.settled_at is None else debt.settled_at.astimezone(UTC)
        checked.append(replace(debt, deducted_at=debt.deducted_at.astimezone(UTC), settled_at=settled_at))
    return checked


def _checked_payments(payments: Iterable[Payment]) -> list[Payment]:
    checked: list[Payment] = []
    for payment in payments:
        require_aware(payment.paid_at, "paid_at of a payment")
        if payment.undone_at is not None:
            require_aware(payment.undone_at, "undone_at of a payment")
        check_amount(payment.amount, "amount of a payment")
        checked.append(replace(payment, paid_at=payment.paid_at.astimezone(UTC)))
    return checked


def _rules(policy: Policy, *rule_ids: str) -> tuple[RuleApplied, ...]:
    return tuple(RuleApplied(rule_id, policy.rule_text(rule_id)) for rule_id in rule_ids)
