"""Payments and refund requests through the services, on every backend: what they store, refuse and report."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.kinds import RefundState, ServiceState
from desktop.domain.policy import Policy
from desktop.domain.wording import WordedError
from desktop.services import data_in, payments, refunds
from desktop.services.changes import Kind
from desktop.store import queries
from desktop.store.models import Order, RefundRequest
from desktop.store.overview import account_overview
from desktop.store.payments import payment_entries
from tests.conftest import DEMO_AT

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


@pytest.fixture
def demo(demo_on_backend: sessionmaker[Session]) -> sessionmaker[Session]:
    return demo_on_backend


def _state(store: sessionmaker[Session], policy: Policy, at_offset: timedelta) -> tuple[ServiceState, Decimal]:
    with store() as session:
        status = account_overview(session, DEMO_AT + at_offset, policy).status
    return status.state, status.overdue_amount


def test_an_undone_payment_counts_before_its_undo_and_not_after(demo: sessionmaker[Session], policy: Policy) -> None:
    owed = _state(demo, policy, timedelta())[1]
    done = payments.record_payment(demo, owed, DEMO_AT, DEMO_AT, reference="BANK-1")
    assert {Kind.PAYMENTS, Kind.BILLS} <= done.changes.kinds
    assert _state(demo, policy, timedelta(minutes=1)) == (ServiceState.ACTIVE, Decimal(0))
    undone = payments.undo_payment(demo, done.value, DEMO_AT + timedelta(hours=1))
    assert undone.value != done.value  # a reversing entry, not a delete
    assert _state(demo, policy, timedelta(minutes=30))[0] == ServiceState.ACTIVE  # as of before the undo
    assert _state(demo, policy, timedelta(hours=2)) == (ServiceState.GRACE, owed)
    with demo() as session:
        (entry,) = payment_entries(session, queries.current_account(session).id)
    assert (entry.amount, entry.reference, entry.undone_at) == (owed, "BANK-1", DEMO_AT + timedelta(hours=1))


@pytest.mark.parametrize(
    ("amount", "paid_later", "message"),
    [
        (Decimal(0), timedelta(), "a payment must be a positive amount"),
        (Decimal(10), timedelta(minutes=1), "a payment cannot be paid in the future"),
    ],
)
def test_a_payment_of_nothing_or_in_the_future_is_refused(
    demo: sessionmaker[Session], amount: Decimal, paid_later: timedelta, message: str
) -> None:
    with pytest.raises(WordedError, match=message):
        payments.record_payment(demo, amount, DEMO_AT + paid_later, DEMO_AT)


def test_a_payment_is_undone_once(demo: sessionmaker[Session]) -> None:
    paid = payments.record_payment(demo, Decimal(10), DEMO_AT, DEMO_AT).value
    reversal = payments.undo_payment(demo, paid, DEMO_AT).value
    with pytest.raises(WordedError, match="already undone"):
        payments.undo_payment(demo, paid, DEMO_AT)
    with pytest.raises(WordedError, match="no payment"):
        payments.undo_payment(demo, reversal, DEMO_AT)  # the reversing entry itself


def _request(store: sessionmaker[Session], policy: Policy) -> tuple[int, str]:
    with store() as session:
        order_id = session.scalars(
            select(Order.order_id).where(Order.instance_id == "lic-player-001", Order.order_type == "New")
        ).one()
    return refunds.request_refund(store, order_id, DEMO_AT, policy).value, order_id


def test_a_request_keeps_the_quote_it_was_made_on_and_the_moment_of_each_state(
    demo: sessionmaker[Session], policy: Policy
) -> None:
    request_id, order_id = _request(demo, policy)
    later = DEMO_AT + timedelta(days=1)
    refunds.set_refund_state(demo, request_id, RefundState.PROCESSING, later)
    refunds.set_refund_state(demo, request_id, RefundState.REJECTED, later + timedelta(days=1))
    with demo() as session:
        request = session.get(RefundRequest, request_id)
        assert request is not None
        assert (request.state, request.processing_at, request.rejected_at) == (
            RefundState.REJECTED,
            later,
            later + timedelta(days=1),
        )
        quote = json.loads(request.quote or "{}")
    assert (quote["order_id"], quote["refundable"], quote["at"]) == (order_id, "499.00", DEMO_AT.isoformat())
    # a rejected request no longer blocks the order (R12): it can be asked for again
    assert refunds.request_refund(demo, order_id, later, policy).value != request_id


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ((RefundState.CREDITED, RefundState.PROCESSING), "a credited refund request cannot become processing"),
        ((RefundState.CANCELLED, RefundState.CREDITED), "a cancelled refund request cannot become credited"),
    ],
)
def test_a_request_moves_only_forward(
    demo: sessionmaker[Session], policy: Policy, path: tuple[RefundState, RefundState], refused: str
) -> None:
    request_id, _ = _request(demo, policy)
    refunds.set_refund_state(demo, request_id, path[0], DEMO_AT)
    with pytest.raises(WordedError, match=refused):
        refunds.set_refund_state(demo, request_id, path[1], DEMO_AT)


def test_an_imported_paid_refund_order_closes_its_request_as_credited(
    demo: sessionmaker[Session], policy: Policy, tmp_path: Path
) -> None:
    request_id, order_id = _request(demo, policy)
    header = (SAMPLES / "orders.csv").read_text(encoding="utf-8").splitlines()[0]
    refund = tmp_path / "refund.csv"
    refund.write_text(
        f"{header}\n9000000000001,{order_id},Refund,Paid,2026-11-28 10:00:00,2026-11-28 10:05:00,live,,"
        "Subscription,CNY,499.00,499.00,499.00,0.00,0.00,0.00,DebitCard,true,SdkLicense,lic-player-001,,\n",
        encoding="utf-8",
    )
    done = data_in.import_files(demo, [refund], policy, DEMO_AT + timedelta(days=3))
    assert Kind.REFUNDS in done.changes.kinds
    with demo() as session:
        request = session.get(RefundRequest, request_id)
        assert request is not None
        assert (request.state, request.credited_at) == (
            RefundState.CREDITED,
            DEMO_AT.replace(day=28, hour=10, minute=5),
        )


def test_the_refunds_a_statement_draws_are_those_of_its_moment(demo: sessionmaker[Session], policy: Policy) -> None:
    """Item 7 of 'one truth': a statement as of T shows each request as it stood at T, and none made later."""
    from desktop.charts.from_store import refund_bars

    request_id, order_id = _request(demo, policy)  # asked for at DEMO_AT
    refunds.set_refund_state(demo, request_id, RefundState.PROCESSING, DEMO_AT + timedelta(days=1))
    refunds.set_refund_state(demo, request_id, RefundState.CREDITED, DEMO_AT + timedelta(days=3))
    with demo() as session:

        def states(offset: timedelta) -> dict[str, RefundState]:
            return {bar.order_id: bar.state for bar in refund_bars(session, DEMO_AT + offset)}

        assert order_id not in states(-timedelta(hours=1))
        assert states(timedelta(hours=1))[order_id] == RefundState.SUBMITTED
        assert states(timedelta(days=2))[order_id] == RefundState.PROCESSING
        assert states(timedelta(days=4))[order_id] == RefundState.CREDITED
