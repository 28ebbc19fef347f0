"""SIGKILL at random moments of a command-line import: the store is all or nothing, always sound.

Each round starts `python -m desktop --db URL import FILE` and kills it after a random delay;
the moment is classified by where the child had got to in the file (its file offset, read
from /proc just before the kill). After each kill the store must pass SQLite's
`PRAGMA integrity_check` and hold either nothing of the file or all of it; after a few kills
on one store file, a re-import must reach exactly the state of one clean import.
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
from pathlib import Path

import pytest

from desktop.domain.policy import Policy
from desktop.sources.importer import import_file
from desktop.store.engine import make_engine
from desktop.store.session import open_store
from tests.reliability.helpers import NOW, ROOT, billing_file, census

LINES = 8_000  # a clean import takes about 1 s after the interpreter has started
STORES = 10
KILLS_PER_STORE = 5


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


def _integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def _census_of(url: str) -> dict[str, object]:
    engine = make_engine(url)
    try:
        return census(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store at the newest schema, so that the children spend their time importing."""
    path = tmp_path_factory.mktemp("kill9") / "empty.sqlite3"
    open_store(f"sqlite:///{path}").kw["bind"].dispose()
    return path


def test_sigkill_during_an_import_leaves_all_or_nothing(
    tmp_path: Path, empty_template: Path, policy: Policy, record_property
) -> None:
    source = billing_file(tmp_path / "billing.csv", LINES)
    size = source.stat().st_size

    clean_path = tmp_path / "clean.sqlite3"
    shutil.copy(empty_template, clean_path)
    started = time.monotonic()
    clean_run = _start_import(f"sqlite:///{clean_path}", source)
    _, clean_err = clean_run.communicate(timeout=60)
    duration = time.monotonic() - started
    assert clean_run.returncode == 0, clean_err
    clean = _census_of(f"sqlite:///{clean_path}")
    assert clean["counts"]["bill_lines"] == LINES
    empty = _census_of(f"sqlite:///{empty_template}")
    assert empty["counts"]["bill_lines"] == 0

    rng = random.Random(20261126)
    moments: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    for store_number in range(STORES):
        path = tmp_path / f"store{store_number}.sqlite3"
        shutil.copy(empty_template, path)
        url = f"sqlite:///{path}"
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

            assert _integrity(path) == "ok"
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
        assert _integrity(path) == "ok"

    record_property("kill9_moments", dict(moments))
    record_property("kill9_outcomes", dict(outcomes))
    print(f"clean import {duration:.2f} s; kills: {dict(moments)}; store after the kill: {dict(outcomes)}")
    assert sum(moments.values()) == STORES * KILLS_PER_STORE
    # The test means something only if most kills land inside the import's transaction.
    assert moments["while reading the file"] + moments["after reading, before the commit"] >= 25, moments
