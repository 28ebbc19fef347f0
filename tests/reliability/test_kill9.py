"""SIGKILL at random moments of a command-line import: the store is all or nothing, always sound.

Each round starts `python -m desktop --db URL import FILE` and kills it after a random delay;
the moment is classified by where the child had got to in the file (its file offset, read
from /proc just before the kill). After each kill the store must be sound and hold either
nothing of the file or all of it (row counts, exact money sums and rollups equal to an empty
store's or a clean import's); after a few kills on one store, a re-import must reach exactly the
state of one clean import. Sound means, on SQLite, `PRAGMA integrity_check` says `ok`; on
PostgreSQL, the killed client's server process has gone with no transaction or lock left behind,
and every index of the store agrees with its table (amcheck's `bt_index_check` with heapallindexed).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from desktop.domain.policy import Policy
from desktop.sources.importer import import_file
from desktop.store.engine import make_engine
from desktop.store.session import open_store
from tests.reliability.helpers import NOW, ROOT, billing_file, census, clear

LINES = 20_000  # the import itself (~0.7 s) as long as the start-up before it: most kills land inside it
STORES = 10
KILLS_PER_STORE = 5
CLEAN_RUNS = 3
GONE_WITHIN = 10.0  # seconds for PostgreSQL to notice that a killed client's connection is closed


def _offset_in(pid: int, path: Path) -> int | None:
    """How far process `pid` has read `path`, or None when it does not have it open."""
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                    with open(f"/proc/{pid}/fdinfo/{fd}") as info:
                        return int(info.readline().split()[1])
            except (OSError, IndexError, ValueError):
                continue
    except OSError:
        return None
    return None


def _start_import(url: str, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", url, "import", str(path)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _census_of(url: str) -> dict[str, object]:
    engine = make_engine(url)
    try:
        return census(engine)
    finally:
        engine.dispose()


@dataclass
class Stores:
    """Fresh empty stores on one backend, and what "sound" means there."""

    fresh: Callable[[int], str]
    """The URL of empty store number n, at the newest schema."""
    sound: Callable[[str], str]
    """"ok", or what is wrong with the store at the URL."""


def _sqlite_stores(template_url: str, folder: Path) -> Stores:
    template = Path(template_url.removeprefix("sqlite:///"))

    def fresh(number: int) -> str:
        path = folder / f"store{number}.sqlite3"
        shutil.copy(template, path)
        return f"sqlite:///{path}"

    def sound(url: str) -> str:
        connection = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            return connection.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            connection.close()

    return Stores(fresh, sound)


def _postgresql_stores(url: str, engine: Engine, waits: list[float]) -> Stores:
    """One database, emptied for each store; the killed client's session must end by itself."""

    def fresh(_number: int) -> str:
        clear(engine)
        return url

    def sound(_url: str) -> str:
        began = time.monotonic()
        with engine.connect() as connection:
            while True:
                others = connection.execute(
                    text(
                        "SELECT pid, state, xact_start IS NOT NULL FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                ).all()
                connection.rollback()
                if not others or time.monotonic() - began > GONE_WITHIN:
                    break
                time.sleep(0.02)
            waits.append(time.monotonic() - began)
            if others:
                return f"the killed import's session is still there: {others}"
            locks = connection.execute(
                text(
                    "SELECT locktype, mode FROM pg_locks WHERE pid <> pg_backend_pid() "
                    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                )
            ).all()
            if locks:
                return f"locks left behind: {locks}"
            indexes = connection.execute(
                text(
                    "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam "
                    "WHERE n.nspname = 'public' AND a.amname = 'btree'"
                )
            ).scalars()
            checked = 0
            for index in indexes:
                # Raises (and fails the test) if the index and its table disagree.
                connection.execute(text("SELECT bt_index_check(CAST(:index AS regclass), true)"), {"index": index})
                checked += 1
            connection.rollback()
        return "ok" if checked else "no index was checked"

    return Stores(fresh, sound)


@pytest.fixture
def stores(store_url: str, tmp_path: Path) -> Iterator[tuple[Stores, list[float]]]:
    """Empty stores on the backend, made at the newest schema so that the children spend their time importing."""
    open_store(store_url).kw["bind"].dispose()
    waits: list[float] = []
    if store_url.startswith("sqlite"):
        yield _sqlite_stores(store_url, tmp_path), waits
        return
    engine = make_engine(store_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
    try:
        yield _postgresql_stores(store_url, engine, waits), waits
    finally:
        engine.dispose()


@pytest.mark.slow
def test_sigkill_during_an_import_leaves_all_or_nothing(
    stores: tuple[Stores, list[float]], tmp_path: Path, policy: Policy, record_property
) -> None:
    backend, waits = stores
    source = billing_file(tmp_path / "billing.csv", LINES)
    size = source.stat().st_size

    # The kills are timed from a clean run's length: the quickest of three, so that one run slowed
    # by a busy machine does not push most kills past the commit.
    timings = []
    for attempt in range(CLEAN_RUNS):
        clean_url = backend.fresh(-1 - attempt)
        started = time.monotonic()
        clean_run = _start_import(clean_url, source)
        _, clean_err = clean_run.communicate(timeout=60)
        timings.append(time.monotonic() - started)
        assert clean_run.returncode == 0, clean_err
    duration = min(timings)
    clean = _census_of(clean_url)
    assert clean["counts"]["bill_lines"] == LINES
    assert backend.sound(clean_url) == "ok"
    empty = _census_of(backend.fresh(-1 - CLEAN_RUNS))
    assert empty["counts"]["bill_lines"] == 0

    rng = random.Random(20261126)
    moments: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    for store_number in range(STORES):
        url = backend.fresh(store_number)
        for _ in range(KILLS_PER_STORE):
            child = _start_import(url, source)
            time.sleep(rng.uniform(0.3, 1.05) * duration)
            offset = _offset_in(child.pid, source)
            finished = child.poll() is not None
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            if finished:
                moments["after it finished"] += 1
            elif offset is None:
                moments["before or after reading the file"] += 1
            elif offset < size:
                moments["while reading the file"] += 1
            else:
                moments["after reading, before the commit"] += 1

            assert backend.sound(url) == "ok"
            state = _census_of(url)
            assert state in (empty, clean), f"a kill left a partial import: {state['counts']}"
            outcomes["nothing" if state == empty else "everything"] += 1

        # A re-import, in this process through the same code, reaches the clean import's state.
        store = open_store(url)
        try:
            import_file(store, source, policy, NOW)
        finally:
            store.kw["bind"].dispose()
        assert _census_of(url) == clean
        assert backend.sound(url) == "ok"

    record_property("kill9_moments", dict(moments))
    record_property("kill9_outcomes", dict(outcomes))
    gone = f"; the killed session gone within {max(waits):.2f} s" if waits else ""
    print(
        f"{clean_url.split(':')[0]}: clean import {duration:.2f} s; kills: {dict(moments)}; "
        f"store after the kill: {dict(outcomes)}{gone}"
    )
    assert sum(moments.values()) == STORES * KILLS_PER_STORE
    # The test means something only if most kills land inside the import's transaction.
    assert moments["while reading the file"] + moments["after reading, before the commit"] >= 25, moments
