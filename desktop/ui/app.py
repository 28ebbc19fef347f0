"""Starting the window: the Qt application, the main window, the event loop."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence
from functools import partial
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy.orm import Session, sessionmaker

from desktop import APP_NAME, __version__
from desktop.controllers.base import Context
from desktop.domain.policy import Policy
from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def run_window(store: sessionmaker[Session], policy: Policy, argv: Sequence[str]) -> int:
    """Show the main window on `store` and run the event loop until it closes."""
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("ApsaraLiveAccountManager")
    app.setApplicationVersion(__version__)
    window = MainWindow(Context(store, policy))
    sys.excepthook = partial(show_unexpected_error, window)
    settle_memory()
    window.show()
    return app.exec()


def settle_memory() -> None:
    """Keep what start-up built out of the garbage collector's full passes.

    A full collection runs in whichever thread allocates, holding the interpreter lock: over the
    objects of Qt, matplotlib and SQLAlchemy it stalls the event loop for 100 ms and more while a
    background import allocates. Frozen, those objects are no longer scanned.
    """
    gc.collect()
    gc.freeze()


def show_unexpected_error(
    window: QWidget, kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """An exception that escaped a slot: log it whole, tell the user in one dialog, keep the window alive."""
    log.error("unexpected error", exc_info=(kind, error, trace))
    QMessageBox.critical(
        window,
        "Unexpected error",
        f"Something went wrong and was not finished:\n\n{kind.__name__}: {error}\n\n"
        "Your data is safe: every change is written whole or not at all.",
    )
