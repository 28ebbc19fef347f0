"""The monthly statement: several pages of figures in one PDF, for people who report upward."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure
from sqlalchemy.orm import Session

from desktop.charts import style
from desktop.charts.export import figure_pages_pdf
from desktop.charts.from_store import overdue_timeline, refund_bars, spend_table, usage_series
from desktop.charts.overdue import overdue_figure
from desktop.charts.refunds import refunds_figure
from desktop.charts.spend import spend_figure
from desktop.charts.usage import usage_figure
from desktop.domain.billing import AMOUNT_NAMES, Dimension
from desktop.domain.periods import Period
from desktop.domain.policy import Policy
from desktop.store import queries
from desktop.store.overview import account_overview
from desktop.store.queries import UsageFilter

PAGE_PX = (1169, 827)  # A4 landscape at 100 dpi
ROWS_PER_PAGE = 24


def table_figure(title: str, subtitle: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Figure:
    """A page with a plain table; amounts come in already formatted (exact, as stored)."""
    with style.building():
        figure = style.new_figure(*PAGE_PX)
        ax = figure.add_subplot()
        ax.set_axis_off()
        style.titles(figure, ax, title, subtitle)
        if rows:
            labels = list(headers) if any(headers) else None
            table = ax.table(cellText=[list(row) for row in rows], colLabels=labels, loc="upper left", cellLoc="left")
            table.auto_set_font_size(False)
            table.set_fontsize(8)
            table.scale(1, 1.35)
        else:
            ax.text(0.5, 0.5, "None this month", ha="center", color=style.MUTED, transform=ax.transAxes)
    return figure


def _text(value: Any, zone: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    return str(value)


def monthly_report(session: Session, month: Period, now: datetime, policy: Policy, path: Path) -> int:
    """Write the statement of `month` as a PDF; returns the number of pages."""
    zone = policy.zone
    account = queries.current_account(session)
    start, end = month.bounds(zone)
    overview = account_overview(session, now, policy)  # one "as of" for every figure of every page
    report = queries.billing_report(session, Dimension.BILLING_ITEM, month, now, policy)
    status = "provisional" if report.provisional else "final"
    label = month.label()
    summary_rows = [
        ("Account", f"{account.name} ({account.uid})"),
        ("Statement", f"{label} ({status})"),
        ("Balance", f"{account.currency} {overview.balance}" if overview.balance is not None else "unknown"),
        ("Service state", overview.status.state.value),
        ("Overdue amount", f"{account.currency} {overview.status.overdue_amount}"),
        *((name.replace("_", " ").capitalize(), f"{account.currency} {getattr(report.totals, name)}")
          for name in AMOUNT_NAMES),
    ]  # fmt: skip
    pages: list[Figure] = [
        table_figure(f"ApsaraVideo Live statement {label}", f"as of {_text(now, zone)}", (), summary_rows),
        overdue_figure(overdue_timeline(overview), zone=zone, width_px=PAGE_PX[0], height_px=PAGE_PX[1] // 2),
        spend_figure(
            spend_table(session, Dimension.BILLING_ITEM, month, now, policy), width_px=PAGE_PX[0], height_px=PAGE_PX[1]
        ),
        usage_figure(usage_series(session, UsageFilter(start, min(end, now))), zone=zone, width_px=PAGE_PX[0]),
    ]
    orders = [
        (
            o.order_id,
            _text(o.created_at, zone),
            o.order_type,
            o.payment_status,
            o.item_kind,
            str(o.pretax_amount),
            str(o.cash),
            str(o.vouchers + o.coupons + o.prepaid_card),
        )
        for o in queries.orders(session, account.id)
        if start <= o.created_at < end and o.created_at <= now
    ]
    headers = ("Order", "Created", "Type", "Status", "Item", "Payable", "Cash", "Vouchers, coupons, card")
    for first in range(0, max(len(orders), 1), ROWS_PER_PAGE):
        pages.append(table_figure(f"Orders {label}", account.currency, headers, orders[first : first + ROWS_PER_PAGE]))
    pages.append(refunds_figure(refund_bars(session, now), zone=zone, now=now, width_px=PAGE_PX[0]))
    return figure_pages_pdf(pages, path)
