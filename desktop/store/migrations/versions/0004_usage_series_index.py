"""A covering index for the usage chart's series (one billing item over a span).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_usage_records_series", "usage_records", ["account_id", "billing_item", "start", "unit", "usage"]
    )


def downgrade() -> None:
    op.drop_index("ix_usage_records_series", table_name="usage_records")
