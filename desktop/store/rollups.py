"""Per-day sums of the bill lines by each statistical dimension, rebuilt where lines changed."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date
from itertools import islice

from sqlalchemy import ColumnElement, delete, func, insert, literal, literal_column, select, union_all
from sqlalchemy.orm import Session

from desktop.domain.billing import Dimension
from desktop.store.models import BillLine, BillRollup
from desktop.store.rollup_sums import DIMENSION_FIELDS, LINE_AMOUNT_FIELDS, FineSums, by_dimension
from desktop.store.upsert import upsert_columns

DIMENSION_COLUMNS: dict[Dimension, ColumnElement[str | None]] = {
    dimension: getattr(BillLine, name) for dimension, name in DIMENSION_FIELDS.items()
}
LINE_AMOUNTS = tuple(getattr(BillLine, name) for name in LINE_AMOUNT_FIELDS)
ROLLUP_AMOUNTS = (
    BillRollup.gross,
    BillRollup.discount,
    BillRollup.coupons,
    BillRollup.payable,
    BillRollup.cash,
    BillRollup.vouchers,
    BillRollup.prepaid_card,
    BillRollup.outstanding,
)
_CHUNK = 400  # days per statement: well under every backend's limit of bound parameters


def chunks_of_days(days: Collection[date]) -> Iterator[list[date]]:
    """`days` in order, a statement's worth at a time."""
    iterator = iter(sorted(days))
    while chunk := list(islice(iterator, _CHUNK)):
        yield chunk


def rebuild_rollups(session: Session, account_id: int, days: Collection[date] | None = None) -> None:
    """Recompute the rollups of `days` (all days when None) from the bill lines, in SQL."""
    if days is None:
        session.execute(delete(BillRollup).where(BillRollup.account_id == account_id))
        _insert(session, account_id, None)
        return
    for chunk in chunks_of_days(days):
        session.execute(delete(BillRollup).where(BillRollup.account_id == account_id, BillRollup.day.in_(chunk)))
        _insert(session, account_id, chunk)


def write_rollups(session: Session, account_id: int, sums: FineSums) -> None:
    """Replace the rollups of the days in `sums` by those sums: for days whose every line they hold."""
    for chunk in chunks_of_days({day for day, *_ in sums}):
        session.execute(delete(BillRollup).where(BillRollup.account_id == account_id, BillRollup.day.in_(chunk)))
    if not sums:
        return
    rows = by_dimension(sums)
    amounts = [column.key for column in ROLLUP_AMOUNTS]
    columns = {name: rows[name] for name in ("dimension", "day", "key", "lines")}
    columns |= {rollup: rows[line] for rollup, line in zip(amounts, LINE_AMOUNT_FIELDS, strict=True)}
    columns["account_id"] = [account_id] * len(columns["day"])
    upsert_columns(session, BillRollup, (), columns, millionths=amounts, none_stored=True)


def _insert(session: Session, account_id: int, days: list[date] | None) -> None:
    """All dimensions in one statement, from the lines summed once by every dimension together.

    Grouping the lines by day and all seven dimensions at once makes a few rows a day; each
    dimension's sums are then taken from those, rather than from every line seven times over.
    """
    # A literal '' rather than a parameter, so that the GROUP BY repeats the selected expression exactly.
    empty: ColumnElement[str] = literal_column("''")
    keys = [func.coalesce(column, empty).label(dimension.value) for dimension, column in DIMENSION_COLUMNS.items()]
    fine = select(
        BillLine.usage_day,
        *keys,
        func.count().label("lines"),
        *(func.sum(amount).label(amount.key) for amount in LINE_AMOUNTS),
    ).where(BillLine.account_id == account_id)
    if days is not None:
        fine = fine.where(BillLine.usage_day.in_(days))
    grouped = fine.group_by(BillLine.usage_day, *keys).cte("fine").prefix_with("MATERIALIZED")
    by_dimension = [
        select(
            literal(account_id),
            literal(dimension.value),
            grouped.c.usage_day,
            grouped.c[dimension.value],
            func.sum(grouped.c.lines),
            *(func.sum(grouped.c[amount.key]) for amount in LINE_AMOUNTS),
        ).group_by(grouped.c.usage_day, grouped.c[dimension.value])
        for dimension in DIMENSION_COLUMNS
    ]
    columns = ["account_id", "dimension", "day", "key", "lines", *(column.key for column in ROLLUP_AMOUNTS)]
    session.execute(insert(BillRollup).from_select(columns, union_all(*by_dimension)))
