"""One refund request per order (R12), enforced by a partial unique index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TAKEN = sa.text("state IN ('submitted', 'processing', 'credited')")


def upgrade() -> None:
    op.create_index(
        "uq_refund_requests_one_per_order",
        "refund_requests",
        ["account_id", "order_id"],
        unique=True,
        sqlite_where=TAKEN,
        postgresql_where=TAKEN,
    )


def downgrade() -> None:
    op.drop_index("uq_refund_requests_one_per_order", table_name="refund_requests")
