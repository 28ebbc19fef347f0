"""The schema is created and upgraded by Alembic, and a newer store is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from desktop.store.engine import make_engine
from desktop.store.errors import StoreError
from desktop.store.migrate import current_revision, head_revision, upgrade_store
from desktop.store.models import Base
from desktop.store.session import open_store


def test_upgrade_creates_every_table_of_the_models(store_url: str) -> None:
    engine = make_engine(store_url)
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


def test_a_store_from_a_newer_version_is_refused(store_url: str) -> None:
    engine = make_engine(store_url)
    upgrade_store(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer version"):
        upgrade_store(engine)
    engine.dispose()


def test_sqlite_store_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA page_size").scalar() == 16384
    engine.dispose()


def test_an_existing_sqlite_store_keeps_its_page_size(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:  # a store made before 16 KiB pages
        old.execute("PRAGMA journal_mode=WAL")
        old.execute("CREATE TABLE kept (value TEXT)")
        old.execute("INSERT INTO kept VALUES ('still here')")
    old.close()
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA page_size").scalar() == 4096
        assert connection.exec_driver_sql("SELECT value FROM kept").scalar() == "still here"
    engine.dispose()


def test_unopenable_store_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(StoreError, match="cannot open"):
        open_store(f"sqlite:///{tmp_path / 'a-folder'}")


def _census(engine) -> dict[str, object]:
    """Row counts of every table, money sums of the bill lines, and each line's statistical day."""
    with engine.connect() as connection:
        counts = {
            name: connection.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar() for name in Base.metadata.tables
        }
        sums = connection.exec_driver_sql(
            "SELECT sum(pretax_gross), sum(pretax_amount), sum(cash_payment), sum(outstanding) FROM bill_lines"
        ).one()
        days = dict(connection.exec_driver_sql("SELECT id, usage_day FROM bill_lines").all())
        rollups = connection.exec_driver_sql(
            "SELECT dimension, day, key, lines, payable, outstanding FROM bill_rollups ORDER BY dimension, day, key"
        ).all()
    return {"counts": counts, "sums": tuple(sums), "days": days, "rollups": rollups}


def test_upgrading_a_populated_store_keeps_every_row_and_sum(demo_url: str, tmp_path: Path) -> None:
    from alembic import command

    from desktop.store.migrate import alembic_config

    engine = make_engine(demo_url)
    before = _census(engine)
    assert before["counts"]["bill_lines"] > 1000
    with engine.begin() as connection:  # back to the first schema, as an older release left it
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert current_revision(engine) == "0001"
    upgrade_store(engine)
    assert current_revision(engine) == head_revision()
    assert _census(engine) == before
    backups = list(tmp_path.glob("demo.sqlite3.0001.*.bak"))
    assert len(backups) == 1
    engine.dispose()


def test_refund_requests_of_older_stores_name_their_destination_in_the_quote_s_words(store_url: str) -> None:
    from alembic import command

    from desktop.store.migrate import alembic_config

    engine = make_engine(store_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        connection.execute(
            text(
                "INSERT INTO accounts (uid, name, currency, timezone, site)"
                " VALUES ('1', 'test', 'CNY', 'Asia/Shanghai', 'china')"
            )
        )
        for number, destination in enumerate(("original:CreditCard", "account_balance", "original:PayPal")):
            connection.execute(
                text(
                    "INSERT INTO refund_requests (account_id, order_id, state, created_at, refundable, currency,"
                    " destination, version) VALUES ((SELECT id FROM accounts), :order, 'credited',"
                    " '2026-11-01 00:00:00', 1, 'CNY', :destination, 1)"
                ),
                {"order": f"o{number}", "destination": destination},
            )
    upgrade_store(engine)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT destination FROM refund_requests ORDER BY order_id")).scalars()
        assert list(stored) == ["CreditCard", "AccountBalance", "PayPal"]
    engine.dispose()
