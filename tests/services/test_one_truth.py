"""One truth about what is owed: Billing details, its drill-down and the Overview agree as of any moment,
on every backend, however the money was paid (a recorded payment or a newer export)."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.billing import BillAmounts, Dimension
from desktop.domain.periods import Period
from desktop.domain.policy import Policy
from desktop.services import data_in, payments
from desktop.store import queries
from desktop.store.models import BillLine
from desktop.store.overview import account_overview
from tests.conftest import DEMO_AT

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "billing-details-en.csv"
ZERO = Decimal("0.00")


def _months(session: Session) -> list[Period]:
    first, last = session.execute(select(func.min(BillLine.usage_day), func.max(BillLine.usage_day))).one()
    months, month = [], date(first.year, first.month, 1)
    while month <= last:
        months.append(Period.month(month.year, month.month))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _adds_up(amounts: BillAmounts) -> bool:
    paid = amounts.cash + amounts.vouchers + amounts.prepaid_card + amounts.settled_later + amounts.outstanding
    return amounts.payable == paid


def _assert_one_truth(store: sessionmaker[Session], policy: Policy, at: datetime) -> tuple[Decimal, Decimal]:
    """Outstanding summed over every month, by any dimension, and over the drill-down's lines, is the overdue amount.

    Returns the overdue amount and what was settled later, as of `at`.
    """
    with store() as session:
        account = queries.current_account(session)
        overdue = account_overview(session, at, policy).status.overdue_amount
        owing = queries.owing_as_of(session, account.id, at)
        settled_later = ZERO
        for dimension in (Dimension.BILLING_ITEM, Dimension.INSTANCE):
            outstanding = ZERO
            for month in _months(session):
                report = queries.billing_report(session, dimension, month, at, policy)
                assert _adds_up(report.totals)
                for row in report.rows:
                    lines = queries.bill_lines_of(session, account.id, dimension, row.key, month)
                    amounts = [queries.line_amounts(line, owing) for line in lines]
                    assert sum((line.outstanding for line in amounts), ZERO) == row.amounts.outstanding
                    assert sum((line.settled_later for line in amounts), ZERO) == row.amounts.settled_later
                    assert all(_adds_up(line) for line in amounts if line.outstanding or line.settled_later)
                outstanding += report.totals.outstanding
                settled_later += report.totals.settled_later if dimension is Dimension.BILLING_ITEM else ZERO
            assert outstanding == overdue, f"{dimension} as of {at}"
    return overdue, settled_later


def test_a_recorded_payment_moves_what_is_owed_into_settled_later_in_every_view(
    demo_on_backend: sessionmaker[Session], policy: Policy
) -> None:
    owed, settled = _assert_one_truth(demo_on_backend, policy, DEMO_AT)
    assert owed > 0
    assert settled == 0
    part = (owed / 3).quantize(Decimal("0.01"))
    payments.record_payment(demo_on_backend, part, DEMO_AT - timedelta(hours=2), DEMO_AT)
    assert _assert_one_truth(demo_on_backend, policy, DEMO_AT) == (owed - part, part)
    assert _assert_one_truth(demo_on_backend, policy, DEMO_AT - timedelta(hours=3)) == (owed, ZERO)  # before it
    payments.record_payment(demo_on_backend, owed - part, DEMO_AT, DEMO_AT)
    assert _assert_one_truth(demo_on_backend, policy, DEMO_AT) == (ZERO, owed)
    assert _assert_one_truth(demo_on_backend, policy, DEMO_AT + timedelta(days=40)) == (ZERO, owed)


def test_a_newer_export_that_shows_bills_paid_settles_them_later_as_of_its_import(
    empty_store: sessionmaker[Session], policy: Policy, tmp_path: Path
) -> None:
    data_in.import_files(empty_store, [SAMPLE], policy, DEMO_AT)
    owed, _ = _assert_one_truth(empty_store, policy, DEMO_AT)
    records = list(csv.reader(SAMPLE.read_text(encoding="utf-8").splitlines()))
    cash, outstanding = records[0].index("Payment Amount"), records[0].index("Outstanding Amount")
    for record in records[1::2]:  # every other line paid in full since
        record[cash] = str(Decimal(record[cash]) + Decimal(record[outstanding]))
        record[outstanding] = "0.00"
    newer = tmp_path / "newer.csv"
    with newer.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(records)
    later = DEMO_AT + timedelta(days=1)
    data_in.import_files(empty_store, [newer], policy, later)
    left, settled = _assert_one_truth(empty_store, policy, later)
    assert 0 < left < owed
    assert settled == owed - left
    assert _assert_one_truth(empty_store, policy, DEMO_AT) == (owed, ZERO)  # as of before the newer export
