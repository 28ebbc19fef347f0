"""Starting the window: the Qt application, the main window, the event loop."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from importlib.resources import files
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop import APP_NAME, __version__
from desktop.arguments import EXIT_ERROR
from desktop.controllers.i18n import Translation, system_language, translate
from desktop.domain.wording import WordedError
from desktop.ui.main_window import LANGUAGE_SETTING, MainWindow

if TYPE_CHECKING:
    from desktop.controllers.base import Context

log = logging.getLogger(__name__)

ICON = files("desktop").joinpath("resources", "apsara-live.svg")


def run_window(url: str | None, argv: Sequence[str]) -> int:
    """Show the main window, open the store at `url` once it is painted, and run the event loop."""
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("ApsaraLiveAccountManager")
    app.setApplicationVersion(__version__)
    QApplication.setWindowIcon(QIcon(str(ICON)))
    # Wayland and the task bar match the window to the shipped apsara-live.desktop.
    QApplication.setDesktopFileName("apsara-live")
    host = WindowHost()
    host.window.first_painted.connect(lambda: host.open_store(url))
    host.window.show()
    return app.exec()


class WindowHost(QObject):
    """Owns the main window and the language: a new language gets a new window, so every text is read again."""

    def __init__(self, context: Context | None = None) -> None:
        super().__init__()
        self.context = context
        self.translation = Translation()
        self.translation.install(str(QSettings().value(LANGUAGE_SETTING, "") or "") or system_language())
        self.window = self._build()

    def _build(self) -> MainWindow:
        window = MainWindow(replace(self.context, language=self.translation.language) if self.context else None)
        window.language_chosen.connect(self.switch_language)
        sys.excepthook = partial(show_unexpected_error, window)
        return window

    def open_store(self, url: str | None) -> None:
        """Open the store (an empty one gets the demo account) and fill the window; say so if it cannot."""
        from desktop.controllers.base import open_context  # SQLAlchemy and the rest load after the first paint

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.context = open_context(url, self.translation.language)
            self.window.attach(self.context)
        except (WordedError, OSError, ValueError) as exc:  # the store's own refusals are worded
            QApplication.restoreOverrideCursor()
            QMessageBox.critical(
                self.window, translate("main", "Cannot open the store"), f"{exc}\n\n{url or ''}".strip()
            )
            QApplication.exit(EXIT_ERROR)
            return
        finally:
            if QApplication.overrideCursor() is not None:
                QApplication.restoreOverrideCursor()
        self.window.pages_painted.connect(keep_responsive)  # its full collection waits until the pages are seen

    def switch_language(self, code: str) -> None:
        """Show the window in `code` ("" for the system's language), where the user left the old one."""
        language = code or system_language()
        if language == self.translation.language or self.context is None:
            return
        old = self.window
        old.close()  # keeps the geometry and the tab in the settings, waits for background work
        self.translation.install(language)
        self.window = self._build()
        self.window.show()
        old.deleteLater()


def keep_responsive() -> None:
    """Tune the interpreter for a window that must answer while background jobs run.

    A background thread that keeps releasing and retaking the interpreter lock (the SQLite driver
    does, around every row) lets a waiting thread in only after its switch interval has passed
    with no switch at all; at the default 5 ms the event loop was measured waiting 80–100 ms
    during an import, at 0.5 ms about 30 ms. And a full garbage collection runs in whichever
    thread allocates, holding the lock: the objects start-up built are frozen out of it.
    """
    sys.setswitchinterval(0.0005)
    gc.collect()
    gc.freeze()


def show_unexpected_error(
    window: QWidget, kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """An exception that escaped a slot: log it whole, tell the user in one dialog, keep the window alive."""
    log.error("unexpected error", exc_info=(kind, error, trace))
    QMessageBox.critical(
        window,
        translate("main", "Unexpected error"),
        translate("main", "Something went wrong and was not finished:")
        + f"\n\n{kind.__name__}: {error}\n\n"
        + translate("main", "Your data is safe: every change is written whole or not at all."),
    )
