"""Upgrading a populated PostgreSQL store keeps every row and every sum.

tests/store/test_migrations.py does this for SQLite; the same walk on the shared team store:
the demo account, taken back to the first schema, then upgraded to the newest.
"""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.policy import Policy
from desktop.sources.demo import fill_demo_if_empty
from desktop.store.migrate import alembic_config, current_revision, head_revision, upgrade_store
from tests.conftest import DEMO_AT
from tests.reliability.helpers import census, snapshot


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_upgrading_a_populated_postgresql_store_keeps_every_row_and_sum(
    empty_store: sessionmaker[Session], policy: Policy
) -> None:
    assert fill_demo_if_empty(empty_store, DEMO_AT, policy)
    engine = empty_store.kw["bind"]
    assert engine.dialect.name == "postgresql"
    with engine.begin() as connection:  # what the first release never wrote (migration 0008 adds it)
        connection.execute(
            text(
                "UPDATE refund_requests SET quote = NULL, processing_at = NULL, rejected_at = NULL, cancelled_at = NULL"
            )
        )
    before_rows = snapshot(engine)
    before = census(engine)
    assert before["counts"]["bill_lines"] > 1000
    assert before["rollups"]
    with engine.begin() as connection:  # back to the first schema, as an older release left it
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert current_revision(engine) == "0001"

    upgrade_store(engine)

    assert current_revision(engine) == head_revision()
    assert census(engine) == before  # counts, money sums, and the rollups rebuilt by the migration
    assert snapshot(engine) == before_rows  # and every row, column by column
