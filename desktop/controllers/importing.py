"""File → Import…: files imported one after the other in a background job, with progress."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.controllers.base import Context
from desktop.controllers.jobs import BackgroundTask, JobControl
from desktop.services import data_in
from desktop.services.changes import Done

if TYPE_CHECKING:
    from desktop.sources.importer import ImportSummary  # the readers and parsers load on the first import


class ImportController(BackgroundTask):
    """Imports files without freezing the window; each file is all-or-nothing.

    `finished` carries one summary line per file; after a failure, the files before the bad one
    stay imported, and the views hear of them.
    """

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(context.operations, parent)
        self.context = context
        self.failed.connect(self._announce_the_files_before)
        self.cancelled.connect(self._announce_the_files_before)
        self._imported: list[ImportSummary] = []

    def start(self, paths: list[Path]) -> None:
        store, policy, now = self.context.store, self.context.policy, self.context.clock()
        imported: list[ImportSummary] = []
        self._imported = imported

        def work(control: JobControl) -> Done[list[str]]:
            done = data_in.import_files(store, paths, policy, now, progress=control.report, imported=imported.append)
            return Done([summary.line() for summary in done.value], done.changes)

        self.run(work)

    def _announce_the_files_before(self, *_reason: object) -> None:
        self.operations.announce(data_in.imported_changes(self._imported))
