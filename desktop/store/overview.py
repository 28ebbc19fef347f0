"""The account at a glance: the one computation behind the Overview tab and `overview --json`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.overdue import OverdueStatus, overdue_status
from desktop.domain.policy import Policy
from desktop.store import queries
from desktop.store.models import ZERO, RefundRequest
from desktop.store.refunds import in_flight_at
from desktop.store.types import exact_sum


@dataclass(frozen=True)
class PlanLeft:
    """What is left of a resource plan, and until when."""

    instance_id: str
    package_type: str
    remaining: Decimal
    total: Decimal
    unit: str
    expires_at: datetime


@dataclass(frozen=True)
class Overview:
    account_uid: str
    account_name: str
    currency: str
    balance: Decimal | None
    balance_at: datetime | None
    status: OverdueStatus
    month_to_date_spend: Decimal
    plans: tuple[PlanLeft, ...]
    refunds_in_flight: int
    refunds_in_flight_amount: Decimal
    grace_period: timedelta  # the policy's (O2), for the timeline drawn from this

    def to_json(self) -> dict[str, Any]:
        return {
            "account": self.account_uid,
            "currency": self.currency,
            "balance": None if self.balance is None else str(self.balance),
            **self.status.to_json(),
            "month_to_date_spend": str(self.month_to_date_spend),
            "refunds_in_flight_amount": f"{self.refunds_in_flight_amount:f}",
            "refunds_in_flight_count": self.refunds_in_flight,
        }


def account_overview(session: Session, at: datetime, policy: Policy) -> Overview:
    """Balance, overdue status, spend of the month, plans left and refunds in flight, as of `at`."""
    account = queries.current_account(session)
    status = overdue_status(queries.debts(session, account.id), queries.payments(session, account.id), at, policy)
    plans = tuple(
        PlanLeft(
            plan.instance_id,
            plan.package_type,
            plan.remaining,
            plan.total,
            plan.remaining_unit,
            plan.expires_at,
        )
        for plan in queries.resource_plans(session, account.id)
        if plan.effective_at <= at < plan.expires_at and plan.remaining > ZERO
    )
    count, amount = session.execute(
        select(func.count(), exact_sum(RefundRequest.refundable)).where(
            RefundRequest.account_id == account.id, *in_flight_at(at)
        )
    ).one()
    return Overview(
        account_uid=account.uid,
        account_name=account.name,
        currency=account.currency,
        balance=account.balance,
        balance_at=account.balance_at,
        status=status,
        month_to_date_spend=queries.month_to_date_spend(session, account, at),
        plans=plans,
        refunds_in_flight=count,
        refunds_in_flight_amount=amount,
        grace_period=policy.grace_period,
    )
