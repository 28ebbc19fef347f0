"""Measures the event loop's worst stall while the window's import job reads a big file.

Run by tests/ui/test_responsiveness.py in a fresh interpreter, as the application runs: alone,
not inside a test process that has imported and built everything else. Prints the worst stall
in milliseconds and the import's summary line.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.controllers.base import Context
from desktop.controllers.importing import ImportController
from desktop.domain.policy import load_policy
from desktop.sources.demo import fill_demo_if_empty
from desktop.store.session import open_store
from desktop.ui.app import keep_responsive

INTERVAL_MS = 10


def main(store_url: str, big_file: str) -> int:
    app = QApplication([])
    policy = load_policy()
    store = open_store(store_url)
    fill_demo_if_empty(store, datetime(2026, 11, 26, 4, tzinfo=UTC), policy)
    controller = ImportController(Context(store, policy))
    keep_responsive()  # as the application does once its window is built
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(tick)
    outcome: list[str] = []
    controller.finished.connect(lambda lines: (outcome.extend(lines), app.quit()))
    controller.failed.connect(lambda message: (outcome.append(f"failed: {message}"), app.quit()))
    timer.start()
    controller.start([Path(big_file)])
    app.exec()
    timer.stop()
    # A stall is how late a tick came, beyond the timer's own interval.
    print(f"{max(gaps) * 1000 - INTERVAL_MS:.0f} {len(gaps)}")
    print(outcome[0] if outcome else "no outcome")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
