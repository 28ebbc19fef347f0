"""Read queries over the store; aggregation happens in SQL, never in Python loops."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Select, case, func, literal_column, or_, select, tuple_
from sqlalchemy.orm import Session, aliased, selectinload

from desktop.domain.billing import BillAmounts, BillingReport, BillingRow, Dimension, is_provisional
from desktop.domain.overdue import Debt, amounts_left
from desktop.domain.overdue import Payment as PaymentFact
from desktop.domain.periods import Period
from desktop.domain.policy import Policy
from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.store.errors import StoreError
from desktop.store.models import (
    ZERO,
    Account,
    BillLine,
    BillRollup,
    Order,
    Payment,
    RefundRequest,
    ResourcePlan,
    UsageRecord,
    UsageRollup,
)
from desktop.store.rollups import DIMENSION_COLUMNS, LINE_AMOUNTS, ROLLUP_AMOUNTS
from desktop.store.types import exact_sum
from desktop.store.usage_rollups import midnight


def followed_account(session: Session) -> Account | None:
    """The account the store follows (the first one; one store follows one account), if it has one yet."""
    return session.scalars(select(Account).order_by(Account.id).limit(1)).first()


def current_account(session: Session) -> Account:
    """The account the application shows; a store without one is refused in words."""
    account = followed_account(session)
    if account is None:
        raise StoreError(QT_TRANSLATE_NOOP("store", "the store holds no account yet: import a file or run `demo`"))
    return account


def account_zone(account: Account) -> ZoneInfo:
    return ZoneInfo(account.timezone)


def debts(session: Session, account_id: int) -> list[Debt]:
    """Every bill line that was owed at some point, oldest first (O1, O4).

    A line a newer export shows settled keeps its history: what it owed then is not in the
    export any more, so the most it can have owed (payable less vouchers and prepaid card)
    stands in for it; only amounts "as of" a moment before the settlement can show it.
    """
    owed = case(
        (BillLine.outstanding > ZERO, BillLine.outstanding),
        else_=BillLine.pretax_amount - BillLine.voucher_deduction - BillLine.prepaid_card,
    )
    rows = session.execute(
        select(BillLine.line_key, BillLine.deducted_at, owed, BillLine.settled_at)
        .where(BillLine.account_id == account_id, _OWES)
        .order_by(BillLine.deducted_at, BillLine.id)
    )
    return [Debt(key, deducted, amount, settled) for key, deducted, amount, settled in rows]


# As the partial index ix_bill_lines_debts says it (a literal 0, not a parameter): SQLite then reads it.
_OWES = or_(BillLine.outstanding > literal_column("0"), BillLine.settled_at.is_not(None))


@dataclass(frozen=True)
class Owing:
    """One bill line's debt as of a moment: what it owed at deduction and what it still owes."""

    owed: Decimal
    left: Decimal


def owing_as_of(session: Session, account_id: int, at: datetime) -> dict[str, Owing]:
    """Each bill line that ever owed money, by line key, as of `at`: one computation with the overdue status."""
    owed = debts(session, account_id)
    left = amounts_left(owed, payments(session, account_id), at)
    return {debt.bill_id: Owing(debt.amount, left[debt.bill_id]) for debt in owed}


def line_amounts(line: BillLine, owing: dict[str, Owing]) -> BillAmounts:
    """One bill line's amounts as of the moment `owing` was read at (the drill-down's row)."""
    amounts = BillAmounts.billed(*(getattr(line, column.key) for column in LINE_AMOUNTS))
    debt = owing.get(line.line_key)
    return amounts if debt is None else amounts.settled(debt.owed, line.outstanding, debt.left)


def payments(session: Session, account_id: int) -> list[PaymentFact]:
    """The account's payments, each with the moment it was undone (its reversing entry's), if it was."""
    reversal = aliased(Payment)
    rows = session.execute(
        select(Payment.paid_at, Payment.amount, reversal.paid_at)
        .outerjoin(reversal, reversal.reverses_id == Payment.id)
        .where(Payment.account_id == account_id, Payment.reverses_id.is_(None))
        .order_by(Payment.paid_at, Payment.id)
    )
    return [PaymentFact(paid_at, amount, undone_at) for paid_at, amount, undone_at in rows]


def month_to_date_spend(session: Session, account: Account, at: datetime) -> Decimal:
    """Payable amount of the billing cycle that `at` falls in, as billed up to `at`."""
    cycle = f"{at.astimezone(account_zone(account)):%Y-%m}"
    return (
        session.scalar(
            select(exact_sum(BillLine.pretax_amount)).where(
                BillLine.account_id == account.id,
                BillLine.billing_cycle == cycle,
                BillLine.deducted_at <= at,
            )
        )
        or ZERO
    )


