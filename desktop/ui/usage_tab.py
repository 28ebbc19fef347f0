"""The Usage tab: raw samples, loaded page by page, with filters and the bandwidth chart."""

from __future__ import annotations

from datetime import timedelta, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.controllers.i18n import translate
from desktop.controllers.locale_text import date_pattern
from desktop.controllers.usage import UsageController
from desktop.ui.chart_slot import ChartSlot
from desktop.ui.tab_common import table_view
from desktop.ui.usage_model import UsageTableModel

FIT_ROWS = 50
CELL_PADDING = 24  # pixels around a cell's text, the sort indicator's room included


class UsageTab(QWidget):
    """Raw usage samples, loaded lazily, under a banner that they are not for reconciliation."""

    ALL = QT_TRANSLATE_NOOP("usage", "All")
    _rendering = False  # filling the filter widgets from the controller is not a user's choice

    def __init__(self, controller: UsageController, zone: tzinfo) -> None:
        super().__init__()
        self.controller = controller
        self.zone = zone
        self.banner = QLabel(controller.banner())
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("padding:6px; background:#fff8c5; color:#5c4a00; border-radius:4px;")
        self.count = QLabel()
        self.date_from = QDateEdit(calendarPopup=True, displayFormat=date_pattern())
        self.date_to = QDateEdit(calendarPopup=True, displayFormat=date_pattern())
        self.domain, self.region, self.item = QComboBox(), QComboBox(), QComboBox()
        bar = QHBoxLayout()
        for caption, widget in (
            (translate("usage", "&From:"), self.date_from),
            (translate("usage", "&To:"), self.date_to),
            (translate("usage", "&Domain:"), self.domain),
            (translate("usage", "Re&gion:"), self.region),
            (translate("usage", "Billing &item:"), self.item),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addStretch(1)
        self.model = UsageTableModel(controller, zone, self)
        self.view = table_view()
        self.view.setModel(self.model)
        # Widths set from the first rows (`_fit_columns`), not by Qt from the contents: Qt measures every
        # row of a view that is not on screen, which reads every sample of the store.
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._fitted = False
        self.chart_area = ChartSlot("usage")  # the chart, or what stands in for it while it is read
        controller.chart_width = lambda: max(480, self.chart_area.width())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart_area)
        splitter.addWidget(self.view)
        splitter.setSizes([360, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(bar)
        layout.addWidget(self.count)
        layout.addWidget(splitter)
        controller.changed.connect(self.render)
        controller.chart_changed.connect(self.render_chart)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._apply)
        for box in (self.domain, self.region, self.item):
            box.currentIndexChanged.connect(self._apply)

    def render(self) -> None:
        where = self.controller.filter
        self._rendering = True
        try:
            for box, key, chosen in (
                (self.domain, "domains", where.instance_id if where else None),
                (self.region, "regions", where.region if where else None),
                (self.item, "items", where.billing_item if where else None),
            ):
                box.clear()
                box.addItem(translate("usage", self.ALL), None)
                for choice in self.controller.choices[key]:
                    box.addItem(choice, choice)
                box.setCurrentIndex(max(0, box.findData(chosen)) if chosen else 0)
            if where is not None and where.start is not None and where.end is not None:
                self.date_from.setDate(where.start.astimezone(self.zone).date())
                self.date_to.setDate((where.end - timedelta(microseconds=1)).astimezone(self.zone).date())
        finally:
            self._rendering = False
        self.count.setText(
            translate("usage", "{count} samples").format(count=QLocale().toString(self.controller.total))
        )
        if not self._fitted:
            self._fitted = self._fit_columns()

    def _fit_columns(self) -> bool:
        """Each column as wide as its title and the first rows need (a screenful, read anyway); False without rows.

        Done once: after that the widths are the user's, whatever the filters show.
        """
        header = self.view.horizontalHeader()
        rows = min(self.model.rowCount(), FIT_ROWS)
        if rows == 0:
            return False
        for column in range(self.model.columnCount()):
            title = header.fontMetrics().horizontalAdvance(
                str(self.model.headerData(column, Qt.Orientation.Horizontal))
            )
            cells = (
                self.view.fontMetrics().horizontalAdvance(self.model.index(row, column).data() or "")
                for row in range(rows)
            )
            self.view.setColumnWidth(column, max(title, *cells) + CELL_PADDING)
        return True

    def render_chart(self) -> None:
        """The chart once its background job has built it; meanwhile, or if it failed, a line saying so."""
        figure, error = self.controller.figure, self.controller.chart_error
        if figure is not None:
            self.chart_area.show_figure(lambda: figure)
        elif error is not None:
            self.chart_area.show_message(
                translate("usage", "The chart could not be drawn: {reason}").format(reason=error)
            )
        else:
            self.chart_area.show_message(translate("usage", "Loading chart…"))

    def _apply(self) -> None:
        if self._rendering:
            return
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()

        def chosen(box: QComboBox) -> str | None:
            choice = box.currentData()
            return str(choice) if choice else None

        where = self.controller.between(first, last, chosen(self.domain), chosen(self.region), chosen(self.item))
        self.controller.set_filter(where)
