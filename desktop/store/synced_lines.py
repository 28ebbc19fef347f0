"""When a line from the BSS OpenAPI and a line from a console export are the same charge.

The API's DescribeInstanceBill has no bill numbers: the sync stores its daily lines under a
bill number of its own (`BSS-…`). An export of the same day bills the same usage, in one line
or in several (hourly, say). Whichever arrives second must take the other's place, or the day
counts twice: the sync refreshes an exported line instead of adding its own, and an import
removes the synced lines its lines cover. Both follow the rule written here, in Python for the
sync (whose lines are not stored yet) and in SQL for the import.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.store.models import BillLine
from desktop.store.rollups import chunks_of_days

SYNTHETIC_PREFIX = "BSS-"
"""The start of the bill numbers the sync makes up for the API's lines."""


def charge_key(instance_id: str | None, billing_item: str | None, region: str | None, day: date) -> tuple[Any, ...]:
    """What a synced line and an exported line of the same charge share: instance, billing item, region and day."""
    return (instance_id, billing_item, region, day)


def same_bill_type(exported: str | None, synced: str | None) -> bool:
    """An export that does not say its bill type matches any; one that does must say the same."""
    return exported is None or exported == synced


def drop_covered_synced_lines(session: Session, account_id: int, days: Collection[date]) -> set[date]:
    """Delete the synced lines of `days` that exported lines now cover (`charge_key`, `same_bill_type`); their days."""
    exported = aliased(BillLine)
    covered = exists().where(
        exported.account_id == BillLine.account_id,
        exported.usage_day == BillLine.usage_day,
        or_(exported.bill_number.is_(None), exported.bill_number.not_like(f"{SYNTHETIC_PREFIX}%")),
        exported.instance_id.is_not_distinct_from(BillLine.instance_id),
        exported.billing_item.is_not_distinct_from(BillLine.billing_item),
        exported.region.is_not_distinct_from(BillLine.region),
        or_(exported.bill_type.is_(None), exported.bill_type == BillLine.bill_type),
    )
    changed: set[date] = set()
    for chunk in chunks_of_days(days):
        covered_here = (
            BillLine.account_id == account_id,
            BillLine.usage_day.in_(chunk),
            BillLine.bill_number.like(f"{SYNTHETIC_PREFIX}%"),
            covered,
        )
        # Their days first, then the lines: DELETE ... RETURNING would need SQLite 3.35 or newer.
        found = set(session.scalars(select(BillLine.usage_day).where(*covered_here).distinct()))
        if found:
            session.execute(delete(BillLine).where(*covered_here))
            changed |= found
    return changed
