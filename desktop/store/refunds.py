"""Refund quotes and requests from the store: the one path every screen and command uses."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, selectinload

from desktop.domain.kinds import (
    IN_FLIGHT,
    NEXT_REFUND_STATES,
    GiftKind,
    ItemKind,
    LicenseStatus,
    OrderType,
    PaymentMethod,
    PaymentStatus,
    PromotionTerms,
    RefundState,
)
from desktop.domain.policy import Policy
from desktop.domain.refunds import (
    Gift,
    LicenseFacts,
    OrderFacts,
    PlanFacts,
    Promotion,
    RefundQuote,
    quote_refund,
)
from desktop.domain.wording import QT_TRANSLATE_NOOP, Wording
from desktop.store import queries
from desktop.store.engine import ChangedElsewhereError
from desktop.store.errors import StoreError
from desktop.store.models import License, Order, RefundRequest, ResourcePlan


class RefundNotAllowedError(StoreError):
    """A refund request that was not stored; `quote` is the order's quote now, `reason` which case it is.

    reason: "ineligible" (the quote's last rule says why), "changed" (the quote differs from the
    one the user confirmed) or "requested" (the order already has a request).
    """

    def __init__(self, message: Wording, quote: RefundQuote, reason: str) -> None:
        super().__init__(message)
        self.quote = quote
        self.reason = reason


E = TypeVar("E", bound=StrEnum)


def _enum(kind: type[E], value: str, order_id: str, field: str) -> E:
    try:
        return kind(value)
    except ValueError:
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "order {order}: unknown {field} {value}").format(
                order=order_id, field=field, value=repr(value)
            )
        ) from None


def _license_facts(session: Session, account_id: int, instance_id: str | None) -> LicenseFacts | None:
    if instance_id is None:
        return None
    found = session.scalar(select(License).where(License.account_id == account_id, License.instance_id == instance_id))
    if found is None:
        return None
    return LicenseFacts(
        found.instance_id,
        _enum(LicenseStatus, found.status, instance_id, "license status"),
        found.activated_at,
        found.sdk_type,
    )


def order_facts(session: Session, account_id: int, order_id: str, at: datetime, policy: Policy) -> OrderFacts:
    """Everything the refund rules need about `order_id`, as the store knows it at `at`."""
    order = session.scalar(
        select(Order)
        .where(Order.account_id == account_id, Order.order_id == order_id)
        .options(selectinload(Order.gifts))
    )
    if order is None:
        raise StoreError(QT_TRANSLATE_NOOP("store", "no order {order} in this store").format(order=order_id))
    # R12: a paid refund order blocks the original; a cancelled or unpaid one does not.
    refund_order = session.scalar(
        select(Order.id).where(
            Order.account_id == account_id,
            Order.order_type == OrderType.REFUND,
            Order.payment_status == PaymentStatus.PAID,
            Order.related_order_id == order_id,
            Order.created_at <= at,
        )
    )
    # R12: a request already submitted, in progress or credited is a refund too, so never twice.
    requested = session.scalar(
        select(RefundRequest.id).where(
            RefundRequest.account_id == account_id,
            RefundRequest.order_id == order_id,
            RefundRequest.state.in_((*IN_FLIGHT, RefundState.CREDITED)),
            RefundRequest.created_at <= at,
        )
    )
    refunded = refund_order or requested
    plan_facts = None
    license_facts = None
    if order.item_kind == ItemKind.RESOURCE_PLAN and order.instance_id:
        plan = session.scalar(
            select(ResourcePlan).where(
                ResourcePlan.account_id == account_id, ResourcePlan.instance_id == order.instance_id
            )
        )
        if plan is None and order.payment_status == PaymentStatus.PAID:
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "store", "order {order} bought resource plan {plan}, which is not in the store"
                ).format(order=order_id, plan=order.instance_id)
            )
        if plan is not None:
            plan_facts = PlanFacts(
                plan.instance_id,
                plan.total,
                plan.remaining,
                plan.effective_at,
                plan.expires_at,
                _license_facts(session, account_id, plan.license_instance_id),
                plan.total_unit,
                plan.remaining_unit,
            )
    elif order.item_kind in (ItemKind.SDK_LICENSE, ItemKind.QUEEN_SDK_YEARLY):
        license_facts = _license_facts(session, account_id, order.instance_id)
        if (
            license_facts is None
            and order.item_kind == ItemKind.SDK_LICENSE
            and order.payment_status == PaymentStatus.PAID
        ):
            raise StoreError(
                QT_TRANSLATE_NOOP("store", "order {order} bought license {license}, which is not in the store").format(
                    order=order_id, license=order.instance_id
                )
            )
    promotion = None
    if order.promotion_terms:
        promotion = Promotion(
            _enum(PromotionTerms, order.promotion_terms, order_id, "promotion"), order.promotion_until
        )
    return OrderFacts(
        order_id=order.order_id,
        order_type=_enum(OrderType, order.order_type, order_id, "order type"),
        payment_status=_enum(PaymentStatus, order.payment_status, order_id, "payment status"),
        item_kind=_enum(ItemKind, order.item_kind, order_id, "item kind"),
        currency=order.currency,
        created_at=order.created_at,
        paid_at=order.paid_at,
        pretax_gross=order.pretax_gross,
        pretax_amount=order.pretax_amount,
        cash=order.cash,
        vouchers=order.vouchers,
        coupons=order.coupons,
        prepaid_card=order.prepaid_card,
        payment_method=_enum(PaymentMethod, order.payment_method, order_id, "payment method"),
        payment_method_valid=order.payment_method_valid,
        promotion=promotion,
        gifts=tuple(Gift(_enum(GiftKind, gift.kind, order_id, "gift"), gift.amount, gift.days) for gift in order.gifts),
        already_refunded=refunded is not None,
        license=license_facts,
        plan=plan_facts,
        no_reason_refund_seen=_no_reason_refund_seen(session, account_id, order.product_code, at, policy),
    )


def _no_reason_refund_seen(session: Session, account_id: int, product_code: str, at: datetime, policy: Policy) -> bool:
    """R11: a paid refund this calendar year (as of `at`) of an order of the same product bought at most N days before.

    Such a refund was probably the year's one no-reason refund of that cloud service.
    """
    year = policy.local(at).year
    start = datetime(year, 1, 1, tzinfo=policy.zone)
    original = aliased(Order)
    refunds = session.execute(
        select(Order.created_at, original.paid_at, original.created_at)
        .join(
            original,
            (original.account_id == Order.account_id) & (original.order_id == Order.related_order_id),
        )
        .where(
            Order.account_id == account_id,
            Order.order_type == OrderType.REFUND,
            Order.payment_status == PaymentStatus.PAID,
            Order.created_at >= start,
            Order.created_at <= at,
            original.product_code == product_code,
        )
    )
    window = timedelta(days=policy.no_reason_refund_days)
    return any(refunded - (paid or created) <= window for refunded, paid, created in refunds)


def quote_order(session: Session, order_id: str, at: datetime, policy: Policy) -> RefundQuote:
    """The refund quote of an order of the current account, as of `at`."""
    account = queries.current_account(session)
    return quote_refund(order_facts(session, account.id, order_id, at, policy), at, policy)


def request_refund(
    session: Session,
    order_id: str,
    at: datetime,
    policy: Policy,
    state: RefundState = RefundState.SUBMITTED,
    confirmed: RefundQuote | None = None,
) -> RefundRequest:
    """Record a refund request for an eligible order, as quoted now.

    Refused when the policy forbids it (R12 covers a request already made), or when the quote
    differs from the `confirmed` one the user saw: nothing is asked for that was not shown.
    """
    quote = quote_order(session, order_id, at, policy)
    if not quote.eligible:
        refused = QT_TRANSLATE_NOOP("store", "order {order} cannot be refunded: {reason}")
        raise RefundNotAllowedError(refused.format(order=order_id, reason=quote.rules[-1].text), quote, "ineligible")
    if confirmed is not None and not confirmed.same_terms(quote):
        raise RefundNotAllowedError(
            QT_TRANSLATE_NOOP(
                "store", "the quote of order {order} has changed since it was shown; review it and confirm again"
            ).format(order=order_id),
            quote,
            "changed",
        )
    account = queries.current_account(session)
    request = RefundRequest(
        account_id=account.id,
        order_id=order_id,
        state=state,
        created_at=at,
        submitted_at=at,
        refundable=quote.refundable,
        currency=quote.currency,
        destination=quote.destination,  # eligible: never None
        arrival_earliest=quote.arrival_earliest,
        arrival_latest=quote.arrival_latest,
        quote=json.dumps(quote.to_json(), ensure_ascii=False),
    )
    session.add(request)
    try:
        session.flush()
    except IntegrityError:
        # Someone else asked for this order's refund between our check and our write (R12); the
        # caller's transaction rolls back. (No savepoint: with SQLite's driver, releasing one that
        # opened the transaction would commit it.)
        requested = QT_TRANSLATE_NOOP("store", "order {order} already has a refund request").format(order=order_id)
        raise RefundNotAllowedError(requested, quote, "requested") from None
    return request


def in_flight_at(at: datetime) -> tuple[ColumnElement[bool], ...]:
    """Where a request was on its way as of `at`: asked for by then, and not credited, rejected or cancelled yet."""
    ended = (RefundRequest.credited_at, RefundRequest.rejected_at, RefundRequest.cancelled_at)
    return (RefundRequest.created_at <= at, *(or_(moment.is_(None), moment > at) for moment in ended))


def state_at(request: RefundRequest, at: datetime) -> RefundState:
    """Where a request stood at `at` (asked for by then), from the moments it reached each state.

    A state whose moment was not recorded (set when the request was made) counts from the request on.
    """
    current = RefundState(request.state)
    column = STATE_MOMENTS.get(current)
    reached = getattr(request, column) if column else None
    if reached is None or reached <= at:
        return current
    if request.processing_at is not None and request.processing_at <= at:
        return RefundState.PROCESSING
    return RefundState.SUBMITTED


def request_json(request: RefundRequest) -> dict[str, Any]:
    """A refund request as plain JSON values, with every state's moment and the quote the user confirmed."""

    def moment(value: datetime | None) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "id": request.id,
        "order_id": request.order_id,
        "state": request.state,
        "refundable": f"{request.refundable:f}",
        "currency": request.currency,
        "destination": request.destination,
        "arrival_earliest": None if request.arrival_earliest is None else request.arrival_earliest.isoformat(),
        "arrival_latest": None if request.arrival_latest is None else request.arrival_latest.isoformat(),
        "submitted_at": moment(request.submitted_at),
        **{column: moment(getattr(request, column)) for column in STATE_MOMENTS.values()},
        "quote": None if request.quote is None else json.loads(request.quote),
    }


