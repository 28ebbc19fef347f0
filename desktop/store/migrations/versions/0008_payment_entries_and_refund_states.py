"""Payments carry a reference and can be undone by a reversing entry; refund requests keep each state's date
and the quote the user confirmed.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

import desktop.store.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite adds a foreign key and a unique constraint only by copying the table.
    with op.batch_alter_table("payments") as payments:
        payments.add_column(sa.Column("reference", sa.String(length=64), nullable=True))
        payments.add_column(sa.Column("reverses_id", sa.Integer(), nullable=True))
        payments.create_foreign_key(op.f("fk_payments_reverses_id_payments"), "payments", ["reverses_id"], ["id"])
        payments.create_unique_constraint(op.f("uq_payments_reverses_id"), ["reverses_id"])
    for column in ("processing_at", "rejected_at", "cancelled_at"):
        op.add_column("refund_requests", sa.Column(column, desktop.store.types.UTCDateTime(), nullable=True))
    op.add_column("refund_requests", sa.Column("quote", sa.Text(), nullable=True))


def downgrade() -> None:
    for column in ("quote", "cancelled_at", "rejected_at", "processing_at"):
        op.drop_column("refund_requests", column)
    with op.batch_alter_table("payments") as payments:
        payments.drop_constraint(op.f("uq_payments_reverses_id"), type_="unique")
        payments.drop_constraint(op.f("fk_payments_reverses_id_payments"), type_="foreignkey")
        payments.drop_column("reverses_id")
        payments.drop_column("reference")