def billing_summary(
    session: Session, account_id: int, dimension: Dimension, period: Period
) -> tuple[list[BillingRow], BillAmounts]:
    """Spend grouped by `dimension` over the days of `period`, with totals, read from the rollups."""
    sums = [exact_sum(column) for column in ROLLUP_AMOUNTS]
    in_period = (
        BillRollup.account_id == account_id,
        BillRollup.dimension == dimension.value,
        BillRollup.day >= period.first,
        BillRollup.day <= period.last,
    )
    grouped = (
        select(BillRollup.key, *sums)
        .where(*in_period)
        .group_by(BillRollup.key)
        .order_by(sums[3].desc(), BillRollup.key)
    )
    rows = [BillingRow(name, BillAmounts.billed(*amounts)) for name, *amounts in session.execute(grouped)]
    total: tuple[Decimal, ...] = tuple(session.execute(select(*sums).where(*in_period)).one())
    return rows, BillAmounts.billed(*total)


def settled_as_of(
    session: Session,
    account_id: int,
    dimension: Dimension,
    period: Period,
    summary: tuple[list[BillingRow], BillAmounts],
    owing: dict[str, Owing],
) -> tuple[list[BillingRow], BillAmounts]:
    """The billing summary with the settlements of its lines that ever owed money, as `owing` has them.

    Only those few lines are read (through the partial index of debts); the rollups hold the rest.
    """
    rows, totals = summary
    if not owing:
        return rows, totals
    amounts = {row.key: row.amounts for row in rows}
    key = func.coalesce(DIMENSION_COLUMNS[dimension], literal_column("''"))
    lines = session.execute(
        select(BillLine.line_key, key, BillLine.outstanding).where(
            BillLine.account_id == account_id,
            _OWES,
            BillLine.usage_day >= period.first,
            BillLine.usage_day <= period.last,
        )
    )
    for line_key, group, held in lines:
        debt, group = owing[line_key], group or ""
        amounts[group] = amounts[group].settled(debt.owed, held, debt.left)
        totals = totals.settled(debt.owed, held, debt.left)
    return [BillingRow(row.key, amounts[row.key]) for row in rows], totals


def bill_lines_of(
    session: Session, account_id: int, dimension: Dimension, key: str, period: Period, limit: int = 10_000
) -> Sequence[BillLine]:
    """The bill lines behind one group of a billing inquiry (drill-down), by day."""
    column = DIMENSION_COLUMNS[dimension]
    matches = column.is_(None) if key == "" else column == key
    return session.scalars(
        select(BillLine)
        .where(
            BillLine.account_id == account_id,
            BillLine.usage_day >= period.first,
            BillLine.usage_day <= period.last,
            matches,
        )
        .order_by(BillLine.usage_day, BillLine.id)
        .limit(limit)
    ).all()


def billing_report(
    session: Session, dimension: Dimension, period: Period, now: datetime, policy: Policy
) -> BillingReport:
    """The billing inquiry of the current account as of `now`: what the tab and `billing --json` show."""
    account = current_account(session)
    summary = billing_summary(session, account.id, dimension, period)
    rows, totals = settled_as_of(session, account.id, dimension, period, summary, owing_as_of(session, account.id, now))
    return BillingReport(dimension, period, is_provisional(period, now, policy), tuple(rows), totals)


AnySelect = TypeVar("AnySelect", bound="Select[*tuple[Any, ...]]")
"""A SELECT of any columns: a filter narrows it and gives back the same kind."""


@dataclass(frozen=True)
class UsageFilter:
    """Which usage samples to show: a time span and, optionally, one domain, region and billing item."""

    start: datetime | None = None
    end: datetime | None = None
    instance_id: str | None = None
    region: str | None = None
    billing_item: str | None = None

    def apply(self, statement: AnySelect, account_id: int) -> AnySelect:
        statement = statement.where(UsageRecord.account_id == account_id)
        if self.start is not None:
            statement = statement.where(UsageRecord.start >= self.start)
        if self.end is not None:
            statement = statement.where(UsageRecord.start < self.end)
        for column, value in (
            (UsageRecord.instance_id, self.instance_id),
            (UsageRecord.region, self.region),
            (UsageRecord.billing_item, self.billing_item),
        ):
            if value is not None:
                statement = statement.where(column == value)
        return statement


