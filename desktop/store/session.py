"""Opening a store: engine, schema upgrade and the process's one session factory."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from desktop.store.engine import make_engine, make_sessionmaker
from desktop.store.migrate import upgrade_store


def open_store(url: str) -> sessionmaker[Session]:
    """Open the store at `url`, upgrading its schema first (STYLE §9)."""
    engine = make_engine(url)
    upgrade_store(engine)
    return make_sessionmaker(engine)
