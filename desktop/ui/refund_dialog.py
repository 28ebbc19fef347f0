"""The refund request dialog: every rule that decided, every amount, and a knowing confirmation."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.controllers.base import Context
from desktop.controllers.i18n import translate
from desktop.controllers.locale_text import moment_text
from desktop.controllers.refund_request import RefundRequestController
from desktop.domain.refunds import RefundQuote
from desktop.ui.formatting import money_text

IRREVERSIBLE = QT_TRANSLATE_NOOP(
    "refunds", "I understand that unsubscribing is irreversible: the resource is released and cannot be restored (R10)."
)


def _label(text: str, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def _fill(box: QGroupBox, labels: list[QLabel]) -> None:
    """Replace what `box` shows with `labels`, one under the other."""
    layout = box.layout()
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().deleteLater()
    for label in labels:
        layout.addWidget(label)


class RefundDialog(QDialog):
    """Shows the quote of one order before anything is submitted; Submit needs the R10 checkbox."""

    def __init__(
        self, context: Context, order_id: str, parent: QWidget | None = None, stored: RefundQuote | None = None
    ) -> None:
        """The quote of `order_id` now; or, read only, the `stored` one a request was made on."""
        super().__init__(parent)
        self.setWindowTitle(translate("refunds", "Refund request — order {order}").format(order=order_id))
        self.setMinimumWidth(620)
        self.controller = RefundRequestController(context, order_id, self)
        self.verdict = _label("", bold=True)
        self.rules = QGroupBox(translate("refunds", "Rules that decided"))
        self.rules.setLayout(QVBoxLayout())
        self.amounts = QGroupBox(translate("refunds", "Amounts"))
        self.amounts_form = QFormLayout(self.amounts)
        self.delivery = QGroupBox(translate("refunds", "Where and when"))
        self.delivery_form = QFormLayout(self.delivery)
        self.notes = QGroupBox(translate("refunds", "Not checked, and worth knowing"))
        self.notes.setLayout(QVBoxLayout())
        self.confirm = QCheckBox(translate("refunds", IRREVERSIBLE))
        self.error = _label("")
        self.error.setStyleSheet("color:#a1140e;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.submit_button = self.buttons.addButton(
            translate("refunds", "&Submit refund request"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit_button.setEnabled(False)

        layout = QVBoxLayout(self)
        widgets = (self.verdict, self.rules, self.amounts, self.delivery, self.notes, self.confirm, self.error)
        for widget in (*widgets, self.buttons):
            layout.addWidget(widget)

        self.confirm.toggled.connect(self._update_submit)
        self.buttons.rejected.connect(self.reject)
        self.submit_button.clicked.connect(lambda: self.controller.submit(self.confirm.isChecked()))
        self.controller.quoted.connect(self.render)
        self.controller.failed.connect(self.error.setText)
        self.controller.submitted.connect(self.accept)
        if stored is None:
            self.controller.load()
            return
        self.setWindowTitle(
            translate("refunds", "Quote of order {order}, as it was when the refund was requested ({moment})").format(
                order=order_id, moment=moment_text(stored.at, context.policy.zone)
            )
        )
        self.submit_button.setVisible(False)
        self.controller.show(stored)
        self.confirm.setVisible(False)

    def render(self) -> None:
        view = self.controller.view
        if view is None:
            return
        self.verdict.setText(view.verdict)
        self.verdict.setStyleSheet("color:#1e6b34;" if view.eligible else "color:#a1140e;")
        rules = [_label(f"{rule_id}: {text}") for rule_id, text in view.rules]
        if view.plan_finding:
            rules.append(_label(view.plan_finding))
        _fill(self.rules, rules)
        while self.amounts_form.rowCount():
            self.amounts_form.removeRow(0)
        refundable = _label(money_text(view.currency, view.refundable), bold=True)
        refundable.setToolTip(
            translate("refunds", "Cash and prepaid card paid − value already consumed, never below zero (R1, R7).")
        )
        self.amounts_form.addRow(translate("refunds", "Refundable:"), refundable)
        for name, amount, rule in view.kept:
            kept = _label(f"{money_text(view.currency, amount)}  ({rule})")
            kept.setToolTip(
                translate("refunds", "Not refunded: {reason}").format(reason=dict(view.rules).get(rule, rule))
            )
            self.amounts_form.addRow(translate("refunds", "{name}:").format(name=name), kept)
        gifts = ", ".join(view.voided_gifts) or translate("refunds", "none")
        self.amounts_form.addRow(translate("refunds", "Gifts voided:"), _label(gifts))
        while self.delivery_form.rowCount():
            self.delivery_form.removeRow(0)
        for row, (destination, amount) in enumerate(view.refund_parts or (("—", None),)):
            text = destination if amount is None else f"{money_text(view.currency, amount)}: {destination}"
            self.delivery_form.addRow(translate("refunds", "Destination:") if row == 0 else "", _label(text))
        self.delivery_form.addRow(translate("refunds", "Expected:"), _label(view.arrival))
        notes = [_label(f"⚠ {rule_id}: {text}") for rule_id, text in view.warnings]
        notes += [_label(f"{rule_id}: {text}") for rule_id, text in view.unchecked]
        _fill(self.notes, notes)
        self.notes.setVisible(bool(notes))
        self.confirm.setVisible(view.eligible)
        self._update_submit()

    def _update_submit(self) -> None:
        view = self.controller.view
        self.submit_button.setEnabled(bool(view and view.eligible and self.confirm.isChecked()))
