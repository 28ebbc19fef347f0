"""Recording and undoing payments towards overdue bills."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session, sessionmaker

from desktop.services.changes import Changes, Done, Kind
from desktop.services.unit_of_work import writing
from desktop.store import payments

PAID = Changes.of(Kind.PAYMENTS, Kind.BILLS)  # who owes what, as of any moment from the payment on


def record_payment(
    store: sessionmaker[Session],
    amount: Decimal,
    paid_at: datetime,
    now: datetime,
    reference: str | None = None,
    note: str | None = None,
) -> Done[int]:
    """Record a payment (paid now or earlier, never later); its id."""
    with writing(store) as session:
        payment = payments.record_payment(session, amount, paid_at, now=now, reference=reference, note=note)
        return Done(payment.id, PAID)


def undo_payment(store: sessionmaker[Session], payment_id: int, now: datetime) -> Done[int]:
    """Record the reversing entry of a payment (nothing is deleted); its id."""
    with writing(store) as session:
        return Done(payments.undo_payment(session, payment_id, now).id, PAID)
