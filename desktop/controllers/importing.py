"""File → Import…: files imported one after the other in a background job, with progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.controllers.base import Context
from desktop.controllers.jobs import Job, JobControl, JobRunner
from desktop.sources.importer import import_file


class ImportController(QObject):
    """Imports files without freezing the window; each file is all-or-nothing.

    Signals:
        progress(int): percent of all the files' bytes read.
        finished(list): one summary line per imported file.
        failed(str): what went wrong (files before the bad one stay imported).
        cancelled(): the user cancelled; the file being read was not imported.
    """

    progress = Signal(int)
    finished = Signal(list)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, context: Context, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.jobs = jobs
        self.job: Job | None = None

    def start(self, paths: list[Path]) -> None:
        total = sum(path.stat().st_size for path in paths if path.exists()) or 1

        def work(control: JobControl) -> list[str]:
            lines = []
            done_before = 0
            for path in paths:
                summary = import_file(
                    self.context.store,
                    path,
                    self.context.policy,
                    self.context.clock(),
                    progress=lambda done, _size, base=done_before: control.report(base + done, total),
                )
                lines.append(summary.line())
                done_before += path.stat().st_size
            return lines

        self.job = self.jobs.submit(
            work,
            writes=True,
            on_success=self.finished.emit,
            on_failure=self.failed.emit,
            on_progress=lambda done, all_: self.progress.emit(min(100, done * 100 // all_)),
            on_cancel=self.cancelled.emit,
        )

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