def usage_count(session: Session, account_id: int, where: UsageFilter = UsageFilter()) -> int:
    """How many samples match: whole UTC days from the rollups, the partial days at either end counted.

    Counting the samples themselves costs a step per sample (tens of milliseconds a million);
    this reads one row per day and series plus at most two days of samples.
    """
    start = where.start.astimezone(UTC) if where.start is not None else None
    end = where.end.astimezone(UTC) if where.end is not None else None
    first = None  # the first whole day
    if start is not None:
        first = start.date() if start == midnight(start.date()) else start.date() + timedelta(days=1)
    stop = end.date() if end is not None else None  # the days before it end by `end`
    if first is not None and stop is not None and first >= stop:
        return _counted(session, account_id, where)  # within two days: the samples are few
    statement = select(func.coalesce(func.sum(UsageRollup.samples), 0)).where(UsageRollup.account_id == account_id)
    if first is not None:
        statement = statement.where(UsageRollup.day >= first)
    if stop is not None:
        statement = statement.where(UsageRollup.day < stop)
    for column, value in (
        (UsageRollup.instance_id, where.instance_id),
        (UsageRollup.region, where.region),
        (UsageRollup.billing_item, where.billing_item),
    ):
        if value is not None:
            statement = statement.where(column == value)
    total = session.scalar(statement) or 0
    if start is not None and first is not None and start < midnight(first):
        total += _counted(session, account_id, replace(where, end=midnight(first)))
    if end is not None and stop is not None and midnight(stop) < end:
        total += _counted(session, account_id, replace(where, start=midnight(stop)))
    return int(total)


def _counted(session: Session, account_id: int, where: UsageFilter) -> int:
    """The matching samples counted one by one (use it for short spans only)."""
    return session.scalar(where.apply(select(func.count()).select_from(UsageRecord), account_id)) or 0


def usage_page(
    session: Session,
    account_id: int,
    after: tuple[datetime, int] | None,
    limit: int,
    where: UsageFilter = UsageFilter(),
) -> Sequence[UsageRecord]:
    """The next `limit` usage records in (start, id) order after the key `after` (keyset paging)."""
    statement = where.apply(select(UsageRecord), account_id)
    if after is not None:
        statement = statement.where(tuple_(UsageRecord.start, UsageRecord.id) > tuple_(*after))
    return session.scalars(statement.order_by(UsageRecord.start, UsageRecord.id).limit(limit)).all()


USAGE_COLUMNS = (
    UsageRecord.start,
    UsageRecord.end,
    UsageRecord.instance_id,
    UsageRecord.region,
    UsageRecord.billing_item,
    UsageRecord.usage,
    UsageRecord.unit,
)


def usage_rows(
    session: Session, account_id: int, where: UsageFilter, first: int, count: int, total: int
) -> list[tuple[Any, ...]]:
    """Rows `first` to `first + count` of the filtered samples in (start, id) order, as plain tuples.

    Near the end the index is walked backwards, so that the last rows cost as little as the first.
    """
    count = max(0, min(count, total - first))
    if count == 0:
        return []
    statement = where.apply(select(*USAGE_COLUMNS), account_id)
    from_end = total - first - count
    if from_end < first:
        backwards = statement.order_by(UsageRecord.start.desc(), UsageRecord.id.desc())
        return [tuple(row) for row in reversed(session.execute(backwards.limit(count).offset(from_end)).all())]
    forwards = statement.order_by(UsageRecord.start, UsageRecord.id)
    return [tuple(row) for row in session.execute(forwards.limit(count).offset(first)).all()]


def usage_choices(session: Session, account_id: int) -> dict[str, list[str]]:
    """The domains, regions and billing items there are samples of, for the filter lists (from the rollups)."""
    choices = {}
    for name, column in (
        ("domains", UsageRollup.instance_id),
        ("regions", UsageRollup.region),
        ("items", UsageRollup.billing_item),
    ):
        choices[name] = list(
            session.scalars(select(column).where(UsageRollup.account_id == account_id).distinct().order_by(column))
        )
    return choices


def orders(session: Session, account_id: int) -> Sequence[Order]:
    """Every order, newest first, with its gifts."""
    return session.scalars(
        select(Order)
        .where(Order.account_id == account_id)
        .options(selectinload(Order.gifts))
        .order_by(Order.created_at.desc(), Order.order_id.desc())
    ).all()


def refund_requests(session: Session, account_id: int) -> Sequence[RefundRequest]:
    return session.scalars(
        select(RefundRequest)
        .where(RefundRequest.account_id == account_id)
        .order_by(RefundRequest.created_at.desc(), RefundRequest.id.desc())
    ).all()


def resource_plans(session: Session, account_id: int) -> Sequence[ResourcePlan]:
    return session.scalars(
        select(ResourcePlan).where(ResourcePlan.account_id == account_id).order_by(ResourcePlan.expires_at)
    ).all()
