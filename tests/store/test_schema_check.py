"""Opening a store that is already current does not load Alembic (start-up time), and agrees with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic import command

from desktop.store.engine import make_engine
from desktop.store.migrate import alembic_config, current_revision, head_revision
from desktop.store.session import newest_revision, open_store, schema_is_current

PROBE = """
import sys
from desktop.store.session import open_store
open_store(sys.argv[1]).kw["bind"].dispose()
print("alembic" in sys.modules)
"""


def alembic_loaded_to_open(url: str) -> bool:
    done = subprocess.run([sys.executable, "-c", PROBE, url], capture_output=True, text=True, check=True)
    return done.stdout.strip() == "True"


def test_the_newest_file_is_alembics_head() -> None:
    assert newest_revision() == head_revision()


def test_a_current_store_opens_without_alembic_and_an_empty_one_with_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    assert alembic_loaded_to_open(url)  # empty: the schema is created
    assert not alembic_loaded_to_open(url)  # current: one SELECT decides
    engine = make_engine(url)
    assert schema_is_current(engine)
    engine.dispose()


def test_an_older_store_is_still_upgraded(store_url: str) -> None:
    open_store(store_url).kw["bind"].dispose()
    engine = make_engine(store_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
    assert not schema_is_current(engine)
    engine.dispose()
    open_store(store_url).kw["bind"].dispose()
    engine = make_engine(store_url)
    assert current_revision(engine) == head_revision()
    engine.dispose()
