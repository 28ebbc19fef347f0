"""Idempotent batch writes: insert what is new, update what changed, leave the rest alone."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import DeclarativeBase, Session


@dataclass
class UpsertCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: UpsertCounts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged


Row = dict[str, Any]
Adjust = Callable[[Mapping[str, Any], Row], None]


def upsert_batch(
    session: Session,
    model: type[DeclarativeBase],
    keys: Sequence[str],
    rows: Sequence[Row],
    adjust: Adjust | None = None,
    extra: Sequence[str] = (),
) -> UpsertCounts:
    """Write `rows` of `model`, identified by the columns `keys`, in a few statements.

    Only the columns present in the rows are compared and written. `adjust(old, change)` may add
    columns to an update, seeing the stored row with the `extra` columns too (e.g. to record
    when a bill was seen settled); it must add the same columns to every change.
    A key present twice in one batch is an error of the caller, not silently merged.
    """
    table = model.__table__  # type: ignore[attr-defined]
    counts = UpsertCounts()
    if not rows:
        return counts
    columns = list(rows[0])
    key_of = [tuple(row[name] for name in keys) for row in rows]
    stored: dict[tuple[Any, ...], Mapping[str, Any]] = {}
    found = session.execute(
        select(table.c.id, *(table.c[name] for name in (*columns, *extra))).where(*_key_filter(table, keys, key_of))
    )
    for record in found.mappings():
        stored[tuple(record[name] for name in keys)] = record
    fresh: list[Row] = []
    changed: list[Row] = []
    for key, row in zip(key_of, rows, strict=True):
        old = stored.get(key)
        if old is None:
            fresh.append(row)
        elif any(old[name] != row[name] for name in columns):
            change = {"id": old["id"], **row}
            if adjust is not None:
                adjust(old, change)
            changed.append(change)
        else:
            counts.unchanged += 1
    if fresh:
        insert_many(session, table, columns, fresh)
    if changed:
        session.execute(update(model), changed)
    counts.new, counts.updated = len(fresh), len(changed)
    return counts


def _key_filter(table: Table, keys: Sequence[str], key_of: list[tuple[Any, ...]]) -> list[Any]:
    """One condition per key column (= or IN), which the unique index on the keys can answer.

    A row-value `(a, b) IN (VALUES …)` would scan the whole table on SQLite for every batch,
    making an import quadratic; the per-column form fetches a few extra rows at most, which the
    caller ignores because it looks rows up by their full key.
    """
    conditions = []
    for position, name in enumerate(keys):
        values = {key[position] for key in key_of}
        column = table.c[name]
        conditions.append(column == next(iter(values)) if len(values) == 1 else column.in_(values))
    return conditions


_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_many(session: Session, table: Table, columns: Sequence[str], rows: Sequence[Row]) -> None:
    """INSERT `rows` in one executemany, converting values with the columns' own types.

    The same statement SQLAlchemy would send, without its per-row bookkeeping, which costs more
    than the database itself when a file has a million lines.
    """
    connection = session.connection()
    dialect = connection.dialect
    placeholder = _PLACEHOLDERS.get(dialect.paramstyle)
    if placeholder is None:  # a driver with another parameter style: let SQLAlchemy do it
        session.execute(insert(table), list(rows))
        return
    # The dialect-specific type, as SQLAlchemy itself binds it: on SQLite ExactDecimal is an integer.
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]
    quote = dialect.identifier_preparer.quote
    statement = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(name) for name in columns)}) VALUES ({', '.join([placeholder] * len(columns))})"
    )
    converted = [
        tuple(
            value if process is None else process(value)
            for process, value in zip(processors, row.values(), strict=True)
        )
        for row in rows
    ]
    connection.exec_driver_sql(statement, converted)
