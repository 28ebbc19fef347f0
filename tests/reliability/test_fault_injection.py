"""A database error at every SQL statement of a write, in turn: nothing half-done, a clear message, a retry works.

The writes: an import and a sync (through the command line), a refund request (through its
dialog's controller), marking a refund credited and recording a payment (the units of work their
controllers run); each on SQLite and on PostgreSQL.

The fault is raised from SQLAlchemy's `before_cursor_execute` event as the driver's own
`OperationalError` (what a full disk, a dropped connection or a lock timeout looks like), at
statement k = 1 … n of the write, n being what a fault-free run of the same write sends. The
commit itself is the (n+1)-th point of failure (the dialect's `do_commit`). Each time the
store must be exactly as before, the user must get one clear line, and the same write retried
must reach the state of a fault-free run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, event, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop import cli
from desktop.clock import CLOCK_VARIABLE
from desktop.controllers.base import Context
from desktop.controllers.refund_request import RefundRequestController
from desktop.domain.kinds import RefundState
from desktop.domain.policy import Policy
from desktop.sources.bss_client import BssClient, RateLimiter
from desktop.sources.bss_sync import sync_account
from desktop.sources.credentials import save_access_key
from desktop.sources.demo import fill_demo_if_empty
from desktop.sources.importer import import_file
from desktop.store.engine import make_engine
from desktop.store.models import Order, Payment, RefundRequest
from desktop.store.payments import record_payment
from desktop.store.refunds import mark_credited
from tests.conftest import DEMO_AT
from tests.event_loop import finish_writes
from tests.keyrings import MemoryKeyring
from tests.reliability.helpers import (
    EN_HEADER,
    NOW,
    SAMPLES,
    billing_file,
    billing_record,
    clear,
    snapshot,
    write_csv,
)
from tests.sources.fake_bss import FakeBss
from tests.sources.test_sync import KEY as SYNC_KEY
from tests.sources.test_sync import NOW as SYNC_NOW
from tests.sources.test_sync import UID as SYNC_UID
from tests.sources.test_sync import fill as fill_fake
from tests.sources.test_sync import order as sync_order

COMMIT = "commit"


class FaultInjector:
    """Counts the statements an engine sends and fails the k-th one (or the commit) when armed."""

    def __init__(self) -> None:
        self.count = 0
        self.fail_at: int | str | None = None
        self.engines: list[Engine] = []

    def attach(self, engine: Engine) -> Engine:
        event.listen(engine, "before_cursor_execute", self._statement)
        # The commit fails where the driver's would, so SQLAlchemy handles it as a real one.
        commit = engine.dialect.do_commit

        def do_commit(dbapi_connection: Any) -> None:
            if self.fail_at == COMMIT:
                raise engine.dialect.loaded_dbapi.OperationalError("injected fault at the commit")
            commit(dbapi_connection)

        engine.dialect.do_commit = do_commit  # type: ignore[method-assign]
        self.engines.append(engine)
        return engine

    def arm(self, fail_at: int | str | None) -> None:
        self.count = 0
        self.fail_at = fail_at

    def _statement(self, connection: Any, _cursor: Any, _statement: str, *_args: Any) -> None:
        self.count += 1
        if self.fail_at == self.count:
            raise connection.dialect.loaded_dbapi.OperationalError(f"injected fault at statement {self.count}")

    def dispose(self) -> None:
        for engine in self.engines:
            engine.dispose()
        self.engines.clear()


@pytest.fixture
def injector() -> Iterator[FaultInjector]:
    faults = FaultInjector()
    yield faults
    faults.dispose()


@pytest.fixture
def plain(store_url: str, empty_store: sessionmaker[Session]) -> Iterator[Engine]:
    """An engine without faults, to look at the store and to reset it; the schema is made by empty_store."""
    engine = make_engine(store_url)
    yield engine
    engine.dispose()


# --- imports, through the command line as a user runs them -----------------------------------------


def _newer_export(path: Path) -> Path:
    """Lines 0-9 again, half of them now paid and one moved to another day, plus three new lines."""
    records = [EN_HEADER]
    for number in range(13):
        record = billing_record(number)
        if number % 2 == 0 and number < 10:
            gross = record[EN_HEADER.index("Pretax Gross Amount")]
            record[EN_HEADER.index("Payment Amount")] = gross
            record[EN_HEADER.index("Outstanding Amount")] = "0.00"
        if number == 3:
            record[EN_HEADER.index("Payment Time")] = "2026-10-30 00:40:00"
        records.append(record)
    return write_csv(path, records)


Scenario = tuple[Callable[[sessionmaker[Session], Path, Policy], None], Callable[[Path], Path]]


def _base_bills(store: sessionmaker[Session], folder: Path, policy: Policy) -> None:
    import_file(store, billing_file(folder / "base.csv", 10), policy, NOW)


def fail_each_statement_of(
    run: Callable[[], int],
    reset: Callable[[], None],
    plain: Engine,
    injector: FaultInjector,
    capsys: pytest.CaptureFixture[str],
) -> int:
    """Run a command once cleanly, then fail each of its statements and its commit in turn.

    Each failure must leave the store as it was and say so in one line; each retry must reach the
    clean run's state. Returns how many statements the command ran.
    """
    reset()
    before = snapshot(plain)
    injector.arm(None)
    assert run() == 0
    statements = injector.count
    expected = snapshot(plain)
    assert expected != before
    capsys.readouterr()
    for fail_at in [*range(1, statements + 1), COMMIT]:
        reset()
        injector.arm(fail_at)
        assert run() == 2, f"fault at {fail_at}: the command did not fail"
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith("error: ")
        assert err.count("\n") == 1
        assert "injected fault" in err
        assert "[SQL:" not in err
        assert snapshot(plain) == before, f"fault at {fail_at}: the store changed"

        injector.arm(None)
        assert run() == 0, f"fault at {fail_at}: the retry failed"
        assert snapshot(plain) == expected, f"fault at {fail_at}: the retry did not reach a clean run's state"
        capsys.readouterr()
    return statements


SCENARIOS: dict[str, Scenario] = {
    "new bills into an empty store": (lambda *_: None, lambda folder: billing_file(folder / "new.csv", 10)),
    "a newer export over stored bills": (_base_bills, lambda folder: _newer_export(folder / "newer.csv")),
    "orders with gifts (ORM writes)": (_base_bills, lambda _folder: SAMPLES / "orders.csv"),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_a_fault_at_any_statement_of_an_import_changes_nothing_and_a_retry_works(
    scenario: str,
    store_url: str,
    plain: Engine,
    injector: FaultInjector,
    tmp_path: Path,
    policy: Policy,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    prepare, make_file = SCENARIOS[scenario]
    monkeypatch.setattr("desktop.sources.importer.BATCH", 3)  # several batches from a few lines
    real_open_store = cli.open_store
    monkeypatch.setattr(cli, "open_store", lambda url: _attached(injector, real_open_store(url)))
    base_store = sessionmaker(plain)
    target = make_file(tmp_path)

    def reset() -> None:
        clear(plain)
        prepare(base_store, tmp_path, policy)

    def run() -> int:
        try:
            return cli.main(["--db", store_url, "import", str(target)])
        finally:
            injector.dispose()

    statements = fail_each_statement_of(run, reset, plain, injector, capsys)
    assert statements >= 5
    print(f"{scenario} on {plain.dialect.name}: {statements} statements + the commit, each failed in turn")


# --- a refund request, through the dialog's controller ---------------------------------------------


def test_a_fault_at_any_statement_of_a_refund_request_changes_nothing_and_a_retry_works(
    empty_store: sessionmaker[Session], plain: Engine, injector: FaultInjector, policy: Policy, qapp: Any
) -> None:
    assert fill_demo_if_empty(empty_store, DEMO_AT, policy)
    injector.attach(empty_store.kw["bind"])
    with empty_store() as session:
        order_id = session.scalars(
            select(Order.order_id).where(Order.instance_id == "lic-player-001", Order.order_type == "New")
        ).one()
    controller = RefundRequestController(Context(empty_store, policy, clock=lambda: DEMO_AT), order_id)
    submitted: list[int] = []
    failures: list[str] = []
    controller.submitted.connect(submitted.append)
    controller.failed.connect(failures.append)
    controller.load()
    assert controller.view is not None
    assert controller.view.eligible

    def look() -> dict[str, list[tuple[Any, ...]]]:
        return snapshot(plain, counted=("bill_lines", "bill_rollups", "usage_records"))

    def withdraw() -> None:
        with plain.begin() as connection:
            connection.execute(delete(RefundRequest).where(RefundRequest.order_id == order_id))

    before = look()
    injector.arm(None)
    controller.submit(confirmed_irreversible=True)
    finish_writes(controller.context)
    assert (len(submitted), failures) == (1, [])
    statements = injector.count
    expected = look()
    assert len(expected["refund_requests"]) == len(before["refund_requests"]) + 1
    assert statements >= 3

    for fail_at in [*range(1, statements + 1), COMMIT]:
        withdraw()
        submitted.clear()
        injector.arm(fail_at)
        controller.submit(confirmed_irreversible=True)
        finish_writes(controller.context)
        assert submitted == [], f"fault at {fail_at}: reported as stored"
        assert len(failures) == 1
        assert failures[0].startswith("The request was not stored: ")
        assert "injected fault" in failures[0]
        assert look() == before, f"fault at {fail_at}: the store changed"
        failures.clear()

        injector.arm(None)
        controller.submit(confirmed_irreversible=True)
        finish_writes(controller.context)
        assert (len(submitted), failures) == (1, []), f"fault at {fail_at}: the retry failed"
        assert look() == expected
    print(f"refund request on {plain.dialect.name}: {statements} statements + the commit, each failed in turn")


# --- a sync from the BSS OpenAPI, through the command line ---------------------------------------


def _paid_since(fake: FakeBss) -> None:
    """What the API says a day later: the open bill paid, the plan used, the balance lower, a new order."""
    fake.bills["2026-11-02"][0].update(OutstandingAmount=0.0, PaymentAmount=12.5)
    fake.plans[0]["RemainingAmount"] = "600"
    fake.balance = "1100.00"
    fake.orders.append(sync_order("2026110300002", "2026-11-03T02:00:00Z", "30.00", "30.00"))


SYNCS: dict[str, Callable[[FakeBss], None] | None] = {
    "a first sync into an empty store": None,
    "a sync over a previous one": _paid_since,
}


@pytest.mark.parametrize("scenario", list(SYNCS))
def test_a_fault_at_any_statement_of_a_sync_changes_nothing_and_a_retry_works(
    scenario: str,
    store_url: str,
    plain: Engine,
    injector: FaultInjector,
    policy: Policy,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    change = SYNCS[scenario]
    save_access_key(SYNC_UID, SYNC_KEY)
    monkeypatch.setenv(
        CLOCK_VARIABLE, SYNC_NOW.isoformat()
    )  # the fake server's moment: every run fetches the same days
    real_open_store = cli.open_store
    monkeypatch.setattr(cli, "open_store", lambda url: _attached(injector, real_open_store(url)))
    with FakeBss() as fake:
        opening_balance = fake.balance

        def reset() -> None:
            clear(plain)
            fill_fake(fake)
            fake.balance = opening_balance
            if change is not None:
                client = BssClient(SYNC_KEY, endpoint=fake.url, limiter=RateLimiter(calls=1_000))
                sync_account(sessionmaker(plain), policy, SYNC_NOW, client, account_uid=SYNC_UID)
                change(fake)

        def run() -> int:
            try:
                return cli.main(["--db", store_url, "sync", "--account", SYNC_UID, "--endpoint", fake.url])
            finally:
                injector.dispose()

        statements = fail_each_statement_of(run, reset, plain, injector, capsys)
        assert statements >= 10
    print(f"{scenario} on {plain.dialect.name}: {statements} statements + the commit, each failed in turn")


# --- the units of work behind "Mark credited" and "Record payment" ---------------------------------
# Their controllers run exactly these; what a failure becomes on screen is theirs to say.


@pytest.fixture
def demo_on_backend(
    empty_store: sessionmaker[Session], injector: FaultInjector, policy: Policy
) -> sessionmaker[Session]:
    """The demo account on the backend under test, its engine counting (and failing) statements."""
    assert fill_demo_if_empty(empty_store, DEMO_AT, policy)
    injector.attach(empty_store.kw["bind"])
    return empty_store


def _each_fault_rolls_back(
    injector: FaultInjector,
    write: Callable[[], None],
    reset: Callable[[], None],
    look: Callable[[], dict[str, list[tuple[Any, ...]]]],
) -> int:
    """Run `write` once cleanly, then with a fault at each of its statements and at its commit.

    Each faulty run must raise the driver's error (carrying the injected message), leave the
    store as before, and be followed by a retry that reaches the clean run's state. Returns
    how many statements the write sends.
    """
    reset()
    before = look()
    injector.arm(None)
    write()
    statements = injector.count
    expected = look()
    assert expected != before
    for fail_at in [*range(1, statements + 1), COMMIT]:
        reset()
        injector.arm(fail_at)
        with pytest.raises(DBAPIError) as caught:
            write()
        assert "injected fault" in str(caught.value.orig), f"fault at {fail_at}: {caught.value}"
        assert look() == before, f"fault at {fail_at}: the store changed"
        injector.arm(None)
        write()
        assert look() == expected, f"fault at {fail_at}: the retry did not reach a clean run's state"
    return statements


def test_a_fault_at_any_statement_of_marking_a_refund_credited_changes_nothing_and_a_retry_works(
    demo_on_backend: sessionmaker[Session], plain: Engine, injector: FaultInjector
) -> None:
    table = RefundRequest.__table__
    with demo_on_backend() as session:
        request = session.scalars(select(RefundRequest).where(RefundRequest.state == RefundState.PROCESSING)).one()
        request_id, seen = request.id, request.version
    credited_at = DEMO_AT.replace(hour=15)

    def reset() -> None:
        with plain.begin() as connection:
            connection.execute(
                update(table)
                .where(table.c.id == request_id)
                .values(state=RefundState.PROCESSING, credited_at=None, version=seen)
            )

    def write() -> None:
        # The version the user saw: a failed attempt must not have moved it, or the retry is refused.
        with demo_on_backend.begin() as session:
            mark_credited(session, request_id, seen, credited_at)

    def look() -> dict[str, list[tuple[Any, ...]]]:
        return snapshot(plain, counted=("bill_lines", "bill_rollups", "usage_records"))

    statements = _each_fault_rolls_back(injector, write, reset, look)
    assert statements >= 2
    print(f"mark credited on {plain.dialect.name}: {statements} statements + the commit, each failed in turn")


def test_a_fault_at_any_statement_of_recording_a_payment_changes_nothing_and_a_retry_works(
    demo_on_backend: sessionmaker[Session], plain: Engine, injector: FaultInjector
) -> None:
    note = "fault-injection payment"

    def reset() -> None:
        with plain.begin() as connection:
            connection.execute(delete(Payment).where(Payment.note == note))

    def write() -> None:
        with demo_on_backend.begin() as session:
            record_payment(session, Decimal("123.45"), DEMO_AT, note=note)

    def look() -> dict[str, list[tuple[Any, ...]]]:
        return snapshot(plain, counted=("bill_lines", "bill_rollups", "usage_records"))

    statements = _each_fault_rolls_back(injector, write, reset, look)
    assert statements >= 2
    print(f"record payment on {plain.dialect.name}: {statements} statements + the commit, each failed in turn")


# --- what the user reads when the database fails -------------------------------------------------
# Both fail today: the driver's error reaches the user with SQLAlchemy's whole statement, its bound
# parameters (customer data) and a link to SQLAlchemy's site; see the battery's report.

MESSAGE_LIMIT = 300


def test_a_database_failure_during_an_import_is_told_in_one_short_line(
    tmp_path: Path,
    injector: FaultInjector,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real_open_store = cli.open_store
    monkeypatch.setattr(cli, "open_store", lambda url: _attached(injector, real_open_store(url)))
    target = billing_file(tmp_path / "bills.csv", 3)
    injector.arm(3)
    assert cli.main(["--db", f"sqlite:///{tmp_path / 'store.sqlite3'}", "import", str(target)]) == 2
    _, err = capsys.readouterr()
    assert "injected fault" in err
    assert str(target) in err, err[:MESSAGE_LIMIT]  # which file was not imported
    assert "[SQL:" not in err, err[:MESSAGE_LIMIT]
    assert len(err) < MESSAGE_LIMIT, f"{len(err)} characters: {err[:MESSAGE_LIMIT]}…"


def test_a_database_failure_during_a_refund_request_is_told_without_sql(
    demo_store: sessionmaker[Session], injector: FaultInjector, policy: Policy, qapp: Any
) -> None:
    injector.attach(demo_store.kw["bind"])
    with demo_store() as session:
        order_id = session.scalars(
            select(Order.order_id).where(Order.instance_id == "lic-player-001", Order.order_type == "New")
        ).one()
    controller = RefundRequestController(Context(demo_store, policy, clock=lambda: DEMO_AT), order_id)
    failures: list[str] = []
    controller.failed.connect(failures.append)
    controller.load()
    injector.arm(1)
    controller.submit(confirmed_irreversible=True)
    finish_writes(controller.context)
    assert len(failures) == 1
    assert "injected fault" in failures[0]
    assert "[SQL:" not in failures[0], failures[0][:MESSAGE_LIMIT]
    assert "[parameters:" not in failures[0], failures[0][:MESSAGE_LIMIT]
    assert len(failures[0]) < MESSAGE_LIMIT, f"{len(failures[0])} characters: {failures[0][:MESSAGE_LIMIT]}…"


def _attached(injector: FaultInjector, store: sessionmaker[Session]) -> sessionmaker[Session]:
    injector.attach(store.kw["bind"])
    return store
