"""The shared team store: the same answers on PostgreSQL as on SQLite, and no silent overwrite."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.billing import Dimension
from desktop.domain.kinds import RefundState
from desktop.domain.periods import Period
from desktop.domain.policy import Policy
from desktop.store import queries
from desktop.store.engine import ChangedElsewhereError
from desktop.store.errors import StoreError
from desktop.store.models import Order, Payment, RefundRequest
from desktop.store.overview import account_overview
from desktop.store.payments import record_payment
from desktop.store.refunds import mark_credited, quote_order, request_refund
from tests.conftest import DEMO_AT


def _answers(store: sessionmaker[Session], policy: Policy) -> dict[str, object]:
    with store() as session:
        order_ids = session.scalars(select(Order.order_id).order_by(Order.order_id)).all()
        return {
            "overview": account_overview(session, DEMO_AT, policy).to_json(),
            "billing": [
                queries.billing_report(session, dimension, Period.month(2026, 11), DEMO_AT, policy).to_json()
                for dimension in Dimension
            ],
            "quotes": [quote_order(session, order_id, DEMO_AT, policy).to_json() for order_id in order_ids],
        }


def test_every_backend_gives_the_same_answers(
    demo_on_backend: sessionmaker[Session], demo_store: sessionmaker[Session], policy: Policy
) -> None:
    assert _answers(demo_on_backend, policy) == _answers(demo_store, policy)


def _refund_request(store: sessionmaker[Session], policy: Policy) -> tuple[int, int]:
    """A refund request made through the store's own path: its id and the version it was stored at."""
    with store.begin() as session:
        order_id = session.scalars(select(Order.order_id).where(Order.instance_id == "lic-player-001")).one()
        request = request_refund(session, order_id, DEMO_AT, policy)
        return request.id, request.version


def test_a_second_save_of_the_same_refund_is_refused(demo_on_backend: sessionmaker[Session], policy: Policy) -> None:
    request_id, seen = _refund_request(demo_on_backend, policy)
    with demo_on_backend() as first, demo_on_backend() as second:
        mine = first.get(RefundRequest, request_id)
        theirs = second.get(RefundRequest, request_id)
        assert mine is not None
        assert theirs is not None
        theirs.note = "the bank called"
        second.commit()
        mine.state = RefundState.PROCESSING
        mine.note = "overwritten?"
        with pytest.raises(ChangedElsewhereError, match=r"changed by someone else .* reload"):
            first.commit()  # never a silent overwrite of someone else's change
    with demo_on_backend.begin() as session, pytest.raises(StoreError, match="Someone else changed this refund"):
        mark_credited(session, request_id, seen, DEMO_AT)
    with demo_on_backend() as session:
        kept = session.get(RefundRequest, request_id)
        assert kept is not None
        assert (kept.state, kept.note, kept.version) == (RefundState.SUBMITTED, "the bank called", seen + 1)


def test_two_people_marking_the_same_refund_credited_at_once_get_one_save_and_one_clear_refusal(
    demo_on_backend: sessionmaker[Session], policy: Policy
) -> None:
    """Both read the request before either saves (the check of the version passes for both): the
    version counter in the UPDATE still refuses the second, in words, and the first one's time stays."""
    request_id, seen = _refund_request(demo_on_backend, policy)
    mine_at, theirs_at = DEMO_AT.replace(hour=15), DEMO_AT.replace(hour=16)
    with demo_on_backend() as late:
        assert late.get(RefundRequest, request_id) is not None  # read while it is still in flight
        with demo_on_backend.begin() as early:
            mark_credited(early, request_id, seen, mine_at)
        with pytest.raises(ChangedElsewhereError, match="Someone else changed this refund"):
            mark_credited(late, request_id, seen, theirs_at)
        late.rollback()
    with demo_on_backend() as session:
        kept = session.get(RefundRequest, request_id)
        assert kept is not None
        assert (kept.state, kept.credited_at, kept.version) == (RefundState.CREDITED, mine_at, seen + 1)


def test_a_second_save_of_the_same_payment_is_refused(demo_on_backend: sessionmaker[Session]) -> None:
    with demo_on_backend.begin() as session:
        payment = record_payment(session, Decimal("500.00"), DEMO_AT, note="transfer")
        payment_id = payment.id
    with demo_on_backend() as first, demo_on_backend() as second:
        mine = first.get(Payment, payment_id)
        theirs = second.get(Payment, payment_id)
        assert mine is not None
        assert theirs is not None
        theirs.amount = Decimal("450.00")
        second.commit()
        mine.note = "transfer, fee included"
        with pytest.raises(ChangedElsewhereError, match="changed by someone else"):
            first.commit()
    with demo_on_backend() as session:
        kept = session.get(Payment, payment_id)
        assert kept is not None
        assert (kept.amount, kept.note, kept.version) == (Decimal("450.00"), "transfer", 2)
