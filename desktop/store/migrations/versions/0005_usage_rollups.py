"""Usage rollups: how many samples each UTC day of a domain, region and billing item holds.

The Usage tab's filter lists and counts read them instead of every sample. The samples already
stored are counted here; from now on every write of samples rebuilds the days it touched.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The UTC day of a stored start, as each backend keeps times (SQLite: UTC text; PostgreSQL: timestamptz).
DAY = {"sqlite": "date(start)", "postgresql": "CAST(start AT TIME ZONE 'UTC' AS DATE)"}


def upgrade() -> None:
    op.create_table(
        "usage_rollups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("billing_item", sa.String(length=64), nullable=False),
        sa.Column("instance_id", sa.String(length=255), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("samples", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_usage_rollups_account_id_accounts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usage_rollups")),
        sa.UniqueConstraint(
            "account_id", "day", "billing_item", "instance_id", "region", name=op.f("uq_usage_rollups_account_id")
        ),
    )
    day = DAY[op.get_bind().dialect.name]
    op.execute(
        "INSERT INTO usage_rollups (account_id, day, billing_item, instance_id, region, samples)"
        f" SELECT account_id, {day}, billing_item, instance_id, region, count(*) FROM usage_records"
        f" GROUP BY account_id, {day}, billing_item, instance_id, region"
    )


def downgrade() -> None:
    op.drop_table("usage_rollups")
