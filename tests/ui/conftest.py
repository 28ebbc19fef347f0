"""The window's tests read English, with the numbers and dates of en_US, whatever the machine's locale."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from desktop.controllers.i18n import ENGLISH, Translation


@pytest.fixture(autouse=True)
def translation(qapp: QApplication) -> Iterator[Translation]:
    """The application's translation, English to begin with and English again afterwards."""
    installed = Translation()
    installed.install(ENGLISH, QLocale("en_US"))
    yield installed
    installed.install(ENGLISH, QLocale("en_US"))
