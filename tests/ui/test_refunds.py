"""Requesting a refund from the window, as a finance user does it, and following it."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, QLocale
from PySide6.QtWidgets import QGroupBox, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.cli import main
from desktop.controllers.base import Context
from desktop.controllers.i18n import Translation
from desktop.store.models import Order, RefundRequest
from desktop.store.refunds import mark_credited
from desktop.ui.main_window import MainWindow
from desktop.ui.order_tabs import OrdersTab, RefundsTab
from desktop.ui.refund_dialog import RefundDialog
from tests.conftest import DEMO_AT


def order_for(context: Context, instance: str) -> str:
    with context.store() as session:
        return session.scalars(
            select(Order.order_id).where(Order.instance_id == instance, Order.order_type == "New")
        ).one()


@pytest.fixture
def window(qtbot: QtBot, context: Context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_verdict_writes_its_amount_and_days_as_the_tables_do(qtbot: QtBot, context: Context) -> None:
    """A German system: the sentence's amount and dates use its separators and day order, like every table."""
    QLocale.setDefault(QLocale("de_DE"))
    dialog = RefundDialog(context, order_for(context, "lic-player-001"))
    qtbot.addWidget(dialog)
    assert dialog.verdict.text() == "Can be refunded: CNY 499,00"
    delivery = dialog.delivery_form.itemAt(1, dialog.delivery_form.ItemRole.FieldRole).widget().text()
    assert delivery == "Between 30.11.2026 and 01.12.2026 (2–3 business days, R8)"


def test_an_eligible_order_is_explained_and_needs_a_knowing_confirmation(qtbot: QtBot, context: Context) -> None:
    dialog = RefundDialog(context, order_for(context, "lic-player-001"))
    qtbot.addWidget(dialog)
    assert dialog.verdict.text() == "Can be refunded: CNY 499.00"
    rules = [label.text() for label in dialog.rules.findChildren(type(dialog.verdict))]
    assert [text.split(":")[0] for text in rules] == ["R1", "R8", "R9", "R10"]
    amounts = {
        dialog.amounts_form.itemAt(row, dialog.amounts_form.ItemRole.LabelRole)
        .widget()
        .text(): dialog.amounts_form.itemAt(row, dialog.amounts_form.ItemRole.FieldRole).widget().text()
        for row in range(dialog.amounts_form.rowCount())
    }
    assert amounts["Refundable:"] == "CNY 499.00"
    assert amounts["Coupons:"] == "CNY 100.00  (R1)"
    assert amounts["Gifts voided:"] == "none"
    delivery = dialog.delivery_form.itemAt(1, dialog.delivery_form.ItemRole.FieldRole).widget().text()
    assert delivery == "Between 11/30/2026 and 12/1/2026 (2–3 business days, R8)"
    assert not dialog.submit_button.isEnabled()
    dialog.confirm.setChecked(True)
    assert dialog.submit_button.isEnabled()
    with qtbot.waitSignal(dialog.controller.submitted):
        dialog.submit_button.click()
    with context.store() as session:
        stored = session.scalars(
            select(RefundRequest).where(RefundRequest.order_id == dialog.controller.order_id)
        ).one()
    assert (stored.state, str(stored.refundable), stored.destination) == ("submitted", "499.00", "DebitCard")
    assert (str(stored.arrival_earliest), str(stored.arrival_latest)) == ("2026-11-30", "2026-12-01")


def test_an_ineligible_order_cannot_be_submitted(qtbot: QtBot, context: Context) -> None:
    dialog = RefundDialog(context, order_for(context, "lic-queen-001"))
    qtbot.addWidget(dialog)
    assert dialog.verdict.text() == "Cannot be refunded"
    assert any(label.text().startswith("R6: ") for label in dialog.rules.findChildren(type(dialog.verdict)))
    assert dialog.confirm.isHidden()
    assert not dialog.submit_button.isEnabled()


