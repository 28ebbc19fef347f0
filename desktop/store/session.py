"""Opening a store: engine, schema upgrade and the process's one session factory."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.engine import make_engine, make_sessionmaker

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"


def newest_revision() -> str:
    """The newest migration's revision, read from the file names (`0004_what_it_does.py` is "0004").

    Alembic itself takes longer to import than the window takes to appear, so a store that is
    already current is recognised without it; tests/store/test_schema_check.py checks that this
    agrees with Alembic's own head.
    """
    return max(path.name.split("_", 1)[0] for path in VERSIONS.glob("[0-9]*_*.py"))


def schema_is_current(engine: Engine) -> bool:
    """Whether the store is at the newest revision (False for an empty or unreadable one: Alembic decides)."""
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except SQLAlchemyError:
        return False
    return stored == [newest_revision()]


def open_store(url: str) -> sessionmaker[Session]:
    """Open the store at `url`, upgrading its schema first (STYLE §9)."""
    engine = make_engine(url)
    if not schema_is_current(engine):
        from desktop.store.migrate import upgrade_store  # Alembic only when the schema must change

        upgrade_store(engine)
    return make_sessionmaker(engine)
