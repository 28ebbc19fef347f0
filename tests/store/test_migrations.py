"""The schema is created and upgraded by Alembic, and a newer store is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from desktop.store.engine import make_engine
from desktop.store.errors import StoreError
from desktop.store.migrate import current_revision, head_revision, upgrade_store
from desktop.store.models import Base
from desktop.store.session import open_store


def test_upgrade_creates_every_table_of_the_models(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    assert current_revision(engine) is None
    upgrade_store(engine)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    for name, table in Base.metadata.tables.items():
        columns = {column["name"] for column in inspect(engine).get_columns(name)}
        assert columns == set(table.columns.keys()), name
    engine.dispose()


def test_upgrading_twice_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    open_store(url).kw["bind"].dispose()
    engine = make_engine(url)
    upgrade_store(engine)
    assert current_revision(engine) == head_revision()
    assert list(tmp_path.glob("*.bak")) == []
    engine.dispose()


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    engine = make_engine(url)
    upgrade_store(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer version"):
        upgrade_store(engine)
    engine.dispose()


def test_sqlite_store_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'nested' / 'store.sqlite3'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_unopenable_store_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(StoreError, match="cannot open"):
        open_store(f"sqlite:///{tmp_path / 'a-folder'}")
