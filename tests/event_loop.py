"""Waiting for the event loop to catch up, instead of waiting a fixed time and hoping it did."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from pytestqt.qtbot import QtBot

from desktop.controllers.base import Context


def handle_pending_events(qtbot: QtBot, timeout: int = 5_000) -> None:
    """Return once everything the event loop had queued so far (posted events, zero timers) has run.

    A zero timer set now fires after every event posted before it, so its firing is a positive sign
    that work the code deferred "to the next turn" has had its chance to happen.
    """
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=timeout)


def finish_writes(context: Context) -> None:
    """Wait until the writer thread has run every unit of work asked for, and deliver what each answered.

    For tests without a `qtbot` (the reliability battery): the answers are queued to this thread.
    """
    context.operations.jobs.wait()
    QCoreApplication.sendPostedEvents()
