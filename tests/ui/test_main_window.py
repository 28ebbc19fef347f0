"""The main window as a user meets it: five tabs with data, shortcuts, menus, exports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QTableView
from pytestqt.qtbot import QtBot

from desktop import APP_NAME
from desktop.controllers.base import Context
from desktop.ui.billing_tab import BillingTab
from desktop.ui.main_window import TAB_TITLES, MainWindow
from desktop.ui.order_tabs import OrdersTab
from desktop.ui.overview_tab import OverviewTab
from desktop.ui.table_tab import TableTab
from desktop.ui.usage_model import PAGE
from desktop.ui.usage_tab import UsageTab
from tests.event_loop import handle_pending_events


@pytest.fixture
def window(qtbot: QtBot, context: Context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_title_and_the_five_tabs(window: MainWindow) -> None:
    assert window.windowTitle() == APP_NAME
    titles = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    assert titles == ["Overview", "Billing details", "Usage", "Orders", "Refunds"]
    assert tuple(titles) == TAB_TITLES


@pytest.mark.parametrize("number", [5, 4, 3, 2, 1])
def test_ctrl_number_switches_tabs(qtbot: QtBot, window: MainWindow, number: int) -> None:
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == number - 1


def test_every_tab_shows_demo_data(qtbot: QtBot, window: MainWindow) -> None:
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.currentWidget()
        if isinstance(page, OverviewTab):
            assert page.form.rowCount() >= 8
            assert page.countdown.text().startswith("Suspension in 3 d")
            assert "O5" in page.rules.text()
        else:
            view = page.findChild(QTableView)
            assert view is not None
            qtbot.waitUntil(lambda view=view: view.model().rowCount() > 0)
            first = view.model().index(0, 0).data()
            assert first, TAB_TITLES[index]


def test_a_hidden_usage_table_reads_no_more_pages(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt sizes the columns of a view that is not on screen from every row: here that would read every sample."""
    window.tabs.setCurrentIndex(2)
    page = window.tabs.currentWidget()
    assert isinstance(page, UsageTab)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert page.model.rowCount() > 20 * PAGE  # enough samples to notice a read of them all
    read: list[int] = []
    rows = page.controller.rows
    monkeypatch.setattr(page.controller, "rows", lambda offset, limit: read.append(offset) or rows(offset, limit))
    for index in (3, 4, 1, 0):
        window.tabs.setCurrentIndex(index)
        window.grab()  # the window laid out and painted with this tab in front
    size = QSize(window.width() + 40, window.height() + 30)
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    window.grab()
    handle_pending_events(qtbot)
    assert len(read) <= 1
    assert all(width > 20 for width in map(page.view.columnWidth, range(page.model.columnCount())))


