"""The item models obey Qt's model contract (pytest-qt's model tester)."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from desktop.controllers.base import Column, Context, TableData
from desktop.controllers.usage import UsageController
from desktop.ui.table_model import TableDataModel
from desktop.ui.usage_model import PAGE, UsageTableModel

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


def test_usage_model_contract_while_fetching(qtmodeltester: ModelTester, context: Context) -> None:
    controller = UsageController(context)
    model = UsageTableModel(controller, ZONE)
    controller.refresh()
    qtmodeltester.check(model)  # the tester fetches, and checks every insertion from here on
    assert model.canFetchMore(QModelIndex())
    before = model.rowCount()
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == before + 2 * PAGE
    shown = [tuple(model.index(row, column).data() for column in range(5)) for row in range(model.rowCount())]
    assert len(set(shown)) == len(shown)  # no page twice
    controller.refresh()
    assert model.rowCount() <= PAGE  # back to the first page (or none) after a reload
    if model.rowCount():
        assert tuple(model.index(0, column).data() for column in range(5)) == shown[0]