def test_the_dialog_and_the_command_line_give_the_same_quote(
    qtbot: QtBot, context: Context, demo_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    order_id = order_for(context, "plan-dt-001")
    dialog = RefundDialog(context, order_id)
    qtbot.addWidget(dialog)
    assert main(["--db", demo_url, "refund-quote", order_id, "--json", "--at", DEMO_AT.isoformat()]) == 0
    quote = json.loads(capsys.readouterr().out)
    view = dialog.controller.view
    assert view is not None
    assert str(view.refundable) == quote["refundable"] == "40.00"
    assert [rule_id for rule_id, _ in view.rules] == [rule["id"] for rule in quote["rules"]]
    assert [str(amount) for _, amount, _ in view.kept] == [part["amount"] for part in quote["non_refundable"]]


def _texts(box: QGroupBox) -> list[str]:
    return [label.text() for label in box.findChildren(QLabel) if not label.isHidden()]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_dialog_shows_where_each_part_goes_and_what_was_not_checked_as_the_command_line_does(
    qtbot: QtBot,
    context: Context,
    demo_url: str,
    capsys: pytest.CaptureFixture[str],
    translation: Translation,
    language: str,
) -> None:
    """A licence paid 399.00 by debit card and 100.00 by prepaid card: both come back, each its own way (R1, R9),
    and R11 is named: the store cannot check it, and here it holds a sign that it was used."""
    translation.install(language, QLocale("en_US"))
    order_id = order_for(context, "lic-player-001")
    with context.store.begin() as session:
        order = session.scalars(select(Order).where(Order.order_id == order_id)).one()
        order.cash, order.prepaid_card = Decimal("399.00"), Decimal("100.00")
    assert main(["--db", demo_url, "refund-quote", order_id, "--json", "--at", DEMO_AT.isoformat()]) == 0
    quote = json.loads(capsys.readouterr().out)
    assert quote["refund_parts"] == [
        {"destination": "DebitCard", "amount": "399.00"},
        {"destination": "PrepaidCard", "amount": "100.00"},
    ]
    # The demo's DRM pack was refunded five days after it was bought, this year: R11 was probably used.
    assert ([note["id"] for note in quote["warnings"]], quote["unchecked"]) == (["R11"], [])
    dialog = RefundDialog(replace(context, language=language), order_id)
    qtbot.addWidget(dialog)
    form = dialog.delivery_form
    delivery = [form.itemAt(row, form.ItemRole.FieldRole).widget().text() for row in range(form.rowCount())]
    notes = _texts(dialog.notes)
    if language == "en":
        assert delivery[:2] == [
            "CNY 399.00: Back to the original payment method: the debit card",
            "CNY 100.00: Back to the prepaid card",
        ]
        assert notes == [f"⚠ R11: {quote['warnings'][0]['text']}"]
    else:
        assert delivery[1] == "CNY 100.00: 退回储值卡"
        assert notes[0].startswith("⚠ R11: 本地数据中有同一云产品今年的一笔退款")
        assert _texts(dialog.rules)[0].startswith("R1: 只有实际支付的金额可以退款")


def test_an_order_with_a_request_in_progress_cannot_be_refunded_again(qtbot: QtBot, context: Context) -> None:
    dialog = RefundDialog(context, order_for(context, "plan-dt-002"))  # the demo's request is processing
    qtbot.addWidget(dialog)
    assert dialog.verdict.text() == "Cannot be refunded"
    assert any(label.text().startswith("R12: ") for label in dialog.rules.findChildren(type(dialog.verdict)))
    assert not dialog.submit_button.isEnabled()


def test_a_quote_that_changed_since_it_was_shown_is_not_submitted(qtbot: QtBot, context: Context) -> None:
    dialog = RefundDialog(context, order_for(context, "lic-player-001"))
    qtbot.addWidget(dialog)
    assert dialog.controller.quote is not None
    shown = dialog.controller.quote
    dialog.controller.quote = replace(shown, refundable=shown.refundable + 1)  # what the user saw, in another world
    dialog.confirm.setChecked(True)
    with qtbot.waitSignal(dialog.controller.failed) as failure:
        dialog.submit_button.click()
    assert (
        failure.args[0] == "Not submitted: the quote changed since it was shown. Review the new one and confirm again."
    )
    with context.store() as session:
        assert session.scalars(select(RefundRequest).where(RefundRequest.order_id == shown.order_id)).all() == []
    assert dialog.verdict.text() == "Can be refunded: CNY 499.00"  # the current quote is shown again


def test_a_credited_refund_is_never_requested_again(qtbot: QtBot, context: Context) -> None:
    order_id = order_for(context, "lic-player-001")
    dialog = RefundDialog(context, order_id)
    qtbot.addWidget(dialog)
    dialog.confirm.setChecked(True)
    with qtbot.waitSignal(dialog.controller.submitted):
        dialog.submit_button.click()
    with context.store.begin() as session:
        request = session.scalars(select(RefundRequest).where(RefundRequest.order_id == order_id)).one()
        mark_credited(session, request.id, request.version, DEMO_AT)
    again = RefundDialog(context, order_id)
    qtbot.addWidget(again)
    assert again.verdict.text() == "Cannot be refunded"
    assert not again.submit_button.isEnabled()


def _select(tab: OrdersTab | RefundsTab, row: int) -> None:
    index = tab.model.index(row, 0)
    tab.view.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )


