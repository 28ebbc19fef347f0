"""The Billing details tab: spend by a statistical dimension over a statistical period."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from desktop.charts.from_store import spend_table
from desktop.charts.spend import SpendTable
from desktop.controllers.base import Column, Context, TabController, TableData, offset_label
from desktop.domain.billing import AMOUNT_NAMES, Dimension
from desktop.domain.periods import Period
from desktop.store import queries

AMOUNT_COLUMNS = (
    Column("Gross", "Pretax gross amount, at list price after resource-plan deductions."),
    Column("Discount", "Invoice discount."),
    Column("Coupons", "Coupon deduction."),
    Column("Payable", "Gross − discount − coupons (− round-down discount)."),
    Column("Cash", "Paid from the cash balance or by card."),
    Column("Vouchers", "Paid with vouchers (cash coupons)."),
    Column("Prepaid card", "Paid with prepaid cards."),
    Column("Outstanding", "Payable − cash − vouchers − prepaid card: what is still owed."),
)
assert len(AMOUNT_COLUMNS) == len(AMOUNT_NAMES)


class BillingController(TabController):
    """Spend grouped by `dimension` over `period` (default: the current month, by billing item)."""

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(context, parent)
        self.dimension = Dimension.BILLING_ITEM
        self.period: Period | None = None
        self.table = TableData()
        self.provisional = False
        self.chart: SpendTable | None = None

    def set_query(self, dimension: Dimension, period: Period | None) -> None:
        self.dimension, self.period = dimension, period
        self.refresh()

    def load(self, session: Session, now: datetime) -> None:
        if self.period is None:
            local_now = now.astimezone(self.context.policy.zone)
            self.period = Period.month(local_now.year, local_now.month)
        report = queries.billing_report(session, self.dimension, self.period, now, self.context.policy)
        self.provisional = report.provisional
        self.chart = spend_table(session, self.dimension, self.period, now, self.context.policy)
        final_at = self.context.policy.bill_final_at(self.period.last.year, self.period.last.month)
        self.table = TableData(
            columns=(Column(self.dimension.value.replace("-", " ").capitalize()), *AMOUNT_COLUMNS),
            rows=tuple((row.key, *(getattr(row.amounts, name) for name in AMOUNT_NAMES)) for row in report.rows),
            totals=("Total", *(getattr(report.totals, name) for name in AMOUNT_NAMES)),
            notes=(f"Provisional: these figures are final from {final_at:%Y-%m-%d %H:%M} ({offset_label(final_at)}).",)
            if report.provisional
            else (),
        )

    def lines_of(self, row: int) -> TableData:
        """The lines behind one row of the billing table (drill-down); the totals row has none."""
        if self.period is None or row >= len(self.table.rows):
            return TableData(columns=LINE_COLUMNS)
        key = str(self.table.rows[row][0])
        with self.context.store() as session:
            account = queries.current_account(session)
            lines = queries.bill_lines_of(session, account.id, self.dimension, key, self.period)
            rows = tuple(
                (
                    line.usage_day,
                    line.bill_number,
                    line.instance_id,
                    line.billing_item,
                    line.usage,
                    line.usage_unit,
                    line.pretax_gross,
                    line.invoice_discount,
                    line.coupon_deduction,
                    line.pretax_amount,
                    line.cash_payment,
                    line.voucher_deduction,
                    line.prepaid_card,
                    line.outstanding,
                    line.amounts_consistent,
                )
                for line in lines
            )
        return TableData(columns=LINE_COLUMNS, rows=rows)


LINE_COLUMNS = (
    Column("Day"),
    Column("Bill"),
    Column("Domain"),
    Column("Billing item"),
    Column("Usage"),
    Column("Unit"),
    *AMOUNT_COLUMNS,
    Column("Adds up", "Whether gross − discounts = payable = cash + vouchers + card + outstanding."),
)
