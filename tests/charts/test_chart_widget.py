"""The one chart widget as a user meets it: a figure that follows the widget, Ctrl+E, the context menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.ui.chart_widget import ChartWidget
from tests.charts.conftest import texts

# matplotlib's Qt toolbar asks for this attribute when it loads its icons; PySide6 6.11 flags it.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Enum value .*AA_UseHighDpiPixmaps.* is marked as deprecated:DeprecationWarning"
)


@pytest.fixture
def widget(qtbot: QtBot, figures: dict[str, Figure]) -> ChartWidget:
    widget = ChartWidget(figures["spend"], name="spend")
    qtbot.addWidget(widget)
    widget.resize(800, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *args: shown.append(text))
    return shown


def answer_dialog(monkeypatch: pytest.MonkeyPatch, name: str, chosen: str = "PNG image (*.png)") -> list[str]:
    """Make the save dialog answer `name`; returns the suggested names it was asked with."""
    asked: list[str] = []

    def dialog(parent, caption, directory, filters, *args, **kwargs) -> tuple[str, str]:
        asked.append(directory)
        assert filters.split(";;") == ["PNG image (*.png)", "SVG image (*.svg)", "PDF document (*.pdf)"]
        return name, chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked


def test_without_a_figure_it_says_no_data(qtbot: QtBot) -> None:
    widget = ChartWidget()
    qtbot.addWidget(widget)
    assert "No data" in texts(widget.figure)


def test_set_figure_swaps_the_figure_and_redraws(qtbot: QtBot, widget: ChartWidget, figures: dict[str, Figure]) -> None:
    old = widget.figure
    widget.set_figure(figures["overdue"])
    assert widget.figure is figures["overdue"]
    assert isinstance(widget.figure.canvas, FigureCanvasQTAgg)
    assert widget.canvas is widget.figure.canvas
    assert widget.toolbar is not None
    assert widget.toolbar.canvas is widget.canvas
    assert not isinstance(old.canvas, FigureCanvasQTAgg)  # released, still exportable elsewhere
    qtbot.waitUntil(lambda: widget.canvas.get_renderer() is not None and widget.figure.stale is False)


def test_the_figure_follows_the_widget_size(qtbot: QtBot, widget: ChartWidget) -> None:
    def fits() -> None:
        width, height = widget.figure.get_size_inches() * widget.figure.dpi / widget.canvas.device_pixel_ratio
        assert (round(width), round(height)) == (widget.canvas.width(), widget.canvas.height())

    qtbot.waitUntil(fits)
    before = widget.canvas.width()
    widget.resize(520, 360)
    qtbot.waitUntil(lambda: widget.canvas.width() < before)
    qtbot.waitUntil(fits)


def test_ctrl_e_exports_where_the_dialog_says(
    qtbot: QtBot, widget: ChartWidget, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "spend.svg"
    asked = answer_dialog(monkeypatch, str(target), "SVG image (*.svg)")
    widget.activateWindow()
    widget.canvas.setFocus()
    qtbot.waitUntil(widget.canvas.hasFocus)
    with qtbot.waitSignal(widget.exported, timeout=5000) as signal:
        qtbot.keyClick(widget.canvas, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == [str(target)]
    assert target.read_bytes().lstrip().startswith(b"<?xml")
    assert asked[0].endswith("spend.png")


def test_a_name_without_suffix_gets_the_chosen_type(
    widget: ChartWidget, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    answer_dialog(monkeypatch, str(tmp_path / "monthly"), "PDF document (*.pdf)")
    assert widget.export_chart() == tmp_path / "monthly.pdf"
    assert (tmp_path / "monthly.pdf").read_bytes().startswith(b"%PDF")


def test_export_is_in_the_context_menu(widget: ChartWidget) -> None:
    assert widget.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert widget.export_action in widget.actions()
    assert widget.export_action.text() == "Export chart…"
    assert widget.export_action.shortcut().toString() == "Ctrl+E"


def test_the_toolbar_save_button_goes_through_the_same_export(
    widget: ChartWidget, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    answer_dialog(monkeypatch, str(tmp_path / "toolbar.png"))
    assert widget.toolbar is not None
    widget.toolbar._actions["save_figure"].trigger()
    assert (tmp_path / "toolbar.png").read_bytes().startswith(b"\x89PNG")
    assert "configure_subplots" not in widget.toolbar._actions


def test_cancelling_the_dialog_writes_nothing(
    widget: ChartWidget, monkeypatch: pytest.MonkeyPatch, warnings_shown: list[str], tmp_path: Path
) -> None:
    answer_dialog(monkeypatch, "")
    assert widget.export_chart() is None
    assert warnings_shown == []


def test_an_unwritable_path_shows_a_warning_not_a_traceback(
    widget: ChartWidget, monkeypatch: pytest.MonkeyPatch, warnings_shown: list[str], tmp_path: Path
) -> None:
    answer_dialog(monkeypatch, str(tmp_path / "no-such-folder" / "chart.png"))
    assert widget.export_chart() is None
    (message,) = warnings_shown
    assert message.startswith(f"Could not write {tmp_path / 'no-such-folder' / 'chart.png'}")


def test_an_unknown_suffix_shows_the_allowed_ones(
    widget: ChartWidget, monkeypatch: pytest.MonkeyPatch, warnings_shown: list[str], tmp_path: Path
) -> None:
    answer_dialog(monkeypatch, str(tmp_path / "chart.jpg"))
    widget.export_chart()
    assert warnings_shown == ["cannot export a chart as .jpg: use .png, .svg, .pdf"]
    assert list(tmp_path.iterdir()) == []


def test_a_rendering_failure_shows_a_warning(
    widget: ChartWidget, monkeypatch: pytest.MonkeyPatch, warnings_shown: list[str], tmp_path: Path
) -> None:
    def broken(self: Figure, *args, **kwargs) -> None:
        raise RuntimeError("renderer exploded")

    answer_dialog(monkeypatch, str(tmp_path / "chart.png"))
    monkeypatch.setattr(Figure, "savefig", broken)
    widget.export_chart()
    assert warnings_shown == [f"Could not export the chart to {tmp_path / 'chart.png'}: renderer exploded"]
    assert list(tmp_path.iterdir()) == []
