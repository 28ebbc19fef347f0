"""Concurrent writers: every write lands, none is told "locked", and no rule is broken by a race.

Four processes × 500 write transactions on one store, SQLite file or shared PostgreSQL database:
two record payments, two import one-line Billing Details files (an import is the longest write:
upsert, then the day's rollups rebuilt), all started at the same moment. No "database is locked",
no serialization failure or deadlock reaches a writer. And two users requesting the same refund
at once, or marking the same refund credited.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.controllers.base import Context
from desktop.controllers.refunds import RefundsController
from desktop.domain.kinds import RefundState
from desktop.domain.policy import Policy
from desktop.sources.demo import fill_demo_if_empty
from desktop.sources.importer import import_file
from desktop.store.models import BillLine, BillRollup, Order, Payment, RefundRequest
from desktop.store.refunds import RefundNotAllowedError, request_refund
from desktop.store.session import open_store
from tests.conftest import DEMO_AT
from tests.event_loop import finish_writes
from tests.reliability.concurrent_writer import bill_number, payment_amount
from tests.reliability.helpers import NOW, ROOT, billing_file

WRITERS = {0: "payments", 1: "payments", 2: "imports", 3: "imports"}
TRANSACTIONS = 500


@pytest.mark.slow
def test_four_processes_writing_at_once_all_succeed(
    store_url: str, tmp_path: Path, policy: Policy, record_property
) -> None:
    url = store_url
    store = open_store(url)
    import_file(store, billing_file(tmp_path / "first.csv", 1), policy, NOW)  # the account every writer uses
    start = time.time() + 2.5  # every child has opened the store and written its files by then
    children = {
        writer: subprocess.Popen(
            [
                *(sys.executable, "-m", "tests.reliability.concurrent_writer", url, role, str(writer)),
                *(str(TRANSACTIONS), str(tmp_path), str(start)),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for writer, role in WRITERS.items()
    }
    reports = {}
    for writer, child in children.items():
        out, err = child.communicate(timeout=180)
        assert child.returncode == 0, err
        reports[writer] = json.loads(out.strip().splitlines()[-1])
    elapsed = time.time() - start

    for writer, report in reports.items():
        assert report["errors"] == [], f"writer {writer} ({WRITERS[writer]}): {report['errors'][:3]}"
        assert report["done"] == TRANSACTIONS

    payers = [writer for writer, role in WRITERS.items() if role == "payments"]
    importers = [writer for writer, role in WRITERS.items() if role == "imports"]
    with store() as session:
        notes = set(session.scalars(select(Payment.note)))
        paid = session.scalar(select(func.sum(Payment.amount)))
        numbers = set(session.scalars(select(BillLine.bill_number)))
        rolled = session.scalar(select(func.sum(BillRollup.lines)).where(BillRollup.dimension == "region"))
    store.kw["bind"].dispose()
    assert notes == {f"w{writer}-{number}" for writer in payers for number in range(TRANSACTIONS)}
    assert paid == sum(payment_amount(writer, number) for writer in payers for number in range(TRANSACTIONS))
    wanted = {f"G{bill_number(writer, number):09d}" for writer in importers for number in range(TRANSACTIONS)}
    assert numbers == wanted | {"G000000000"}
    assert rolled == len(wanted) + 1  # the rollups saw every line, none twice
    assert isinstance(paid, Decimal)

    slowest = max(report["slowest"] for report in reports.values())
    record_property("concurrency_slowest_transaction_s", slowest)
    print(
        f"{store_url.split(':')[0]}: {len(WRITERS)} × {TRANSACTIONS} transactions in {elapsed:.1f} s; "
        f"slowest single transaction {slowest:.3f} s"
    )


def test_two_people_requesting_the_same_refund_at_once_make_one_request(
    demo_on_backend: sessionmaker[Session], policy: Policy
) -> None:
    """R12 under concurrency: two users submit a refund for the same order at the same moment.

    Each checks that the order has no request yet, then inserts one. A hook makes both checks
    happen before either insert (the interleaving two real users produce, forced so the test does
    not depend on luck); it gives up waiting after a moment, so that a store which serialises the
    two (a lock, a constraint) passes without deadlocking.
    """
    engine = demo_on_backend.kw["bind"]
    with demo_on_backend() as session:
        order_id = session.scalars(
            select(Order.order_id).where(Order.instance_id == "lic-player-001", Order.order_type == "New")
        ).one()
    both_checked = threading.Barrier(2, timeout=2.0)

    def before_insert(_connection: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO REFUND_REQUESTS"):
            with contextlib.suppress(threading.BrokenBarrierError):
                both_checked.wait()

    event.listen(engine, "before_cursor_execute", before_insert)
    outcomes: list[str] = []

    def submit() -> None:
        try:
            with demo_on_backend.begin() as session:
                request_refund(session, order_id, DEMO_AT, policy)
            outcomes.append("stored")
        except RefundNotAllowedError:
            outcomes.append("refused (R12)")
        except Exception as exc:
            outcomes.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")

    users = [threading.Thread(target=submit) for _ in range(2)]
    for user in users:
        user.start()
    for user in users:
        user.join(timeout=60)
    event.remove(engine, "before_cursor_execute", before_insert)

    with demo_on_backend() as session:
        requests = session.scalar(
            select(func.count()).select_from(RefundRequest).where(RefundRequest.order_id == order_id)
        )
    assert requests == 1, f"{requests} refund requests for order {order_id}: {outcomes}"
    assert sorted(outcomes) == ["refused (R12)", "stored"]


def test_two_windows_marking_the_same_refund_credited_get_one_save_and_a_clear_refusal(
    store_url: str, policy: Policy, qapp: object
) -> None:
    """Two people, each with the Refunds tab open on the shared store (a process each: a store each).

    Both see the request in flight; the first marks it credited; the second's click is refused in
    words, and after the reload both tabs show the first one's record.
    """
    stores = [open_store(store_url) for _ in range(2)]
    try:
        assert fill_demo_if_empty(stores[0], DEMO_AT, policy)
        clocks = [DEMO_AT.replace(hour=15), DEMO_AT.replace(hour=16)]
        tabs = [
            RefundsController(Context(store, policy, clock=lambda at=at: at))
            for store, at in zip(stores, clocks, strict=True)
        ]
        failures: list[list[str]] = [[], []]
        for tab, failed in zip(tabs, failures, strict=True):
            tab.failed.connect(failed.append)
            tab.refresh()
        rows = [next(row for row, key in enumerate(tab.keys) if key[2] == RefundState.PROCESSING) for tab in tabs]
        assert tabs[0].keys[rows[0]] == tabs[1].keys[rows[1]]
        request_id = tabs[0].keys[rows[0]][0]

        tabs[0].mark_credited(rows[0])
        finish_writes(tabs[0].context)
        tabs[1].mark_credited(rows[1])
        finish_writes(tabs[1].context)

        assert failures[0] == []
        assert len(failures[1]) == 1
        assert failures[1][0].startswith("Someone else changed this refund request after it was loaded here")
        assert "Reload (F5)" in failures[1][0]
        with stores[1]() as session:
            request = session.get(RefundRequest, request_id)
            assert request is not None
            assert (request.state, request.credited_at) == (RefundState.CREDITED, clocks[0])
        for tab in tabs:
            tab.refresh()
            assert tab.keys[rows[0]][2] == RefundState.CREDITED
    finally:
        for store in stores:
            store.kw["bind"].dispose()
