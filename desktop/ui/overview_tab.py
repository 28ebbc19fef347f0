"""The Overview tab: the service state, a countdown to suspension, the figures and the overdue timeline."""

from __future__ import annotations

from datetime import tzinfo
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.charts.from_store import overdue_timeline
from desktop.controllers.i18n import translate
from desktop.controllers.overview import OverviewController
from desktop.domain.kinds import ServiceState
from desktop.ui.chart_slot import ChartSlot
from desktop.ui.formatting import countdown_text, display_text, money_text
from desktop.ui.tab_common import button_bar

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from desktop.charts.data import OverdueTimeline

STATE_STYLE = {
    ServiceState.ACTIVE: "background:#e6f4ea; color:#1e6b34;",
    ServiceState.GRACE: "background:#fff4e5; color:#8a4b00;",
    ServiceState.SUSPENDED: "background:#fdecea; color:#a1140e;",
}
STATE_TEXT = {
    ServiceState.ACTIVE: QT_TRANSLATE_NOOP("overview", "Service active: nothing overdue."),
    ServiceState.GRACE: QT_TRANSLATE_NOOP(
        "overview", "Overdue: the service keeps running until the suspension moment."
    ),
    ServiceState.SUSPENDED: QT_TRANSLATE_NOOP(
        "overview", "Suspended for overdue bills: pay every overdue bill to resume (data is kept)."
    ),
}


class OverviewTab(QWidget):
    """Figures of the account, the service state and a countdown to suspension; the overdue timeline under them.

    The figures (`figures`) are painted first; the timeline follows in `chart_area` (see ChartSlot).
    """

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

        self.chart_area = ChartSlot("overdue")
        self.pay_button = QPushButton(translate("overview", "Record &payment…"))
        self.pay_button.setToolTip(
            translate("overview", "Record money paid towards overdue bills; the oldest bills are settled first.")
        )
        self.payments_button = QPushButton(translate("overview", "Pa&yments…"))
        self.payments_button.setToolTip(translate("overview", "Payments recorded here; undo one that was wrong."))
        self.payments_button.clicked.connect(self._show_payments)
        self.buy_button = QPushButton(translate("overview", "&Buy resource plan…"))
        self.buy_button.setToolTip(
            translate("overview", "Resource plans cannot be bought while any bill is overdue (O5).")
        )
        self.pay_button.clicked.connect(self._record_payment)
        self.buy_button.clicked.connect(self._buy_resource_plan)
        self.figures = QWidget()
        figures = QVBoxLayout(self.figures)
        figures.setContentsMargins(0, 0, 0, 0)
        figures.addWidget(self.state_banner)
        figures.addWidget(self.countdown)
        beside = QHBoxLayout()  # the rules beside the figures: the timeline keeps its height
        beside.addLayout(self.form)
        beside.addSpacing(24)
        beside.addWidget(self.rules, 1, Qt.AlignmentFlag.AlignTop)
        figures.addLayout(beside)
        layout = QVBoxLayout(self)
        layout.addLayout(button_bar(self.pay_button, self.payments_button, self.buy_button))
        layout.addWidget(self.figures)
        self.chart_area.setMinimumHeight(240)
        layout.addWidget(self.chart_area, 1)
        controller.changed.connect(self.render)
        controller.countdown.connect(self._show_countdown)

    def render(self) -> None:
        overview = self.controller.overview
        if overview is None:
            return
        state = overview.status.state
        self.state_banner.setText(translate("overview", STATE_TEXT[state]))
        self.state_banner.setStyleSheet(f"padding:8px; border-radius:4px; {STATE_STYLE[state]}")
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value, explanation in self.controller.facts():
            text = (
                money_text(overview.currency, value) if isinstance(value, Decimal) else display_text(value, self.zone)
            )
            field = QLabel(text)
            field.setToolTip(explanation)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(translate("overview", "{label}:").format(label=label), field)
        self.rules.setText("\n".join(f"{rule_id}: {text}" for rule_id, text in self.controller.rules()))
        self.chart_area.show_figure(partial(self._timeline_figure, overdue_timeline(overview)))
        left = self.controller.seconds_left()
        self.countdown.setVisible(left is not None)
        if left is not None:
            self._show_countdown(left)

    def _timeline_figure(self, timeline: OverdueTimeline) -> Figure:
        from desktop.charts.overdue import overdue_figure  # matplotlib: once the figures are on screen

        return overdue_figure(timeline, zone=self.zone)

    def _record_payment(self) -> None:
        from desktop.ui.payment_dialogs import PaymentDialog

        self.payment_dialog = PaymentDialog(self.controller, self.zone, self)
        self.payment_dialog.open()

    def _show_payments(self) -> None:
        from desktop.ui.payment_dialogs import PaymentsDialog

        self.payments_dialog = PaymentsDialog(self.controller, self.zone, self)
        self.payments_dialog.open()

    def _buy_resource_plan(self) -> None:
        allowed, reason = self.controller.resource_plan_purchase()
        title = translate("overview", "Buy resource plan")
        if allowed:
            QMessageBox.information(self, title, reason)
        else:
            QMessageBox.warning(self, title, reason)

    def _show_countdown(self, seconds: int) -> None:
        self.countdown.setText(translate("overview", "Suspension in {time}").format(time=countdown_text(seconds)))
