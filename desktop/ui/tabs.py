"""The five tabs: each renders its controller's plain data and forwards what the user asks."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import timedelta, tzinfo
from decimal import Decimal

from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.charts.from_store import overdue_timeline
from desktop.charts.overdue import overdue_figure
from desktop.charts.refunds import refunds_figure
from desktop.charts.spend import spend_figure
from desktop.charts.style import no_data_figure
from desktop.charts.usage import usage_figure
from desktop.controllers.base import TableData
from desktop.controllers.billing import BillingController
from desktop.controllers.orders import OrdersController
from desktop.controllers.overview import OverviewController
from desktop.controllers.refunds import RefundsController
from desktop.controllers.usage import UsageController
from desktop.domain.billing import Dimension
from desktop.domain.kinds import ServiceState
from desktop.domain.periods import Period
from desktop.store.queries import UsageFilter
from desktop.ui.chart_widget import ChartWidget
from desktop.ui.formatting import countdown_text, display_text
from desktop.ui.table_model import TableDataModel
from desktop.ui.usage_model import UsageTableModel

STATE_STYLE = {
    ServiceState.ACTIVE: "background:#e6f4ea; color:#1e6b34;",
    ServiceState.GRACE: "background:#fff4e5; color:#8a4b00;",
    ServiceState.SUSPENDED: "background:#fdecea; color:#a1140e;",
}
STATE_TEXT = {
    ServiceState.ACTIVE: "Service active: nothing overdue.",
    ServiceState.GRACE: "Overdue: the service keeps running until the suspension moment.",
    ServiceState.SUSPENDED: "Suspended for overdue bills: pay every overdue bill to resume (data is kept).",
}


def _table_view() -> QTableView:
    view = QTableView()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class OverviewTab(QWidget):
    """Figures of the account, the service state and a countdown to suspension."""

    def __init__(self, controller: OverviewController, zone: tzinfo) -> None:
        super().__init__()
        self.controller = controller
        self.zone = zone
        self.state_banner = QLabel()
        self.state_banner.setWordWrap(True)
        self.countdown = QLabel()
        font = self.countdown.font()
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.countdown.setFont(font)
        self.form = QFormLayout()
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.chart = ChartWidget(name="overdue")
        self.pay_button = QPushButton("Record &payment…")
        self.pay_button.setToolTip("Record money paid towards overdue bills; the oldest bills are settled first.")
        self.buy_button = QPushButton("&Buy resource plan…")
        self.buy_button.setToolTip("Resource plans cannot be bought while any bill is overdue (O5).")
        self.pay_button.clicked.connect(self._record_payment)
        self.buy_button.clicked.connect(self._buy_resource_plan)
        layout = QVBoxLayout(self)
        layout.addLayout(_button_bar(self.pay_button, self.buy_button))
        layout.addWidget(self.state_banner)
        layout.addWidget(self.countdown)
        figures = QHBoxLayout()
        figures.addLayout(self.form)
        figures.addStretch(1)
        layout.addLayout(figures)
        layout.addWidget(self.rules)
        layout.addWidget(self.chart, 1)
        controller.changed.connect(self.render)
        controller.countdown.connect(self._show_countdown)

    def render(self) -> None:
        overview = self.controller.overview
        if overview is None:
            return
        state = overview.status.state
        self.state_banner.setText(STATE_TEXT[state])
        self.state_banner.setStyleSheet(f"padding:8px; border-radius:4px; {STATE_STYLE[state]}")
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value, explanation in self.controller.facts():
            text = display_text(value, self.zone)
            if isinstance(value, Decimal):
                text = f"{overview.currency} {text}" if value is not None else text
            field = QLabel(text)
            field.setToolTip(explanation)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(f"{label}:", field)
        self.rules.setText("\n".join(f"{rule.id}: {rule.text}" for rule in overview.status.rules))
        self.chart.set_figure(overdue_figure(overdue_timeline(overview), zone=self.zone))
        left = self.controller.seconds_left()
        self.countdown.setVisible(left is not None)
        if left is not None:
            self._show_countdown(left)

    def _record_payment(self) -> None:
        overview = self.controller.overview
        owed = f"{overview.status.overdue_amount:f}" if overview else ""
        text, accepted = QInputDialog.getText(
            self, "Record payment", "Amount paid towards overdue bills:", QLineEdit.EchoMode.Normal, owed
        )
        if not accepted:
            return
        problem = self.controller.record_payment(text)
        if problem is not None:
            QMessageBox.warning(self, "Record payment", f"The payment was not recorded: {problem}")

    def _buy_resource_plan(self) -> None:
        allowed, reason = self.controller.resource_plan_purchase()
        if allowed:
            QMessageBox.information(self, "Buy resource plan", reason)
        else:
            QMessageBox.warning(self, "Buy resource plan", reason)

    def _show_countdown(self, seconds: int) -> None:
        self.countdown.setText(f"Suspension in {countdown_text(seconds)}")


class TableTab(QWidget):
    """A tab whose content is one table of its controller (`controller.table`)."""

    def __init__(self, controller: BillingController | OrdersController | RefundsController, zone: tzinfo) -> None:
        super().__init__()
        self.controller = controller
        self.zone = zone
        self.model = TableDataModel(zone, self)
        self.view = _table_view()
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


def _button_bar(*buttons: QPushButton) -> QHBoxLayout:
    bar = QHBoxLayout()
    for button in buttons:
        bar.addWidget(button)
    bar.addStretch(1)
    return bar


class OrdersTab(TableTab):
    """Orders; "Request refund…" (or a double click) opens the refund dialog for the selected one."""

    controller: OrdersController

    def __init__(self, controller: OrdersController, zone: tzinfo, open_refund: Callable[[str], None]) -> None:
        super().__init__(controller, zone)
        self.open_refund = open_refund
        self.refund_button = QPushButton("Request &refund…")
        self.refund_button.setToolTip("See what this order would give back, and why, before asking for it.")
        self.layout_.insertLayout(0, _button_bar(self.refund_button))
        self.refund_button.clicked.connect(self._refund_selected)
        self.view.doubleClicked.connect(self._refund_selected)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.detail = QLabel("Select an order to see how it was paid.")
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

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.refund_button.setEnabled(row is not None)
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
        if row is not None:
            self.open_refund(self.controller.order_of(row))


class RefundsTab(TableTab):
    """Refund requests; mark one credited when the money has arrived, or open its order's quote."""

    controller: RefundsController

    def __init__(self, controller: RefundsController, zone: tzinfo, open_refund: Callable[[str], None]) -> None:
        super().__init__(controller, zone)
        self.open_refund = open_refund
        self.credited_button = QPushButton("Mark &credited")
        self.credited_button.setToolTip("The refund has arrived at its destination.")
        self.quote_button = QPushButton("Open &quote…")
        self.layout_.insertLayout(0, _button_bar(self.credited_button, self.quote_button))
        self.credited_button.clicked.connect(self._mark_credited)
        self.quote_button.clicked.connect(self._open_quote)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def render(self) -> None:
        super().render()
        self._update_buttons()

    def figure(self) -> Figure:
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
        row = self.selected_row()
        if row is not None:
            self.open_refund(self.controller.order_of(row))


