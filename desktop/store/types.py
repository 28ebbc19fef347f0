"""Column types that keep money exact and times unambiguous on every backend."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, DateTime, Numeric, func, literal
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.types import TypeDecorator, TypeEngine

SCALE = 6
"""Decimal places kept for money and quantities (the console exports at most six)."""

_UNIT = Decimal(1).scaleb(-SCALE)
_FACTOR: int = 10**SCALE


class ExactDecimal(TypeDecorator[Decimal]):
    """A `Decimal` column that never passes through float.

    SQLite has no exact decimal type: its NUMERIC affinity turns `0.1` into a double and `SUM`
    adds doubles. There the value is stored as a scaled 64-bit integer (millionths), which SQLite
    sums exactly; PostgreSQL gets a real `NUMERIC`. A value with more than six decimals is refused
    rather than rounded, so nothing is ever silently changed.
    """

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(24, SCALE, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | Decimal | None:
        if value is None:
            return None
        if not isinstance(value, Decimal | int) or isinstance(value, bool):
            raise TypeError(f"money must be a Decimal, not {type(value).__name__}: {value!r}")
        scaled = Decimal(value).scaleb(SCALE)
        try:
            whole = int(scaled)
        except (ValueError, OverflowError):
            raise ValueError(f"money must be finite: {value!r}") from None
        if whole != scaled:
            raise ValueError(f"{value} has more than {SCALE} decimal places")
        return whole if dialect.name == "sqlite" else Decimal(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            # A SUM of integers stays an integer; anything else would mean a float slipped in.
            if not isinstance(value, int):
                raise TypeError(f"inexact value read from an exact column: {value!r}")
            return (Decimal(value) / _FACTOR).quantize(_UNIT).normalize() + Decimal("0.00")
        return Decimal(value).normalize() + Decimal("0.00")


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored in UTC; naive datetimes are refused.

    SQLite keeps no offset, so values are normalised to UTC before they are written and
    given the UTC zone back when read.
    """

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        return dialect.type_descriptor(DateTime(timezone=dialect.name != "sqlite"))

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"a timezone-aware datetime is required, got {value!r}")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def exact_sum(column: ColumnElement[Decimal] | InstrumentedAttribute[Decimal]) -> ColumnElement[Decimal]:
    """`SUM(column)`, zero rather than NULL over no rows, and exact on every backend.

    The zero is bound through `ExactDecimal` too: a bare `Decimal` literal would reach SQLite as
    a float and turn the whole COALESCE into one.
    """
    return func.coalesce(func.sum(column), literal(Decimal(0), ExactDecimal()))
