"""Writing an order: the one upsert the importer and the sync share (an order's id is its key)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import Gift, Order
from desktop.store.upsert import UpsertCounts

GiftRow = tuple[str, Decimal | None, int | None]  # kind, amount, days
Adjust = Callable[[Order, dict[str, Any]], None]


def upsert_order(
    session: Session,
    values: Mapping[str, Any],
    *,
    gifts: Sequence[GiftRow] | None = None,
    defaults: Mapping[str, Any] | None = None,
    adjust: Adjust | None = None,
) -> UpsertCounts:
    """Store one order (`values` name its account and id): new, updated where a value differs, or unchanged.

    `defaults` fill what a new order's source does not know; `gifts` None keeps the stored gifts
    (a source that has none to give); `adjust(order, changes)` may add changes read off the stored
    order. Orders are few and carry their gifts (a child table), so the ORM writes them.
    """
    order = session.scalar(
        select(Order).where(Order.account_id == values["account_id"], Order.order_id == values["order_id"])
    )
    if order is None:
        new_gifts = [Gift(kind=kind, amount=amount, days=days) for kind, amount, days in gifts or ()]
        session.add(Order(**{**(defaults or {}), **values}, gifts=new_gifts))
        return UpsertCounts(new=1)
    changes = {name: value for name, value in values.items() if getattr(order, name) != value}
    if adjust is not None:
        adjust(order, changes)
    stored_gifts = [(gift.kind, gift.amount, gift.days) for gift in order.gifts]
    new_gifts_given = gifts is not None and list(gifts) != stored_gifts
    if not changes and not new_gifts_given:
        return UpsertCounts(unchanged=1)
    for name, value in changes.items():
        setattr(order, name, value)
    if new_gifts_given:
        order.gifts = [Gift(kind=kind, amount=amount, days=days) for kind, amount, days in gifts or ()]
    return UpsertCounts(updated=1)
