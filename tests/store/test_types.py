"""Money stays exact and times stay unambiguous through the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, func, insert, select
from sqlalchemy.exc import StatementError

from desktop.store.types import ExactDecimal, UTCDateTime

metadata = MetaData()
amounts = Table(
    "amounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("amount", ExactDecimal()),
    Column("at", UTCDateTime()),
)


@pytest.fixture
def engine(store_url: str):
    """The same tests on SQLite and on PostgreSQL."""
    engine = create_engine(store_url)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def test_sum_in_sql_is_exact(engine) -> None:
    with engine.begin() as connection:
        connection.execute(insert(amounts), [{"amount": Decimal("0.1")}, {"amount": Decimal("0.2")}])
        total = connection.scalar(select(func.sum(amounts.c.amount)))
    assert total == Decimal("0.3")
    assert str(total) == "0.30"


def test_many_small_amounts_sum_exactly(engine) -> None:
    with engine.begin() as connection:
        connection.execute(insert(amounts), [{"amount": Decimal("0.01")}] * 10_000)
        connection.execute(insert(amounts), [{"amount": Decimal("-0.000001")}])
        total = connection.scalar(select(func.sum(amounts.c.amount)))
    assert total == Decimal("99.999999")


@pytest.mark.parametrize("value", ["0", "-12.50", "123456789012.345678", "0.000001", "1e3"])
def test_decimal_round_trips(engine, value: str) -> None:
    with engine.begin() as connection:
        connection.execute(insert(amounts), [{"amount": Decimal(value)}])
        stored = connection.scalar(select(amounts.c.amount))
    assert stored == Decimal(value)


@pytest.mark.parametrize("value", [0.1, Decimal("0.0000001"), Decimal("NaN"), "1.00"])
def test_inexact_or_foreign_values_are_refused(engine, value: object) -> None:
    with engine.begin() as connection, pytest.raises(StatementError):
        connection.execute(insert(amounts), [{"amount": value}])


def test_aware_times_come_back_as_the_same_instant_in_utc(engine) -> None:
    beijing = datetime(2026, 11, 26, 0, 40, tzinfo=timezone(timedelta(hours=8)))
    with engine.begin() as connection:
        connection.execute(insert(amounts), [{"at": beijing}])
        stored = connection.scalar(select(amounts.c.at))
    assert stored == beijing
    assert stored.tzinfo is UTC
    assert stored.hour == 16


def test_naive_times_are_refused(engine) -> None:
    with engine.begin() as connection, pytest.raises(StatementError, match="timezone-aware"):
        connection.execute(insert(amounts), [{"at": datetime(2026, 11, 26, 0, 40)}])  # noqa: DTZ001