def test_request_from_the_orders_tab_then_follow_it_on_the_refunds_tab(
    qtbot: QtBot, window: MainWindow, context: Context
) -> None:
    window.tabs.setCurrentIndex(3)
    orders = window.tabs.currentWidget()
    assert isinstance(orders, OrdersTab)
    assert not orders.refund_button.isEnabled()
    player = order_for(context, "lic-player-001")
    row = next(row for row in range(orders.model.rowCount()) if orders.model.index(row, 0).data() == player)
    _select(orders, row)
    orders.refund_button.click()
    dialog = window.refund_dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.confirm.setChecked(True)
    with qtbot.waitSignal(dialog.controller.submitted):
        dialog.submit_button.click()
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage().startswith(f"Refund request for order {player} recorded")
    window.tabs.setCurrentIndex(4)
    refunds = window.tabs.currentWidget()
    assert isinstance(refunds, RefundsTab)
    assert refunds.model.index(0, 0).data() == player
    assert refunds.model.index(0, 2).data() == "submitted"
    _select(refunds, 0)
    assert refunds.credited_button.isEnabled()
    refunds.credited_button.click()
    qtbot.waitUntil(lambda: refunds.model.index(0, 2).data() == "credited")
    _select(refunds, 0)
    assert not refunds.credited_button.isEnabled()


def test_mark_credited_refuses_a_request_changed_by_someone_else(
    qtbot: QtBot, window: MainWindow, context: Context
) -> None:
    window.tabs.setCurrentIndex(4)
    refunds = window.tabs.currentWidget()
    assert isinstance(refunds, RefundsTab)
    row = next(row for row in range(refunds.model.rowCount()) if refunds.model.index(row, 2).data() == "processing")
    with context.store.begin() as session:  # another user changes the request meanwhile
        request = session.scalars(select(RefundRequest).where(RefundRequest.state == "processing")).one()
        request.note = "called the bank"
    _select(refunds, row)
    with qtbot.waitSignal(refunds.controller.failed) as failure:
        refunds.credited_button.click()
    assert failure.args[0].startswith("Someone else changed this refund request after it was loaded here")
    assert window.statusBar().currentMessage() == failure.args[0]
    assert refunds.model.index(row, 2).data() == "processing"


