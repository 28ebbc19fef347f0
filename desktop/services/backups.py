"""Copies of the store: a backup while it is in use, and a restore that replaces it once the copy is checked."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from desktop.services.changes import EVERYTHING, Changes, Done
from desktop.store import backup as copies


def backup(store: sessionmaker[Session], target: Path) -> Done[Path]:
    """Copy a SQLite store to `target` (it may be in use meanwhile); the path written."""
    return Done(copies.backup(store.kw["bind"], target), Changes())


def restore(store: sessionmaker[Session], source: Path) -> Done[Path | None]:
    """Replace the store with the checked backup `source`; where the replaced store was kept, if it was.

    Every connection of `store` is closed first: a store in use is never replaced.
    """
    engine = store.kw["bind"]
    engine.dispose()
    return Done(copies.restore(source, engine.url.render_as_string(hide_password=False)), EVERYTHING)
