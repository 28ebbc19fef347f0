"""The item models obey Qt's model contract (pytest-qt's model tester)."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desktop.controllers.base import Column, Context, TableData
from desktop.controllers.usage import UsageController
from desktop.ui.table_model import TableDataModel
from desktop.ui.usage_model import KEEP, PAGE, UsageTableModel

ZONE = ZoneInfo("Asia/Shanghai")


def test_table_model_contract_and_totals(qtmodeltester: ModelTester) -> None:
    model = TableDataModel(ZONE)
    model.set_table(
        TableData(
            columns=(Column("Item"), Column("Payable", "Gross − discount.")),
            rows=(("Traffic", Decimal("1234.5")), ("Snapshots", None)),
            totals=("Total", Decimal("1234.5")),
        )
    )
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(0, 1).data() == "1,234.5"
    assert model.index(1, 1).data() == "—"
    assert model.index(2, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "Gross − discount."
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Gross − discount."


def test_usage_model_contract_and_flat_memory(
    qtmodeltester: ModelTester, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.store.queries import UsageFilter

    controller = UsageController(context)
    model = UsageTableModel(controller, ZONE)
    controller.refresh()
    controller.set_filter(UsageFilter())
    qtmodeltester.check(model)
    assert model.rowCount() == controller.total == 51_840
    last = model.index(model.rowCount() - 1, 0).data()
    assert last == "11/25/2026 11:55\u202fPM"  # the newest sample (en_US), read without reading the others
    read: list[int] = []
    rows = controller.rows
    monkeypatch.setattr(controller, "rows", lambda offset, limit: read.append(offset) or rows(offset, limit))
    pages = range(0, model.rowCount(), PAGE)
    assert len(pages) > KEEP
    for row in pages:  # touch every page, as scrolling end to end does
        model.index(row, 0).data()
    read.clear()
    model.index(pages[-1], 0).data()
    assert read == []  # the pages just seen are kept...
    assert model.index(0, 0).data() == "10/27/2026 12:00\u202fAM"
    assert read == [0]  # ...but not every page: the first had to be read again
    read.clear()
    controller.set_filter(UsageFilter(instance_id="edu.example-stream.com"))
    assert model.rowCount() == 51_840 // 3
    assert model.index(0, 2).data() == "edu.example-stream.com"
    assert read == [0]  # a reload drops what was read: the first page, just read, is read again
    assert model.index(model.rowCount() - 1, 2).data() == "edu.example-stream.com"
