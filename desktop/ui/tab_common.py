"""Pieces the tabs share: the table view's settings and a row of buttons."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
)


def table_view() -> QTableView:
    view = QTableView()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Column widths from the rows in view only: measuring 1,000 rows of a million-row model is slow.
    view.horizontalHeader().setResizeContentsPrecision(0)
    # Narrow tables end with their last column reaching the edge, not with an empty grey band.
    view.horizontalHeader().setStretchLastSection(True)
    return view


def button_bar(*buttons: QPushButton) -> QHBoxLayout:
    bar = QHBoxLayout()
    for button in buttons:
        bar.addWidget(button)
    bar.addStretch(1)
    return bar
