"""Charts come after what a user reads: the Overview's figures first, a tab's chart when it is first shown."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.charts.style import no_data_figure
from desktop.controllers.base import Context
from desktop.ui.chart_slot import ChartSlot
from desktop.ui.main_window import MainWindow
from desktop.ui.overview_tab import OverviewTab
from desktop.ui.table_tab import TableTab
from tests.event_loop import handle_pending_events


class PaintLog(QObject):
    """What `probe()` said each time `widget` was painted."""

    def __init__(self, widget: QWidget, probe: Callable[[], object]) -> None:
        super().__init__(widget)
        self.probe = probe
        self.seen: list[object] = []
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen.append(self.probe())
        return False


def test_the_overview_shows_its_figures_while_its_chart_is_drawn(qtbot: QtBot, context: Context) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    page = window.tabs.widget(0)
    assert isinstance(page, OverviewTab)
    assert page.form.rowCount() >= 8
    assert page.countdown.text().startswith("Suspension in 3 d")
    assert page.chart_area.chart is None
    assert page.chart_area.currentWidget() is page.chart_area.status
    assert page.chart_area.status.text() == "Drawing chart…"
    paints = PaintLog(page.figures, lambda: page.chart_area.chart)
    window.show()
    qtbot.waitUntil(lambda: page.chart_area.chart is not None, timeout=10_000)
    assert paints.seen[0] is None  # the figures were on screen before the chart was drawn
    assert page.chart_area.currentWidget() is page.chart_area.chart
    assert "grace period" in page.chart_area.chart.figure.get_suptitle()


@pytest.mark.parametrize(("index", "title"), [(1, "Spend by Billing item"), (4, "Refunds and when the money arrives")])
def test_a_tab_draws_its_chart_when_it_is_first_shown(qtbot: QtBot, context: Context, index: int, title: str) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    overview = window.tabs.widget(0)
    assert isinstance(overview, OverviewTab)
    qtbot.waitUntil(lambda: overview.chart_area.chart is not None, timeout=10_000)
    page = window.tabs.widget(index)
    assert isinstance(page, TableTab)
    assert page.chart_area is not None
    assert page.chart_area.chart is None  # hidden since the start: neither built nor drawn
    window.tabs.setCurrentIndex(index)
    assert page.model.rowCount() > 0  # the table at once, the chart on a later turn
    assert page.chart_area.status.text() == "Drawing chart…"
    qtbot.waitUntil(lambda: page.chart_area.chart is not None, timeout=10_000)
    assert page.chart_area.currentWidget() is page.chart_area.chart
    assert page.chart_area.chart.figure.get_suptitle().startswith(title)


def test_a_slot_never_shown_never_builds_its_figure(qtbot: QtBot) -> None:
    slot = ChartSlot("test")
    qtbot.addWidget(slot)
    built: list[str] = []
    slot.show_figure(lambda: built.append("built") or no_data_figure())
    handle_pending_events(qtbot)
    assert built == []
    slot.show()
    qtbot.waitUntil(lambda: slot.chart is not None)
    assert built == ["built"]


def test_a_message_replaces_a_figure_still_waiting_to_be_drawn(qtbot: QtBot) -> None:
    slot = ChartSlot("test")
    qtbot.addWidget(slot)
    slot.show()
    qtbot.waitExposed(slot)
    slot.show_figure(no_data_figure)
    slot.show_message("Loading chart…")  # a newer query started before the chart was drawn
    with qtbot.waitSignal(slot.status.painted):  # the paint that would have scheduled the drawing
        pass
    handle_pending_events(qtbot)  # and the turn the drawing would have taken
    assert slot.chart is None
    assert slot.currentWidget() is slot.status
    assert slot.status.text() == "Loading chart…"


def test_a_figure_that_cannot_be_built_is_said_in_the_chart_s_place(qtbot: QtBot) -> None:
    def broken() -> None:
        raise ValueError("no samples in this span")

    slot = ChartSlot("usage")
    qtbot.addWidget(slot)
    slot.show()
    slot.show_figure(broken)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: "could not be drawn" in slot.status.text())
    assert slot.status.text() == "The chart could not be drawn: no samples in this span"
    assert slot.chart is None
    assert slot.currentWidget() is slot.status
