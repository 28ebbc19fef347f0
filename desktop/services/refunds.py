"""Refund requests: asking for one, and following it to credited, rejected or cancelled."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.kinds import RefundState
from desktop.domain.policy import Policy
from desktop.domain.refunds import RefundQuote
from desktop.services.changes import Changes, Done, Kind
from desktop.services.unit_of_work import writing
from desktop.store import refunds

REQUESTED = Changes.of(Kind.REFUNDS, Kind.ORDERS)  # the order can no longer be asked for again (R12)


def request_refund(
    store: sessionmaker[Session],
    order_id: str,
    now: datetime,
    policy: Policy,
    confirmed: RefundQuote | None = None,
) -> Done[int]:
    """Record a refund request for an order, as quoted now (and as the user confirmed it); the request's id."""
    with writing(store) as session:
        return Done(refunds.request_refund(session, order_id, now, policy, confirmed=confirmed).id, REQUESTED)


def set_refund_state(
    store: sessionmaker[Session],
    request_id: int,
    state: RefundState,
    at: datetime,
    seen_version: int | None = None,
) -> Done[int]:
    """Move a request on (processing, credited, rejected, cancelled) at `at`; its id."""
    with writing(store) as session:
        return Done(refunds.set_refund_state(session, request_id, state, at, seen_version).id, REQUESTED)
