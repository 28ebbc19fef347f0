"""The Usage tab: raw usage samples, read page by page so that millions of rows stay cheap."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from sqlalchemy.orm import Session

from desktop.charts.from_store import usage_series
from desktop.charts.usage import UsageSeries
from desktop.controllers.base import Column, Context, TabController
from desktop.controllers.i18n import translate
from desktop.store import queries
from desktop.store.queries import UsageFilter

NOT_FOR_RECONCILIATION = QT_TRANSLATE_NOOP(
    "usage",
    "Raw usage is for reference only and is not for reconciliation: "
    "it differs from the billing details, which are what you are charged.",
)
CHART_SPAN = timedelta(days=31)
COLUMNS = (
    Column(QT_TRANSLATE_NOOP("columns", "Start")),
    Column(QT_TRANSLATE_NOOP("columns", "End")),
    Column(QT_TRANSLATE_NOOP("columns", "Domain")),
    Column(QT_TRANSLATE_NOOP("columns", "Region")),
    Column(QT_TRANSLATE_NOOP("columns", "Billing item")),
    Column(
        QT_TRANSLATE_NOOP("columns", "Usage"),
        QT_TRANSLATE_NOOP("columns", "The sample as reported, before billing rules (tiers, rounding, plans)."),
    ),
    Column(QT_TRANSLATE_NOOP("columns", "Unit")),
)


class UsageController(TabController):
    """The number of samples and pages of them in time order (keyset paging)."""

    columns = COLUMNS

    @staticmethod
    def banner() -> str:
        return translate("usage", NOT_FOR_RECONCILIATION)

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(context, parent)
        self.account_id: int | None = None
        self.total = 0
        self.chart: UsageSeries | None = None
        self.filter: UsageFilter | None = None  # None: the last 31 days, everything
        self.choices: dict[str, list[str]] = {"domains": [], "regions": [], "items": []}

    def load(self, session: Session, now: datetime) -> None:
        self.account_id = queries.current_account(session).id
        if self.filter is None:
            self.filter = UsageFilter(start=now - CHART_SPAN, end=now)
        self.choices = queries.usage_choices(session, self.account_id)
        self.total = queries.usage_count(session, self.account_id, self.filter)
        self.chart = usage_series(session, self.filter)

    def set_filter(self, where: UsageFilter) -> None:
        self.filter = where
        self.refresh()

    def rows(self, first: int, count: int) -> list[tuple[Any, ...]]:
        """Rows `first` to `first + count` of the filtered samples (what a view has scrolled to)."""
        if self.account_id is None:
            return []
        with self.context.store() as session:
            return queries.usage_rows(session, self.account_id, self.filter or UsageFilter(), first, count, self.total)
