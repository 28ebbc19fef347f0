"""Benchmark probe, not a test: when does a freshly started process paint its window? (P1)

    python tests/benchmarks/first_paint.py app URL    # `python -m desktop --db URL`, observed from outside
    python tests/benchmarks/first_paint.py bare       # the baseline: a bare window with five empty tabs

Prints one JSON object of `time.monotonic()` readings (CLOCK_MONOTONIC, the same clock in every
process on Linux, so the parent can subtract the moment it started this one) and quits:

    first_paint: the main window's first paint event has been handled (the whole frame is painted);
    overview:    the Overview tab's chart canvas has painted the account's figure (the tab is filled).

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

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

TIMEOUT_MS = 120_000


class PaintWatch(QObject):
    """Notes the first paint of the top-level window and of the Overview tab's chart, then quits."""

    def __init__(self, app: QApplication, *, want_overview: bool) -> None:
        super().__init__()
        self.app = app
        self.want_overview = want_overview
        self.seen: dict[str, float] = {}
        self.pending: set[str] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            noted = self.seen.keys() | self.pending
            if "first_paint" not in noted and isinstance(watched, QMainWindow):
                self._after_handling("first_paint")
            elif self.want_overview and "overview" not in noted and self._is_filled_overview_canvas(watched):
                self._after_handling("overview")
        return False

    def _after_handling(self, name: str) -> None:
        # The filter sees the event before the widget paints: read the clock on the next turn of the loop.
        self.pending.add(name)
        QTimer.singleShot(0, lambda: self._note(name))

    def _note(self, name: str) -> None:
        self.seen[name] = time.monotonic()
        self.pending.discard(name)
        if "first_paint" in self.seen and ("overview" in self.seen or not self.want_overview):
            self.app.quit()

    @staticmethod
    def _is_filled_overview_canvas(widget: QWidget) -> bool:
        window = widget.window()
        tabs = getattr(window, "tabs", None)
        controllers = getattr(window, "controllers", None)
        if not isinstance(tabs, QTabWidget) or not controllers:
            return False
        overview_tab = tabs.widget(0)
        chart = getattr(overview_tab, "chart", None)
        canvas = getattr(chart, "canvas", None)
        return widget is canvas and getattr(controllers[0], "overview", None) is not None


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
    return 0 if len(watch.seen) == (2 if mode == "app" else 1) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
