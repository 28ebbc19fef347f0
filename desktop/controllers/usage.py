"""The Usage tab: raw usage samples, read page by page so that millions of rows stay cheap.

The counts and filter lists come from the usage rollups (a few rows a day), so the table opens at
once; the chart reads every sample of its series, so it is read and drawn off the GUI thread and
arrives later.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session

from desktop.charts.data import UsageSeries
from desktop.charts.from_store import usage_series
from desktop.controllers.base import Column, Context, TabController
from desktop.controllers.i18n import QT_TRANSLATE_NOOP, translate
from desktop.controllers.jobs import Job, JobCancelledError, JobControl, JobRunner
from desktop.domain.periods import Period
from desktop.services.changes import Kind
from desktop.store import queries
from desktop.store.queries import UsageFilter

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
    """The number of samples and pages of them in time order (keyset paging), and the chart.

    The chart of the current filter is built by a background job (reading the samples, reducing
    them to what a pixel can show, laying out the figure); until it comes `chart_loading` is set.
    A result for a filter that has since changed is dropped, never shown.

    Signals:
        chart_changed: the chart started loading, arrived (`figure`) or failed (`chart_error`).
    """

    chart_changed = Signal()
    columns = COLUMNS
    KINDS = frozenset({Kind.USAGE})

    @staticmethod
    def banner() -> str:
        return translate("usage", NOT_FOR_RECONCILIATION)

    def __init__(self, context: Context, parent: QObject | None = None, *, jobs: JobRunner | None = None) -> None:
        super().__init__(context, parent)
        self.jobs = jobs or context.operations.jobs  # the window's: closing it waits for the chart
        self.account_id: int | None = None
        self.total = 0
        self.filter: UsageFilter | None = None  # None: the last 31 days, everything
        self.choices: dict[str, list[str]] = {"domains": [], "regions": [], "items": []}
        self.chart_width: Callable[[], int] | None = None  # the view says how wide it draws
        self.chart: UsageSeries | None = None
        self.figure: Figure | None = None
        self.chart_loading = False
        self.chart_error: str | None = None
        self._chart_job: Job | None = None
        self._chart_generation = 0

    def load(self, session: Session, now: datetime) -> None:
        self.account_id = queries.current_account(session).id
        if self.filter is None:
            today = now.astimezone(self.context.policy.zone).date()
            self.filter = self.between(today - CHART_SPAN, today)  # from 00:00 of the first day shown
        self.choices = queries.usage_choices(session, self.account_id)
        self.total = queries.usage_count(session, self.account_id, self.filter)
        self._load_chart(self.filter)

    def _load_chart(self, where: UsageFilter) -> None:
        """Mark the chart of `where` as loading, cancelling the one of the previous filter.

        The job starts on the next turn of the event loop, once the table has been painted: on a
        machine with two cores, a job started at once slows the first paint down by half.
        """
        if self._chart_job is not None:
            self._chart_job.cancel()
            self._chart_job = None
        self._chart_generation += 1
        self.chart, self.figure, self.chart_error, self.chart_loading = None, None, None, True
        QTimer.singleShot(0, self, partial(self._start_chart, self._chart_generation, where))
        self.chart_changed.emit()

    def _start_chart(self, generation: int, where: UsageFilter) -> None:
        if generation != self._chart_generation:
            return  # the filter changed again before the job started
        from desktop.charts import style  # matplotlib loads with the first chart, not with the window
        from desktop.charts.usage import usage_figure

        store, zone = self.context.store, self.context.policy.zone
        width_px = self.chart_width() if self.chart_width is not None else style.WIDTH_PX

        def work(control: JobControl) -> tuple[UsageSeries, Figure]:
            with store() as session:
                series = usage_series(session, where)
            if control.cancelled:
                raise JobCancelledError
            return series, usage_figure(series, zone=zone, width_px=width_px)

        self._chart_job = self.jobs.submit(
            work,
            writes=False,
            on_success=lambda result: self._chart_loaded(generation, result),
            on_failure=lambda message: self._chart_failed(generation, message),
        )

    def _chart_loaded(self, generation: int, result: tuple[UsageSeries, Figure]) -> None:
        if generation != self._chart_generation:
            return  # the chart of a filter the user has since left
        self.chart, self.figure = result
        self.chart_loading, self._chart_job = False, None
        self.chart_changed.emit()

    def _chart_failed(self, generation: int, message: str) -> None:
        if generation != self._chart_generation:
            return
        self.chart_error = message
        self.chart_loading, self._chart_job = False, None
        self.chart_changed.emit()

    def between(
        self, first: date, last: date, domain: str | None = None, region: str | None = None, item: str | None = None
    ) -> UsageFilter:
        """The samples of whole days `first`..`last` in the account's zone, of a domain, region and item (None: all)."""
        start, end = Period(first, max(first, last)).bounds(self.context.policy.zone)
        return UsageFilter(start, end, domain, region, item)

    def set_filter(self, where: UsageFilter) -> None:
        self.filter = where
        self.refresh()

    def rows(self, first: int, count: int) -> list[tuple[Any, ...]]:
        """Rows `first` to `first + count` of the filtered samples (what a view has scrolled to)."""
        if self.account_id is None:
            return []
        with self.context.store() as session:
            return queries.usage_rows(session, self.account_id, self.filter or UsageFilter(), first, count, self.total)
