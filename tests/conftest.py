"""Shared fixtures: an isolated environment, a demo store made once, a fixed clock."""

from __future__ import annotations

import decimal
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import NoReturn
from zoneinfo import ZoneInfo

import keyring
import pytest
from alibabacloud_credentials.utils import auth_util
from keyring.backends import fail

# Before Qt is imported anywhere: no screen is needed, ever.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from desktop.clock import CLOCK_VARIABLE
from desktop.controllers.base import Context
from desktop.domain.policy import Policy, load_policy
from desktop.sources.demo import fill_demo_if_empty
from desktop.store.session import open_store
from tests.keyrings import MemoryKeyring

DEMO_AT = datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
"""The moment the test demo account is made; the demo is in its grace period then."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long battery lines first: given out last, one would keep a parallel worker busy alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests never touch the user's folders, run at the demo's moment, read en_US numbers and dates, and a float
    never reaches money code."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("APSARA_LIVE_DB", raising=False)
    # Alibaba Cloud's credential chain finds no key but one a test gives, and never asks the network. It reads
    # the environment once, when it is imported: the processes a test starts get the variables, this one its copy.
    for variable in ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"):
        monkeypatch.delenv(variable, raising=False)
        monkeypatch.setattr(auth_util, f"environment_{variable.removeprefix('ALIBABA_CLOUD_').lower()}", None)
    monkeypatch.setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
    monkeypatch.setattr(auth_util, "environment_ecs_metadata_disabled", "true")
    # Whatever today is, the application (and any process a test starts) lives at the demo's moment.
    monkeypatch.setenv(CLOCK_VARIABLE, DEMO_AT.isoformat())
    # Qt resolves its settings folder once per process: point it at this test's folder each time.
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    # Amounts and days in sentences and tables are written as en_US writes them, whatever the machine's locale.
    QLocale.setDefault(QLocale("en_US"))
    # A message box nobody expected fails the test at once; waiting for a click would hang the run.
    for box in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, box, _unexpected_box)
    context = decimal.getcontext()
    trapped = context.traps[decimal.FloatOperation]
    context.traps[decimal.FloatOperation] = True
    yield
    context.traps[decimal.FloatOperation] = trapped


def _unexpected_box(_parent: object, title: str, text: str, *_args: object) -> NoReturn:
    raise AssertionError(f"an unexpected message box: {title}: {text}")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The keyring for the duration of a test; afterwards a failing one, never the user's real one."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(fail.Keyring())


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo store file made once per run; tests get their own copy."""
    path = tmp_path_factory.mktemp("template") / "demo.sqlite3"
    store = open_store(f"sqlite:///{path}")
    assert fill_demo_if_empty(store, DEMO_AT, load_policy())
    store.kw["bind"].dispose()
    return path


@pytest.fixture
def demo_url(tmp_path: Path, demo_template: Path) -> str:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def demo_store(demo_url: str) -> Iterator[sessionmaker[Session]]:
    store = open_store(demo_url)
    yield store
    store.kw["bind"].dispose()


PG_ADMIN_URL = os.environ.get("APSARA_LIVE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
"""A PostgreSQL server where the tests may create and drop databases (.ci/run makes sure there is one)."""


BACKENDS = ("sqlite", "postgresql")


@contextmanager
def backend_url(backend: str, folder: Path, template: str | None = None) -> Iterator[str]:
    """An empty store on `backend`: a SQLite file in `folder`, or a fresh PostgreSQL database dropped afterwards.

    `template` names a PostgreSQL database to copy instead of starting empty.
    """
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'store.sqlite3'}"
        return
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"avl_test_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store on each supported backend: a SQLite file, and a fresh PostgreSQL database."""
    with backend_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def pg_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A PostgreSQL database holding the demo, made once per test process; tests copy it (a template)."""
    with backend_url("postgresql", tmp_path_factory.mktemp("pg")) as url:
        store = open_store(url)
        assert fill_demo_if_empty(store, DEMO_AT, load_policy())
        store.kw["bind"].dispose()  # a template must have no connection while it is copied
        database = make_url(url).database
        assert database is not None
        yield database


@pytest.fixture(params=BACKENDS)
def demo_on_backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The demo on each supported backend: a copy of the demo file, or a copy of the demo database."""
    if request.param == "sqlite":
        yield request.getfixturevalue("demo_url")
        return
    with backend_url("postgresql", tmp_path, template=request.getfixturevalue("pg_demo_template")) as url:
        yield url


@pytest.fixture
def demo_on_backend(demo_on_backend_url: str) -> Iterator[sessionmaker[Session]]:
    store = open_store(demo_on_backend_url)
    yield store
    store.kw["bind"].dispose()


@pytest.fixture
def empty_store(store_url: str) -> Iterator[sessionmaker[Session]]:
    store = open_store(store_url)
    yield store
    store.kw["bind"].dispose()


@pytest.fixture
def context(demo_store: sessionmaker[Session], policy: Policy) -> Context:
    """Controllers' context on the demo store, with the clock stopped at DEMO_AT."""
    return Context(demo_store, policy, clock=lambda: DEMO_AT)
