"""Guard for the PySide6 pin: Python `data()` overrides returning None must not leak None.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every such call, and item views then
abort with "Fatal Python error: none_dealloc". pyproject.toml pins PySide6 below 6.12; this test
fails on any installed PySide6 that leaks, so the pin can be lifted when it passes on a newer one.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from pytestqt.qtbot import QtBot


class _Model(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return "x" if role == Qt.ItemDataRole.DisplayRole else None


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 (PEP 683): its refcount never moves"
)
def test_returning_none_from_data_does_not_leak_none(qtbot: QtBot) -> None:
    model = _Model()
    proxy = QSortFilterProxyModel()  # a C++ caller of data(), as a view is
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        index.data(Qt.ItemDataRole.FontRole)
    # The leak shows as about -2000; allow for unrelated noise of a few references either way.
    assert sys.getrefcount(None) - before > -50
