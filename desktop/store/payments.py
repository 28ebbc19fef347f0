"""Payments towards overdue bills (the overdue rules settle the oldest bills first): record, list, undo.

A payment is never deleted: undoing one records a reversing entry, so the history stays whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.store import queries
from desktop.store.errors import StoreError
from desktop.store.models import Payment


@dataclass(frozen=True)
class PaymentEntry:
    """A payment as it is listed: when, how much, its reference and note, and when it was undone."""

    id: int
    paid_at: datetime
    amount: Decimal
    currency: str
    reference: str | None
    note: str | None
    undone_at: datetime | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "paid_at": self.paid_at.isoformat(),
            "amount": f"{self.amount:f}",
            "currency": self.currency,
            "reference": self.reference,
            "note": self.note,
            "undone_at": None if self.undone_at is None else self.undone_at.isoformat(),
        }


def record_payment(
    session: Session,
    amount: Decimal,
    paid_at: datetime,
    *,
    now: datetime | None = None,
    reference: str | None = None,
    note: str | None = None,
) -> Payment:
    """A payment of the current account, in its currency: a positive amount, paid by `now` (when given)."""
    if amount <= 0:
        raise StoreError(QT_TRANSLATE_NOOP("store", "a payment must be a positive amount"))
    if now is not None and paid_at > now:
        raise StoreError(QT_TRANSLATE_NOOP("store", "a payment cannot be paid in the future"))
    account = queries.current_account(session)
    payment = Payment(
        account_id=account.id,
        paid_at=paid_at,
        amount=amount,
        currency=account.currency,
        reference=(reference or "").strip() or None,
        note=(note or "").strip() or None,
    )
    session.add(payment)
    session.flush()
    return payment


def payment_entries(session: Session, account_id: int) -> list[PaymentEntry]:
    """The account's payments, oldest first (reversing entries show as the undo of their payment)."""
    reversal = aliased(Payment)
    rows = session.execute(
        select(Payment, reversal.paid_at)
        .outerjoin(reversal, reversal.reverses_id == Payment.id)
        .where(Payment.account_id == account_id, Payment.reverses_id.is_(None))
        .order_by(Payment.paid_at, Payment.id)
    )
    return [
        PaymentEntry(p.id, p.paid_at, p.amount, p.currency, p.reference, p.note, undone_at) for p, undone_at in rows
    ]


def undo_payment(session: Session, payment_id: int, at: datetime) -> Payment:
    """Record the reversing entry of a payment of the current account; it counts no more from `at` on."""
    account = queries.current_account(session)
    payment = session.get(Payment, payment_id)
    if payment is None or payment.account_id != account.id or payment.reverses_id is not None:
        raise StoreError(QT_TRANSLATE_NOOP("store", "there is no payment {payment} to undo").format(payment=payment_id))
    if session.scalar(select(Payment.id).where(Payment.reverses_id == payment_id)) is not None:
        raise StoreError(QT_TRANSLATE_NOOP("store", "payment {payment} was already undone").format(payment=payment_id))
    if at < payment.paid_at:
        raise StoreError(QT_TRANSLATE_NOOP("store", "a payment cannot be undone before it was paid"))
    reversal = Payment(
        account_id=account.id,
        paid_at=at,
        amount=-payment.amount,
        currency=payment.currency,
        reference=payment.reference,
        note=f"undo of payment {payment.id}",
        reverses_id=payment.id,
    )
    session.add(reversal)
    session.flush()  # the unique reverses_id refuses a second undo made at the same time
    return reversal
