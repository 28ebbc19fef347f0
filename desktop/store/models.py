"""The store's tables, as typed SQLAlchemy 2.0 models.

Money columns are `ExactDecimal`, times `UTCDateTime`. Enumerated values are kept as the
strings the console and the BSS OpenAPI use (see `desktop.domain.kinds`), so an unknown
value from a newer export is stored as given rather than lost.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop.store.types import ExactDecimal, UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ZERO = Decimal("0.00")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {Decimal: ExactDecimal(), datetime: UTCDateTime(), str: String(255)}


class Account(Base):
    """An Alibaba Cloud account whose ApsaraVideo Live spending we follow."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str]
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    site: Mapped[str] = mapped_column(String(16), default="china")
    balance: Mapped[Decimal | None]
    balance_at: Mapped[datetime | None]


OWED = text("outstanding > 0 OR settled_at IS NOT NULL")
"""A bill line that owes money or was settled; `queries.debts` says the same, so that the index serves it."""


class BillLine(Base):
    """One line of the console's Billing Details export: every column, kept as given."""

    __tablename__ = "bill_lines"
    __table_args__ = (
        UniqueConstraint("account_id", "line_key"),
        # Only the lines that ever owed money (the overdue status reads them, oldest first): few among millions.
        Index("ix_bill_lines_debts", "account_id", "deducted_at", "id", sqlite_where=OWED, postgresql_where=OWED),
        Index("ix_bill_lines_account_cycle", "account_id", "billing_cycle"),
        Index("ix_bill_lines_account_day", "account_id", "usage_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    line_key: Mapped[str] = mapped_column(String(255), doc="identity of the line across exports")

    billing_cycle: Mapped[str] = mapped_column(String(7))
    cost_center: Mapped[str | None]
    account_uid: Mapped[str | None] = mapped_column(String(32))
    account_name: Mapped[str | None]
    owner_account_name: Mapped[str | None]
    product_code: Mapped[str | None] = mapped_column(String(64))
    product_name: Mapped[str | None]
    product_detail_code: Mapped[str | None] = mapped_column(String(64))
    product_detail: Mapped[str | None]
    subscription_type: Mapped[str | None] = mapped_column(String(32))
    payment_time: Mapped[datetime | None]
    usage_start: Mapped[datetime | None]
    usage_end: Mapped[datetime | None]
    service_duration: Mapped[str | None] = mapped_column(String(32))
    bill_number: Mapped[str | None] = mapped_column(String(64))
    bill_type: Mapped[str | None] = mapped_column(String(64))
    billing_type: Mapped[str | None] = mapped_column(String(64))
    instance_id: Mapped[str | None]
    instance_name: Mapped[str | None]
    resource_group: Mapped[str | None]
    instance_tag: Mapped[str | None] = mapped_column(Text)
    instance_config: Mapped[str | None] = mapped_column(Text)
    instance_spec: Mapped[str | None]
    public_ip: Mapped[str | None] = mapped_column(String(64))
    private_ip: Mapped[str | None] = mapped_column(String(64))
    region: Mapped[str | None] = mapped_column(String(64))
    zone: Mapped[str | None] = mapped_column(String(64))
    billing_item: Mapped[str | None]
    list_price: Mapped[Decimal | None]
    list_price_unit: Mapped[str | None] = mapped_column(String(64))
    usage: Mapped[Decimal | None]
    usage_unit: Mapped[str | None] = mapped_column(String(64))
    deducted_by_resource_plans: Mapped[Decimal] = mapped_column(default=ZERO)
    pretax_gross: Mapped[Decimal] = mapped_column(default=ZERO)
    invoice_discount: Mapped[Decimal] = mapped_column(default=ZERO)
    coupon_deduction: Mapped[Decimal] = mapped_column(default=ZERO)
    round_down_discount: Mapped[Decimal] = mapped_column(default=ZERO)
    pretax_amount: Mapped[Decimal] = mapped_column(default=ZERO)
    cash_payment: Mapped[Decimal] = mapped_column(default=ZERO)
    voucher_deduction: Mapped[Decimal] = mapped_column(default=ZERO)
    prepaid_card: Mapped[Decimal] = mapped_column(default=ZERO)
    outstanding: Mapped[Decimal] = mapped_column(default=ZERO)

    deducted_at: Mapped[datetime] = mapped_column(doc="DOMAIN §2: payment time, else usage end")
    usage_day: Mapped[date] = mapped_column(Date, doc="the day of usage in the account's zone: the statistical day")
    settled_at: Mapped[datetime | None] = mapped_column(doc="when a newer export showed it paid")
    amounts_consistent: Mapped[bool] = mapped_column(Boolean, default=True)


class BillRollup(Base):
    """Sums of the bill lines of one day by one statistical dimension's value.

    Kept up to date by every write of bill lines, so that a billing inquiry over any period reads
    a few rows a day instead of every line.
    """

    __tablename__ = "bill_rollups"
    __table_args__ = (UniqueConstraint("account_id", "dimension", "day", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    dimension: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)
    key: Mapped[str]
    lines: Mapped[int] = mapped_column(Integer)
    gross: Mapped[Decimal]
    discount: Mapped[Decimal]
    coupons: Mapped[Decimal]
    payable: Mapped[Decimal]
    cash: Mapped[Decimal]
    vouchers: Mapped[Decimal]
    prepaid_card: Mapped[Decimal]
    outstanding: Mapped[Decimal]


class UsageRecord(Base):
    """A raw usage sample (for reference, not for reconciliation)."""

    __tablename__ = "usage_records"
    __table_args__ = (
        UniqueConstraint("account_id", "billing_item", "instance_id", "region", "start"),
        Index("ix_usage_records_account_start", "account_id", "start", "id"),
        # Covers the chart's query (one billing item over a span, summed by start) without the table.
        Index("ix_usage_records_series", "account_id", "billing_item", "start", "unit", "usage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    start: Mapped[datetime]
    end: Mapped[datetime]
    instance_id: Mapped[str] = mapped_column(doc="the streaming domain")
    region: Mapped[str] = mapped_column(String(64))
    billing_item: Mapped[str] = mapped_column(String(64))
    usage: Mapped[Decimal]
    unit: Mapped[str] = mapped_column(String(32))


class UsageRollup(Base):
    """How many samples a day (UTC) of one domain, region and billing item holds.

    Kept up to date by every write of usage samples (`desktop.store.usage_rollups`), so that the
    Usage tab's filter lists and sample counts read a few rows a day instead of every sample.
    """

    __tablename__ = "usage_rollups"
    __table_args__ = (UniqueConstraint("account_id", "day", "billing_item", "instance_id", "region"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    billing_item: Mapped[str] = mapped_column(String(64))
    instance_id: Mapped[str]
    region: Mapped[str] = mapped_column(String(64))
    samples: Mapped[int] = mapped_column(Integer)


class Order(Base):
    """A purchase with its payment breakdown, as QueryOrders/GetOrderDetail describe it."""

    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("account_id", "order_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    order_id: Mapped[str] = mapped_column(String(32))
    related_order_id: Mapped[str | None] = mapped_column(String(32))
    order_type: Mapped[str] = mapped_column(String(16))
    payment_status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]
    product_code: Mapped[str] = mapped_column(String(64), default="live")
    product_type: Mapped[str | None] = mapped_column(String(64))
    subscription_type: Mapped[str] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3))
    pretax_gross: Mapped[Decimal]
    pretax_amount: Mapped[Decimal]
    cash: Mapped[Decimal] = mapped_column(doc="PaymentAmount: balance, card, PayPal, transfer")
    vouchers: Mapped[Decimal] = mapped_column(default=ZERO, doc="DeductedByCashCoupons")
    coupons: Mapped[Decimal] = mapped_column(default=ZERO, doc="DeductedByCoupons")
    prepaid_card: Mapped[Decimal] = mapped_column(default=ZERO, doc="DeductedByPrepaidCard")
    payment_method: Mapped[str] = mapped_column(String(32))
    payment_method_valid: Mapped[bool] = mapped_column(Boolean, default=True)
    item_kind: Mapped[str] = mapped_column(String(32))
    instance_id: Mapped[str | None]
    promotion_terms: Mapped[str | None] = mapped_column(String(32))
    promotion_until: Mapped[date | None] = mapped_column(Date)

    gifts: Mapped[list[Gift]] = relationship(back_populates="order", cascade="all, delete-orphan", order_by="Gift.id")


class Gift(Base):
    """A promotional gift that a refund of its order voids (R2)."""

    __tablename__ = "gifts"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_pk: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal | None]
    days: Mapped[int | None] = mapped_column(Integer)

    order: Mapped[Order] = relationship(back_populates="gifts")


class License(Base):
    """An SDK license, as the console's My Licenses list shows it."""

    __tablename__ = "licenses"
    __table_args__ = (UniqueConstraint("account_id", "instance_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    instance_id: Mapped[str] = mapped_column(String(64))
    application: Mapped[str | None]
    sdk_type: Mapped[str] = mapped_column(String(16))
    license_type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    activated_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    order_id: Mapped[str | None] = mapped_column(String(32))


class ResourcePlan(Base):
    """A prepaid resource plan, with the license it is tied to, if any (R4)."""

    __tablename__ = "resource_plans"
    __table_args__ = (UniqueConstraint("account_id", "instance_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    instance_id: Mapped[str] = mapped_column(String(64))
    package_type: Mapped[str]
    region: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32))
    effective_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    total: Mapped[Decimal]
    total_unit: Mapped[str] = mapped_column(String(16))
    remaining: Mapped[Decimal]
    remaining_unit: Mapped[str] = mapped_column(String(16))
    order_id: Mapped[str | None] = mapped_column(String(32))
    license_instance_id: Mapped[str | None] = mapped_column(String(64))


class Payment(Base):
    """Money paid towards overdue bills; payments settle the oldest bills first.

    A payment is never deleted: undoing one records a reversing entry (the negative amount, at the
    moment of the undo) that names it in `reverses_id`, so that every "as of" before the undo
    still sees the payment.
    """

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    paid_at: Mapped[datetime]
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    note: Mapped[str | None] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(String(64))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


_REFUND_TAKEN = "state IN ('submitted', 'processing', 'credited')"


class RefundRequest(Base):
    """A refund the user asked for, and what happened to it."""

    __tablename__ = "refund_requests"
    __table_args__ = (
        # R12 in the database itself: two people asking at once still make one request.
        Index(
            "uq_refund_requests_one_per_order",
            "account_id",
            "order_id",
            unique=True,
            sqlite_where=text(_REFUND_TAKEN),
            postgresql_where=text(_REFUND_TAKEN),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    order_id: Mapped[str] = mapped_column(String(32), index=True)
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    refundable: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    destination: Mapped[str] = mapped_column(String(64))
    arrival_earliest: Mapped[date | None] = mapped_column(Date)
    arrival_latest: Mapped[date | None] = mapped_column(Date)
    processing_at: Mapped[datetime | None]
    credited_at: Mapped[datetime | None]
    rejected_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    quote: Mapped[str | None] = mapped_column(Text, doc="the quote the user confirmed, as JSON (RefundQuote.to_json)")
    note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
