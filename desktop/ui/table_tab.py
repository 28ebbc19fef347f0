"""A tab whose content is one table of its controller, with an optional chart under it."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.controllers.base import TableData
from desktop.controllers.billing import BillingController
from desktop.controllers.orders import OrdersController
from desktop.controllers.refunds import RefundsController
from desktop.ui.chart_slot import ChartSlot
from desktop.ui.tab_common import table_view
from desktop.ui.table_model import TableDataModel

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class TableTab(QWidget):
    """A tab whose content is one table of its controller (`controller.table`)."""

    def __init__(self, controller: BillingController | OrdersController | RefundsController, zone: tzinfo) -> None:
        super().__init__()
        self.controller = controller
        self.zone = zone
        self.model = TableDataModel(zone, self)
        self.view = table_view()
        self.view.setModel(self.model)
        self.layout_ = QVBoxLayout(self)
        self.chart_area: ChartSlot | None = None
        if type(self).figure is TableTab.figure:
            self.layout_.addWidget(self.view)
        else:
            self.chart_area = ChartSlot(type(controller).__name__.removesuffix("Controller").lower())
            splitter = QSplitter(Qt.Orientation.Vertical)
            splitter.addWidget(self.view)
            splitter.addWidget(self.chart_area)
            splitter.setSizes([400, 300])
            self.layout_.addWidget(splitter)
        controller.changed.connect(self.render)

    def render(self) -> None:
        self.model.set_table(self.controller.table)
        if self.chart_area is not None:
            self.chart_area.show_figure(self.figure)

    def figure(self) -> Figure:
        """The tab's chart, under its table (drawn after the table); a tab that does not override this has none."""
        raise NotImplementedError

    def table(self) -> TableData:
        return self.controller.table
