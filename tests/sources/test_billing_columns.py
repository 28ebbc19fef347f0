"""Reading Billing Details a column at a time gives exactly what reading a line at a time gives.

The column reader is the fast path of every import; the line reader is the reference (and what
names the line of a refused cell), so the two must never disagree.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.sources import values
from desktop.sources.billing_details import MONEY_FIELDS, BillingDetailsReader, map_header
from desktop.sources.errors import CellError
from tests.reliability.helpers import EN_HEADER, billing_record

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
ZONE = ZoneInfo("Asia/Shanghai")


def _records(path: Path) -> tuple[list[str], list[list[str]]]:
    header, *records = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    return header, records


def _by_line(reader: BillingDetailsReader, records: list[list[str]]) -> dict[str, list[object]]:
    """The line reader's results as columns, money in millionths as the column reader gives it."""
    lines = [reader.row(record, account_id=0) for record in records]
    columns = {name: [line[name] for line in lines] for name in lines[0] if name != "account_id"}
    for name in MONEY_FIELDS:
        columns[name] = [None if value is None else values.scaled(value) for value in columns[name]]
    return columns


@pytest.mark.parametrize("sample", ["billing-details-zh.csv", "billing-details-en.csv"])
def test_the_samples_read_the_same_both_ways(sample: str) -> None:
    header, records = _records(SAMPLES / sample)
    reader = BillingDetailsReader(map_header(header), ZONE)
    assert reader.columns_of(records) == _by_line(reader, records)


AMOUNTS = {
    "usual, two decimals": ["12.50", "-0.25", "0.00", "999999999999.99"],
    "few distinct": ["0", "0", "0", "0", "0", "0", "0", "0.5"],
    "mixed decimals": ["12.5", "3", "-0", "0.000001"],
    "spaces and a no-break space": [" 12.50", "13.00 ", "12.50\u00a0", "1.00"],
    "seven decimals but zero": ["1.0000000", "2.0000000", "3.0000000", "4.0000000"],
    "empty deductions": ["", "", "1.00", "2.00"],
}


@pytest.mark.parametrize("name", list(AMOUNTS))
def test_amount_columns_read_the_same_both_ways(name: str) -> None:
    cells = AMOUNTS[name]
    records = [
        billing_record(number, **{"Pretax Gross Amount": cell, "Deducted by Coupons": cell})
        for number, cell in enumerate(cells)
    ]
    reader = BillingDetailsReader(map_header(EN_HEADER), ZONE)
    try:
        expected = _by_line(reader, records)
    except CellError as refused:
        with pytest.raises(CellError, match=str(refused).split(":")[0]):
            reader.columns_of(records)
        return
    assert reader.columns_of(records) == expected


@pytest.mark.parametrize(
    "cell", ["1,234.00", "1e3", "(12.50)", "1\u0662.00", "1２3.00", "12.5.1", "+1.00", "1.00\n2.00", "12."]
)
def test_a_column_with_one_unusual_amount_is_refused_like_the_line(cell: str) -> None:
    records = [billing_record(number) for number in range(6)]
    records[4][EN_HEADER.index("Pretax Amount")] = cell
    reader = BillingDetailsReader(map_header(EN_HEADER), ZONE)
    for record in records[:4]:
        reader.row(record, account_id=0)
    with pytest.raises(CellError) as by_line:
        reader.row(records[4], account_id=0)
    with pytest.raises(CellError) as by_column:
        reader.columns_of(records)
    assert str(by_column.value) == str(by_line.value)


def test_millionths_agree_with_the_strict_reader() -> None:
    read = partial(values.optional_millionths, column="x")
    for text in ["0", "-0", "-0.50", "12", "0.000001", "-0.000001", "999999999999.999999", " 7.25 ", ""]:
        strict = values.optional_amount(text, "x")
        assert read(text) == (None if strict is None else values.scaled(strict))
        assert values.millionths_column([text] * 3, read) == [read(text)] * 3
    assert values.scaled(Decimal("1.5")) == 1_500_000


def test_full_width_digits_after_an_ascii_one_are_refused() -> None:
    with pytest.raises(CellError, match="non-ASCII"):
        values.amount("1２3.00", "x")
