"""Refund destinations in one vocabulary: the payment methods' own words (R9, revised 2026-12).

Requests stored before said `original:CreditCard` or `account_balance`; they now say `CreditCard`
or `AccountBalance`, as the quote, the command line and the exports do.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

METHODS = ("AccountBalance", "CreditCard", "DebitCard", "PayPal", "BankTransfer")


def upgrade() -> None:
    requests = sa.table("refund_requests", sa.column("destination", sa.String))
    op.execute(
        requests.update().where(requests.c.destination == "account_balance").values(destination="AccountBalance")
    )
    for method in METHODS:
        op.execute(requests.update().where(requests.c.destination == f"original:{method}").values(destination=method))


def downgrade() -> None:
    requests = sa.table("refund_requests", sa.column("destination", sa.String))
    for method in METHODS:
        op.execute(requests.update().where(requests.c.destination == method).values(destination=f"original:{method}"))