def test_usage_column_widths_the_user_sets_stay_when_the_filter_changes(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentIndex(2)
    page = window.tabs.currentWidget()
    assert isinstance(page, UsageTab)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    fitted = page.view.columnWidth(2)
    assert fitted > 40  # sized to the domains it shows
    page.view.setColumnWidth(2, fitted + 77)
    page.domain.setCurrentIndex(1)  # another filter: the table is read again
    qtbot.waitUntil(lambda: page.controller.filter is not None and page.controller.filter.instance_id is not None)
    assert page.view.columnWidth(2) == fitted + 77


def test_every_table_reaches_the_right_edge_of_a_wide_window(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(2400, 900)
    for index in range(1, window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        view = window.tabs.currentWidget().findChild(QTableView)
        qtbot.waitUntil(lambda view=view: view.model().rowCount() > 0)
        qtbot.waitUntil(lambda view=view: view.horizontalHeader().length() >= view.viewport().width())


def test_usage_tab_warns_and_scrolls_to_the_last_sample(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentIndex(2)
    page = window.tabs.currentWidget()
    assert isinstance(page, UsageTab)
    assert "not for reconciliation" in page.findChild(QLabel).text()
    model = page.view.model()
    assert model.rowCount() == page.controller.total
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.view.rowAt(page.view.viewport().height() - 1) == model.rowCount() - 1)
    assert model.index(model.rowCount() - 1, 0).data() == "11/25/2026 11:55\u202fPM"  # en_US, as the locale writes it


def test_usage_tab_shows_its_table_at_once_and_the_chart_when_it_is_read(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentIndex(2)
    page = window.tabs.currentWidget()
    assert isinstance(page, UsageTab)
    assert page.model.rowCount() == page.controller.total > 0
    assert page.count.text() == f"{page.controller.total:,} samples"
    assert page.chart_area.currentWidget() is page.chart_area.status
    assert page.chart_area.status.text() == "Loading chart…"
    qtbot.waitUntil(lambda: page.chart_area.currentWidget() is page.chart_area.chart, timeout=10_000)
    assert page.chart_area.chart is not None
    assert page.chart_area.chart.figure is page.controller.figure


def test_usage_chart_failure_is_shown_in_place_of_the_chart(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise ValueError("the samples could not be read")

    monkeypatch.setattr("desktop.controllers.usage.usage_series", broken)
    window.tabs.setCurrentIndex(2)
    page = window.tabs.currentWidget()
    assert isinstance(page, UsageTab)
    qtbot.waitUntil(lambda: not page.controller.chart_loading, timeout=10_000)
    assert page.chart_area.currentWidget() is page.chart_area.status
    assert page.chart_area.status.text() == "The chart could not be drawn: the samples could not be read"
    assert page.model.rowCount() == page.controller.total > 0


def test_billing_dimension_and_period_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentIndex(1)
    page = window.tabs.currentWidget()
    assert isinstance(page, BillingTab)
    page.dimension.setCurrentIndex(page.dimension.findText("Region"))
    assert {page.model.index(row, 0).data() for row in range(page.model.rowCount() - 1)} == {
        "Chinese mainland",
        "Asia Pacific 1",
    }
    assert page.model.index(page.model.rowCount() - 1, 0).data() == "Total"
    page.period.setText("2026-13")
    page.period.editingFinished.emit()
    assert "no such month" in page.error.text()
    page.period.setText("2026-10-01..2026-10-31")
    page.period.editingFinished.emit()
    assert page.error.text() == ""
    assert page.controller.period is not None
    assert page.controller.period.label() == "2026-10"


def test_export_table_writes_the_visible_table(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "orders.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "CSV files (*.csv)"))
    window.tabs.setCurrentIndex(3)
    window.export_action.trigger()
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["Order", "Related order", "Created"]
    assert len(rows) == 1 + 13
    assert all(row[2].endswith("+08:00") for row in rows[1:])  # moments in the account's zone, as shown
    assert window.statusBar().currentMessage().startswith("Exported 13 rows")


def test_export_is_offered_only_for_tables(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(0)
    assert not window.export_action.isEnabled()
    window.tabs.setCurrentIndex(4)
    assert window.export_action.isEnabled()


def test_file_import_updates_the_tabs(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(samples / "orders.csv")], "CSV files (*.csv)")
    )
    window.tabs.setCurrentIndex(3)
    page = window.tabs.currentWidget()
    assert isinstance(page, TableTab)
    before = page.model.rowCount()
    with qtbot.waitSignal(window.importer.finished, timeout=20_000):
        window.import_action.trigger()
    assert page.model.rowCount() == before + 5
    assert "5 new" in window.statusBar().currentMessage()
    assert window.import_action.isEnabled()


def test_the_window_remembers_tab_and_billing_filters(qtbot: QtBot, context: Context) -> None:
    first = MainWindow(context)
    qtbot.addWidget(first)
    first.tabs.setCurrentIndex(1)
    first.billing_tab.dimension.setCurrentIndex(first.billing_tab.dimension.findText("Region"))
    first.billing_tab.period.setText("2026-10")
    first.billing_tab.period.editingFinished.emit()
    first.close()
    second = MainWindow(context)
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 1
    assert second.billing_tab.dimension.currentText() == "Region"
    assert second.billing_tab.period.text() == "2026-10"
    assert {second.billing_tab.model.index(row, 0).data() for row in range(2)} == {"Chinese mainland", "Asia Pacific 1"}


def test_overview_records_a_payment_and_refuses_resource_plans_while_overdue(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    page = window.tabs.widget(0)
    assert isinstance(page, OverviewTab)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    page.buy_button.click()
    assert shown[-1].startswith("While any bill is overdue, resource plans cannot be bought.")
    page.pay_button.click()
    dialog = page.payment_dialog
    assert dialog.amount.text() == "18,597.06"  # what is owed, as the locale writes it
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.amount.setText("1,0")
    ok.click()
    assert dialog.error.text() == "Type the amount as a number, such as 12,345.60."
    assert dialog.isVisible()
    assert dialog.amount.text() == "1,0"  # what was typed stays
    dialog.amount.setText("18,597.06")
    dialog.reference.setText("BANK-2026-11-26")
    with qtbot.waitSignal(page.controller.paid, timeout=10_000):
        ok.click()
    assert not dialog.isVisible()
    qtbot.waitUntil(
        lambda: page.controller.overview is not None and page.controller.overview.status.state.value == "active"
    )
    assert not page.countdown.isVisible()
    page.buy_button.click()
    assert shown[-1].startswith("Nothing is overdue")
    page.payments_button.click()
    payments = page.payments_dialog
    assert [payments.table.item(0, column).text() for column in (1, 2)] == ["CNY 18,597.06", "BANK-2026-11-26"]
    payments.table.selectRow(0)
    with qtbot.waitSignal(page.controller.paid, timeout=10_000):
        payments.undo_button.click()
    assert payments.table.item(0, 4).text() == "11/26/2026 12:00\u202fPM"  # undone now, and still listed
    qtbot.waitUntil(
        lambda: page.controller.overview is not None and page.controller.overview.status.state.value == "grace"
    )


def test_a_period_out_of_range_is_a_message_not_a_crash(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentIndex(1)
    page = window.billing_tab
    page.period.setText("9999-12-31")
    page.period.editingFinished.emit()
    assert "years 2000–2999" in page.error.text()
    assert page.controller.period is not None
    assert page.controller.period.first.year == 2026


def test_an_error_escaping_a_slot_is_shown_and_the_window_goes_on(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.app import show_unexpected_error

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    try:
        raise RuntimeError("a bug in a slot")
    except RuntimeError as error:
        show_unexpected_error(window, RuntimeError, error, error.__traceback__)
    assert shown[0].startswith("Something went wrong and was not finished:\n\nRuntimeError: a bug in a slot")
    assert "a bug in a slot" in caplog.text
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1


def test_usage_filters_and_export_from_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.tabs.setCurrentIndex(2)
    page = window.tabs.currentWidget()
    assert isinstance(page, UsageTab)
    assert page.controller.total == 30 * 288 * 3 * 2
    page.domain.setCurrentText("edu.example-stream.com")
    page.item.setCurrentText("Peak bandwidth")
    assert page.controller.total == 30 * 288
    assert page.count.text() == f"{30 * 288:,} samples"
    qtbot.waitUntil(lambda: page.chart_area.currentWidget() is page.chart_area.chart, timeout=10_000)
    assert page.controller.chart is not None
    assert page.controller.chart.label == "Peak bandwidth · edu.example-stream.com"
    target = tmp_path / "usage.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "CSV files (*.csv)"))
    assert window.export_action.isEnabled()
    window.export_action.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Exported"), timeout=20_000)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 1 + 30 * 288
    assert {row[2] for row in rows[1:]} == {"edu.example-stream.com"}
    assert "not for reconciliation" in rows[1][-1]


def test_billing_drills_down_from_a_group_to_its_lines(qtbot: QtBot, window: MainWindow) -> None:
    from decimal import Decimal

    window.tabs.setCurrentIndex(1)
    page = window.billing_tab
    row = next(row for row in range(page.model.rowCount()) if page.model.index(row, 0).data() == "Live recording")
    dialog = page.drill_down(row)
    assert dialog is not None
    assert dialog.isVisible()
    view = dialog.findChild(QTableView)
    model = view.model()
    assert model.rowCount() == 25  # one line a day, 1–25 November
    payable = page.controller.table.rows[row][4]
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index("Payable")
    shown = sum(Decimal(model.index(r, column).data().replace(",", "")) for r in range(model.rowCount()))
    assert shown == payable
    assert page.drill_down(page.model.rowCount() - 1) is None  # the totals row has no lines of its own


def test_back_up_and_restore_from_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    copy = tmp_path / "backup.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(copy), ""))
    window.back_up()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Store backed up"), timeout=20_000)
    assert copy.stat().st_size > 0
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(copy), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window.restore()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(f"Store restored from {copy}"))
    window.tabs.setCurrentIndex(3)
    orders = window.tabs.currentWidget()
    assert isinstance(orders, OrdersTab)
    assert orders.model.rowCount() == 13
