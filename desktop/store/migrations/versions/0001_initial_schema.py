"""Initial schema: accounts, bill lines, usage, orders and gifts, licenses, resource plans, payments, refund requests.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26 04:27:05.023164
"""

import sqlalchemy as sa
from alembic import op

import desktop.store.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=16), nullable=False),
        sa.Column("balance", desktop.store.types.ExactDecimal(), nullable=True),
        sa.Column("balance_at", desktop.store.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("uid", name=op.f("uq_accounts_uid")),
    )
    op.create_table(
        "bill_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("line_key", sa.String(length=255), nullable=False),
        sa.Column("billing_cycle", sa.String(length=7), nullable=False),
        sa.Column("cost_center", sa.String(length=255), nullable=True),
        sa.Column("account_uid", sa.String(length=32), nullable=True),
        sa.Column("account_name", sa.String(length=255), nullable=True),
        sa.Column("owner_account_name", sa.String(length=255), nullable=True),
        sa.Column("product_code", sa.String(length=64), nullable=True),
        sa.Column("product_name", sa.String(length=255), nullable=True),
        sa.Column("product_detail_code", sa.String(length=64), nullable=True),
        sa.Column("product_detail", sa.String(length=255), nullable=True),
        sa.Column("subscription_type", sa.String(length=32), nullable=True),
        sa.Column("payment_time", desktop.store.types.UTCDateTime(), nullable=True),
        sa.Column("usage_start", desktop.store.types.UTCDateTime(), nullable=True),
        sa.Column("usage_end", desktop.store.types.UTCDateTime(), nullable=True),
        sa.Column("service_duration", sa.String(length=32), nullable=True),
        sa.Column("bill_number", sa.String(length=64), nullable=True),
        sa.Column("bill_type", sa.String(length=64), nullable=True),
        sa.Column("billing_type", sa.String(length=64), nullable=True),
        sa.Column("instance_id", sa.String(length=255), nullable=True),
        sa.Column("instance_name", sa.String(length=255), nullable=True),
        sa.Column("resource_group", sa.String(length=255), nullable=True),
        sa.Column("instance_tag", sa.Text(), nullable=True),
        sa.Column("instance_config", sa.Text(), nullable=True),
        sa.Column("instance_spec", sa.String(length=255), nullable=True),
        sa.Column("public_ip", sa.String(length=64), nullable=True),
        sa.Column("private_ip", sa.String(length=64), nullable=True),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("zone", sa.String(length=64), nullable=True),
        sa.Column("billing_item", sa.String(length=255), nullable=True),
        sa.Column("list_price", desktop.store.types.ExactDecimal(), nullable=True),
        sa.Column("list_price_unit", sa.String(length=64), nullable=True),
        sa.Column("usage", desktop.store.types.ExactDecimal(), nullable=True),
        sa.Column("usage_unit", sa.String(length=64), nullable=True),
        sa.Column("deducted_by_resource_plans", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("pretax_gross", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("invoice_discount", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("coupon_deduction", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("round_down_discount", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("pretax_amount", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("cash_payment", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("voucher_deduction", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("prepaid_card", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("outstanding", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("deducted_at", desktop.store.types.UTCDateTime(), nullable=False),
        sa.Column("settled_at", desktop.store.types.UTCDateTime(), nullable=True),
        sa.Column("amounts_consistent", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_bill_lines_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bill_lines")),
        sa.UniqueConstraint("account_id", "line_key", name=op.f("uq_bill_lines_account_id")),
    )
    with op.batch_alter_table("bill_lines", schema=None) as batch_op:
        batch_op.create_index("ix_bill_lines_account_cycle", ["account_id", "billing_cycle"], unique=False)
        batch_op.create_index("ix_bill_lines_account_deducted", ["account_id", "deducted_at"], unique=False)

    op.create_table(
        "licenses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.String(length=64), nullable=False),
        sa.Column("application", sa.String(length=255), nullable=True),
        sa.Column("sdk_type", sa.String(length=16), nullable=False),
        sa.Column("license_type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("activated_at", desktop.store.types.UTCDateTime(), nullable=True),
        sa.Column("expires_at", desktop.store.types.UTCDateTime(), nullable=True),
        sa.Column("order_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_licenses_account_id_accounts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_licenses")),
        sa.UniqueConstraint("account_id", "instance_id", name=op.f("uq_licenses_account_id")),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(length=32), nullable=False),
        sa.Column("related_order_id", sa.String(length=32), nullable=True),
        sa.Column("order_type", sa.String(length=16), nullable=False),
        sa.Column("payment_status", sa.String(length=16), nullable=False),
        sa.Column("created_at", desktop.store.types.UTCDateTime(), nullable=False),
        sa.Column("paid_at", desktop.store.types.UTCDateTime(), nullable=True),
        sa.Column("product_code", sa.String(length=64), nullable=False),
        sa.Column("product_type", sa.String(length=64), nullable=True),
        sa.Column("subscription_type", sa.String(length=16), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("pretax_gross", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("pretax_amount", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("cash", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("vouchers", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("coupons", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("prepaid_card", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("payment_method", sa.String(length=32), nullable=False),
        sa.Column("payment_method_valid", sa.Boolean(), nullable=False),
        sa.Column("item_kind", sa.String(length=32), nullable=False),
        sa.Column("instance_id", sa.String(length=255), nullable=True),
        sa.Column("promotion_terms", sa.String(length=32), nullable=True),
        sa.Column("promotion_until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_orders_account_id_accounts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("account_id", "order_id", name=op.f("uq_orders_account_id")),
    )
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("paid_at", desktop.store.types.UTCDateTime(), nullable=False),
        sa.Column("amount", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_payments_account_id_accounts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    op.create_table(
        "refund_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", desktop.store.types.UTCDateTime(), nullable=False),
        sa.Column("submitted_at", desktop.store.types.UTCDateTime(), nullable=True),
        sa.Column("refundable", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("destination", sa.String(length=64), nullable=False),
        sa.Column("arrival_earliest", sa.Date(), nullable=True),
        sa.Column("arrival_latest", sa.Date(), nullable=True),
        sa.Column("credited_at", desktop.store.types.UTCDateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_refund_requests_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refund_requests")),
    )
    with op.batch_alter_table("refund_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refund_requests_order_id"), ["order_id"], unique=False)

    op.create_table(
        "resource_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.String(length=64), nullable=False),
        sa.Column("package_type", sa.String(length=255), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("effective_at", desktop.store.types.UTCDateTime(), nullable=False),
        sa.Column("expires_at", desktop.store.types.UTCDateTime(), nullable=False),
        sa.Column("total", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("total_unit", sa.String(length=16), nullable=False),
        sa.Column("remaining", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("remaining_unit", sa.String(length=16), nullable=False),
        sa.Column("order_id", sa.String(length=32), nullable=True),
        sa.Column("license_instance_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_resource_plans_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resource_plans")),
        sa.UniqueConstraint("account_id", "instance_id", name=op.f("uq_resource_plans_account_id")),
    )
    op.create_table(
        "usage_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("start", desktop.store.types.UTCDateTime(), nullable=False),
        sa.Column("end", desktop.store.types.UTCDateTime(), nullable=False),
        sa.Column("instance_id", sa.String(length=255), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("billing_item", sa.String(length=64), nullable=False),
        sa.Column("usage", desktop.store.types.ExactDecimal(), nullable=False),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_usage_records_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usage_records")),
        sa.UniqueConstraint(
            "account_id",
            "billing_item",
            "instance_id",
            "region",
            "start",
            name=op.f("uq_usage_records_account_id"),
        ),
    )
    with op.batch_alter_table("usage_records", schema=None) as batch_op:
        batch_op.create_index("ix_usage_records_account_start", ["account_id", "start", "id"], unique=False)

    op.create_table(
        "gifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount", desktop.store.types.ExactDecimal(), nullable=True),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["order_pk"], ["orders.id"], name=op.f("fk_gifts_order_pk_orders"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gifts")),
    )
    with op.batch_alter_table("gifts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gifts_order_pk"), ["order_pk"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("gifts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gifts_order_pk"))

    op.drop_table("gifts")
    with op.batch_alter_table("usage_records", schema=None) as batch_op:
        batch_op.drop_index("ix_usage_records_account_start")

    op.drop_table("usage_records")
    op.drop_table("resource_plans")
    with op.batch_alter_table("refund_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refund_requests_order_id"))

    op.drop_table("refund_requests")
    op.drop_table("payments")
    op.drop_table("orders")
    op.drop_table("licenses")
    with op.batch_alter_table("bill_lines", schema=None) as batch_op:
        batch_op.drop_index("ix_bill_lines_account_deducted")
        batch_op.drop_index("ix_bill_lines_account_cycle")

    op.drop_table("bill_lines")
    op.drop_table("accounts")
