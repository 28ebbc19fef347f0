"""A tab whose content is one table of its controller, with an optional chart under it."""

from __future__ import annotations

from datetime import tzinfo

from matplotlib.figure import Figure
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
from desktop.ui.chart_widget import ChartWidget
from desktop.ui.tab_common import table_view
from desktop.ui.table_model import TableDataModel


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
        self.chart: ChartWidget | None = None
        if type(self).figure is TableTab.figure:
            self.layout_.addWidget(self.view)
        else:
            self.chart = ChartWidget(name=type(controller).__name__.removesuffix("Controller").lower())
            splitter = QSplitter(Qt.Orientation.Vertical)
            splitter.addWidget(self.view)
            splitter.addWidget(self.chart)
            splitter.setSizes([400, 300])
            self.layout_.addWidget(splitter)
        controller.changed.connect(self.render)

    def render(self) -> None:
        self.model.set_table(self.controller.table)
        if self.chart is not None:
            self.chart.set_figure(self.figure())

    def figure(self) -> Figure:
        """The tab's chart, under its table; a tab that does not override this has none."""
        raise NotImplementedError

    def table(self) -> TableData:
        return self.controller.table