STATE_MOMENTS = {
    RefundState.PROCESSING: "processing_at",
    RefundState.CREDITED: "credited_at",
    RefundState.REJECTED: "rejected_at",
    RefundState.CANCELLED: "cancelled_at",
}
"""The column that keeps when a request reached each state (submitted_at is set when it is made)."""


def set_refund_state(
    session: Session, request_id: int, state: RefundState, at: datetime, seen_version: int | None = None
) -> RefundRequest:
    """Move a request on (submitted -> processing -> credited | rejected | cancelled), with the moment it did.

    `seen_version`, when given, is the version the user saw: a request changed since is refused.
    """
    request = session.get(RefundRequest, request_id)
    if request is None:
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "refund request {request} no longer exists").format(request=request_id)
        )
    if seen_version is not None and request.version != seen_version:
        raise ChangedElsewhereError(
            QT_TRANSLATE_NOOP(
                "store",
                "Someone else changed this refund request after it was loaded here; nothing was saved."
                " Reload (F5) to see the change.",
            )
        )
    allowed = NEXT_REFUND_STATES.get(RefundState(request.state), frozenset())
    if state not in allowed:
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "a {state} refund request cannot become {new_state}").format(
                state=request.state, new_state=state.value
            )
        )
    request.state = state
    setattr(request, STATE_MOMENTS[state], at)
    session.flush()
    return request


def mark_credited(session: Session, request_id: int, seen_version: int, at: datetime) -> RefundRequest:
    """Record that a refund reached its destination; refuse if someone changed it since it was shown."""
    return set_refund_state(session, request_id, RefundState.CREDITED, at, seen_version)


def close_refunded_requests(session: Session, account_id: int) -> int:
    """Requests in flight whose order a paid Refund order now names are credited, at that order's moment.

    An import or a sync that brings the refund order closes the request it answers; returns how many.
    """
    refunds = session.execute(
        select(RefundRequest, Order.paid_at, Order.created_at)
        .join(
            Order,
            (Order.account_id == RefundRequest.account_id) & (Order.related_order_id == RefundRequest.order_id),
        )
        .where(
            RefundRequest.account_id == account_id,
            RefundRequest.state.in_(IN_FLIGHT),
            Order.order_type == OrderType.REFUND,
            Order.payment_status == PaymentStatus.PAID,
        )
    )
    closed = 0
    for request, paid_at, created_at in refunds:
        request.state = RefundState.CREDITED
        request.credited_at = paid_at or created_at
        closed += 1
    session.flush()
    return closed
