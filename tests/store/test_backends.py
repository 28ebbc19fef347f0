"""The shared team store: the same answers on PostgreSQL as on SQLite, and no silent overwrite."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desktop.domain.billing import Dimension
from desktop.domain.kinds import RefundState
from desktop.domain.periods import Period
from desktop.domain.policy import Policy
from desktop.sources.demo import fill_demo_if_empty
from desktop.store import queries
from desktop.store.errors import StoreError
from desktop.store.models import Order, RefundRequest
from desktop.store.overview import account_overview
from desktop.store.refunds import mark_credited, quote_order, request_refund
from tests.conftest import DEMO_AT


@pytest.fixture
def demo_on_backend(empty_store: sessionmaker[Session], policy: Policy) -> sessionmaker[Session]:
    assert fill_demo_if_empty(empty_store, DEMO_AT, policy)
    return empty_store


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


def test_a_second_save_of_the_same_refund_is_refused(demo_on_backend: sessionmaker[Session], policy: Policy) -> None:
    with demo_on_backend.begin() as session:
        order_id = session.scalars(select(Order.order_id).where(Order.instance_id == "lic-player-001")).one()
        request = request_refund(session, order_id, DEMO_AT, policy)
        request_id, seen = request.id, request.version
    first, second = demo_on_backend(), demo_on_backend()
    mine = first.get(RefundRequest, request_id)
    theirs = second.get(RefundRequest, request_id)
    assert mine is not None
    assert theirs is not None
    theirs.note = "the bank called"
    second.commit()
    mine.state = RefundState.PROCESSING
    with pytest.raises(StaleDataError):
        first.commit()  # never a silent overwrite of someone else's change
    first.rollback()
    with demo_on_backend.begin() as session, pytest.raises(StoreError, match="changed by someone else"):
        mark_credited(session, request_id, seen, DEMO_AT)
    first.close()
    second.close()
