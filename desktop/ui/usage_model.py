"""An item model over the usage samples that holds only the pages in view: memory stays flat.

The row count is the number of samples that match the filters; a row's page is read when the view
first asks for it, and only the most recently used pages are kept.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import tzinfo
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.controllers.usage import UsageController
from desktop.ui.formatting import display_text
from desktop.ui.table_model import RIGHT

Index = QModelIndex | QPersistentModelIndex
PAGE = 200  # rows read at a time: opening the tab reads one page, a few screens of rows
KEEP = 100  # pages: 20,000 rows, a few MiB whatever the number of samples


class UsageTableModel(QAbstractTableModel):
    """All the filtered samples as rows; pages of them are read on demand and the oldest dropped."""

    def __init__(self, controller: UsageController, zone: tzinfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._zone = zone
        self._pages: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        controller.changed.connect(self.reload)

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._controller.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._controller.columns)

    def _row(self, row: int) -> tuple[Any, ...] | None:
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            page = self._controller.rows(number * PAGE, PAGE)
            self._pages[number] = page
            while len(self._pages) > KEEP:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE
        return page[offset] if offset < len(page) else None  # the store changed under us: reload soon

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        value = row[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(value, self._zone)
        return RIGHT if isinstance(value, Decimal) else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._controller.columns[section].caption()
        return super().headerData(section, orientation, role)
