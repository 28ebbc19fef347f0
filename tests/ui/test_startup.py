"""Start-up: the frame paints before the store opens, then fills (the Overview's figures before matplotlib
loads, its chart after); a store that cannot open is said in words."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.ui.app import WindowHost
from desktop.ui.overview_tab import OverviewTab

FRAME_PROBE = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.ui.main_window import MainWindow
window = MainWindow()
print(sorted(name for name in ("sqlalchemy", "matplotlib", "alembic") if name in sys.modules))
"""


def test_the_frame_needs_neither_the_store_nor_matplotlib() -> None:
    done = subprocess.run([sys.executable, "-c", FRAME_PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


OVERVIEW_PROBE = """
import json
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from desktop.ui.app import run_window

app = QApplication([])
seen = {}


class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            tabs = getattr(watched.window(), "tabs", None)
            page = tabs.widget(0) if tabs is not None else None
            if "figures" not in seen and watched is getattr(page, "figures", None):
                loaded = ("matplotlib", "desktop.ui.chart_widget")
                seen["figures"] = sorted(name for name in loaded if name in sys.modules)
            chart = getattr(getattr(page, "chart_area", None), "chart", None)
            if chart is not None and watched is chart.canvas:
                seen["chart"] = chart.figure.get_suptitle()
                app.quit()
        return False


watch = Watch()
app.installEventFilter(watch)
QTimer.singleShot(60_000, app.quit)
run_window(sys.argv[1], [])
print(json.dumps(seen))
"""


def test_the_overview_figures_paint_before_matplotlib_loads_and_its_chart_follows(demo_url: str) -> None:
    """The window as `python -m desktop` starts it, on a store that holds the demo account."""
    done = subprocess.run(
        [sys.executable, "-c", OVERVIEW_PROBE, demo_url], capture_output=True, text=True, check=True, timeout=120
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert list(seen) == ["figures", "chart"], done.stderr[-2000:]
    assert seen["figures"] == []  # neither matplotlib nor the chart widget when the figures are on screen
    assert "grace period" in seen["chart"]


def test_the_frame_paints_then_the_store_fills_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    host = WindowHost()
    window = host.window
    qtbot.addWidget(window)
    assert not window.attached()
    assert not window.import_action.isEnabled()
    assert window.statusBar().currentMessage() == "Opening the store…"
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    tuned: list[str] = []
    monkeypatch.setattr("desktop.ui.app.keep_responsive", lambda: tuned.append("tuned"))
    host.open_store(f"sqlite:///{tmp_path / 'new.sqlite3'}")  # empty: the demo account is made
    assert window.attached()
    assert window.import_action.isEnabled()
    overview = window.tabs.widget(0)
    assert isinstance(overview, OverviewTab)
    assert overview.controller.overview is not None
    assert overview.countdown.text().startswith("Suspension in ")
    assert tuned == []  # the pages are painted before the interpreter is tuned (a full garbage collection)
    with qtbot.waitSignal(window.pages_painted, timeout=10_000):
        pass
    assert tuned == ["tuned"]


def test_a_store_that_cannot_be_opened_is_explained_and_the_application_ends(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append(f"{title}: {text}"))
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    host = WindowHost()
    qtbot.addWidget(host.window)
    not_a_store = tmp_path / "notes.sqlite3"
    not_a_store.write_bytes(b"this is not a database, and certainly not a store" * 100)
    host.open_store(f"sqlite:///{not_a_store}")
    assert exits == [2]
    assert shown[0].startswith("Cannot open the store: ")
    assert not host.window.attached()
