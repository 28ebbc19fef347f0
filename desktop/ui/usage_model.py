"""A lazy item model over the usage samples: pages are fetched as the view scrolls."""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.controllers.usage import UsageController
from desktop.ui.formatting import display_text
from desktop.ui.table_model import RIGHT

Index = QModelIndex | QPersistentModelIndex
PAGE = 500


class UsageTableModel(QAbstractTableModel):
    """Rows arrive a page at a time (`canFetchMore`/`fetchMore`), keyed by (start, id)."""

    def __init__(self, controller: UsageController, zone: tzinfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._zone = zone
        self._rows: list[tuple[Any, ...]] = []
        self._last_key: tuple[datetime, int] | None = None
        self._fetching = False
        controller.changed.connect(self.reload)

    def reload(self) -> None:
        self._fetching = True  # no fetch from inside the reset signals
        try:
            self.beginResetModel()
            self._rows = []
            self._last_key = None
            self.endResetModel()
        finally:
            self._fetching = False

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._controller.columns)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._fetching and len(self._rows) < self._controller.total

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        page = self._controller.page(self._last_key, PAGE)
        if not page.rows:
            return
        first = len(self._rows)
        # Views and testers may ask for more from inside the insertion signals: not twice the same page.
        self._fetching = True
        try:
            # beginInsertRows takes the last row inclusively.
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self._last_key = page.last_key
            self.endInsertRows()
        finally:
            self._fetching = False

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(value, self._zone)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, Decimal):
            return RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._controller.columns[section].title
        return super().headerData(section, orientation, role)
