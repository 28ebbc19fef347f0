"""What the reliability battery shares: generated Billing Details files and a census of a store."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from desktop.store.models import Base
from desktop.store.types import ExactDecimal

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
EN_SAMPLE = SAMPLES / "billing-details-en.csv"
NOW = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
ACCOUNT_UID = "1886420012345678"

EN_HEADER: list[str] = next(csv.reader(io.StringIO(EN_SAMPLE.read_text(encoding="utf-8"))))
_TEMPLATE: list[str] = list(csv.reader(io.StringIO(EN_SAMPLE.read_text(encoding="utf-8"))))[1]
COLUMN = {label: index for index, label in enumerate(EN_HEADER)}
ITEMS = ("Downstream traffic", "Peak bandwidth", "Live snapshots", "Live recording", "Time shifting")
REGIONS = ("Chinese mainland", "Asia Pacific 1", "Europe and US")
DOMAINS = ("play.example-stream.com", "live.example-stream.com", "edu.example-stream.com")


def billing_record(number: int, **cells: str) -> list[str]:
    """One line of the English console's export, consistent amounts, on one of 60 days of Sep-Oct 2026."""
    record = list(_TEMPLATE)
    start = datetime(2026, 9, 1) + timedelta(days=number % 60)  # noqa: DTZ001 - written as the file does
    gross = Decimal(number % 9973) / 100 + Decimal("0.01")
    cash = (gross / 2).quantize(Decimal("0.01"))
    values = {
        "Billing Cycle": f"{start:%Y-%m}",
        "Order/Bill Number": f"G{number:09d}",
        "Payment Time": f"{start + timedelta(days=1, minutes=40):%Y-%m-%d %H:%M:%S}",
        "Usage Start Time": f"{start:%Y-%m-%d %H:%M:%S}",
        "Usage End Time": f"{start + timedelta(days=1):%Y-%m-%d %H:%M:%S}",
        "Instance ID": DOMAINS[number % len(DOMAINS)],
        "Region": REGIONS[number % len(REGIONS)],
        "Billable Item": ITEMS[number % len(ITEMS)],
        "Usage": f"{Decimal(number % 1000) + Decimal('0.125')}",
        "Pretax Gross Amount": f"{gross}",
        "Invoice Discount": "0.00",
        "Deducted by Coupons": "0.00",
        "Pretax Amount": f"{gross}",
        "Payment Amount": f"{cash}",
        "Deducted by Cash Coupons": "0.00",
        "Deducted by Prepaid Card": "0.00",
        "Outstanding Amount": f"{gross - cash}",
        **cells,
    }
    for label, value in values.items():
        record[COLUMN[label]] = value
    return record


def write_csv(path: Path, records: Iterable[Sequence[str]], encoding: str = "utf-8", newline: str = "\r\n") -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream, lineterminator=newline).writerows(records)
    return path


def billing_file(path: Path, lines: int, first: int = 0) -> Path:
    """A Billing Details export of `lines` distinct, consistent lines."""
    return write_csv(path, [EN_HEADER, *(billing_record(number) for number in range(first, first + lines))])


def census(engine: Engine) -> dict[str, Any]:
    """Everything an import can change, compared exactly: row counts, money sums, the rollups."""
    with engine.connect() as connection:
        counts = {
            name: connection.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar() for name in Base.metadata.tables
        }
        sums = connection.exec_driver_sql(
            "SELECT sum(pretax_gross), sum(pretax_amount), sum(cash_payment), sum(outstanding), sum(usage) "
            "FROM bill_lines"
        ).one()
        rollups = connection.exec_driver_sql(
            "SELECT dimension, day, key, lines, gross, payable, cash, outstanding FROM bill_rollups "
            "ORDER BY dimension, day, key"
        ).all()
        accounts = connection.exec_driver_sql("SELECT uid, name FROM accounts ORDER BY uid").all()
    return {"counts": counts, "sums": tuple(sums), "rollups": [tuple(row) for row in rollups], "accounts": accounts}


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m desktop ARGS` in a child process, as a user or a cron job runs it."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def snapshot(engine: Engine, counted: Collection[str] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, without surrogate keys (ids differ between two stores).

    `settled_at` is the moment of the import that saw a bill paid: only whether it is set counts.
    Tables named in `counted` (big ones a write is not expected to touch) are reduced to their
    row count and the sums of their money columns.
    """
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in counted:
                money = [column for column in table.columns if isinstance(column.type, ExactDecimal)]
                summary = select(func.count(), *(func.sum(column) for column in money)).select_from(table)
                tables[table.name] = [tuple(connection.execute(summary).one())]
                continue
            columns = [column for column in table.columns if not (column.primary_key or column.foreign_keys)]
            rows = connection.execute(select(*columns)).all()
            tables[table.name] = sorted(
                (
                    tuple(
                        (value is not None) if column.name == "settled_at" else value
                        for column, value in zip(columns, row, strict=True)
                    )
                    for row in rows
                ),
                key=repr,
            )
    return tables


def clear(engine: Engine) -> None:
    """Delete every row, children first: the store is empty again, its schema kept."""
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
