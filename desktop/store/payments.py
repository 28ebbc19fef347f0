"""Recording a payment towards overdue bills (the overdue rules settle the oldest bills first)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.store import queries
from desktop.store.errors import StoreError
from desktop.store.models import Payment


def record_payment(session: Session, amount: Decimal, paid_at: datetime, note: str | None = None) -> Payment:
    """A payment of the current account, in its currency; only a positive amount is a payment."""
    if amount <= 0:
        raise StoreError(QT_TRANSLATE_NOOP("store", "a payment must be a positive amount"))
    account = queries.current_account(session)
    payment = Payment(account_id=account.id, paid_at=paid_at, amount=amount, currency=account.currency, note=note)
    session.add(payment)
    session.flush()
    return payment
