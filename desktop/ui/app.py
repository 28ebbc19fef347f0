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
    keep_responsive()
    window.show()
    return app.exec()


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
        "Unexpected error",
        f"Something went wrong and was not finished:\n\n{kind.__name__}: {error}\n\n"
        "Your data is safe: every change is written whole or not at all.",
    )
