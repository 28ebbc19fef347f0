"""The window's one write path: every unit of work runs on the writer thread, and every view hears what changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.controllers.jobs import Job, JobControl, JobRunner
from desktop.services.changes import Changes, Done

UnitOfWork = Callable[[JobControl], Done[Any]]


class Operations(QObject):
    """Runs the services off the GUI thread, one at a time, and announces what each changed.

    Reads that take long (a chart's samples) share its runner (`jobs`), on their own threads.

    Signals:
        executed(object): a unit of work changed the store: its `Changes`. Views mark themselves
            stale from it; the one in view reloads at once, the others when they are shown.
    """

    executed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs = JobRunner(self)

    def run(
        self,
        work: UnitOfWork,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> Job:
        """Run `work` (a service call) on the writer thread; the callbacks run on the GUI thread.

        `executed` is emitted before `on_success`, so that a view the callback shows is already stale.
        """

        def succeeded(done: Done[Any]) -> None:
            self.announce(done.changes)
            if on_success is not None:
                on_success(done.value)

        return self.jobs.submit(
            work,
            writes=True,
            on_success=succeeded,
            on_failure=on_failure,
            on_progress=on_progress,
            on_cancel=on_cancel,
        )

    def announce(self, changes: Changes) -> None:
        """Tell every view of a change (also of part of a job that failed after it, such as a file imported)."""
        if changes:
            self.executed.emit(changes)
