"""File → Import…: files imported one after the other in a background job, with progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from desktop.controllers.base import Context
from desktop.controllers.jobs import BackgroundTask, JobControl, JobRunner


class ImportController(BackgroundTask):
    """Imports files without freezing the window; each file is all-or-nothing.

    `finished` carries one summary line per file; after a failure, the files before the bad one
    stay imported.
    """

    def __init__(self, context: Context, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(jobs, parent)
        self.context = context

    def start(self, paths: list[Path]) -> None:
        from desktop.sources.importer import import_file  # the readers and parsers load on the first import

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

        self.run(work)
