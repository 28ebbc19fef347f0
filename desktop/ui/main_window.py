"""The main window: five tabs, their controllers, the menus and the shortcuts.

Only Qt is imported here at first: the window is built and painted before the store and SQLAlchemy
are loaded (`attach`), which take several times longer than Qt to start (P1 in tests/benchmarks).
matplotlib loads later still, with the first chart a tab draws after its figures or table are on
screen (desktop.ui.chart_slot). The methods that need them import them where they run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QWidget,
)

from desktop import __version__
from desktop.controllers.i18n import LANGUAGES, translate

if TYPE_CHECKING:
    from desktop.controllers.base import Context, TabController
    from desktop.controllers.billing import BillingController
    from desktop.controllers.jobs import JobRunner
    from desktop.ui.billing_tab import BillingTab
    from desktop.ui.refund_dialog import RefundDialog

TAB_TITLES = (
    QT_TRANSLATE_NOOP("main", "Overview"),
    QT_TRANSLATE_NOOP("main", "Billing details"),
    QT_TRANSLATE_NOOP("main", "Usage"),
    QT_TRANSLATE_NOOP("main", "Orders"),
    QT_TRANSLATE_NOOP("main", "Refunds"),
)
TITLE = QT_TRANSLATE_NOOP("main", "ApsaraVideo Live Account Manager")  # desktop.APP_NAME, translated
LANGUAGE_SETTING = "ui/language"  # "" or missing: follow the system's locale


class MainWindow(QMainWindow):
    """One tab per question a finance user asks; each tab reloads when it is shown.

    A window made without a context is the frame alone (tabs, menus, the status bar): it paints at
    once, and `attach` fills it once the store is open.

    Signals:
        first_painted(): the window has been painted once (the store can be opened now).
        pages_painted(): the window has been painted once with the account in it (after `attach`).
        language_chosen(str): the user picked a language in View → Language ("" for the system's);
            the application builds a new window in it (every text is read again).
    """

    first_painted = Signal()
    pages_painted = Signal()
    language_chosen = Signal(str)

    def __init__(self, context: Context | None = None) -> None:
        super().__init__()
        self.setWindowTitle(translate("main", TITLE))
        self.resize(1180, 760)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for title in TAB_TITLES:
            self.tabs.addTab(QWidget(), translate("main", title))
        self.setCentralWidget(self.tabs)
        self._painted = False
        self._attached = False
        self._pages_painted = False
        self._build_menus()
        self._enable_account_actions(False)
        self.statusBar().showMessage(translate("main", "Opening the store…"))
        self._restore_geometry()
        if context is not None:
            self.attach(context)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # once this frame is on screen
        if self._attached and not self._pages_painted:
            self._pages_painted = True
            QTimer.singleShot(0, self.pages_painted.emit)

    def attach(self, context: Context) -> None:
        """Fill the frame with the account in `context`: the controllers, the five pages, the jobs."""
        from desktop.controllers.billing import BillingController
        from desktop.controllers.files import FileController
        from desktop.controllers.importing import ImportController
        from desktop.controllers.orders import OrdersController
        from desktop.controllers.overview import OverviewController
        from desktop.controllers.refunds import RefundsController
        from desktop.controllers.syncing import SyncController
        from desktop.controllers.usage import UsageController
        from desktop.ui.billing_tab import BillingTab
        from desktop.ui.order_tabs import OrdersTab, RefundsTab
        from desktop.ui.overview_tab import OverviewTab
        from desktop.ui.usage_tab import UsageTab

        self.context = context
        zone = context.policy.zone
        overview = OverviewController(context, self)
        billing = BillingController(context, self)
        usage = UsageController(context, self)
        orders = OrdersController(context, self)
        refunds = RefundsController(context, self)
        self.controllers: list[TabController] = [overview, billing, usage, orders, refunds]
        self.billing_tab: BillingTab = BillingTab(billing, zone)
        pages: list[QWidget] = [
            OverviewTab(overview, zone),
            self.billing_tab,
            UsageTab(usage, zone),
            OrdersTab(orders, zone, self.open_refund_dialog),
            RefundsTab(refunds, zone, self.open_refund_dialog),
        ]
        for index, (title, page) in enumerate(zip(TAB_TITLES, pages, strict=True)):
            placeholder = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, translate("main", title))
            placeholder.deleteLater()
        for controller in self.controllers:
            controller.failed.connect(self._show_failure)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.jobs: JobRunner = context.operations.jobs  # closing the window waits for them
        self.files = FileController(context, self)
        self.files.done.connect(lambda message: self.statusBar().showMessage(message, 10_000))
        self.files.failed.connect(lambda title, message: QMessageBox.warning(self, title, message))
        self.importer = ImportController(context, self)
        self.importer.finished.connect(self._imported)
        self.importer.failed.connect(self._import_failed)
        self.importer.cancelled.connect(self._import_cancelled)
        self.importer.progress.connect(self._import_progressed)
        self.import_progress: QProgressDialog | None = None
        self.syncer = SyncController(context, self)
        self.syncer.finished.connect(self._synced)
        self.syncer.failed.connect(self._sync_failed)
        self.syncer.cancelled.connect(self._sync_cancelled)
        self.syncer.progress.connect(self._sync_progressed)
        self.refund_dialog: RefundDialog | None = None
        self.sync_progress: QProgressDialog | None = None
        self._enable_account_actions(True)
        self.statusBar().showMessage(translate("main", "Ready"))
        self._restore_settings(billing)
        self._attached = True
        self._tab_shown(self.tabs.currentIndex())

    def attached(self) -> bool:
        """Whether the store is open and the pages are in place (`attach` has run)."""
        return self._attached

    def _enable_account_actions(self, enabled: bool) -> None:
        """Import, sync, export, refresh, back up and restore need the store; the rest works at once."""
        for action in self.account_actions:
            action.setEnabled(enabled)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(translate("main", "&File"))
        self.import_action = QAction(translate("main", "&Import…"), self, shortcut=QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self._import)
        self.export_action = QAction(translate("main", "&Export table…"), self, shortcut=QKeySequence("Ctrl+Shift+S"))
        self.export_action.triggered.connect(self.export_table)
        refresh = QAction(translate("main", "&Refresh"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.triggered.connect(self.refresh_current)
        quit_action = QAction(translate("main", "&Quit"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        self.sync_action = QAction(
            translate("main", "S&ync with Alibaba Cloud…"), self, shortcut=QKeySequence("Ctrl+Shift+Y")
        )
        self.sync_action.setToolTip(
            translate("main", "Fetch balance, bills, orders and resource plans through the BSS OpenAPI.")
        )
        self.sync_action.triggered.connect(self.sync)
        backup = QAction(translate("main", "&Back up…"), self)
        backup.triggered.connect(self.back_up)
        restore = QAction(translate("main", "&Restore…"), self)
        restore.triggered.connect(self.restore)
        self.account_actions = (self.import_action, self.sync_action, self.export_action, refresh, backup, restore)
        for action in self.account_actions:
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(translate("main", "&View"))
        for number, title in enumerate(TAB_TITLES):
            action = QAction(translate("main", title), self, shortcut=QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _checked=False, index=number: self.tabs.setCurrentIndex(index))
            view_menu.addAction(action)
        view_menu.addSeparator()
        self._build_language_menu(view_menu.addMenu(translate("main", "&Language")))

        help_menu = self.menuBar().addMenu(translate("main", "&Help"))
        self.log_folder_action = QAction(translate("main", "Open &log folder"), self)
        self.log_folder_action.triggered.connect(self._open_log_folder)
        help_menu.addAction(self.log_folder_action)
        about = QAction(translate("main", "&About"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        about_qt = QAction(translate("main", "About &Qt"), self)
        about_qt.triggered.connect(QApplication.aboutQt)
        help_menu.addAction(about_qt)

    def _open_log_folder(self) -> None:
        """The folder of the log files, in the system's file manager (what support asks for)."""
        from desktop.logs import log_folder

        folder = log_folder()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(
                self,
                translate("main", "Log folder"),
                translate("main", "The log files are in {folder}").format(folder=folder),
            )

    def _build_language_menu(self, menu: QMenu) -> None:
        """The system's language or one of the translations; the choice is kept in the settings."""
        group = QActionGroup(self)
        chosen = str(QSettings().value(LANGUAGE_SETTING, "") or "")
        for code, name in (("", translate("main", "System default")), *LANGUAGES.items()):
            action = QAction(name, self, checkable=True)
            action.setChecked(code == chosen)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, code=code: self._choose_language(code))
            group.addAction(action)
            menu.addAction(action)
        self.language_actions = group

    def _choose_language(self, code: str) -> None:
        """Keep the choice; switch now unless background work would be cancelled by it."""
        QSettings().setValue(LANGUAGE_SETTING, code)
        if not self.attached() or self.jobs.busy():
            self.statusBar().showMessage(
                translate("main", "The language changes when the application is next started."),
                10_000,
            )
            return
        self.language_chosen.emit(code)

    def _tab_shown(self, index: int) -> None:
        """The tab in view reloads when the store changes under it; the others when they are shown (F5 reloads)."""
        for number, controller in enumerate(self.controllers):
            if number != index:
                controller.set_visible(False)
        self.controllers[index].set_visible(True)
        from desktop.ui.table_tab import TableTab
        from desktop.ui.usage_tab import UsageTab

        self.export_action.setEnabled(isinstance(self.tabs.widget(index), TableTab | UsageTab))

    def open_refund_dialog(self, order_id: str) -> None:
        """The refund request dialog for one order; a submitted request shows on the Refunds tab."""
        from desktop.ui.refund_dialog import RefundDialog

        dialog = RefundDialog(self.context, order_id, self)
        dialog.controller.submitted.connect(lambda _id: self._refund_requested(order_id))
        self.refund_dialog = dialog
        dialog.open()

    def _refund_requested(self, order_id: str) -> None:
        self.statusBar().showMessage(
            translate("main", "Refund request for order {order} recorded: see the Refunds tab").format(order=order_id),
            10_000,
        )

    def refresh_current(self) -> None:
        self.controllers[self.tabs.currentIndex()].refresh()
        self.statusBar().showMessage(translate("main", "Reloaded"), 3000)

    def export_table(self) -> None:
        """The table in view as CSV (the Usage tab: every sample its filters select)."""
        from desktop.ui.table_tab import TableTab
        from desktop.ui.usage_tab import UsageTab

        page = self.tabs.currentWidget()
        if not isinstance(page, TableTab | UsageTab):
            return
        usage = isinstance(page, UsageTab)
        title = TAB_TITLES[self.tabs.currentIndex()].lower().replace(" ", "-")
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("main", "Export usage") if usage else translate("main", "Export table"),
            f"{title}.csv",
            translate("main", "CSV files (*.csv)"),
        )
        if not name:
            return
        if isinstance(page, UsageTab):
            self.files.export_usage(Path(name), page.controller.filter)
        else:
            self.files.export_table(Path(name), page.table())

    def _import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            translate("main", "Import files"),
            "",
            translate("main", "CSV files (*.csv)") + ";;" + translate("main", "All files (*)"),
        )
        if not names:
            return
        self.import_action.setEnabled(False)
        self.import_progress = QProgressDialog(
            translate("main", "Importing…"), translate("main", "Cancel"), 0, 100, self
        )
        self.import_progress.setWindowTitle(translate("main", "Import"))
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
        summary = "; ".join(line.rsplit(": ", 2)[-1] for line in lines)
        self.statusBar().showMessage(translate("main", "Imported: {summary}").format(summary=summary), 10_000)

    def _import_failed(self, message: str) -> None:
        self._import_ended()
        QMessageBox.warning(
            self,
            translate("main", "Import"),
            translate("main", "Nothing of this file was imported:") + f"\n\n{message}",
        )

    def _import_cancelled(self) -> None:
        self._import_ended()
        self.statusBar().showMessage(
            translate("main", "Import cancelled: the file being read was not imported"), 10_000
        )

    def sync(self) -> None:
        """Sync the account; the first time, ask for a read-only AccessKey and keep it in the keyring."""
        target = self.syncer.account()
        if isinstance(target, str):
            QMessageBox.warning(self, translate("main", "Sync"), target)
            return
        uid, site = target
        source = self.syncer.access_key_source(uid)
        if source is None:
            if not self._ask_access_key(uid):
                return
            source = self.syncer.access_key_source(uid)
        self.sync_action.setEnabled(False)
        self.sync_progress = QProgressDialog(
            translate("main", "Syncing with Alibaba Cloud, with the AccessKey from {source}…").format(source=source),
            translate("main", "Cancel"),
            0,
            100,
            self,
        )
        self.sync_progress.setWindowTitle(translate("main", "Sync"))
        self.sync_progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.sync_progress.setMinimumDuration(300)
        self.sync_progress.canceled.connect(self.syncer.cancel)
        self.syncer.start(uid, site)

    def _ask_access_key(self, uid: str) -> bool:
        key_id, accepted = QInputDialog.getText(
            self,
            translate("main", "AccessKey"),
            translate("main", "AccessKey ID of a read-only RAM user of account {account}:").format(account=uid),
        )
        if not accepted or not key_id.strip():
            return False
        secret, accepted = QInputDialog.getText(
            self,
            translate("main", "AccessKey"),
            translate("main", "AccessKey secret (kept in the system keyring only):"),
            QLineEdit.EchoMode.Password,
        )
        if not accepted:
            return False
        problem = self.syncer.save_access_key(uid, key_id, secret)
        if problem is not None:
            QMessageBox.warning(self, translate("main", "AccessKey"), problem)
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
        self.statusBar().showMessage(translate("main", "Synced: {summary}").format(summary=line), 10_000)

    def _sync_failed(self, message: str) -> None:
        self._sync_ended()
        QMessageBox.warning(
            self, translate("main", "Sync"), translate("main", "Nothing was stored:") + f"\n\n{message}"
        )

    def _sync_cancelled(self) -> None:
        self._sync_ended()
        self.statusBar().showMessage(translate("main", "Sync cancelled: nothing was stored"), 10_000)

    def back_up(self) -> None:
        """Copy the store to a file of the user's choice, in the background (the store stays usable)."""
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("main", "Back up the store"),
            "account-backup.sqlite3",
            translate("main", "SQLite stores (*.sqlite3)"),
        )
        if name:
            self.files.back_up(Path(name))

    def restore(self) -> None:
        """Replace the store with a backup, once the backup is checked; the replaced store is kept aside."""
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("main", "Restore the store"),
            "",
            translate("main", "SQLite stores (*.sqlite3)") + ";;" + translate("main", "All files (*)"),
        )
        if not name:
            return
        answer = QMessageBox.question(
            self,
            translate("main", "Restore"),
            translate("main", "Replace the current store with {file}?").format(file=name)
            + "\n\n"
            + translate("main", "The backup is checked first; the current store is kept aside beside it."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.files.restore(Path(name))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            translate("main", "About {application}").format(application=translate("main", TITLE)),
            f"<b>{translate('main', TITLE)}</b> {__version__}<br>"
            + translate(
                "main",
                "Balance, overdue status, billing details, usage, orders and refunds "
                "of an Alibaba Cloud ApsaraVideo Live account.",
            ),
        )

    def _show_failure(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def _restore_geometry(self) -> None:
        """The frame where the user left it, before it is first shown."""
        geometry = QSettings().value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def _restore_settings(self, billing: BillingController) -> None:
        """Where the user left off: the tab in view and the billing filters."""
        from desktop.domain.billing import Dimension
        from desktop.domain.periods import Period

        settings = QSettings()
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
        if not self.attached():
            return
        settings.setValue("window/tab", self.tabs.currentIndex())
        billing = self.billing_tab.controller
        settings.setValue("billing/dimension", billing.dimension.value)
        settings.setValue("billing/period", billing.period.label() if billing.period else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the user's place; cancel what runs in the background and wait for it."""
        self._save_settings()
        if self.attached():
            self.importer.cancel()
            self.syncer.cancel()
            self.jobs.wait()
        event.accept()
