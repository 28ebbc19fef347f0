"""The per-day rollups answer every billing inquiry exactly as a scan of the raw lines would."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.billing import AMOUNT_NAMES, BillAmounts, Dimension
from desktop.domain.periods import Period
from desktop.store import queries
from desktop.store.models import BillLine
from desktop.store.rollups import DIMENSION_COLUMNS, LINE_AMOUNTS


def _raw(session: Session, dimension: Dimension, period: Period) -> dict[str, BillAmounts]:
    key = func.coalesce(DIMENSION_COLUMNS[dimension], "")
    rows = session.execute(
        select(key, *(func.sum(column) for column in LINE_AMOUNTS))
        .where(BillLine.usage_day >= period.first, BillLine.usage_day <= period.last)
        .group_by(key)
    )
    return {name: BillAmounts(*amounts) for name, *amounts in rows}


@pytest.mark.parametrize("dimension", list(Dimension))
@pytest.mark.parametrize(
    "period",
    [
        Period.month(2026, 11),
        Period.month(2026, 9),
        Period.day(date(2026, 11, 20)),
        Period.parse("2026-08-30..2026-10-02"),
    ],
)
def test_rollups_equal_a_scan_of_the_lines(demo_store: sessionmaker[Session], dimension: Dimension, period) -> None:
    with demo_store() as session:
        account = queries.current_account(session)
        rows, totals = queries.billing_summary(session, account.id, dimension, period)
        raw = _raw(session, dimension, period)
    assert {row.key: row.amounts for row in rows} == raw
    for name in AMOUNT_NAMES:
        assert getattr(totals, name) == sum((getattr(amounts, name) for amounts in raw.values()), start=0)
