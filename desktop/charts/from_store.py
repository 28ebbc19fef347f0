"""The plain data behind each chart, read from the store: one place for the window and the exports.

No matplotlib here: the controllers load what a chart shows before anything is drawn.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.charts.data import OverdueTimeline, RefundBar, SpendTable, UsageSeries
from desktop.charts.language import QT_TRANSLATE_NOOP, translate
from desktop.domain.billing import Dimension, is_provisional
from desktop.domain.periods import Period
from desktop.domain.policy import Policy
from desktop.store import queries
from desktop.store.models import BillRollup, UsageRecord
from desktop.store.overview import Overview
from desktop.store.queries import UsageFilter
from desktop.store.refunds import state_at
from desktop.store.types import exact_sum

BANDWIDTH = "Peak bandwidth"
ZERO = Decimal("0.00")

# What a dimension is called on screen, in the "columns" context the tables share.
DIMENSION_TITLES = {
    Dimension.PRODUCT: QT_TRANSLATE_NOOP("columns", "Product"),
    Dimension.PRODUCT_DETAIL: QT_TRANSLATE_NOOP("columns", "Product detail"),
    Dimension.BILLING_ITEM: QT_TRANSLATE_NOOP("columns", "Billing item"),
    Dimension.INSTANCE: QT_TRANSLATE_NOOP("columns", "Instance"),
    Dimension.REGION: QT_TRANSLATE_NOOP("columns", "Region"),
    Dimension.BILLING_METHOD: QT_TRANSLATE_NOOP("columns", "Billing method"),
    Dimension.BILL_TYPE: QT_TRANSLATE_NOOP("columns", "Bill type"),
}


def spend_table(session: Session, dimension: Dimension, period: Period, now: datetime, policy: Policy) -> SpendTable:
    """Payable amounts of each group, day by day over `period` (from the rollups)."""
    account = queries.current_account(session)
    rows = session.execute(
        select(BillRollup.day, BillRollup.key, exact_sum(BillRollup.payable))
        .where(
            BillRollup.account_id == account.id,
            BillRollup.dimension == dimension.value,
            BillRollup.day >= period.first,
            BillRollup.day <= period.last,
        )
        .group_by(BillRollup.day, BillRollup.key)
    ).all()
    days = [period.first + timedelta(days=offset) for offset in range((period.last - period.first).days + 1)]
    position = {day: index for index, day in enumerate(days)}
    groups: dict[str, list[Decimal]] = {}
    for day, key, payable in rows:
        groups.setdefault(key or "(none)", [ZERO] * len(days))[position[day]] = payable
    labels = [f"{day:%m-%d}" for day in days]
    provisional = frozenset(label for label, day in zip(labels, days, strict=True) if _provisional(day, now, policy))
    title = translate("columns", DIMENSION_TITLES[dimension])
    return SpendTable(title, labels, groups, account.currency, provisional)


def _provisional(day: date, now: datetime, policy: Policy) -> bool:
    return is_provisional(Period.day(day), now, policy)


def usage_series(session: Session, where: UsageFilter) -> UsageSeries:
    """Samples of one billing item (peak bandwidth unless the filter names one): one domain's, or all summed."""
    account = queries.current_account(session)
    item = where.billing_item or BANDWIDTH
    statement = replace(where, billing_item=item).apply(
        select(UsageRecord.start, exact_sum(UsageRecord.usage), UsageRecord.unit), account.id
    )
    rows = session.execute(statement.group_by(UsageRecord.start, UsageRecord.unit).order_by(UsageRecord.start)).all()
    unit = rows[0][2] if rows else ""
    label = f"{item} · " + (where.instance_id or translate("charts", "all domains"))
    if where.region:
        label += f" · {where.region}"
    return UsageSeries(label, unit, [row[0] for row in rows], [row[1] for row in rows], peaks=item == BANDWIDTH)


def overdue_timeline(overview: Overview) -> OverdueTimeline:
    return OverdueTimeline.from_status(overview.status, overview.currency, overview.grace_period)


def refund_bars(session: Session, at: datetime) -> list[RefundBar]:
    """The refund requests asked for by `at`, each in the state it was in then."""
    account = queries.current_account(session)
    return [
        RefundBar(
            request.order_id,
            request.created_at,
            request.arrival_earliest,
            request.arrival_latest,
            state_at(request, at),
            request.refundable,
            request.currency,
        )
        for request in queries.refund_requests(session, account.id)
        if request.created_at <= at
    ]
