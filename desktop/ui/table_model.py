"""An item model over a controller's `TableData`, with an optional bold totals row."""

from __future__ import annotations

from datetime import tzinfo
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.controllers.base import TableData
from desktop.ui.formatting import display_text

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class TableDataModel(QAbstractTableModel):
    """Renders rows of plain values: amounts right-aligned, column formulas as tooltips."""

    def __init__(self, zone: tzinfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._table = TableData()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, table: TableData) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def _rows(self) -> tuple[tuple[Any, ...], ...]:
        totals = self._table.totals
        return self._table.rows if totals is None else (*self._table.rows, totals)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows()[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(value, self._zone)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, Decimal):
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._table.columns[index.column()].tooltip() or None
        if role == Qt.ItemDataRole.FontRole and self._is_totals(index.row()):
            return self._bold
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._table.columns):
            column = self._table.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.caption()
            if role == Qt.ItemDataRole.ToolTipRole and column.explanation:
                return column.tooltip()
        return super().headerData(section, orientation, role)

    def _is_totals(self, row: int) -> bool:
        return self._table.totals is not None and row == len(self._table.rows)
