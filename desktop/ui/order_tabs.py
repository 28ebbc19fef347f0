"""The Orders and Refunds tabs: requesting a refund, following it until the money arrives."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSplitter,
)

from desktop.controllers.i18n import translate
from desktop.controllers.orders import OrdersController
from desktop.controllers.refunds import RefundsController
from desktop.ui.formatting import display_text
from desktop.ui.refund_dialog import RefundDialog
from desktop.ui.tab_common import button_bar
from desktop.ui.table_tab import TableTab

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class OrdersTab(TableTab):
    """Orders; "Request refund…" (or a double click) opens the refund dialog for the selected one."""

    controller: OrdersController

    def __init__(self, controller: OrdersController, zone: tzinfo, open_refund: Callable[[str], None]) -> None:
        super().__init__(controller, zone)
        self.open_refund = open_refund
        self.refund_button = QPushButton(translate("orders", "Request &refund…"))
        self.refund_tip = translate("orders", "See what this order would give back, and why, before asking for it.")
        self.refund_button.setToolTip(self.refund_tip)
        self.layout_.insertLayout(0, button_bar(self.refund_button))
        self.refund_button.clicked.connect(self._refund_selected)
        self.view.doubleClicked.connect(self._refund_selected)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.detail = QLabel(translate("orders", "Select an order to see how it was paid."))
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMinimumWidth(300)
        self.layout_.removeWidget(self.view)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setSizes([800, 340])
        self.layout_.addWidget(splitter)
        self._update_buttons()

    def selected_row(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def render(self) -> None:
        super().render()
        self._update_buttons()  # a reload may have changed whether the selected order can be refunded

    def _update_buttons(self) -> None:
        row = self.selected_row()
        blocker = None if row is None else self.controller.refund_blocker(row)
        self.refund_button.setEnabled(row is not None and blocker is None)
        self.refund_button.setToolTip(blocker or self.refund_tip)
        if row is None:
            return
        lines = self.controller.details.get(self.controller.order_of(row), [])
        self.detail.setText(
            "<table>"
            + "".join(
                f"<tr><td style='padding-right:8px'><b>{html.escape(label)}</b></td>"
                f"<td>{html.escape(display_text(value, self.zone))}</td></tr>"
                for label, value in lines
            )
            + "</table>"
        )

    def _refund_selected(self) -> None:
        row = self.selected_row()
        if row is not None and self.controller.refund_blocker(row) is None:
            self.open_refund(self.controller.order_of(row))


class RefundsTab(TableTab):
    """Refund requests; mark one credited when the money has arrived, or open its order's quote."""

    controller: RefundsController

    def __init__(self, controller: RefundsController, zone: tzinfo, open_refund: Callable[[str], None]) -> None:
        super().__init__(controller, zone)
        self.open_refund = open_refund
        self.credited_button = QPushButton(translate("refunds", "Mark &credited"))
        self.credited_button.setToolTip(translate("refunds", "The refund has arrived at its destination."))
        self.quote_button = QPushButton(translate("refunds", "Open &quote…"))
        self.layout_.insertLayout(0, button_bar(self.credited_button, self.quote_button))
        self.credited_button.clicked.connect(self._mark_credited)
        self.quote_button.clicked.connect(self._open_quote)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def render(self) -> None:
        super().render()
        self._update_buttons()

    def figure(self) -> Figure:
        from desktop.charts.refunds import refunds_figure  # matplotlib: once the table is on screen

        return refunds_figure(self.controller.chart, zone=self.zone, now=self.controller.context.clock())

    def selected_row(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.credited_button.setEnabled(row is not None and self.controller.can_mark_credited(row))
        self.quote_button.setEnabled(row is not None)

    def _mark_credited(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.controller.mark_credited(row)

    def _open_quote(self) -> None:
        """The quote the request was made on (kept with it); a request that kept none shows today's."""
        row = self.selected_row()
        if row is None:
            return
        stored = self.controller.stored_quote(row)
        if stored is None:
            self.open_refund(self.controller.order_of(row))
            return
        self.quote_dialog = RefundDialog(self.controller.context, self.controller.order_of(row), self, stored=stored)
        self.quote_dialog.open()
