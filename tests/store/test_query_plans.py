"""The overdue status reads only the lines that ever owed money, through their own small index."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, func, select

from desktop.store import queries
from desktop.store.models import BillLine
from desktop.store.session import open_store


def test_the_debts_query_reads_the_partial_index_of_owed_lines(demo_url: str) -> None:
    store = open_store(demo_url)
    engine = store.kw["bind"]
    seen: list[tuple[str, Any]] = []
    event.listen(engine, "before_cursor_execute", lambda *args: seen.append((args[2], args[3])))
    with store() as session:
        owed = queries.debts(session, queries.current_account(session).id)
        lines = session.scalar(select(func.count()).select_from(BillLine))
    statement, parameters = next((sql, bound) for sql, bound in seen if "settled_at IS NOT NULL" in sql)
    with engine.connect() as connection:
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    assert 0 < len(owed) < lines  # the demo owes money, on a few of its lines
    assert any("ix_bill_lines_debts" in row[-1] for row in plan), (statement, plan)
