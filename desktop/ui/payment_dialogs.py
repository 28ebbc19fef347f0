"""Record payment and Payments: money paid towards overdue bills, and the list of it with Undo."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.controllers.base import offset_label
from desktop.controllers.i18n import translate
from desktop.controllers.locale_text import amount_text, date_pattern, moment_text
from desktop.controllers.overview import OverviewController


def _zone(zone: tzinfo) -> QTimeZone:
    return QTimeZone(str(zone).encode())


class PaymentDialog(QDialog):
    """The amount (as the locale writes it), when it was paid, a reference and a note.

    What was typed stays on an error; the dialog closes once the store has the payment.
    """

    def __init__(self, controller: OverviewController, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(translate("overview", "Record payment"))
        self.setMinimumWidth(460)
        overview = controller.overview
        owed = amount_text(overview.status.overdue_amount) if overview else ""
        self.amount = QLineEdit(owed)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        now = QDateTime.fromSecsSinceEpoch(int(controller.context.clock().timestamp()), _zone(zone))
        self.paid_at = QDateTimeEdit(now, calendarPopup=True)
        self.paid_at.setTimeZone(_zone(zone))
        time_format = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
        self.paid_at.setDisplayFormat(f"{date_pattern()} {time_format}")  # four-digit years, as everywhere
        self.paid_at.setMaximumDateTime(now)  # a payment is never in the future
        self.reference = QLineEdit(placeholderText=translate("overview", "bank or console reference (optional)"))
        self.note = QLineEdit(placeholderText=translate("overview", "optional"))
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color:#a1140e;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        currency = overview.currency if overview else ""
        form = QFormLayout()
        form.addRow(translate("overview", "&Amount ({currency}):").format(currency=currency), self.amount)
        zone_label = offset_label(controller.context.clock().astimezone(zone))
        form.addRow(translate("overview", "&Paid at ({zone}):").format(zone=zone_label), self.paid_at)
        form.addRow(translate("overview", "&Reference:"), self.reference)
        form.addRow(translate("overview", "&Note:"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("overview", "The oldest overdue bills are settled first.")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        controller.paid.connect(self._paid)
        controller.payment_failed.connect(self._failed)

    def paid_at_moment(self) -> datetime:
        return datetime.fromtimestamp(self.paid_at.dateTime().toSecsSinceEpoch(), UTC)

    def record(self) -> None:
        problem = self.controller.record_payment(
            self.amount.text(), self.paid_at_moment(), self.reference.text(), self.note.text()
        )
        if problem is not None:
            self.error.setText(problem)
            return
        self.error.setText(translate("overview", "Recording…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _paid(self, _payment_id: int) -> None:
        if self.isVisible():
            self.accept()

    def _failed(self, reason: str) -> None:
        self.error.setText(translate("overview", "The payment was not recorded: {reason}").format(reason=reason))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)


class PaymentsDialog(QDialog):
    """Every payment recorded here, and Undo (a reversing entry: nothing is deleted)."""

    def __init__(self, controller: OverviewController, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.zone = zone
        self.setWindowTitle(translate("overview", "Payments"))
        self.resize(720, 360)
        headers = [
            translate("overview", "Paid at"),
            translate("overview", "Amount"),
            translate("overview", "Reference"),
            translate("overview", "Note"),
            translate("overview", "Undone at"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.undo_button = QPushButton(translate("overview", "&Undo payment"))
        self.undo_button.setToolTip(translate("overview", "Records a reversing entry; the payment stays in the list."))
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color:#a1140e;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.undo_button.clicked.connect(self._undo)
        self.table.itemSelectionChanged.connect(self._update)
        controller.paid.connect(lambda _id: self.load())
        controller.payment_failed.connect(self.error.setText)
        self.load()

    def load(self) -> None:
        self.entries = self.controller.payments()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            cells = (
                moment_text(entry.paid_at, self.zone),
                f"{entry.currency} {amount_text(entry.amount)}",
                entry.reference or "",
                entry.note or "",
                moment_text(entry.undone_at, self.zone) if entry.undone_at else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._update()

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update(self) -> None:
        row = self._selected()
        self.undo_button.setEnabled(row is not None and self.entries[row].undone_at is None)

    def _undo(self) -> None:
        row = self._selected()
        if row is not None:
            self.error.clear()
            self.controller.undo_payment(self.entries[row].id)
