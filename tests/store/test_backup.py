"""Backups and restores of a SQLite store: whole, checked before anything is replaced, atomic."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from desktop.store import backup as backup_module
from desktop.store.backup import backup, restore
from desktop.store.engine import make_engine
from desktop.store.errors import StoreError
from desktop.store.models import Payment
from desktop.store.payments import record_payment
from desktop.store.session import open_store
from tests.reliability.helpers import census


@pytest.fixture
def live(demo_url: str) -> Iterator[Engine]:
    engine = make_engine(demo_url)
    yield engine
    engine.dispose()


def _file_state(folder: Path) -> dict[str, str]:
    """Every file of a folder with a hash of its bytes: what "nothing was touched" means."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir()) if path.is_file()
    }


def _integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        connection.close()


def _pay(url: str, amount: str) -> None:
    store = open_store(url)
    with store.begin() as session:
        record_payment(session, Decimal(amount), datetime(2026, 11, 26, tzinfo=UTC), note=f"paid {amount}")
    store.kw["bind"].dispose()


def test_a_backup_is_one_sound_file_with_every_committed_row(live: Engine, demo_url: str, tmp_path: Path) -> None:
    _pay(demo_url, "12.34")  # committed, and still in the WAL file: the backup must have it
    before = census(live)
    with live.connect() as busy:  # a transaction in progress is not part of the backup
        busy.execute(text("DELETE FROM payments"))
        target = backup(demo_url, tmp_path / "backups" / "store.backup")
        busy.rollback()
    assert target == tmp_path / "backups" / "store.backup"
    assert _integrity(target) == "ok"
    assert sorted(path.name for path in target.parent.iterdir()) == ["store.backup"]  # no -wal, no leftovers
    copy = make_engine(f"sqlite:///{target}")
    assert census(copy) == before
    with copy.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Payment.__table__)) >= 1
    copy.dispose()
    assert census(live) == before


def test_a_backup_can_be_made_from_the_engine_in_use(live: Engine, tmp_path: Path) -> None:
    target = backup(live, tmp_path / "from-engine.sqlite3")
    assert _integrity(target) == "ok"
    copy = make_engine(f"sqlite:///{target}")
    assert census(copy) == census(live)
    copy.dispose()