def test_the_order_detail_shows_payment_license_promotion_and_gifts(
    qtbot: QtBot, window: MainWindow, context: Context
) -> None:
    window.tabs.setCurrentIndex(3)
    orders = window.tabs.currentWidget()
    assert isinstance(orders, OrdersTab)

    def detail_of(instance: str) -> str:
        wanted = order_for(context, instance)
        row = next(row for row in range(orders.model.rowCount()) if orders.model.index(row, 0).data() == wanted)
        _select(orders, row)
        return orders.detail.text()

    player = detail_of("lic-player-001")
    assert "CNY 100.00" in player
    assert "by DebitCard" in player
    assert "Player Official: NotActivated" in player
    plan = detail_of("plan-dt-004")
    assert "a full refund until 12/1/2026 (the event" in plan
    assert "until 11/11/2027" in plan  # the plan's last day, in the account's zone
    assert "voucher CNY 50.00, 30 extra days" in plan
    assert "4,870.00 of 5,120.00 GB" in plan
    tied = detail_of("plan-tc-003")
    assert "Tied to license" in tied
    assert "lic-push-001: Activated" in tied


@pytest.mark.parametrize(
    ("instance", "status", "enabled", "tooltip"),
    [
        ("lic-player-001", "Paid", True, "See what this order would give back, and why, before asking for it."),
        ("plan-dt-006", "Cancelled", False, "Only a paid order can be refunded; this one is Cancelled (R12)."),
        (
            "plan-dt-002",
            "Paid",
            False,
            "A refund of this order was already asked for (processing): see the Refunds tab.",
        ),
        ("drm-pack-001", "Paid", False, "This order was already refunded (R12)."),
    ],
)
def test_request_refund_is_offered_only_where_it_can_be_asked_for_and_says_why_not(
    qtbot: QtBot, window: MainWindow, context: Context, instance: str, status: str, enabled: bool, tooltip: str
) -> None:
    window.tabs.setCurrentIndex(3)
    orders = window.tabs.currentWidget()
    assert isinstance(orders, OrdersTab)
    with context.store() as session:
        order_id = session.scalars(
            select(Order.order_id).where(
                Order.instance_id == instance, Order.order_type == "New", Order.payment_status == status
            )
        ).first()
    row = next(row for row in range(orders.model.rowCount()) if orders.model.index(row, 0).data() == order_id)
    _select(orders, row)
    assert orders.refund_button.isEnabled() is enabled
    assert orders.refund_button.toolTip() == tooltip


def test_open_quote_shows_the_quote_the_request_was_made_on_not_today_s(
    qtbot: QtBot, window: MainWindow, context: Context
) -> None:
    from desktop.services.refunds import request_refund

    order_id = order_for(context, "lic-player-001")
    request_refund(context.store, order_id, DEMO_AT, context.policy)
    with context.store.begin() as session:  # the order as a newer export has it: today's quote differs
        order = session.scalars(select(Order).where(Order.order_id == order_id)).one()
        order.cash, order.prepaid_card = Decimal("399.00"), Decimal("100.00")
    window.tabs.setCurrentIndex(4)
    refunds = window.tabs.currentWidget()
    assert isinstance(refunds, RefundsTab)
    refunds.controller.refresh()
    row = next(row for row in range(refunds.model.rowCount()) if refunds.model.index(row, 0).data() == order_id)
    _select(refunds, row)
    refunds.quote_button.click()
    dialog = refunds.quote_dialog
    assert dialog.windowTitle() == (
        f"Quote of order {order_id}, as it was when the refund was requested (11/26/2026 12:00\u202fPM)"
    )
    form = dialog.delivery_form
    delivery = [form.itemAt(row, form.ItemRole.FieldRole).widget().text() for row in range(form.rowCount())]
    assert delivery[0] == "CNY 499.00: Back to the original payment method: the debit card"  # one part, as then
    assert not dialog.submit_button.isVisible()
    assert not dialog.confirm.isVisible()
