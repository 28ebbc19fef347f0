"""Benchmark probe, not a test: the Usage tab over a store of N samples, in a process of its own (P4).

    python tests/benchmarks/usage_table.py lazy URL   # the application's Usage tab and lazy model
    python tests/benchmarks/usage_table.py list URL   # the baseline: every row in a list-backed model

Prints one JSON object and exits. A process per run keeps the resident-memory figures apart:

    open_ms:   lazy: showing the tab with its table, count and filter lists (the window answers;
               the chart is still being read in the background);
               list: reading every row into the list-backed model and showing it.
    chart_ms:  lazy: from the same start until the chart is drawn in place of "Loading chart…".
    pause_ms:  lazy: the longest the event loop went without turning from the start until the chart
               was drawn (how long the window could not answer).
    scroll_ms: scrolling the table to its last row (the lazy model reads only the pages in view).
    rss_bytes: what the table adds to the resident set, from the opened tab to the last row in view
               (list: from before the rows are read to the last row in view); /proc/self/statm.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView

from desktop.controllers.base import Context
from desktop.controllers.usage import UsageController
from desktop.domain.policy import load_policy
from desktop.store.queries import UsageFilter
from desktop.store.session import open_store
from desktop.ui.app import keep_responsive

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
PAGE_ROWS = 500  # the rows the baseline reads at a time: as few transient objects as the lazy model makes


def resident_bytes() -> int:
    gc.collect()
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE


def settle(app: QApplication, done: Any, timeout_s: float = 600) -> None:
    """Run the event loop until `done()` (deferred fetches, background jobs and chart draws end later)."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        if done():
            app.processEvents()  # the paint that follows
            return
    raise RuntimeError("the view never settled")


class PauseMeter(QObject):
    """The longest gap between turns of the event loop, seen by a timer that asks for one every 2 ms."""

    def __init__(self) -> None:
        super().__init__()
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(self, interval=2, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> float:
        self._tick()
        self._timer.stop()
        return self.longest


def last_row_in_view(view: QTableView) -> int:
    """The last row the viewport shows (-1 below the last row means the table ends above the bottom edge)."""
    row = view.rowAt(view.viewport().height() - 1)
    return row if row >= 0 else view.model().rowCount() - 1


def lazy(app: QApplication, context: Context) -> dict[str, float]:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.usage_tab import UsageTab

    window = MainWindow(context)
    window.show()
    settle(app, lambda: window.tabs.widget(0).chart_area.chart is not None)  # the Overview, chart and all
    tab = window.tabs.widget(2)
    assert isinstance(tab, UsageTab)
    controller = tab.controller
    controller.filter = UsageFilter()  # every sample: the days a user picks to see them all
    pauses = PauseMeter()
    began = time.perf_counter()
    window.tabs.setCurrentIndex(2)  # the first showing loads the tab
    settle(app, lambda: tab.model.rowCount() > 0 and tab.count.text() != "")
    opened = time.perf_counter() - began
    settle(app, lambda: (chart := tab.chart_area.chart) is not None and not chart.canvas._draw_pending)
    charted = time.perf_counter() - began
    paused = pauses.stop()
    if controller.chart_error is not None:
        raise RuntimeError(f"the chart failed: {controller.chart_error}")
    before = resident_bytes()
    view = tab.view
    began = time.perf_counter()
    view.scrollToBottom()
    app.processEvents()
    figures = _figures(opened, time.perf_counter() - began, before, view, controller)
    return {**figures, "chart_ms": charted * 1000, "pause_ms": paused * 1000}


def _figures(
    opened: float, scrolled: float, before: int, view: QTableView, controller: UsageController
) -> dict[str, float]:
    return {
        "open_ms": opened * 1000,
        "scroll_ms": scrolled * 1000,
        "rss_bytes": resident_bytes() - before,
        "rows_in_model": view.model().rowCount(),
        "last_row_in_view": last_row_in_view(view),
        "total": controller.total,
    }


def all_rows(context: Context, controller: UsageController) -> list[tuple[Any, ...]]:
    """Every row the lazy model would hold, the same Python values (read as plain rows, not ORM objects)."""
    from sqlalchemy import select

    from desktop.store.models import UsageRecord as U
    from desktop.store.queries import USAGE_COLUMNS

    assert controller.account_id is not None
    statement = (controller.filter or UsageFilter()).apply(select(*USAGE_COLUMNS), controller.account_id)
    with context.store() as session:
        return [
            tuple(row)
            for row in session.execute(statement.order_by(U.start, U.id).execution_options(yield_per=PAGE_ROWS))
        ]


def listed(app: QApplication, context: Context) -> dict[str, float]:
    from desktop.controllers.base import TableData
    from desktop.ui.tab_common import table_view
    from desktop.ui.table_model import TableDataModel

    controller = UsageController(context)
    controller.filter = UsageFilter()
    controller.refresh()  # counts and chart data: not the table's memory
    settle(app, lambda: not controller.chart_loading)  # nor is the chart, read in the background
    view = table_view()
    view.resize(1180, 300)
    view.show()
    settle(app, lambda: True)
    before = resident_bytes()
    began = time.perf_counter()
    rows = all_rows(context, controller)
    model = TableDataModel(controller.context.policy.zone)
    model.set_table(TableData(columns=controller.columns, rows=rows))
    view.setModel(model)
    settle(app, lambda: True)
    opened = time.perf_counter() - began
    began = time.perf_counter()
    view.scrollToBottom()
    app.processEvents()
    return _figures(opened, time.perf_counter() - began, before, view, controller)


def main(argv: list[str]) -> int:
    mode, url = argv
    app = QApplication(sys.argv[:1])
    context = Context(open_store(url), load_policy())
    keep_responsive()  # as the application does once its store is open
    result = (lazy if mode == "lazy" else listed)(app, context)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
