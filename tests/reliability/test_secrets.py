"""The AccessKey secret is in no file the application writes: not only the store, every file.

tests/sources/test_sync.py already proves the store, the logs, the output and the wire clean.
This closes what it leaves open: the exports (tables and charts) and a backup of the store, and
anything else a session writes, found by walking every file under the test's folder (home, data,
config, settings and output folders alike). On the shared PostgreSQL store, whose files are the
server's, every row of every table is read instead.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from desktop.cli import main
from desktop.store.backup import backup
from desktop.store.engine import make_engine
from tests.keyrings import MemoryKeyring
from tests.sources.fake_bss import FakeBss
from tests.sources.test_sync import CANARY, KEY, UID, fill


@pytest.fixture
def fake() -> FakeBss:
    with FakeBss() as server:
        fill(server)
        yield server


def _encodings(secret: str) -> list[bytes]:
    return [secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("utf-16-be")]


def test_no_file_written_during_a_session_holds_the_secret(
    memory_keyring: MemoryKeyring,
    fake: FakeBss,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = tmp_path / "data" / "store.sqlite3"
    store.parent.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    db = ["--db", f"sqlite:///{store}"]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{KEY.key_id}\n{CANARY}\n"))
    assert main([*db, "credentials", "set", "--account", UID]) == 0
    assert main([*db, "sync", "--account", UID, "--since", "2026-11", "--endpoint", fake.url]) == 0
    for table in ("billing", "usage", "orders", "refunds"):
        assert main([*db, "export-table", table, "--period", "2026-11", "--out", str(out / f"{table}.csv")]) == 0
    assert main([*db, "export-chart", "spend", "--period", "2026-11", "--out", str(out / "spend.svg")]) == 0
    backup(f"sqlite:///{store}", out / "store.backup")
    output, errors = capsys.readouterr()
    assert "new" in output

    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    names = {path.name for path in written}
    assert {"billing.csv", "orders.csv", "spend.svg", "store.backup", "store.sqlite3"} <= names
    assert (out / "orders.csv").stat().st_size > 0
    for path in written:
        data = path.read_bytes()
        for form in _encodings(CANARY):
            assert form not in data, f"the secret is in {path.relative_to(tmp_path)}"
    assert CANARY not in output + errors
    assert memory_keyring.entries  # the secret is where it belongs


def test_no_row_of_the_store_holds_the_secret_on_either_backend(
    store_url: str,
    memory_keyring: MemoryKeyring,
    fake: FakeBss,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The shared PostgreSQL store has no file of ours to scan: every row of every table is read instead."""
    out = tmp_path / "out"
    out.mkdir()
    db = ["--db", store_url]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{KEY.key_id}\n{CANARY}\n"))
    assert main([*db, "credentials", "set", "--account", UID]) == 0
    assert main([*db, "sync", "--account", UID, "--since", "2026-11", "--endpoint", fake.url]) == 0
    assert main([*db, "export-table", "billing", "--period", "2026-11", "--out", str(out / "billing.csv")]) == 0
    output, errors = capsys.readouterr()

    engine = make_engine(store_url)
    try:
        with engine.connect() as connection:
            tables = inspect(connection).get_table_names()
            rows = [
                (table, row) for table in tables for row in connection.execute(text(f'SELECT * FROM "{table}"')).all()
            ]
    finally:
        engine.dispose()
    assert {"accounts", "bill_lines", "orders", "resource_plans"} <= set(tables)
    assert sum(table == "bill_lines" for table, _row in rows) == 4
    for table, row in rows:
        assert all(CANARY not in str(value) for value in row), f"the secret is in a row of {table}"
    for path in (path for path in tmp_path.rglob("*") if path.is_file()):
        assert all(form not in path.read_bytes() for form in _encodings(CANARY)), path.name
    assert CANARY not in output + errors
