"""The one chart widget: hosts any Figure built by desktop.charts, with a toolbar and "Export chart…"."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg, NavigationToolbar2QT
from matplotlib.figure import Figure
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QSizePolicy, QVBoxLayout, QWidget

from desktop.charts.export import save_figure
from desktop.charts.style import no_data_figure
from desktop.controllers.i18n import translate

logger = logging.getLogger(__name__)

FILTERS = {
    QT_TRANSLATE_NOOP("chart", "PNG image (*.png)"): ".png",
    QT_TRANSLATE_NOOP("chart", "SVG image (*.svg)"): ".svg",
    QT_TRANSLATE_NOOP("chart", "PDF document (*.pdf)"): ".pdf",
}


class _Toolbar(NavigationToolbar2QT):
    """matplotlib's toolbar, whose Save button goes through our atomic export.

    "Subplots" and "Customize" are left out: constrained layout places the axes, and hand-edited
    styles would not survive the next refresh anyway.
    """

    toolitems = [item for item in NavigationToolbar2QT.toolitems if item[0] not in ("Subplots", "Customize")]

    def __init__(self, canvas: FigureCanvasQTAgg, parent: ChartWidget) -> None:
        super().__init__(canvas, parent)
        self._chart = parent

    def save_figure(self, *args: Any) -> None:
        self._chart.export_chart()


class ChartWidget(QWidget):
    """A Figure on a canvas that follows the widget's size, matplotlib's toolbar, and chart export.

    Signals:
        exported(str): the path a chart was just written to.
    """

    exported = Signal(str)

    def __init__(self, figure: Figure | None = None, parent: QWidget | None = None, *, name: str = "chart") -> None:
        super().__init__(parent)
        self.export_name = name
        self._directory = Path.home()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.export_action = QAction(translate("chart", "Export chart…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        # Several charts may share a window: Ctrl+E exports the one that has the focus.
        self.export_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_action.triggered.connect(self.export_chart)
        self.addAction(self.export_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.canvas: FigureCanvasQTAgg | None = None
        self.toolbar: _Toolbar | None = None
        self.set_figure(figure if figure is not None else no_data_figure())

    @property
    def figure(self) -> Figure:
        assert self.canvas is not None
        return self.canvas.figure

    def set_figure(self, figure: Figure) -> None:
        """Show `figure` instead of the current one.

        A canvas belongs to one figure (it scales the figure's dpi for the screen), so the canvas and
        its toolbar are replaced rather than re-pointed at another figure.
        """
        old_canvas, old_toolbar = self.canvas, self.toolbar
        canvas = FigureCanvasQTAgg(figure)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        toolbar = _Toolbar(canvas, self)
        if old_canvas is not None and old_toolbar is not None:
            self._layout.replaceWidget(old_toolbar, toolbar)
            self._layout.replaceWidget(old_canvas, canvas)
            old_figure = old_canvas.figure
            old_toolbar.deleteLater()
            old_canvas.deleteLater()
            if old_figure is not figure:
                FigureCanvasBase(old_figure)  # the old figure stays usable (exporters) without a dead Qt canvas
        else:
            self._layout.addWidget(toolbar)
            self._layout.addWidget(canvas, 1)
        self.canvas, self.toolbar = canvas, toolbar
        canvas.draw_idle()

    def export_chart(self) -> Path | None:
        """Ask where to save the chart and write it; a failure is a warning box, never a traceback."""
        path = self._ask_export_path()
        if path is None:
            return None
        try:
            save_figure(self.figure, path)
        except OSError as exc:
            self._warn(
                translate("chart", "Could not write {file}: {reason}").format(file=path, reason=exc.strerror or exc)
            )
        except ValueError as exc:
            self._warn(str(exc))
        except Exception as exc:  # a matplotlib rendering error must not reach the user as a traceback
            logger.exception("exporting a chart to %s failed", path)
            self._warn(
                translate("chart", "Could not export the chart to {file}: {reason}").format(file=path, reason=exc)
            )
        else:
            self._directory = path.parent
            self.exported.emit(str(path))
            return path
        return None

    def _ask_export_path(self) -> Path | None:
        """The file dialog; a name typed without a suffix gets the one of the chosen file type.

        A name with another suffix is kept as typed, so that export refuses it in words rather than
        writing a PNG called `chart.jpg.png`.
        """
        suggested = str(self._directory / f"{self.export_name}.png")
        filters = {translate("chart", caption): suffix for caption, suffix in FILTERS.items()}
        title = translate("chart", "Export chart")
        name, chosen = QFileDialog.getSaveFileName(self, title, suggested, ";;".join(filters))
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_name(path.name + filters.get(chosen, ".png"))
        return path

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, translate("chart", "Export chart"), message)
