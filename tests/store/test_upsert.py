"""Batch writes: what is stored is what was given, however the INSERT is shaped."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.sources.billing_details import MONEY_FIELDS
from desktop.store.models import Account, BillLine
from desktop.store.upsert import upsert_columns

MONEY = frozenset(MONEY_FIELDS)
AT = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def _lines(account_id: int, keys: list[str], **columns: list[object]) -> dict[str, list[object]]:
    """Bill lines with every required column, amounts in millionths (zero unless given)."""
    count = len(keys)
    return {
        **{name: [0] * count for name in MONEY},
        "account_id": [account_id] * count,
        "line_key": keys,
        "billing_cycle": ["2026-11"] * count,
        "deducted_at": [AT] * count,
        "usage_day": [date(2026, 11, 1)] * count,
        "amounts_consistent": [True] * count,
        **columns,
    }


@pytest.fixture
def account(empty_store: sessionmaker[Session]) -> int:
    with empty_store.begin() as session:
        account = Account(uid="1886420012345678", name="finance")
        session.add(account)
        session.flush()
        return account.id


def test_columns_empty_in_a_batch_are_stored_empty_and_filled_ones_kept(
    empty_store: sessionmaker[Session], account: int
) -> None:
    columns = _lines(
        account,
        ["a", "b"],
        instance_name=[None, None],
        zone=[None, "cn-hangzhou-h"],
        pretax_gross=[1_500_000, 2_000_000],
    )
    with empty_store.begin() as session:
        counts = upsert_columns(
            session, BillLine, ("account_id", "line_key"), columns, millionths=MONEY, none_stored=True
        )
    assert counts.new == 2
    with empty_store() as session:
        stored = session.execute(
            select(BillLine.line_key, BillLine.instance_name, BillLine.zone, BillLine.pretax_gross).order_by(
                BillLine.line_key
            )
        ).all()
    assert [tuple(row) for row in stored] == [
        ("a", None, None, Decimal("1.50")),
        ("b", None, "cn-hangzhou-h", Decimal("2.00")),
    ]


def test_a_newer_batch_fills_a_column_that_was_empty(empty_store: sessionmaker[Session], account: int) -> None:
    keys = ("account_id", "line_key")
    with empty_store.begin() as session:
        upsert_columns(session, BillLine, keys, _lines(account, ["a"], instance_name=[None]), millionths=MONEY)
    with empty_store.begin() as session:
        lines = _lines(account, ["a", "b"], instance_name=["studio", None])
        counts = upsert_columns(session, BillLine, keys, lines, millionths=MONEY)
    assert (counts.new, counts.updated, counts.unchanged) == (1, 1, 0)
    with empty_store() as session:
        names = session.execute(select(BillLine.line_key, BillLine.instance_name).order_by(BillLine.line_key)).all()
    assert [tuple(row) for row in names] == [("a", "studio"), ("b", None)]
