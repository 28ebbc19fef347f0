"""The application's log: a file in the platform's log folder that support can be sent, and the way to find it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from desktop.logs import start_logging
from desktop.ui.main_window import MainWindow


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    """The root logger, given back as it was: the handlers a test adds would outlive it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_the_log_is_a_file_in_the_user_log_folder_and_debug_also_writes_to_stderr(
    root_logger: logging.Logger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = start_logging(debug=False)
    assert path.is_relative_to(tmp_path / "home")  # the platform's folder for this (test) user
    logging.getLogger("desktop.sync").info("synced %d days", 3)
    logging.getLogger("desktop.sync").debug("not kept without --debug")
    for handler in root_logger.handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "INFO desktop.sync: synced 3 days" in text
    assert "not kept" not in text
    assert capsys.readouterr().err == ""

    start_logging(debug=True)
    logging.getLogger("desktop.sync").debug("kept with --debug")
    assert "DEBUG desktop.sync: kept with --debug" in capsys.readouterr().err


def test_help_opens_the_log_folder(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = MainWindow()
    qtbot.addWidget(window)
    window.log_folder_action.trigger()
    (url,) = opened
    folder = Path(url.toLocalFile())
    assert folder.is_dir()
    assert folder.is_relative_to(tmp_path / "home")