class BillingTab(TableTab):
    """Spend by statistical dimension over a statistical period."""

    controller: BillingController

    def __init__(self, controller: BillingController, zone: tzinfo) -> None:
        super().__init__(controller, zone)
        self.dimension = QComboBox()
        for dimension in Dimension:
            self.dimension.addItem(dimension.value.replace("-", " ").capitalize(), dimension)
        self.dimension.setCurrentIndex(list(Dimension).index(controller.dimension))
        self.period = QLineEdit()
        self.period.setPlaceholderText("YYYY-MM, YYYY-MM-DD or FROM..TO")
        self.period.setToolTip("Statistical period: a billing cycle (month), a day, or a range of days.")
        self.error = QLabel()
        self.error.setStyleSheet("color:#a1140e;")
        self.note = QLabel()
        self.note.setStyleSheet("color:#8a4b00;")
        bar = QHBoxLayout()
        for caption, widget in (("&Dimension:", self.dimension), ("&Period:", self.period)):
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
        self.view.setToolTip("Double-click a group to see its bill lines.")

    def drill_down(self, row: int) -> QDialog | None:
        """The bill lines behind one group, in a window of their own."""
        table = self.controller.lines_of(row)
        if not table.rows:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(f"{self.controller.table.rows[row][0]} — {len(table.rows):,} bill lines")
        dialog.resize(1100, 600)
        model = TableDataModel(self.zone, dialog)
        model.set_table(table)
        view = _table_view()
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
        return spend_figure(self.controller.chart) if self.controller.chart else no_data_figure()

    def _apply(self) -> None:
        try:
            period = Period.parse(self.period.text()) if self.period.text().strip() else None
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.controller.set_query(Dimension(self.dimension.currentData()), period)


class UsageTab(QWidget):
    """Raw usage samples, loaded lazily, under a banner that they are not for reconciliation."""

    ALL = "All"
    _rendering = False  # filling the filter widgets from the controller is not a user's choice

    def __init__(self, controller: UsageController, zone: tzinfo) -> None:
        super().__init__()
        self.controller = controller
        self.zone = zone
        self.banner = QLabel(controller.banner)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("padding:6px; background:#fff8c5; color:#5c4a00; border-radius:4px;")
        self.count = QLabel()
        self.date_from = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_to = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.domain, self.region, self.item = QComboBox(), QComboBox(), QComboBox()
        bar = QHBoxLayout()
        for caption, widget in (
            ("&From:", self.date_from),
            ("&To:", self.date_to),
            ("&Domain:", self.domain),
            ("Re&gion:", self.region),
            ("Billing &item:", self.item),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addStretch(1)
        self.model = UsageTableModel(controller, zone, self)
        self.view = _table_view()
        self.view.setModel(self.model)
        self.chart = ChartWidget(name="usage")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.view)
        splitter.setSizes([360, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(bar)
        layout.addWidget(self.count)
        layout.addWidget(splitter)
        controller.changed.connect(self.render)
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
                box.addItems([self.ALL, *self.controller.choices[key]])
                box.setCurrentText(chosen or self.ALL)
            if where is not None and where.start is not None and where.end is not None:
                self.date_from.setDate(where.start.astimezone(self.zone).date())
                self.date_to.setDate((where.end - timedelta(microseconds=1)).astimezone(self.zone).date())
        finally:
            self._rendering = False
        self.count.setText(f"{self.controller.total:,} samples")
        series = self.controller.chart
        self.chart.set_figure(
            usage_figure(series, zone=self.zone, width_px=max(480, self.chart.width())) if series else no_data_figure()
        )

    def _apply(self) -> None:
        if self._rendering:
            return
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        if last < first:
            last = first
        start, end = Period(first, last).bounds(self.zone)

        def chosen(box: QComboBox) -> str | None:
            return None if box.currentText() in ("", self.ALL) else box.currentText()

        self.controller.set_filter(UsageFilter(start, end, chosen(self.domain), chosen(self.region), chosen(self.item)))
