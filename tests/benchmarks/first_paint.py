"""Benchmark probe, not a test: when does a freshly started process paint its window? (P1)

    python tests/benchmarks/first_paint.py app URL    # `python -m desktop --db URL`, observed from outside
    python tests/benchmarks/first_paint.py bare       # the baseline: a bare window with five empty tabs

Prints one JSON object of `time.monotonic()` readings (CLOCK_MONOTONIC, the same clock in every
process on Linux, so the parent can subtract the moment it started this one) and quits:

    first_paint:    the main window's first paint event has been handled (the whole frame is painted);
    overview:       the Overview's figures (state, countdown, facts, rules) have painted the account
                    (its controller has loaded): what a user reads is on screen;
    overview_chart: the Overview's chart canvas has painted the account's overdue timeline, which
                    follows the figures on a later turn of the event loop.

Nothing here lives in the application: the probe creates the `QApplication` that `run_window`
then reuses (`QApplication.instance() or ...`), installs an event filter on it, and runs the
package's `__main__` as `python -m desktop` does, so the window is built exactly as a user gets it.
"""

from __future__ import annotations

import contextlib
import json
import runpy
import sys
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

TIMEOUT_MS = 120_000
NOTE = QEvent.Type(QEvent.registerEventType())


class PaintWatch(QObject):
    """Notes the first paint of the top-level window, of the Overview's figures and of its chart, then quits."""

    def __init__(self, app: QApplication, *, want_overview: bool) -> None:
        super().__init__()
        self.app = app
        self.wanted = {"first_paint", "overview", "overview_chart"} if want_overview else {"first_paint"}
        self.seen: dict[str, float] = {}
        self.pending: set[str] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            noted = self.seen.keys() | self.pending
            if "first_paint" not in noted and isinstance(watched, QMainWindow):
                self._after_handling("first_paint")
            elif "overview" in self.wanted - noted and watched is self._overview_part(watched, "figures"):
                self._after_handling("overview")
            elif "overview_chart" in self.wanted - noted and watched is self._overview_part(watched, "canvas"):
                self._after_handling("overview_chart")
        return False

    def _after_handling(self, name: str) -> None:
        # The filter sees the event before the widget paints; the frame is on screen once the loop turns.
        # A high-priority event reads the clock then, before the work the application queued after the
        # frame (the next chart, a garbage collection) rather than after whichever of it came first.
        self.pending.add(name)
        QCoreApplication.postEvent(self, QEvent(NOTE), Qt.EventPriority.HighEventPriority.value)

    def customEvent(self, event: QEvent) -> None:
        for name in sorted(self.pending):
            self._note(name)

    def _note(self, name: str) -> None:
        self.seen[name] = time.monotonic()
        self.pending.discard(name)
        if self.seen.keys() >= self.wanted:
            self.app.quit()

    @staticmethod
    def _overview_part(widget: QWidget, part: str) -> QWidget | None:
        """The Overview's `figures` widget or its chart's `canvas`, once its controller has loaded the account."""
        window = widget.window()
        tabs = getattr(window, "tabs", None)
        controllers = getattr(window, "controllers", None)
        if not isinstance(tabs, QTabWidget) or not controllers or getattr(controllers[0], "overview", None) is None:
            return None
        overview_tab = tabs.widget(0)
        if part == "figures":
            return getattr(overview_tab, "figures", None)
        chart = getattr(getattr(overview_tab, "chart_area", None), "chart", None)
        return getattr(chart, "canvas", None)


def bare_window() -> QMainWindow:
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1180, 760)  # the size MainWindow asks for
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    for title in ("Overview", "Billing details", "Usage", "Orders", "Refunds"):
        tabs.addTab(QWidget(), title)
    window.setCentralWidget(tabs)
    return window


def main(argv: list[str]) -> int:
    mode = argv[0]
    app = QApplication(sys.argv[:1])
    watch = PaintWatch(app, want_overview=mode == "app")
    app.installEventFilter(watch)
    QTimer.singleShot(TIMEOUT_MS, app.quit)  # a probe never hangs a benchmark run
    keep: Any = None
    if mode == "bare":
        keep = bare_window()
        keep.show()
        app.exec()
    else:
        sys.argv = ["desktop", "--db", argv[1]]
        with contextlib.suppress(SystemExit):  # `python -m desktop` itself, as a user starts it
            runpy.run_module("desktop", run_name="__main__", alter_sys=True)
    del keep
    print(json.dumps(watch.seen), flush=True)
    return 0 if watch.seen.keys() == watch.wanted else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
