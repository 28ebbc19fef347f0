"""The child process that reads a big file ahead: its failures reach the user, and it never outlives an import."""

from __future__ import annotations

import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.policy import Policy
from desktop.sources import read_ahead
from desktop.sources.errors import ImportFileError
from desktop.sources.importer import import_file
from desktop.store.models import BillLine
from tests.sample_copies import sample_copies

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "billing-details-en.csv"
NOW = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list:
    """Every file is read ahead; the children started are kept for the test to look at."""
    monkeypatch.setattr(read_ahead, "AHEAD_FROM_BYTES", 0)
    monkeypatch.setattr(read_ahead, "_cores", lambda: 2)
    started: list = []
    start = read_ahead._start

    def watched(*args: object) -> object:
        child = start(*args)  # type: ignore[arg-type]
        started.append(child)
        return child

    monkeypatch.setattr(read_ahead, "_start", watched)
    return started


def _count(store: sessionmaker[Session]) -> int:
    with store() as session:
        return session.scalar(select(func.count()).select_from(BillLine)) or 0


def test_a_cancelled_import_stops_the_child_at_once(empty_store, tmp_path: Path, policy: Policy, children) -> None:
    class CancelledError(Exception):
        pass

    def cancel(done: int, size: int) -> None:
        raise CancelledError

    with pytest.raises(CancelledError):
        import_file(empty_store, sample_copies(tmp_path / "copies.csv", 2700), policy, NOW, progress=cancel)
    assert len(children) == 1
    assert children[0].returncode is not None  # stopped and waited for, not left running
    assert _count(empty_store) == 0


@pytest.mark.parametrize("ahead", [True, False], ids=["read ahead", "read here"])
def test_undecodable_text_names_its_own_line(
    empty_store, tmp_path: Path, policy: Policy, monkeypatch: pytest.MonkeyPatch, ahead: bool
) -> None:
    """The text layer decodes far ahead of the CSV reader: the line named is still the one with the bad byte."""
    if ahead:
        monkeypatch.setattr(read_ahead, "AHEAD_FROM_BYTES", 0)
        monkeypatch.setattr(read_ahead, "_cores", lambda: 2)
    target = sample_copies(tmp_path / "copies.csv", 2700)
    lines = target.read_bytes().splitlines(keepends=True)
    lines[2000] = b"\xff" + lines[2000]
    target.write_bytes(b"".join(lines))
    with pytest.raises(ImportFileError, match=r":2001: the text stops being utf-8"):
        import_file(empty_store, target, policy, NOW)
    assert _count(empty_store) == 0


def test_a_child_that_dies_refuses_the_file_and_stores_nothing(
    empty_store, tmp_path: Path, policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_ahead, "AHEAD_FROM_BYTES", 0)
    monkeypatch.setattr(read_ahead, "_cores", lambda: 2)
    monkeypatch.setattr(read_ahead, "_command", lambda: [sys.executable, "-c", "raise SystemExit(3)"])
    with pytest.raises(ImportFileError, match=r"the process reading the file stopped unexpectedly \(exit code 3\)"):
        import_file(empty_store, SAMPLE, policy, NOW)
    assert _count(empty_store) == 0


def test_the_file_is_read_here_when_no_child_can_start(
    empty_store, policy: Policy, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(read_ahead, "AHEAD_FROM_BYTES", 0)
    monkeypatch.setattr(read_ahead, "_cores", lambda: 2)
    monkeypatch.setattr(read_ahead, "_command", lambda: [str(Path(sys.executable).with_name("no-such-python"))])
    assert import_file(empty_store, SAMPLE, policy, NOW).counts.new == 90
    assert "could not start" in caplog.text


def test_small_files_are_read_without_a_child(empty_store, policy: Policy, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("a child was started for a small file")

    monkeypatch.setattr(read_ahead, "_start", refuse)
    assert SAMPLE.stat().st_size < read_ahead.AHEAD_FROM_BYTES
    assert import_file(empty_store, SAMPLE, policy, NOW).counts.new == 90


def test_one_core_reads_without_a_child(empty_store, policy: Policy, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("a child was started on a single core")

    monkeypatch.setattr(read_ahead, "AHEAD_FROM_BYTES", 0)
    monkeypatch.setattr(read_ahead, "_cores", lambda: 1)
    monkeypatch.setattr(read_ahead, "_start", refuse)
    assert import_file(empty_store, SAMPLE, policy, NOW).counts.new == 90


def test_stray_output_from_the_child_refuses_the_file_without_waiting_for_it(
    empty_store, policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the child did not send (a library printing) is not read as batches; the child is stopped, not awaited."""
    noisy = "import sys, time; sys.stdout.write('Warning: x\\n' * 100_000); sys.stdout.flush(); time.sleep(60)"
    started: list = []
    start = read_ahead._start
    monkeypatch.setattr(read_ahead, "AHEAD_FROM_BYTES", 0)
    monkeypatch.setattr(read_ahead, "_cores", lambda: 2)
    monkeypatch.setattr(read_ahead, "_command", lambda: [sys.executable, "-c", noisy])
    monkeypatch.setattr(read_ahead, "_start", lambda *args: started.append(start(*args)) or started[-1])
    with pytest.raises(ImportFileError, match="the process reading the file stopped unexpectedly"):
        import_file(empty_store, SAMPLE, policy, NOW)
    assert started[0].returncode == -signal.SIGKILL  # stopped by the importer, not waited for until it ended
    assert _count(empty_store) == 0


def test_a_module_in_the_working_folder_does_not_reach_the_child(
    empty_store, tmp_path: Path, policy: Policy, children, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m` puts the working folder first on the path: the child runs elsewhere, so a csv.py there is unread."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "csv.py").write_text("raise SystemExit('a csv.py of the working folder was imported')\n")
    sample_copies(tmp_path / "big.csv", 2700)
    monkeypatch.chdir(folder)
    assert import_file(empty_store, Path("..") / "big.csv", policy, NOW).counts.new == 2700
    assert children[0].returncode == 0


def test_an_import_s_big_page_cache_is_given_back(tmp_path: Path, policy: Policy) -> None:
    """The import's connection caches up to 64 MiB while it writes; back in the pool it has SQLite's default again."""
    from desktop.store.engine import IMPORT_CACHE_KIB
    from desktop.store.session import open_store

    store = open_store(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    seen: list[int] = []
    engine = store.kw["bind"]
    with engine.connect() as connection:
        default = connection.exec_driver_sql("PRAGMA cache_size").scalar()

    def during(done: int, size: int) -> None:
        with engine.connect() as other:  # the pool's other connection: untouched by the import's cache
            seen.append(other.exec_driver_sql("PRAGMA cache_size").scalar())

    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    import_file(store, SAMPLE, policy, NOW, progress=during)
    assert f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}" in statements
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == default
    assert seen
    assert set(seen) == {default}
    assert default != -IMPORT_CACHE_KIB
    engine.dispose()


def test_a_reading_closed_before_its_first_batch_stops_its_child(tmp_path: Path, children) -> None:
    from zoneinfo import ZoneInfo

    from desktop.sources.billing_details import BillingDetailsReader, map_header
    from desktop.sources.text_files import CsvFile

    with CsvFile(sample_copies(tmp_path / "big.csv", 2700)) as csv_file:
        reader = BillingDetailsReader(map_header(csv_file.header), ZoneInfo("Asia/Shanghai"))
        reading = read_ahead.read_batches(csv_file, reader, 500)
        reading.close()
    assert children[0].returncode is not None  # stopped and waited for, though no batch was read
