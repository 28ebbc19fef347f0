"""Where a tab's chart goes: a line of text until the chart is drawn, on a later turn of the event loop.

matplotlib takes about half a second to import and a figure tens of milliseconds to draw. A tab
hands its slot a way to build the figure; the slot draws it only once its line ("Drawing chart…")
has been painted, so the tab's figures and table are on screen first, and a tab that is never shown
never draws. The chart widget, and with it matplotlib, is imported by the first chart drawn.
"""

from __future__ import annotations

import functools
import gc
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QStackedWidget

from desktop.controllers.i18n import translate

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from desktop.ui.chart_widget import ChartWidget

FigureBuilder = Callable[[], "Figure"]
logger = logging.getLogger(__name__)


@functools.cache
def _chart_widget() -> type[ChartWidget]:
    """The chart widget class, imported with matplotlib by the first chart drawn.

    matplotlib leaves tens of thousands of long-lived objects; as start-up does with its own
    (`desktop.ui.app.keep_responsive`), they are frozen out of the full garbage collections, each of
    which would otherwise hold the interpreter for some 30 ms while a background job runs.
    """
    from desktop.ui.chart_widget import ChartWidget

    gc.collect()
    gc.freeze()
    return ChartWidget


class _StatusLine(QLabel):
    """The text in the chart's place; says when it has been painted."""

    painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()


class ChartSlot(QStackedWidget):
    """A chart, or a line of text in its place (`status`): "Drawing chart…", or what a tab puts there.

    `chart` is None until the first figure has been drawn.
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name  # the file name a chart export suggests
        self.status = _StatusLine(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.status.setStyleSheet("color:#6e7781; font-size:14px;")
        self.status.painted.connect(self._schedule)
        self.addWidget(self.status)
        self.chart: ChartWidget | None = None
        self._build: FigureBuilder | None = None
        self._scheduled = False

    def show_message(self, text: str) -> None:
        """`text` in the chart's place (a figure waiting to be drawn is dropped)."""
        self._build = None
        self.status.setText(text)
        self.setCurrentWidget(self.status)

    def show_figure(self, build: FigureBuilder) -> None:
        """Show the figure `build` makes: at once over a chart already drawn, else after "Drawing chart…" is seen."""
        if self.chart is not None:
            self.chart.set_figure(build())
            self.setCurrentWidget(self.chart)
            return
        self.show_message(translate("chart", "Drawing chart…"))
        self._build = build
        self.status.update()  # painted even when the text is the same; the paint schedules the drawing

    def _schedule(self) -> None:
        if self._build is not None and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self, self._draw)  # once this frame is on screen

    def _draw(self) -> None:
        self._scheduled = False
        build, self._build = self._build, None
        if build is None:
            return  # a message replaced the figure meanwhile
        try:
            figure = build()
        except Exception as exc:  # a figure that cannot be built is said in its place, not left "Drawing chart…"
            logger.exception("building the %s chart failed", self.name)
            self.show_message(translate("chart", "The chart could not be drawn: {reason}").format(reason=exc))
            return
        self.chart = _chart_widget()(figure, name=self.name)
        self.addWidget(self.chart)
        self.setCurrentWidget(self.chart)
