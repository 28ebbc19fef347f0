"""The window's file jobs: export a table, back up and restore the store (imports and syncs have their own)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.controllers.base import Context, TableData
from desktop.controllers.i18n import translate
from desktop.controllers.jobs import JobControl
from desktop.services import backups
from desktop.services.changes import Done
from desktop.store.queries import UsageFilter


class FileController(QObject):
    """Writes files for people and copies of the store, off the GUI thread where they can be long.

    Signals:
        done(str): what was written, fit for the status bar.
        failed(str, str): the job's title and why nothing (or not all) was written.
    """

    done = Signal(str)
    failed = Signal(str, str)

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def export_table(self, path: Path, table: TableData) -> None:
        """A table as it is shown (its totals last), as CSV; it is in memory already, so written at once."""
        from desktop.exports.tables import write_csv

        rows = (*table.rows, table.totals) if table.totals else table.rows
        title = translate("main", "Export table")
        try:
            count = write_csv(path, [column.caption() for column in table.columns], rows, self.context.policy.zone)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.failed.emit(
                title, translate("main", "Could not write {file}: {reason}").format(file=path, reason=reason)
            )
            return
        self.done.emit(translate("main", "Exported {count} rows to {file}").format(count=count, file=path))

    def export_usage(self, path: Path, where: UsageFilter | None) -> None:
        """The samples a filter selects, in the import layout, written in the background (there can be millions)."""
        from desktop.exports.store_tables import usage_table
        from desktop.exports.tables import write_csv

        store, zone = self.context.store, self.context.policy.zone

        def work(_control: JobControl) -> int:
            with store() as session:
                headers, rows = usage_table(session, where or UsageFilter())
                return write_csv(path, headers, rows, zone)

        self.context.operations.jobs.submit(
            work,
            writes=False,
            on_success=lambda count: self.done.emit(
                translate("main", "Exported {count} samples to {file}").format(count=count, file=path)
            ),
            on_failure=lambda message: self.failed.emit(translate("main", "Export usage"), message),
        )

    def back_up(self, path: Path) -> None:
        """Copy the store to `path` while it stays in use."""
        store = self.context.store
        self.context.operations.run(
            lambda _control: backups.backup(store, path),
            on_success=lambda written: self.done.emit(
                translate("main", "Store backed up to {file}").format(file=written)
            ),
            on_failure=lambda message: self.failed.emit(translate("main", "Back up"), message),
        )

    def restore(self, path: Path) -> None:
        """Replace the store with the backup `path` once it is checked, after the writes before it."""
        store = self.context.store

        def work(_control: JobControl) -> Done[Path | None]:
            return backups.restore(store, path)

        def restored(kept: Path | None) -> None:
            message = translate("main", "Store restored from {file}").format(file=path)
            if kept:
                message += "; " + translate("main", "the replaced store is kept as {file}").format(file=kept)
            self.done.emit(message)

        self.context.operations.run(
            work,
            on_success=restored,
            on_failure=lambda reason: self.failed.emit(
                translate("main", "Restore"), translate("main", "Nothing was replaced: {reason}").format(reason=reason)
            ),
        )
