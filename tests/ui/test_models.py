"""The item models obey Qt's model contract (pytest-qt's model tester)."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

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


def test_usage_model_contract_and_flat_memory(qtmodeltester: ModelTester, context: Context) -> None:
    from desktop.store.queries import UsageFilter

    controller = UsageController(context)
    model = UsageTableModel(controller, ZONE)
    controller.refresh()
    controller.set_filter(UsageFilter())
    qtmodeltester.check(model)
    assert model.rowCount() == controller.total == 51_840
    last = model.index(model.rowCount() - 1, 0).data()
    assert last == "11/25/2026 11:55\u202fPM"  # the newest sample (en_US), read without reading the others
    for row in range(0, model.rowCount(), PAGE):  # touch every page, as scrolling end to end does
        model.index(row, 0).data()
    assert len(model._pages) <= KEEP
    assert model.index(0, 0).data() == "10/27/2026 12:00\u202fAM"
    controller.set_filter(UsageFilter(instance_id="edu.example-stream.com"))
    assert model.rowCount() == 51_840 // 3
    assert len(model._pages) <= 1  # a reload drops what was read (the tester has read one page again)
    assert model.index(model.rowCount() - 1, 2).data() == "edu.example-stream.com"
