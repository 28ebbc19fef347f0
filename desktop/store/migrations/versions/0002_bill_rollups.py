"""Bill rollups: the statistical day of each bill line, and per-day sums by each dimension.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

import desktop.store.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The tables as this revision knows them (not the application's current models).
accounts = sa.table("accounts", sa.column("id", sa.Integer), sa.column("timezone", sa.String))
bill_lines = sa.table(
    "bill_lines",
    sa.column("id", sa.Integer),
    sa.column("account_id", sa.Integer),
    sa.column("usage_start", desktop.store.types.UTCDateTime()),
    sa.column("deducted_at", desktop.store.types.UTCDateTime()),
    sa.column("usage_day", sa.Date),
)
AMOUNTS = ("gross", "discount", "coupons", "payable", "cash", "vouchers", "prepaid_card", "outstanding")
LINE_AMOUNTS = (
    "pretax_gross", "invoice_discount", "coupon_deduction", "pretax_amount", "cash_payment", "voucher_deduction",
    "prepaid_card", "outstanding",
)  # fmt: skip
DIMENSIONS = {
    "product": "product_name",
    "product-detail": "product_detail",
    "billing-item": "billing_item",
    "instance": "instance_id",
    "region": "region",
    "billing-method": "subscription_type",
    "bill-type": "bill_type",
}


def upgrade() -> None:
    op.create_table(
        "bill_rollups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        *(sa.Column(name, desktop.store.types.ExactDecimal(), nullable=False) for name in AMOUNTS),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_bill_rollups_account_id_accounts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bill_rollups")),
        sa.UniqueConstraint("account_id", "dimension", "day", "key", name=op.f("uq_bill_rollups_account_id")),
    )
    with op.batch_alter_table("bill_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("usage_day", sa.Date(), nullable=True))
    _fill_usage_days()
    with op.batch_alter_table("bill_lines", schema=None) as batch_op:
        batch_op.alter_column("usage_day", existing_type=sa.Date(), nullable=False)
        batch_op.create_index("ix_bill_lines_account_day", ["account_id", "usage_day"], unique=False)
    _build_rollups()


def _fill_usage_days() -> None:
    """The day of usage in the account's zone, for the lines already stored."""
    connection = op.get_bind()
    zones = {row.id: ZoneInfo(row.timezone) for row in connection.execute(sa.select(accounts))}
    rows = connection.execute(
        sa.select(bill_lines.c.id, bill_lines.c.account_id, bill_lines.c.usage_start, bill_lines.c.deducted_at)
    ).all()
    updates = [
        {"line_id": row.id, "day": (row.usage_start or row.deducted_at).astimezone(zones[row.account_id]).date()}
        for row in rows
    ]
    if updates:
        connection.execute(
            sa.update(bill_lines)
            .where(bill_lines.c.id == sa.bindparam("line_id"))
            .values(usage_day=sa.bindparam("day")),
            updates,
        )


def _build_rollups() -> None:
    line = sa.table(
        "bill_lines",
        sa.column("account_id", sa.Integer),
        sa.column("usage_day", sa.Date),
        *(sa.column(name, desktop.store.types.ExactDecimal()) for name in LINE_AMOUNTS),
        *(sa.column(name, sa.String) for name in DIMENSIONS.values()),
    )
    rollups = sa.table(
        "bill_rollups",
        *(sa.column(name) for name in ("account_id", "dimension", "day", "key", "lines", *AMOUNTS)),
    )
    for dimension, column in DIMENSIONS.items():
        key = sa.func.coalesce(line.c[column], "")
        summed = sa.select(
            line.c.account_id,
            sa.literal(dimension),
            line.c.usage_day,
            key,
            sa.func.count(),
            *(sa.func.sum(line.c[name]) for name in LINE_AMOUNTS),
        ).group_by(line.c.account_id, line.c.usage_day, key)
        op.get_bind().execute(sa.insert(rollups).from_select(list(rollups.c.keys()), summed))


def downgrade() -> None:
    with op.batch_alter_table("bill_lines", schema=None) as batch_op:
        batch_op.drop_index("ix_bill_lines_account_day")
        batch_op.drop_column("usage_day")
    op.drop_table("bill_rollups")
