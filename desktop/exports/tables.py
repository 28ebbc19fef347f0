"""Tables as CSV files that spreadsheets open correctly and safely."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.exports.atomic import atomic_write

# A cell starting with one of these is run as a formula by spreadsheets (with their full-width forms).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def cell_text(value: Any, zone: tzinfo | None = None) -> str:
    """Amounts exact and unquoted, moments in ISO-8601 (in `zone`), text defused against formula injection."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return (value.astimezone(zone) if zone else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(target: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]], zone: tzinfo | None = None) -> int:
    """Write a UTF-8 CSV with a byte-order mark (so Excel reads Chinese right); returns the row count."""
    count = 0
    with atomic_write(target, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([cell_text(header) for header in headers])
        for row in rows:
            writer.writerow([cell_text(value, zone) for value in row])
            count += 1
    return count
