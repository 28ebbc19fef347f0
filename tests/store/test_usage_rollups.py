"""The usage rollups agree with the samples after every write, and the counts read from them are exact."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.policy import Policy
from desktop.sources.importer import import_file
from desktop.store import queries
from desktop.store.engine import make_engine
from desktop.store.migrate import alembic_config, upgrade_store
from desktop.store.models import UsageRecord, UsageRollup
from desktop.store.queries import UsageFilter
from desktop.store.usage_rollups import utc_day
from tests.conftest import DEMO_AT

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
KOLKATA = ZoneInfo("Asia/Kolkata")  # half an hour off UTC: its midnights are never UTC midnights


def rollups(session: Session) -> dict[tuple[object, ...], int]:
    rows = session.execute(
        select(
            UsageRollup.account_id,
            UsageRollup.day,
            UsageRollup.billing_item,
            UsageRollup.instance_id,
            UsageRollup.region,
            UsageRollup.samples,
        )
    )
    return {tuple(row[:5]): row[5] for row in rows}


def recounted(session: Session) -> dict[tuple[object, ...], int]:
    """What the rollups must hold: the samples counted afresh."""
    day = utc_day(UsageRecord.start)
    keys = (UsageRecord.account_id, day, UsageRecord.billing_item, UsageRecord.instance_id, UsageRecord.region)
    return {tuple(row[:5]): row[5] for row in session.execute(select(*keys, func.count()).group_by(*keys))}


def counted(session: Session, account_id: int, where: UsageFilter) -> int:
    return session.scalar(where.apply(select(func.count()).select_from(UsageRecord), account_id)) or 0


def test_the_demo_keeps_rollups_and_every_span_counts_exactly(demo_store: sessionmaker[Session]) -> None:
    rng = random.Random(8)
    with demo_store() as session:
        assert rollups(session) == recounted(session) != {}
        account = queries.current_account(session).id
        choices = queries.usage_choices(session, account)
        assert choices["domains"] == sorted(set(session.scalars(select(UsageRecord.instance_id))))
        assert queries.usage_count(session, account) == session.scalar(select(func.count(UsageRecord.id)))
        for _ in range(200):
            start = DEMO_AT - timedelta(minutes=rng.randint(0, 40 * 1440))
            end = start + timedelta(minutes=rng.choice((0, 3, 5, 60, 1440, 1441, 2880, 9000, 50_000)))
            where = UsageFilter(
                rng.choice((start, start.astimezone(KOLKATA), None)),
                rng.choice((end, end.astimezone(KOLKATA), None)),
                rng.choice((None, *choices["domains"])),
                None,
                rng.choice((None, *choices["items"])),
            )
            assert queries.usage_count(session, account, where) == counted(session, account, where), where


def test_an_import_rebuilds_the_days_it_wrote(empty_store: sessionmaker[Session], policy: Policy) -> None:
    now = datetime(2026, 11, 26, tzinfo=UTC)
    import_file(empty_store, SAMPLES / "billing-details-en.csv", policy, now)
    import_file(empty_store, SAMPLES / "usage-5min.csv", policy, now)
    with empty_store() as session:
        first = rollups(session)
        assert first == recounted(session)
        assert sum(first.values()) == 2304
        assert queries.usage_count(session, queries.current_account(session).id) == 2304
    import_file(empty_store, SAMPLES / "usage-5min.csv", policy, now)  # the same samples again
    with empty_store() as session:
        assert rollups(session) == first


def test_the_migration_counts_the_samples_already_stored(store_url: str) -> None:
    engine = make_engine(store_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.execute(
            text(
                "INSERT INTO accounts (id, uid, name, currency, timezone, site)"
                " VALUES (1, '1', 'a', 'CNY', 'Asia/Shanghai', 'china')"
            )
        )
        began = datetime(2026, 11, 1, 23, 50, tzinfo=UTC)
        connection.execute(
            UsageRecord.__table__.insert(),
            [
                {
                    "account_id": 1,
                    "start": began + timedelta(minutes=5 * slot),
                    "end": began + timedelta(minutes=5 * slot + 5),
                    "instance_id": domain,
                    "region": "Singapore",
                    "billing_item": "Peak bandwidth",
                    "usage": 1,
                    "unit": "Mbps",
                }
                for slot in range(5)
                for domain in ("a.example.com", "b.example.com")
            ],
        )
    upgrade_store(engine)
    with sessionmaker(engine)() as session:
        assert rollups(session) == recounted(session)
        assert sorted(rollups(session).values()) == [2, 2, 3, 3]  # 23:50, 23:55 | 00:00–00:10, per domain
    engine.dispose()
