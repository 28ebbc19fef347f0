"""The index of every bill line by deduction time gives way to one of the lines that ever owed money.

The overdue status reads only lines that owe money or were settled, oldest first; those are a
handful among millions. A partial index holds just them: the status no longer scans every line,
and an import no longer updates an index entry for each line it writes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OWED = sa.text("outstanding > 0 OR settled_at IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_bill_lines_account_deducted", table_name="bill_lines")
    op.create_index(
        "ix_bill_lines_debts",
        "bill_lines",
        ["account_id", "deducted_at", "id"],
        sqlite_where=OWED,
        postgresql_where=OWED,
    )


def downgrade() -> None:
    op.drop_index("ix_bill_lines_debts", table_name="bill_lines")
    op.create_index("ix_bill_lines_account_deducted", "bill_lines", ["account_id", "deducted_at"])
