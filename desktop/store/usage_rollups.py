"""Samples per UTC day of each domain, region and billing item, rebuilt where samples were written.

The Usage tab opens on millions of five-minute samples; its filter lists and its sample count
read these rollups (288 samples of a series make one row) instead of the samples themselves.
Days are cut in UTC so that the rollups never depend on an account's zone: a span that does not
start or end at UTC midnight counts its partial days from the samples (at most two days of them).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, delete, func, insert, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from desktop.store.models import UsageRecord, UsageRollup


class utc_day(FunctionElement[date]):  # noqa: N801 - an SQL function, named like one
    """The UTC calendar day of a stored time: SQLite keeps UTC text, PostgreSQL a timestamptz."""

    type = Date()
    inherit_cache = True


@compiles(utc_day, "sqlite")
def _sqlite_day(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(utc_day)
def _day(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'UTC' AS DATE)"


def midnight(day: date) -> datetime:
    """The instant a UTC day begins."""
    return datetime.combine(day, time(), UTC)


def utc_days(starts: Iterable[datetime]) -> set[date]:
    """The UTC days that samples starting at `starts` fall on (the days a write must rebuild)."""
    return {start.astimezone(UTC).date() for start in starts}


def _runs(days: Collection[date]) -> Iterator[tuple[date, date]]:
    """Consecutive days as (first, last) pairs: one range per run keeps the statements few and indexed."""
    ordered = sorted(days)
    if not ordered:
        return
    first = previous = ordered[0]
    for day in ordered[1:]:
        if day != previous + timedelta(days=1):
            yield first, previous
            first = day
        previous = day
    yield first, previous


def rebuild_usage_rollups(session: Session, account_id: int, days: Collection[date] | None = None) -> None:
    """Recount the samples of `days` (every day when None) from the usage records, in SQL."""
    day = utc_day(UsageRecord.start)
    counts = (
        select(
            UsageRecord.account_id,
            day,
            UsageRecord.billing_item,
            UsageRecord.instance_id,
            UsageRecord.region,
            func.count(),
        )
        .where(UsageRecord.account_id == account_id)
        .group_by(UsageRecord.account_id, day, UsageRecord.billing_item, UsageRecord.instance_id, UsageRecord.region)
    )
    columns = ("account_id", "day", "billing_item", "instance_id", "region", "samples")
    if days is None:
        session.execute(delete(UsageRollup).where(UsageRollup.account_id == account_id))
        session.execute(insert(UsageRollup).from_select(columns, counts))
        return
    for first, last in _runs(days):
        session.execute(
            delete(UsageRollup).where(
                UsageRollup.account_id == account_id, UsageRollup.day >= first, UsageRollup.day <= last
            )
        )
        span = counts.where(
            UsageRecord.start >= midnight(first), UsageRecord.start < midnight(last + timedelta(days=1))
        )
        session.execute(insert(UsageRollup).from_select(columns, span))
