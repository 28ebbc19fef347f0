"""The window's one write path: every change runs on the writer thread, every view hears of it, and a busy
store is a sentence, never a frozen window."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from desktop.controllers.base import Context
from desktop.controllers.billing import BillingController
from desktop.controllers.overview import OverviewController
from desktop.controllers.refunds import RefundsController
from desktop.domain.billing import Dimension
from desktop.domain.periods import Period
from desktop.domain.policy import Policy
from desktop.services.changes import Changes, Kind
from desktop.store import engine as store_engine
from desktop.store.session import open_store
from tests.conftest import DEMO_AT

BUSY = "The store is busy: another window or command is writing to it. Nothing was changed; try again in a moment."
HOLD_SQLITE = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(30)
"""


@pytest.fixture
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wait one second for another writer instead of ten (set before the store is opened)."""
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 1000)


@pytest.fixture
def held(demo_on_backend_url: str, short_waits: None) -> Iterator[sessionmaker[Session]]:
    """A demo store whose writes another process (or session) holds for as long as the test runs."""
    store_url = demo_on_backend_url
    store = open_store(store_url)
    if store_url.startswith("sqlite"):
        database = store.kw["bind"].url.database
        holder = subprocess.Popen([sys.executable, "-c", HOLD_SQLITE, database], stdout=subprocess.PIPE, text=True)
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        yield store
        holder.kill()
        holder.wait()
    else:
        other = create_engine(store_url)
        with other.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": store_engine.WRITE_LOCK_KEY})
            yield store
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": store_engine.WRITE_LOCK_KEY})
        other.dispose()
    store.kw["bind"].dispose()


def test_marking_a_refund_credited_while_another_process_writes_says_the_store_is_busy_without_freezing(
    qtbot: QtBot, held: sessionmaker[Session], policy: Policy
) -> None:
    context = Context(held, policy, clock=lambda: DEMO_AT)
    refunds = RefundsController(context)
    refunds.refresh()
    row = next(row for row in range(len(refunds.keys)) if refunds.can_mark_credited(row))
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(tick)
    ticker.start()
    with qtbot.waitSignal(refunds.failed, timeout=15_000) as failure:
        refunds.mark_credited(row)
    ticker.stop()
    assert failure.args == [BUSY]
    assert len(gaps) > 20  # the event loop ran all along the wait
    assert max(gaps) < 0.1, f"the event loop stalled for {max(gaps) * 1000:.0f} ms"
    context.operations.jobs.wait()


def test_the_tab_in_view_reloads_at_once_and_a_hidden_one_when_it_is_shown(qtbot: QtBot, context: Context) -> None:
    overview, refunds = OverviewController(context), RefundsController(context)
    overview.set_visible(True)  # loads: it was never loaded
    refunds.set_visible(True)
    refunds.set_visible(False)
    assert overview.overview is not None
    state = overview.overview.status.state
    owed = overview.overview.status.overdue_amount
    requests = len(refunds.keys)
    with qtbot.waitSignal(overview.changed, timeout=10_000):  # in view: reloaded as soon as the payment is stored
        assert overview.record_payment(f"{owed}", DEMO_AT) is None
    assert overview.overview.status.state != state
    row = next(row for row in range(requests) if refunds.can_mark_credited(row))
    with qtbot.waitSignal(context.operations.executed, timeout=10_000):
        refunds.mark_credited(row)  # as from a dialog while the tab is hidden
    assert refunds.stale
    assert refunds.keys[row][2] != "credited"  # hidden: not read again yet
    with qtbot.waitSignal(refunds.changed, timeout=1000):
        refunds.set_visible(True)
    assert not refunds.stale
    assert "credited" in [state for _id, _version, state in refunds.keys]


def test_a_change_to_other_days_leaves_the_billing_tab_fresh(context: Context) -> None:
    billing = BillingController(context)
    billing.set_query(Dimension.BILLING_ITEM, Period.month(2026, 10))
    billing.set_visible(True)
    assert not billing.stale
    billing.set_visible(False)
    billing.store_changed(Changes.of(Kind.BILLS, days=[date(2026, 11, 3)]))
    assert not billing.stale  # November's bills do not change October's figures
    billing.store_changed(Changes.of(Kind.USAGE))
    assert not billing.stale
    billing.store_changed(Changes.of(Kind.BILLS, days=[date(2026, 10, 31)]))
    assert billing.stale
    billing.store_changed(Changes.of(Kind.PAYMENTS, Kind.BILLS))  # any day
    assert billing.stale


def test_after_a_payment_billing_details_shows_it_settled_later_without_a_refresh(
    qtbot: QtBot, context: Context
) -> None:
    overview, billing = OverviewController(context), BillingController(context)
    overview.set_visible(True)
    billing.set_visible(True)
    assert overview.overview is not None
    owed = overview.overview.status.overdue_amount
    columns = [column.title for column in billing.table.columns]
    settled, outstanding = columns.index("Settled later"), columns.index("Outstanding")
    assert billing.table.totals is not None
    assert (billing.table.totals[settled], billing.table.totals[outstanding]) == (0, owed)  # the demo owes November's
    with qtbot.waitSignal(billing.changed, timeout=10_000):
        assert overview.record_payment(f"{owed}", DEMO_AT) is None
    assert (billing.table.totals[settled], billing.table.totals[outstanding]) == (owed, 0)
