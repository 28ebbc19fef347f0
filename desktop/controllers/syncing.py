"""File → Sync with Alibaba Cloud: the BSS OpenAPI sync in a background job, the AccessKey in the keyring."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.controllers.base import Context
from desktop.controllers.jobs import Job, JobControl, JobRunner
from desktop.sources.credentials import AccessKey, CredentialsError, load_access_key, save_access_key
from desktop.store.errors import StoreError


class SyncController(QObject):
    """Fetches balance, bills, orders and resource plans without freezing the window.

    Signals:
        progress(int): percent of the planned API calls done.
        finished(str): the summary line.
        failed(str): what went wrong; nothing was stored.
        cancelled(): the user cancelled; nothing was stored.
    """

    progress = Signal(int)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, context: Context, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.jobs = jobs
        self.job: Job | None = None

    def account(self) -> tuple[str, str] | str:
        """(UID, site) to sync, or why there is none."""
        from desktop.sources.bss_sync import sync_target  # the SDK takes a second to load: only on demand

        try:
            return sync_target(self.context.store, None)
        except StoreError as exc:
            return str(exc)

    def has_access_key(self, uid: str) -> bool:
        try:
            load_access_key(uid)
        except CredentialsError:
            return False
        return True

    def save_access_key(self, uid: str, key_id: str, secret: str) -> str | None:
        """Keep the AccessKey in the system keyring; returns why it was not stored, if it was not."""
        try:
            save_access_key(uid, AccessKey(key_id.strip(), secret.strip()))
        except CredentialsError as exc:
            return str(exc)
        return None

    def start(self, uid: str, site: str) -> None:
        from desktop.sources.bss_sync import BssClient, sync_account

        def work(control: JobControl) -> str:
            client = BssClient(load_access_key(uid), site=site)
            summary = sync_account(
                self.context.store, self.context.policy, self.context.clock(), client, progress=control.report
            )
            return summary.line()

        self.job = self.jobs.submit(
            work,
            writes=True,
            on_success=self.finished.emit,
            on_failure=self.failed.emit,
            on_progress=lambda done, total: self.progress.emit(min(100, done * 100 // max(total, 1))),
            on_cancel=self.cancelled.emit,
        )

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
