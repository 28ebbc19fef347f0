"""Sync from the window's controller: the AccessKey goes to the keyring, the sync runs in the background."""

from __future__ import annotations

from functools import partial

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.controllers.base import Context
from desktop.controllers.i18n import ENGLISH, Translation
from desktop.controllers.syncing import SyncController
from desktop.sources import bss_client
from desktop.store.models import Account
from tests.keyrings import MemoryKeyring
from tests.sources.fake_bss import FakeBss


def test_the_access_key_is_kept_in_the_keyring(qtbot: QtBot, context: Context, memory_keyring: MemoryKeyring) -> None:
    controller = SyncController(context)
    target = controller.account()
    assert target == ("1886420012345678", "china")
    assert controller.access_key_source("1886420012345678") is None
    assert controller.save_access_key("1886420012345678", " LTAI5tExampleKeyId ", "a secret with space") is not None
    assert controller.save_access_key("1886420012345678", "LTAI5tExampleKeyId", "CANARY-SECRET-77") is None
    assert controller.access_key_source("1886420012345678") == "the system keyring"
    assert any("CANARY-SECRET-77" in value for value in memory_keyring.entries.values())


def _local_sdk(monkeypatch: pytest.MonkeyPatch, server: FakeBss) -> None:
    """The window talks to Alibaba Cloud; here the real SDK client is pointed at the local server."""
    monkeypatch.setattr(bss_client, "BssClient", partial(bss_client.BssClient, endpoint=server.url))


def test_a_sync_runs_in_the_background(
    qtbot: QtBot, context: Context, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = SyncController(context)
    controller.save_access_key("1886420012345678", "LTAI5tExampleKeyId", "CANARY-SECRET-77")
    percents: list[int] = []
    controller.progress.connect(percents.append)
    with FakeBss(balance="321.09") as server:
        _local_sdk(monkeypatch, server)
        with qtbot.waitSignal(controller.finished, timeout=60_000) as done:
            controller.start("1886420012345678", "china")
    assert "orders" in done.args[0]
    assert percents[-1] == 100
    with context.store() as session:
        assert str(session.scalars(select(Account.balance)).one()) == "321.09"


def test_a_failing_sync_reports_one_line_and_stores_nothing(
    qtbot: QtBot, context: Context, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = SyncController(context)
    controller.save_access_key("1886420012345678", "LTAI5tExampleKeyId", "CANARY-SECRET-77")
    with FakeBss(fail_action="QueryAccountBalance") as server:
        _local_sdk(monkeypatch, server)
        with qtbot.waitSignal(controller.failed, timeout=30_000) as failure:
            controller.start("1886420012345678", "china")
    assert "QueryAccountBalance" in failure.args[0]
    assert "\n" not in failure.args[0]
    assert "CANARY-SECRET-77" not in failure.args[0]


def test_a_refused_access_key_and_a_failing_sync_are_explained_in_chinese(
    qtbot: QtBot, context: Context, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    translation = Translation()
    translation.install("zh_CN", QLocale("zh_CN"))
    try:
        controller = SyncController(context)
        refused = controller.save_access_key("1886420012345678", "LTAI5tExampleKeyId", "a secret with space")
        controller.save_access_key("1886420012345678", "LTAI5tExampleKeyId", "CANARY-SECRET-77")
        with FakeBss(fail_action="QueryAccountBalance") as server:
            _local_sdk(monkeypatch, server)
            with qtbot.waitSignal(controller.failed, timeout=30_000) as failure:
                controller.start("1886420012345678", "china")
    finally:
        translation.install(ENGLISH, QLocale("en_US"))
    assert refused == "AccessKey secret 为空或含有空格"
    assert failure.args[0].startswith("QueryAccountBalance 失败：")
    assert "（请求 ID " in failure.args[0]
