"""The demo account is realistic, complete and deterministic, and is in grace when made."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.kinds import ItemKind, LicenseStatus, ServiceState
from desktop.domain.policy import Policy
from desktop.sources.demo import fill_demo_if_empty
from desktop.store.models import BillLine, License, Order, ResourcePlan, UsageRecord
from desktop.store.overview import account_overview
from desktop.store.session import open_store
from tests.conftest import DEMO_AT


def _fingerprint(store: sessionmaker[Session]) -> tuple[object, ...]:
    with store() as session:
        return (
            session.execute(
                select(func.count(), func.sum(BillLine.pretax_amount), func.sum(BillLine.outstanding))
            ).one(),
            session.execute(select(func.count(), func.sum(UsageRecord.usage))).one(),
            tuple(session.scalars(select(Order.order_id).order_by(Order.order_id))),
        )


def test_the_demo_is_the_same_every_time(tmp_path: Path, demo_store: sessionmaker[Session], policy: Policy) -> None:
    again = open_store(f"sqlite:///{tmp_path / 'again.sqlite3'}")
    assert fill_demo_if_empty(again, DEMO_AT, policy)
    assert _fingerprint(again) == _fingerprint(demo_store)


def test_the_demo_is_not_made_twice(demo_store: sessionmaker[Session], policy: Policy) -> None:
    assert not fill_demo_if_empty(demo_store, DEMO_AT, policy)


def test_the_account_is_in_grace_a_few_days_from_suspension(demo_store: sessionmaker[Session], policy: Policy) -> None:
    with demo_store() as session:
        status = account_overview(session, DEMO_AT, policy).status
    assert status.state is ServiceState.GRACE
    assert status.seconds_to_suspension is not None
    assert timedelta(days=2) < timedelta(seconds=status.seconds_to_suspension) < timedelta(days=5)
    assert not status.can_buy_resource_plans


def test_the_demo_holds_everything_the_tabs_show(demo_store: sessionmaker[Session]) -> None:
    with demo_store() as session:
        domains = set(
            session.scalars(select(BillLine.instance_id).where(BillLine.bill_type == "PayAsYouGoBill").distinct())
        )
        methods = set(session.scalars(select(BillLine.subscription_type).distinct()))
        bill_types = set(session.scalars(select(BillLine.bill_type).distinct()))
        items = set(session.scalars(select(BillLine.billing_item).distinct()))
        kinds = set(session.scalars(select(Order.item_kind).distinct()))
        statuses = set(session.scalars(select(License.status).distinct()))
        plans = session.scalars(select(ResourcePlan)).all()
        promotional = session.scalars(select(Order).where(Order.promotion_terms.is_not(None))).all()
        gifts = [gift.kind for order in promotional for gift in order.gifts]
        months = set(session.scalars(select(BillLine.billing_cycle).distinct()))
        deductions = session.execute(
            select(
                func.sum(BillLine.voucher_deduction),
                func.sum(BillLine.prepaid_card),
                func.sum(BillLine.invoice_discount),
            )
        ).one()
        usage_domains = set(session.scalars(select(UsageRecord.instance_id).distinct()))
    assert len(domains) == 3
    assert methods == {"Pay-As-You-Go", "Subscription"}
    assert bill_types == {"PayAsYouGoBill", "SubscriptionOrder", "Refund"}
    assert usage_domains == domains
    assert {"Downstream traffic", "Peak bandwidth", "Live snapshots", "Live recording"} <= items
    assert kinds == {kind.value for kind in ItemKind}
    assert {LicenseStatus.ACTIVATED.value, LicenseStatus.NOT_ACTIVATED.value} <= statuses
    assert any(plan.remaining == plan.total for plan in plans)
    assert any(0 < plan.remaining < plan.total for plan in plans)
    assert any(plan.license_instance_id for plan in plans)
    assert {"voucher", "extension"} <= set(gifts)
    assert len(months) >= 3
    assert all(amount > 0 for amount in deductions)
