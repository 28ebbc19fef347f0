"""The Billing details tab: spend by a statistical dimension over a statistical period."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop.controllers.billing import DIMENSION_TITLES, BillingController
from desktop.controllers.i18n import translate
from desktop.domain.billing import Dimension
from desktop.domain.periods import Period
from desktop.ui.tab_common import table_view
from desktop.ui.table_model import TableDataModel
from desktop.ui.table_tab import TableTab

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class BillingTab(TableTab):
    """Spend by statistical dimension over a statistical period."""

    controller: BillingController

    def __init__(self, controller: BillingController, zone: tzinfo) -> None:
        super().__init__(controller, zone)
        self.dimension = QComboBox()
        for dimension in Dimension:
            self.dimension.addItem(translate("columns", DIMENSION_TITLES[dimension]), dimension)
        self.dimension.setCurrentIndex(list(Dimension).index(controller.dimension))
        self.period = QLineEdit()
        self.period.setPlaceholderText(translate("billing", "YYYY-MM, YYYY-MM-DD or FROM..TO"))
        self.period.setToolTip(
            translate("billing", "Statistical period: a billing cycle (month), a day, or a range of days.")
        )
        self.error = QLabel()
        self.error.setStyleSheet("color:#a1140e;")
        self.note = QLabel()
        self.note.setStyleSheet("color:#8a4b00;")
        bar = QHBoxLayout()
        for caption, widget in (
            (translate("billing", "&Dimension:"), self.dimension),
            (translate("billing", "&Period:"), self.period),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(self.error, 1)
        self.layout_.insertLayout(0, bar)
        self.layout_.insertWidget(1, self.note)
        self.dimension.currentIndexChanged.connect(self._apply)
        self.period.editingFinished.connect(self._apply)
        self.view.doubleClicked.connect(lambda index: self.drill_down(index.row()))
        self.view.setToolTip(translate("billing", "Double-click a group to see its bill lines."))

    def drill_down(self, row: int) -> QDialog | None:
        """The bill lines behind one group, in a window of their own."""
        table = self.controller.lines_of(row)
        if not table.rows:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(
            translate("billing", "{group} — {count} bill lines").format(
                group=self.controller.table.rows[row][0], count=QLocale().toString(len(table.rows))
            )
        )
        dialog.resize(1100, 600)
        model = TableDataModel(self.zone, dialog)
        model.set_table(table)
        view = table_view()
        view.setModel(model)
        QVBoxLayout(dialog).addWidget(view)
        dialog.open()
        self.lines_dialog = dialog
        return dialog

    def render(self) -> None:
        super().render()
        self.note.setText(" ".join(self.controller.table.notes))
        self.note.setVisible(bool(self.controller.table.notes))
        if self.controller.period is not None and not self.period.hasFocus():
            self.period.setText(self.controller.period.label())

    def sync_filters(self) -> None:
        """Show the controller's dimension and period (restored from the settings) in the filter bar."""
        self.dimension.blockSignals(True)
        self.dimension.setCurrentIndex(list(Dimension).index(self.controller.dimension))
        self.dimension.blockSignals(False)
        self.period.setText(self.controller.period.label() if self.controller.period else "")

    def figure(self) -> Figure:
        from desktop.charts.spend import spend_figure  # matplotlib: once the table is on screen
        from desktop.charts.style import no_data_figure

        return spend_figure(self.controller.chart) if self.controller.chart else no_data_figure()

    def _apply(self) -> None:
        try:
            period = Period.parse(self.period.text()) if self.period.text().strip() else None
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.controller.set_query(Dimension(self.dimension.currentData()), period)
