"""CSV exports: Excel-friendly, formula-safe, exact, and never half-written."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.exports.tables import cell_text, write_csv


def test_csv_has_a_bom_exact_amounts_and_chinese(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    count = write_csv(
        target, ["计费项", "Payable"], [("下行流量", Decimal("0.1")), ("Snapshots", Decimal("-12.345678"))]
    )
    assert count == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows == [["计费项", "Payable"], ["下行流量", "0.1"], ["Snapshots", "-12.345678"]]


@pytest.mark.parametrize("text", ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", "＝1", "＋1", "－1", "＠x"])
def test_text_that_would_start_a_formula_is_defused(text: str) -> None:
    assert cell_text(text) == "'" + text


def test_numbers_and_moments_stay_as_they_are() -> None:
    assert cell_text(Decimal("-5.00")) == "-5.00"
    assert cell_text(datetime(2026, 11, 26, 0, 40, tzinfo=UTC)) == "2026-11-26T00:40:00+00:00"
    assert cell_text(None) == ""


def test_a_failed_export_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_text("old contents\n", encoding="utf-8")

    def rows():
        yield ("a", Decimal(1))
        raise RuntimeError("the disk went away")

    with pytest.raises(RuntimeError):
        write_csv(target, ["x", "y"], rows())
    assert target.read_text(encoding="utf-8") == "old contents\n"
    assert list(tmp_path.iterdir()) == [target]


def test_an_export_gets_ordinary_file_permissions(tmp_path: Path) -> None:
    import os

    target = tmp_path / "table.csv"
    write_csv(target, ["x"], [("a",)])
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
