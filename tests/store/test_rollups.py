"""The per-day rollups answer every billing inquiry exactly as a scan of the raw lines would."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.billing import AMOUNT_NAMES, BillAmounts, Dimension
from desktop.domain.periods import Period
from desktop.domain.policy import Policy
from desktop.sources.importer import import_file
from desktop.store import queries
from desktop.store.models import BillLine, BillRollup
from desktop.store.rollups import DIMENSION_COLUMNS, LINE_AMOUNTS, ROLLUP_AMOUNTS, rebuild_rollups

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "billing-details-en.csv"


def _raw(session: Session, dimension: Dimension, period: Period) -> dict[str, BillAmounts]:
    key = func.coalesce(DIMENSION_COLUMNS[dimension], "")
    rows = session.execute(
        select(key, *(func.sum(column) for column in LINE_AMOUNTS))
        .where(BillLine.usage_day >= period.first, BillLine.usage_day <= period.last)
        .group_by(key)
    )
    return {name: BillAmounts.billed(*amounts) for name, *amounts in rows}


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


def _stored_rollups(store: sessionmaker[Session]) -> list[tuple[object, ...]]:
    with store() as session:
        rows = session.execute(
            select(BillRollup.dimension, BillRollup.day, BillRollup.key, BillRollup.lines, *ROLLUP_AMOUNTS)
        )
        return sorted(tuple(row) for row in rows)


def test_a_first_import_writes_the_rollups_a_rebuild_from_its_lines_gives(
    empty_store: sessionmaker[Session], tmp_path: Path, policy: Policy
) -> None:
    """A first import sums its lines as it reads them; a rebuild reads them back from the store: the same rows."""
    records = list(csv.reader(SAMPLE.read_text(encoding="utf-8").splitlines()))
    header = records[0]
    for record in records[1::7]:  # some lines without an instance, some without a region: they roll up under ''
        record[header.index("Instance ID")] = ""
    for record in records[2::5]:
        record[header.index("Region")] = ""
    target = tmp_path / "gaps.csv"
    with target.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(records)
    import_file(empty_store, target, policy, datetime(2026, 11, 26, tzinfo=UTC))
    written = _stored_rollups(empty_store)
    with empty_store.begin() as session:
        rebuild_rollups(session, queries.current_account(session).id)
    assert written == _stored_rollups(empty_store)
    assert {key for dimension, _, key, *_ in written if dimension in ("instance", "region")} >= {""}
