"""Overdue status as of a moment (O1–O6), its boundaries and its memory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.kinds import ServiceState
from desktop.domain.overdue import Debt, Payment, deduction_time, overdue_status, settlement_times
from desktop.domain.policy import Policy, load_policy

SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 1, 0, 0, tzinfo=SHANGHAI)  # the first bill is deducted
DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)
SECOND = timedelta(seconds=1)


def debt(bill_id: str, day: float, amount: str, settled_day: float | None = None) -> Debt:
    settled = None if settled_day is None else T0 + settled_day * DAY
    return Debt(bill_id, T0 + day * DAY, Decimal(amount), settled)


def pay(day: float, amount: str) -> Payment:
    return Payment(T0 + day * DAY, Decimal(amount))


# O1 -------------------------------------------------------------------------------------


def test_o1_no_debt_means_active(policy: Policy) -> None:
    status = overdue_status([], [], T0, policy)
    assert status.state == ServiceState.ACTIVE
    assert status.overdue_amount == 0
    assert (status.overdue_since, status.suspends_at, status.seconds_to_suspension) == (None, None, None)
    assert status.can_buy_resource_plans


@pytest.mark.parametrize(
    ("at", "state", "amount"),
    [
        (T0 - MINUTE, ServiceState.ACTIVE, "0"),  # not deducted yet
        (T0, ServiceState.GRACE, "100.00"),  # overdue from the deduction time itself
        (T0 + DAY, ServiceState.GRACE, "100.00"),
    ],
)
def test_o1_overdue_from_the_deduction_time(policy: Policy, at: datetime, state: ServiceState, amount: str) -> None:
    status = overdue_status([debt("b1", 0, "100.00")], [], at, policy)
    assert status.state == state
    assert status.overdue_amount == Decimal(amount)


def test_o1_the_overdue_period_starts_at_the_oldest_unpaid_bill(policy: Policy) -> None:
    debts = [debt("b2", 3, "50.00"), debt("b1", 1, "100.00"), debt("b3", 5, "10.00")]
    status = overdue_status(debts, [], T0 + 6 * DAY, policy)
    assert status.overdue_since == T0 + DAY
    assert status.overdue_amount == Decimal("160.00")
    assert status.suspends_at == T0 + 16 * DAY


def test_o1_payments_settle_the_oldest_bills_first(policy: Policy) -> None:
    debts = [debt("b1", 0, "100.00"), debt("b2", 1, "50.00")]
    status = overdue_status(debts, [pay(2, "120.00")], T0 + 3 * DAY, policy)
    assert status.overdue_amount == Decimal("30.00")
    assert status.overdue_since == T0 + DAY  # b1 is settled, b2 is the oldest unpaid
    assert status.suspends_at == T0 + 16 * DAY


def test_o1_a_partial_payment_does_not_move_the_start(policy: Policy) -> None:
    status = overdue_status([debt("b1", 0, "100.00")], [pay(1, "60.00")], T0 + 2 * DAY, policy)
    assert status.overdue_amount == Decimal("40.00")
    assert status.overdue_since == T0


def test_o1_payments_after_the_moment_asked_do_not_count(policy: Policy) -> None:
    status = overdue_status([debt("b1", 0, "100.00")], [pay(5, "100.00")], T0 + 4 * DAY, policy)
    assert status.state == ServiceState.GRACE
    assert status.overdue_amount == Decimal("100.00")


def test_o1_a_payment_made_before_a_bill_does_not_pay_it(policy: Policy) -> None:
    # The money was in the balance when the bill was charged; the unpaid amount already reflects it.
    status = overdue_status([debt("b1", 2, "100.00")], [pay(1, "500.00")], T0 + 3 * DAY, policy)
    assert status.overdue_amount == Decimal("100.00")


def test_o1_a_bill_settled_by_a_newer_export_is_settled_from_that_moment(policy: Policy) -> None:
    debts = [debt("b1", 0, "100.00", settled_day=4), debt("b2", 1, "50.00")]
    before = overdue_status(debts, [], T0 + 3 * DAY, policy)
    after = overdue_status(debts, [pay(2, "50.00")], T0 + 5 * DAY, policy)
    assert before.overdue_amount == Decimal("150.00")
    assert before.overdue_since == T0
    # Events in time order: the payment of day 2 went to the oldest bill, b1, and the export of
    # day 4 shows b1 paid; the same money is never counted twice, so b2 still owes its 50.00.
    assert after.state == ServiceState.GRACE
    assert after.overdue_amount == Decimal("50.00")
    assert after.overdue_since == T0 + DAY


# O2, O3: the boundary -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "state", "seconds"),
    [
        (T0 + 15 * DAY - MINUTE, ServiceState.GRACE, 60),
        (T0 + 15 * DAY - timedelta(seconds=1.5), ServiceState.GRACE, 1),  # floor, never rounded up
        (T0 + 15 * DAY, ServiceState.GRACE, 0),  # the boundary: overdue 15 days, not more (O3, revised 2026-12)
        (T0 + 15 * DAY + SECOND, ServiceState.SUSPENDED, None),  # more than 15 days
        (T0 + 15 * DAY + MINUTE, ServiceState.SUSPENDED, None),
    ],
)
def test_o2_o3_suspended_once_overdue_for_more_than_fifteen_times_24_hours(
    policy: Policy, at: datetime, state: ServiceState, seconds: int | None
) -> None:
    status = overdue_status([debt("b1", 0, "100.00")], [], at, policy)
    assert status.state == state
    assert status.seconds_to_suspension == seconds
    assert (status.suspends_at or status.suspended_since) == T0 + 15 * DAY
    assert not status.can_buy_resource_plans


def test_o2_grace_counts_down_from_the_start(policy: Policy) -> None:
    status = overdue_status([debt("b1", 0, "100.00")], [], T0 + 10 * DAY, policy)
    assert status.state == ServiceState.GRACE
    assert status.seconds_to_suspension == 5 * 24 * 3600
    assert [rule.id for rule in status.rules] == ["O1", "O2", "O5", "O6"]


def test_o3_suspension_across_a_daylight_saving_change_is_exactly_360_hours(policy: Policy) -> None:
    # Berlin leaves summer time on 2026-10-25; 15 x 24 h must not become 361 h.
    start = datetime(2026, 10, 20, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    status = overdue_status([Debt("b1", start, Decimal(1))], [], start + DAY, policy)
    assert status.suspends_at is not None
    assert status.suspends_at - start == timedelta(hours=360)
    assert status.seconds_to_suspension == 14 * 24 * 3600


# O4: memory -----------------------------------------------------------------------------


def test_o4_paying_the_oldest_bills_does_not_resume_a_suspended_service(policy: Policy) -> None:
    debts = [debt("b1", 0, "100.00"), debt("b2", 10, "50.00")]
    payments = [pay(16, "100.00")]  # only b1, after the suspension on day 15
    status = overdue_status(debts, payments, T0 + 17 * DAY, policy)
    assert status.state == ServiceState.SUSPENDED
    assert status.overdue_amount == Decimal("50.00")
    assert status.overdue_since == T0 + 10 * DAY  # b2 is only 7 days old, and still no service
    assert (status.suspended_since, status.suspends_at) == (T0 + 15 * DAY, None)
    assert [rule.id for rule in status.rules] == ["O1", "O3", "O4", "O5", "O6"]


def test_o4_paying_everything_resumes_and_the_memory_ends(policy: Policy) -> None:
    debts = [debt("b1", 0, "100.00"), debt("b2", 10, "50.00"), debt("b3", 20, "5.00")]
    payments = [pay(16, "100.00"), pay(18, "50.00")]
    resumed = overdue_status(debts, payments, T0 + 18 * DAY, policy)
    overdue_again = overdue_status(debts, payments, T0 + 21 * DAY, policy)
    assert resumed.state == ServiceState.ACTIVE
    assert resumed.can_buy_resource_plans
    assert overdue_again.state == ServiceState.GRACE
    assert overdue_again.suspends_at == T0 + 35 * DAY


def test_o4_paying_the_oldest_bill_in_time_avoids_the_suspension(policy: Policy) -> None:
    debts = [debt("b1", 0, "100.00"), debt("b2", 10, "50.00")]
    status = overdue_status(debts, [pay(14, "100.00")], T0 + 16 * DAY, policy)
    assert status.state == ServiceState.GRACE
    assert status.overdue_since == T0 + 10 * DAY
    assert status.suspends_at == T0 + 25 * DAY


def test_o4_the_suspension_moment_shown_is_the_first_one(policy: Policy) -> None:
    debts = [debt("b1", 0, "100.00"), debt("b2", 1, "50.00")]
    status = overdue_status(debts, [pay(16, "100.00")], T0 + 20 * DAY, policy)
    assert status.state == ServiceState.SUSPENDED
    assert status.suspended_since == T0 + 15 * DAY  # not day 16, when b2 alone would have suspended it


def test_o4_settlement_times_follow_the_oldest_first_order() -> None:
    debts = [debt("b2", 1, "50.00"), debt("b1", 0, "100.00"), debt("b3", 2, "30.00", settled_day=3), debt("b4", 2, "0")]
    payments = [pay(2, "120.00"), pay(5, "30.00"), pay(6, "99.00")]
    assert settlement_times(debts, payments) == {
        "b1": T0 + 2 * DAY,
        "b2": T0 + 5 * DAY,  # 20.00 on day 2, the remaining 30.00 on day 5
        "b3": T0 + 3 * DAY,  # from the newer export
        "b4": T0 + 2 * DAY,  # nothing to pay
    }


# O5, O6 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "can_buy"), [(-1, True), (1, False), (20, False)])
def test_o5_no_resource_plans_while_overdue(policy: Policy, day: int, can_buy: bool) -> None:
    status = overdue_status([debt("b1", 0, "1.00")], [], T0 + day * DAY, policy)
    assert status.can_buy_resource_plans is can_buy
    assert ("O5" in [rule.id for rule in status.rules]) is not can_buy


@pytest.mark.parametrize("day", [-1, 1, 20])
def test_o6_every_status_says_oss_features_follow_their_own_rules(policy: Policy, day: int) -> None:
    status = overdue_status([debt("b1", 0, "1.00")], [], T0 + day * DAY, policy)
    assert status.rules[-1].id == "O6"
    assert "OSS" in status.rules[-1].text


# Zones, JSON and entry checks ------------------------------------------------------------


def test_times_are_shown_in_the_account_zone(policy: Policy) -> None:
    start = datetime(2026, 11, 1, 16, 0, tzinfo=UTC)  # 00:00 on 2 November in Shanghai
    status = overdue_status([Debt("b1", start, Decimal("8.50"))], [], start + DAY, policy)
    assert status.to_json() == {
        "at": "2026-11-03T00:00:00+08:00",
        "state": "grace",
        "overdue_amount": "8.50",
        "overdue_since": "2026-11-02T00:00:00+08:00",
        "suspends_at": "2026-11-17T00:00:00+08:00",
        "suspended_since": None,
        "seconds_to_suspension": 14 * 24 * 3600,
        "can_buy_resource_plans": False,
        "rules": [{"id": rule_id, "text": policy.rule_text(rule_id)} for rule_id in ("O1", "O2", "O5", "O6")],
    }


def test_deduction_time_is_the_payment_time_else_the_usage_end() -> None:
    paid = datetime(2026, 11, 2, 8, 0, tzinfo=SHANGHAI)
    usage_end = datetime(2026, 11, 2, 0, 0, tzinfo=SHANGHAI)
    assert deduction_time(paid, usage_end) == paid
    assert deduction_time(None, usage_end) == usage_end
    with pytest.raises(ValueError, match="payment time or a usage end"):
        deduction_time(None, None)
    with pytest.raises(ValueError, match="timezone-aware"):
        deduction_time(datetime(2026, 11, 2, 8, 0), None)  # noqa: DTZ001


def test_naive_and_float_inputs_are_refused(policy: Policy) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        overdue_status([], [], datetime(2026, 11, 2), policy)  # noqa: DTZ001
    with pytest.raises(TypeError, match="Decimal"):
        overdue_status([Debt("b1", T0, 1.5)], [], T0, policy)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="twice"):
        overdue_status([debt("b1", 0, "1"), debt("b1", 1, "1")], [], T0, policy)


def test_a_shorter_grace_period_in_the_policy_moves_the_suspension(tmp_path: object) -> None:
    from pathlib import Path

    from desktop.domain.policy import DEFAULT_POLICY_FILE

    changed = Path(str(tmp_path)) / "policy.toml"
    changed.write_text(
        DEFAULT_POLICY_FILE.read_text(encoding="utf-8").replace("grace_period_days = 15", "grace_period_days = 10"),
        encoding="utf-8",
    )
    status = overdue_status([debt("b1", 0, "1.00")], [], T0 + 10 * DAY + MINUTE, load_policy(changed))
    assert status.state == ServiceState.SUSPENDED
    assert "For up to 10 days" in load_policy(changed).rule_text("O2")


# Properties -----------------------------------------------------------------------------

POLICY = load_policy()
amounts = st.decimals(min_value=Decimal(0), max_value=Decimal(1000), places=2)
offsets = st.integers(min_value=0, max_value=40 * 24 * 60)  # minutes after T0


@settings(max_examples=200, deadline=None)
@given(
    debts=st.lists(st.tuples(offsets, amounts), max_size=6),
    payments=st.lists(st.tuples(offsets, amounts), max_size=6),
    at=offsets,
)
def test_the_state_always_matches_the_amount_and_the_countdown(
    debts: list[tuple[int, Decimal]], payments: list[tuple[int, Decimal]], at: int
) -> None:
    bills = [Debt(f"b{index}", T0 + minutes * MINUTE, amount) for index, (minutes, amount) in enumerate(debts)]
    paid = [Payment(T0 + minutes * MINUTE, amount) for minutes, amount in payments]
    moment = T0 + at * MINUTE
    status = overdue_status(bills, paid, moment, POLICY)
    due = sum((bill.amount for bill in bills if bill.deducted_at <= moment), Decimal(0))
    assert Decimal(0) <= status.overdue_amount <= due
    assert (status.state == ServiceState.ACTIVE) is (status.overdue_amount == 0)
    assert status.can_buy_resource_plans is (status.state == ServiceState.ACTIVE)
    if status.state == ServiceState.GRACE:
        assert status.suspends_at is not None
        assert status.seconds_to_suspension is not None
        assert 0 <= status.seconds_to_suspension <= 15 * 24 * 3600  # 0: at the boundary itself (O3)
    else:
        assert status.seconds_to_suspension is None
    if status.state == ServiceState.SUSPENDED:  # a moment never contradicts another
        assert status.suspends_at is None
        assert status.suspended_since is not None
        assert status.suspended_since < moment
    else:
        assert status.suspended_since is None


def test_o4_suspended_since_and_overdue_since_are_each_what_they_say(policy: Policy) -> None:
    """Suspended on day 15; the first bill paid on day 21 leaves a younger one unpaid: still suspended (O4),
    overdue since the younger bill, suspended since day 15, and no suspension 'to come'."""
    debts = [debt("b1", 0, "100.00"), debt("b2", 20, "50.00")]
    status = overdue_status(debts, [pay(21, "100.00")], T0 + 22 * DAY, policy)
    assert status.state == ServiceState.SUSPENDED
    assert status.overdue_since == T0 + 20 * DAY
    assert status.suspended_since == T0 + 15 * DAY
    assert (status.suspends_at, status.seconds_to_suspension) == (None, None)
    json = status.to_json()
    assert (json["suspended_since"], json["suspends_at"]) == ((T0 + 15 * DAY).isoformat(), None)


def test_in_grace_nothing_is_suspended_yet(policy: Policy) -> None:
    status = overdue_status([debt("b1", 0, "100.00")], [], T0 + DAY, policy)
    assert (status.suspends_at, status.suspended_since) == (T0 + 15 * DAY, None)
