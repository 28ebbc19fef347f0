"""Starting the window: the Qt application, the main window, the event loop."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication
from sqlalchemy.orm import Session, sessionmaker

from desktop import APP_NAME, __version__
from desktop.controllers.base import Context
from desktop.domain.policy import Policy
from desktop.ui.main_window import MainWindow


def run_window(store: sessionmaker[Session], policy: Policy, argv: Sequence[str]) -> int:
    """Show the main window on `store` and run the event loop until it closes."""
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("ApsaraLiveAccountManager")
    app.setApplicationVersion(__version__)
    window = MainWindow(Context(store, policy))
    window.show()
    return app.exec()
