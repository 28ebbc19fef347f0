"""The Billing details tab: spend by a statistical dimension over a statistical period."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from desktop.charts.data import SpendTable
from desktop.charts.from_store import DIMENSION_TITLES, spend_table
from desktop.controllers.base import Column, Context, TabController, TableData, offset_label
from desktop.controllers.i18n import QT_TRANSLATE_NOOP, translate
from desktop.controllers.locale_text import moment_text
from desktop.domain.billing import AMOUNT_NAMES, Dimension
from desktop.domain.periods import Period
from desktop.services.changes import Kind
from desktop.store import queries

AMOUNT_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("columns", "Gross"),
        QT_TRANSLATE_NOOP("columns", "Pretax gross amount, at list price after resource-plan deductions."),
    ),
    Column(QT_TRANSLATE_NOOP("columns", "Discount"), QT_TRANSLATE_NOOP("columns", "Invoice discount.")),
    Column(QT_TRANSLATE_NOOP("columns", "Coupons"), QT_TRANSLATE_NOOP("columns", "Coupon deduction.")),
    Column(
        QT_TRANSLATE_NOOP("columns", "Payable"),
        QT_TRANSLATE_NOOP("columns", "Gross − discount − coupons (− round-down discount)."),
    ),
    Column(
        QT_TRANSLATE_NOOP("columns", "Cash"), QT_TRANSLATE_NOOP("columns", "Paid from the cash balance or by card.")
    ),
    Column(
        QT_TRANSLATE_NOOP("columns", "Vouchers"), QT_TRANSLATE_NOOP("columns", "Paid with vouchers (cash coupons).")
    ),
    Column(QT_TRANSLATE_NOOP("columns", "Prepaid card"), QT_TRANSLATE_NOOP("columns", "Paid with prepaid cards.")),
    Column(
        QT_TRANSLATE_NOOP("columns", "Settled later"),
        QT_TRANSLATE_NOOP(
            "columns", "Owed at deduction and paid since, by a recorded payment or as a newer export shows."
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("columns", "Outstanding"),
        QT_TRANSLATE_NOOP(
            "columns", "Still owed as of the moment shown: payable − cash − vouchers − card − settled later."
        ),
    ),
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
        self.at: datetime | None = None  # the moment the table is as of; its drill-down is too

    KINDS = frozenset({Kind.BILLS})

    def days_shown(self) -> tuple[date, date] | None:
        return None if self.period is None else (self.period.first, self.period.last)

    def set_query(self, dimension: Dimension, period: Period | None) -> None:
        self.dimension, self.period = dimension, period
        self.refresh()

    def load(self, session: Session, now: datetime) -> None:
        if self.period is None:
            local_now = now.astimezone(self.context.policy.zone)
            self.period = Period.month(local_now.year, local_now.month)
        report = queries.billing_report(session, self.dimension, self.period, now, self.context.policy)
        self.at = now
        self.provisional = report.provisional
        self.chart = spend_table(session, self.dimension, self.period, now, self.context.policy)
        zone = self.context.policy.zone
        local_now = now.astimezone(zone)
        notes = [
            translate("billing", "Settled later and outstanding as of {moment} ({zone}).").format(
                moment=moment_text(local_now, zone), zone=offset_label(local_now)
            )
        ]
        if report.provisional:
            final_at = self.context.policy.bill_final_at(self.period.last.year, self.period.last.month).astimezone(zone)
            notes.append(
                translate("billing", "Provisional: these figures are final from {moment} ({zone}).").format(
                    moment=moment_text(final_at, zone), zone=offset_label(final_at)
                )
            )
        self.table = TableData(
            columns=(Column(DIMENSION_TITLES[self.dimension]), *AMOUNT_COLUMNS),
            rows=tuple((row.key, *(getattr(row.amounts, name) for name in AMOUNT_NAMES)) for row in report.rows),
            totals=(translate("billing", "Total"), *(getattr(report.totals, name) for name in AMOUNT_NAMES)),
            notes=tuple(notes),
        )

    def lines_of(self, row: int) -> TableData:
        """The lines behind one row of the billing table (drill-down); the totals row has none."""
        if self.period is None or self.at is None or row >= len(self.table.rows):
            return TableData(columns=LINE_COLUMNS)
        key = str(self.table.rows[row][0])
        with self.context.store() as session:
            account = queries.current_account(session)
            lines = queries.bill_lines_of(session, account.id, self.dimension, key, self.period)
            owing = queries.owing_as_of(session, account.id, self.at)
            rows = tuple(
                (
                    line.usage_day,
                    line.bill_number,
                    line.instance_id,
                    line.billing_item,
                    line.usage,
                    line.usage_unit,
                    *(getattr(amounts, name) for name in AMOUNT_NAMES),
                    line.amounts_consistent,
                )
                for line in lines
                for amounts in (queries.line_amounts(line, owing),)  # once per line, not once per column
            )
        return TableData(columns=LINE_COLUMNS, rows=rows)


LINE_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("columns", "Day")),
    Column(QT_TRANSLATE_NOOP("columns", "Bill")),
    Column(QT_TRANSLATE_NOOP("columns", "Domain")),
    Column(QT_TRANSLATE_NOOP("columns", "Billing item")),
    Column(QT_TRANSLATE_NOOP("columns", "Usage")),
    Column(QT_TRANSLATE_NOOP("columns", "Unit")),
    *AMOUNT_COLUMNS,
    Column(
        QT_TRANSLATE_NOOP("columns", "Adds up"),
        QT_TRANSLATE_NOOP(
            "columns", "Whether the export adds up: gross − discounts = payable = cash + vouchers + card + outstanding."
        ),
    ),
)
