"""File → Sync with Alibaba Cloud: the BSS OpenAPI sync in a background job, the AccessKey in the keyring."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.controllers.base import Context
from desktop.controllers.i18n import said, translate
from desktop.controllers.jobs import BackgroundTask, JobControl
from desktop.services import data_in
from desktop.services.changes import Done
from desktop.store.errors import StoreError


class SyncController(BackgroundTask):
    """Fetches balance, bills, orders and resource plans without freezing the window.

    `finished` carries the summary line; on failure or cancel nothing was stored.
    """

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(context.operations, parent)
        self.context = context

    def account(self) -> tuple[str, str] | str:
        """(UID, site) to sync, or why there is none."""
        from desktop.sources.bss_sync import sync_target  # the SDK takes a second to load: only on demand

        try:
            return sync_target(self.context.store, None)
        except StoreError as exc:
            return said(exc)

    def access_key_source(self, uid: str) -> str | None:
        """Where a sync would find the account's AccessKey, in words (never the key), or None when nowhere."""
        # keyring and the credential chain load here, not while the window starts
        from desktop.sources.credentials import CredentialsError, find_access_key

        try:
            key = find_access_key(uid)
        except CredentialsError:
            return None
        return key.source.said(translate)

    def save_access_key(self, uid: str, key_id: str, secret: str) -> str | None:
        """Keep the AccessKey in the system keyring; returns why it was not stored, if it was not."""
        # keyring loads here, not while the window starts
        from desktop.sources.credentials import AccessKey, CredentialsError, save_access_key

        try:
            save_access_key(uid, AccessKey(key_id.strip(), secret.strip()))
        except CredentialsError as exc:
            return said(exc)
        return None

    def start(self, uid: str, site: str) -> None:
        from desktop.sources.bss_client import BssClient
        from desktop.sources.credentials import find_access_key

        store, policy, now = self.context.store, self.context.policy, self.context.clock()

        def work(control: JobControl) -> Done[str]:
            client = BssClient(find_access_key(uid), site=site)
            done = data_in.sync(store, policy, now, client, progress=control.report)
            return Done(done.value.line(), done.changes)

        self.run(work)
