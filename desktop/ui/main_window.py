"""The main window: five tabs, their controllers, the menus and the shortcuts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.controllers.base import Context, TabController
from desktop.controllers.billing import BillingController
from desktop.controllers.importing import ImportController
from desktop.controllers.jobs import JobControl, JobRunner
from desktop.controllers.orders import OrdersController
from desktop.controllers.overview import OverviewController
from desktop.controllers.refunds import RefundsController
from desktop.controllers.syncing import SyncController
from desktop.controllers.usage import UsageController
from desktop.domain.billing import Dimension
from desktop.domain.periods import Period
from desktop.exports.store_tables import usage_table
from desktop.exports.tables import write_csv
from desktop.store.backup import backup, restore
from desktop.store.errors import StoreError
from desktop.store.queries import UsageFilter
from desktop.ui.billing_tab import BillingTab
from desktop.ui.order_tabs import OrdersTab, RefundsTab
from desktop.ui.overview_tab import OverviewTab
from desktop.ui.refund_dialog import RefundDialog
from desktop.ui.table_tab import TableTab
from desktop.ui.usage_tab import UsageTab

TAB_TITLES = ("Overview", "Billing details", "Usage", "Orders", "Refunds")


class MainWindow(QMainWindow):
    """One tab per question a finance user asks; each tab reloads when it is shown."""

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.resize(1180, 760)
        self.context = context
        zone = context.policy.zone
        overview = OverviewController(context, self)
        billing = BillingController(context, self)
        usage = UsageController(context, self)
        orders = OrdersController(context, self)
        refunds = RefundsController(context, self)
        self.controllers: list[TabController] = [overview, billing, usage, orders, refunds]
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.billing_tab = BillingTab(billing, zone)
        pages: list[QWidget] = [
            OverviewTab(overview, zone),
            self.billing_tab,
            UsageTab(usage, zone),
            OrdersTab(orders, zone, self.open_refund_dialog),
            RefundsTab(refunds, zone, self.open_refund_dialog),
        ]
        for title, page in zip(TAB_TITLES, pages, strict=True):
            self.tabs.addTab(page, title)
        self.setCentralWidget(self.tabs)
        for controller in self.controllers:
            controller.failed.connect(self._show_failure)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.jobs = JobRunner(self)
        self.importer = ImportController(context, self.jobs, self)
        self.importer.finished.connect(self._imported)
        self.importer.failed.connect(self._import_failed)
        self.importer.cancelled.connect(self._import_cancelled)
        self.importer.progress.connect(self._import_progressed)
        self.import_progress: QProgressDialog | None = None
        self.syncer = SyncController(context, self.jobs, self)
        self.syncer.finished.connect(self._synced)
        self.syncer.failed.connect(self._sync_failed)
        self.syncer.cancelled.connect(self._sync_cancelled)
        self.syncer.progress.connect(self._sync_progressed)
        self.refund_dialog: RefundDialog | None = None
        self.sync_progress: QProgressDialog | None = None
        self._build_menus()
        self.statusBar().showMessage("Ready")
        self._loaded: set[int] = set()
        self._restore_settings(billing)
        self._tab_shown(self.tabs.currentIndex())

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import…", self, shortcut=QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self._import)
        self.export_action = QAction("&Export table…", self, shortcut=QKeySequence("Ctrl+Shift+S"))
        self.export_action.triggered.connect(self.export_table)
        refresh = QAction("&Refresh", self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.triggered.connect(self.refresh_current)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        self.sync_action = QAction("S&ync with Alibaba Cloud…", self, shortcut=QKeySequence("Ctrl+Shift+Y"))
        self.sync_action.setToolTip("Fetch balance, bills, orders and resource plans through the BSS OpenAPI.")
        self.sync_action.triggered.connect(self.sync)
        backup = QAction("&Back up…", self)
        backup.triggered.connect(self.back_up)
        restore = QAction("&Restore…", self)
        restore.triggered.connect(self.restore)
        for action in (self.import_action, self.sync_action, self.export_action, refresh, backup, restore):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu("&View")
        for number, title in enumerate(TAB_TITLES):
            action = QAction(title, self, shortcut=QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _checked=False, index=number: self.tabs.setCurrentIndex(index))
            view_menu.addAction(action)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _tab_shown(self, index: int) -> None:
        """Load a tab the first time it is shown; later, F5 reloads it."""
        if index not in self._loaded:
            self._loaded.add(index)
            self.controllers[index].refresh()
        self.export_action.setEnabled(isinstance(self.tabs.widget(index), TableTab | UsageTab))

    def open_refund_dialog(self, order_id: str) -> None:
        """The refund request dialog for one order; a submitted request shows on the Refunds tab."""
        dialog = RefundDialog(self.context, order_id, self)
        dialog.controller.submitted.connect(lambda _id: self._refund_requested(order_id))
        self.refund_dialog = dialog
        dialog.open()

    def _refund_requested(self, order_id: str) -> None:
        self.reload_all()
        self.statusBar().showMessage(f"Refund request for order {order_id} recorded: see the Refunds tab", 10_000)

    def refresh_current(self) -> None:
        self.controllers[self.tabs.currentIndex()].refresh()
        self.statusBar().showMessage("Reloaded", 3000)

    def export_table(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, UsageTab):
            self._export_usage(page)
            return
        if not isinstance(page, TableTab):
            return
        title = TAB_TITLES[self.tabs.currentIndex()].lower().replace(" ", "-")
        name, _ = QFileDialog.getSaveFileName(self, "Export table", f"{title}.csv", "CSV files (*.csv)")
        if not name:
            return
        table = page.table()
        rows = (*table.rows, table.totals) if table.totals else table.rows
        try:
            count = write_csv(Path(name), [column.title for column in table.columns], rows, self.context.policy.zone)
        except OSError as exc:
            QMessageBox.warning(self, "Export table", f"Could not write {name}: {exc.strerror}")
            return
        self.statusBar().showMessage(f"Exported {count} rows to {name}", 5000)

    def _export_usage(self, page: UsageTab) -> None:
        """The samples the Usage tab's filters select, written in the background (there can be millions)."""
        name, _ = QFileDialog.getSaveFileName(self, "Export usage", "usage.csv", "CSV files (*.csv)")
        if not name:
            return
        where = page.controller.filter or UsageFilter()

        def work(_control: JobControl) -> int:
            with self.context.store() as session:
                headers, rows = usage_table(session, where)
                return write_csv(Path(name), headers, rows, self.context.policy.zone)

        self.jobs.submit(
            work,
            writes=False,
            on_success=lambda count: self.statusBar().showMessage(f"Exported {count} samples to {name}", 5000),
            on_failure=lambda message: QMessageBox.warning(self, "Export usage", message),
        )

    def _import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Import files", "", "CSV files (*.csv);;All files (*)")
        if not names:
            return
        self.import_action.setEnabled(False)
        self.import_progress = QProgressDialog("Importing…", "Cancel", 0, 100, self)
        self.import_progress.setWindowTitle("Import")
        self.import_progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.import_progress.setMinimumDuration(300)
        self.import_progress.canceled.connect(self.importer.cancel)
        self.importer.start([Path(name) for name in names])

    def _import_progressed(self, percent: int) -> None:
        if self.import_progress is not None:
            self.import_progress.setValue(percent)

    def _import_ended(self) -> None:
        self.import_action.setEnabled(True)
        if self.import_progress is not None:
            self.import_progress.reset()
            self.import_progress = None

    def _imported(self, lines: list[str]) -> None:
        self._import_ended()
        self.reload_all()
        self.statusBar().showMessage("Imported: " + "; ".join(line.rsplit(": ", 2)[-1] for line in lines), 10_000)

    def _import_failed(self, message: str) -> None:
        self._import_ended()
        self.reload_all()  # files before the bad one were imported
        QMessageBox.warning(self, "Import", f"Nothing of this file was imported:\n\n{message}")

    def _import_cancelled(self) -> None:
        self._import_ended()
        self.reload_all()
        self.statusBar().showMessage("Import cancelled: the file being read was not imported", 10_000)

    def sync(self) -> None:
        """Sync the account; the first time, ask for a read-only AccessKey and keep it in the keyring."""
        target = self.syncer.account()
        if isinstance(target, str):
            QMessageBox.warning(self, "Sync", target)
            return
        uid, site = target
        if not self.syncer.has_access_key(uid) and not self._ask_access_key(uid):
            return
        self.sync_action.setEnabled(False)
        self.sync_progress = QProgressDialog("Syncing with Alibaba Cloud…", "Cancel", 0, 100, self)
        self.sync_progress.setWindowTitle("Sync")
        self.sync_progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.sync_progress.setMinimumDuration(300)
        self.sync_progress.canceled.connect(self.syncer.cancel)
        self.syncer.start(uid, site)

    def _ask_access_key(self, uid: str) -> bool:
        key_id, accepted = QInputDialog.getText(
            self, "AccessKey", f"AccessKey ID of a read-only RAM user of account {uid}:"
        )
        if not accepted or not key_id.strip():
            return False
        secret, accepted = QInputDialog.getText(
            self, "AccessKey", "AccessKey secret (kept in the system keyring only):", QLineEdit.EchoMode.Password
        )
        if not accepted:
            return False
        problem = self.syncer.save_access_key(uid, key_id, secret)
        if problem is not None:
            QMessageBox.warning(self, "AccessKey", problem)
            return False
        return True

    def _sync_progressed(self, percent: int) -> None:
        if self.sync_progress is not None:
            self.sync_progress.setValue(percent)

    def _sync_ended(self) -> None:
        self.sync_action.setEnabled(True)
        if self.sync_progress is not None:
            self.sync_progress.reset()
            self.sync_progress = None

    def _synced(self, line: str) -> None:
        self._sync_ended()
        self.reload_all()
        self.statusBar().showMessage(f"Synced: {line}", 10_000)

    def _sync_failed(self, message: str) -> None:
        self._sync_ended()
        QMessageBox.warning(self, "Sync", f"Nothing was stored:\n\n{message}")

    def _sync_cancelled(self) -> None:
        self._sync_ended()
        self.statusBar().showMessage("Sync cancelled: nothing was stored", 10_000)

    def back_up(self) -> None:
        """Copy the store to a file of the user's choice, in the background (the store stays usable)."""
        name, _ = QFileDialog.getSaveFileName(self, "Back up the store", "account-backup.sqlite3", "SQLite (*.sqlite3)")
        if not name:
            return
        engine = self.context.store.kw["bind"]
        self.jobs.submit(
            lambda _control: backup(engine, Path(name)),
            writes=True,
            on_success=lambda path: self.statusBar().showMessage(f"Store backed up to {path}", 10_000),
            on_failure=lambda message: QMessageBox.warning(self, "Back up", message),
        )

    def restore(self) -> None:
        """Replace the store with a backup, once the backup is checked; the replaced store is kept aside."""
        name, _ = QFileDialog.getOpenFileName(self, "Restore the store", "", "SQLite (*.sqlite3);;All files (*)")
        if not name:
            return
        answer = QMessageBox.question(
            self,
            "Restore",
            f"Replace the current store with {name}?\n\nThe backup is checked first; the current store is "
            "kept aside beside it.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.jobs.wait()
        engine = self.context.store.kw["bind"]
        engine.dispose()  # every connection closed: a store in use is never replaced
        try:
            kept = restore(Path(name), engine.url.render_as_string(hide_password=False))
        except StoreError as exc:
            QMessageBox.warning(self, "Restore", f"Nothing was replaced: {exc}")
            return
        self.reload_all()
        self.statusBar().showMessage(
            f"Store restored from {name}" + (f"; the replaced store is kept as {kept}" if kept else ""), 10_000
        )

    def reload_all(self) -> None:
        """After a change to the store: reload the tab in view, and the others when shown."""
        self._loaded = set()
        self._tab_shown(self.tabs.currentIndex())

    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>Balance, overdue status, billing details, usage, "
            "orders and refunds of an Alibaba Cloud ApsaraVideo Live account.",
        )

    def _show_failure(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def _restore_settings(self, billing: BillingController) -> None:
        """Where the user left off: window geometry, the tab in view, the billing filters."""
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        try:
            billing.dimension = Dimension(str(settings.value("billing/dimension", billing.dimension.value)))
            period = settings.value("billing/period")
            billing.period = Period.parse(str(period)) if period else None
        except ValueError:
            pass  # settings from another version: keep the defaults
        self.billing_tab.sync_filters()
        tab = settings.value("window/tab", 0)  # last: showing a tab loads it, with the filters above
        self.tabs.setCurrentIndex(int(tab) if str(tab).isdigit() and int(tab) < self.tabs.count() else 0)

    def _save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/tab", self.tabs.currentIndex())
        billing = self.controllers[1]
        assert isinstance(billing, BillingController)
        settings.setValue("billing/dimension", billing.dimension.value)
        settings.setValue("billing/period", billing.period.label() if billing.period else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the user's place; cancel what runs in the background and wait for it."""
        self._save_settings()
        self.importer.cancel()
        self.syncer.cancel()
        self.jobs.wait()
        event.accept()
