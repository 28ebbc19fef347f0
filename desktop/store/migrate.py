"""Bring a store's schema up to date with Alembic, safely."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.store.errors import StoreError, driver_reason

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this version of the application knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision a store is at, or None for an empty store."""
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "cannot open the store {url}: {reason}").format(
                url=repr(engine.url), reason=driver_reason(exc)
            )
        ) from exc


def backup_sqlite(engine: Engine, revision: str) -> Path | None:
    """Copy a SQLite store aside with SQLite's online backup; None for other backends."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(database).with_name(f"{Path(database).name}.{revision}.{stamp}.bak")
    with sqlite3.connect(database) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def upgrade_store(engine: Engine) -> None:
    """Upgrade `engine`'s store to the newest schema; refuse a store newer than the app.

    A SQLite store that already holds a schema is backed up before it is changed.
    """
    config = alembic_config()
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is not None:
        try:
            ScriptDirectory.from_config(config).get_revision(current)
        except CommandError as exc:
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "store",
                    "the store was written by a newer version of this application (schema {schema}); "
                    "update the application to open it",
                ).format(schema=current)
            ) from exc
        backup_sqlite(engine, current)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP("store", "cannot upgrade the store {url}: {reason}").format(
                url=repr(engine.url), reason=driver_reason(exc)
            )
        ) from exc
