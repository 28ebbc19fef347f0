"""The AccessKey secret is in no file the application writes: not only the store, every file.

tests/sources/test_sync.py already proves the store, the logs, the output and the wire clean.
This closes what it leaves open: the exports (tables and charts) and a backup of the store, and
anything else a session writes, found by walking every file under the test's folder (home, data,
config, settings and output folders alike).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store.backup import backup
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