def test_a_failed_backup_leaves_the_previous_backup_as_it_was(
    demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "backups"
    backup(demo_url, folder / "store.backup")
    previous = _file_state(folder)

    def failing(_connection: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(backup_module, "_self_contained", failing)
    _pay(demo_url, "1.00")
    with pytest.raises(StoreError, match=r"cannot back up the store .*disk full"):
        backup(demo_url, folder / "store.backup")
    assert _file_state(folder) == previous


def test_only_a_sqlite_file_store_has_backups(store_url: str, tmp_path: Path) -> None:
    if store_url.startswith("sqlite"):
        open_store(store_url).kw["bind"].dispose()
        assert _integrity(backup(store_url, tmp_path / "copy.sqlite3")) == "ok"
        return
    with pytest.raises(StoreError, match=r"only a SQLite store.*pg_dump"):
        backup(store_url, tmp_path / "copy.sqlite3")
    with pytest.raises(StoreError, match="only a SQLite store"):
        restore(tmp_path / "copy.sqlite3", store_url)
    assert not (tmp_path / "copy.sqlite3").exists()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_an_in_memory_store_has_no_backup(url: str, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a file"):
        backup(url, tmp_path / "copy.sqlite3")


def test_a_missing_store_is_not_backed_up_as_an_empty_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        backup(f"sqlite:///{tmp_path / 'absent.sqlite3'}", tmp_path / "copy.sqlite3")
    assert not (tmp_path / "absent.sqlite3").exists()


def test_restore_brings_back_the_backup_and_keeps_the_replaced_store(
    live: Engine, demo_url: str, tmp_path: Path
) -> None:
    saved = census(live)
    target = backup(demo_url, tmp_path / "store.backup")
    _pay(demo_url, "99.99")  # a change made after the backup, in the WAL file
    changed = census(live)
    assert changed != saved
    live.dispose()  # as the window does before it restores

    kept = restore(target, demo_url)

    store_path = Path(demo_url.removeprefix("sqlite:///"))
    assert _integrity(store_path) == "ok"
    assert not store_path.with_name(store_path.name + "-wal").exists()  # no stale WAL to replay over it
    assert census(live) == saved
    assert kept is not None
    kept_engine = make_engine(f"sqlite:///{kept}")
    assert census(kept_engine) == changed  # the replaced store, with the late payment, is kept aside
    kept_engine.dispose()
    store = open_store(demo_url)  # and the application opens the restored store as usual
    with store() as session:
        assert session.scalar(select(func.count()).select_from(Payment).where(Payment.note == "paid 99.99")) == 0
    store.kw["bind"].dispose()
    assert [path.name for path in store_path.parent.iterdir() if path.name.endswith(".partial")] == []


def test_restore_into_a_new_place_creates_the_store(demo_url: str, tmp_path: Path) -> None:
    target = backup(demo_url, tmp_path / "store.backup")
    url = f"sqlite:///{tmp_path / 'elsewhere' / 'account.sqlite3'}"
    assert restore(target, url) is None
    engine = make_engine(url)
    source = make_engine(demo_url)
    assert census(engine) == census(source)
    engine.dispose()
    source.dispose()


def _corrupt(path: Path) -> Path:
    """A backup whose table pages are overwritten in the middle: the header is intact."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    middle = len(data) // page // 2 * page
    data[middle : middle + page] = b"\xa5" * page
    path.write_bytes(bytes(data))
    return path


def _foreign(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("INSERT INTO notes (body) VALUES ('not ours')")
    connection.commit()
    connection.close()
    return path


def _other_alembic_app(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    connection.execute("INSERT INTO alembic_version VALUES ('0001')")
    connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    return path


def _newer(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_corrupt, "is damaged"),
        (lambda path: (path.write_bytes(b"name,amount\nx,1\n" * 500), path)[1], "is not a SQLite database"),
        (lambda path: (path.write_bytes(b""), path)[1], "is not a store of this application"),
        (_foreign, "is not a store of this application"),
        (_other_alembic_app, "is not a store of this application"),
        (_newer, "newer version of this application"),
    ],
    ids=["corrupt", "text file", "empty file", "foreign database", "another alembic app", "newer schema"],
)
def test_a_bad_backup_is_refused_and_nothing_is_replaced(
    make, message: str, live: Engine, demo_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    source = folder / "bad.backup"
    if make in (_corrupt, _newer):
        backup(demo_url, source)
    make(source)
    if make is _corrupt:
        assert _integrity(source) != "ok"
    store_folder = Path(demo_url.removeprefix("sqlite:///")).parent
    before = census(live)
    live.dispose()
    files = _file_state(store_folder)

    with pytest.raises(StoreError, match=message) as refused:
        restore(source, demo_url)

    assert "not replaced" in str(refused.value)
    assert _file_state(store_folder) == files  # not a byte changed, no file added or left behind
    assert census(live) == before


def test_a_store_in_use_is_not_replaced(live: Engine, demo_url: str, tmp_path: Path) -> None:
    target = backup(demo_url, tmp_path / "store.backup")
    _pay(demo_url, "5.00")
    before = census(live)
    with live.connect() as reader:
        reader.execute(text("SELECT count(*) FROM payments")).scalar()
        with pytest.raises(StoreError, match="in use"):
            restore(target, demo_url)
    assert census(live) == before
    assert [path.name for path in target.parent.iterdir() if ".before-restore." in path.name] == []


def test_the_store_itself_is_not_a_backup(demo_url: str) -> None:
    path = Path(demo_url.removeprefix("sqlite:///"))
    with pytest.raises(StoreError, match="cannot replace the store it copies"):
        backup(demo_url, path)
    with pytest.raises(StoreError, match="the store itself"):
        restore(path, demo_url)


def test_a_wal_left_by_a_crashed_process_is_neither_lost_nor_replayed_over_the_backup(
    live: Engine, demo_url: str, tmp_path: Path
) -> None:
    target = backup(demo_url, tmp_path / "store.backup")
    saved = census(live)
    live.dispose()
    store_path = Path(demo_url.removeprefix("sqlite:///"))
    crash = (
        "import os, sqlite3, sys\n"
        "connection = sqlite3.connect(sys.argv[1])\n"
        "connection.execute('PRAGMA wal_autocheckpoint=0')\n"
        "connection.execute(\"UPDATE accounts SET name = 'renamed before the crash'\")\n"
        "connection.commit()\n"
        "os._exit(0)  # no checkpoint, no clean close: the change lives only in the -wal file\n"
    )
    subprocess.run([sys.executable, "-c", crash, str(store_path)], check=True)
    wal = store_path.with_name(store_path.name + "-wal")
    assert wal.stat().st_size > 0

    kept = restore(target, demo_url)

    assert not wal.exists()
    assert census(live) == saved  # the old WAL was not replayed over the restored store
    assert kept is not None
    with contextlib.closing(sqlite3.connect(kept)) as connection:
        assert connection.execute("SELECT name FROM accounts").fetchone()[0] == "renamed before the crash"
