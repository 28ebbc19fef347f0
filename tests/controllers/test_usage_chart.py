"""The Usage tab's chart comes from a background job: a newer filter always wins, failures are shown."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from desktop.controllers.base import Context
from desktop.controllers.jobs import Job, JobControl, JobRunner, JobSignals, Work
from desktop.controllers.usage import UsageController
from desktop.domain.periods import Period
from desktop.store.queries import UsageFilter
from tests.event_loop import handle_pending_events


@dataclass
class Held:
    """A submitted job that has not run yet, with what the runner would call when it ends."""

    job: Job
    work: Work
    on_success: Callable[[Any], None]
    on_failure: Callable[[str], None]

    def succeed(self) -> None:
        """Run the work to the end (as a job does that had passed its last check when cancelled)."""
        self.on_success(self.work(JobControl(JobSignals())))


class HeldJobs(JobRunner):
    """A runner that starts nothing: the test decides which job ends, and in which order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.held: list[Held] = []

    def submit(self, work: Work, *, writes: bool, **callbacks: Any) -> Job:
        signals = JobSignals()
        job = Job(signals, JobControl(signals))
        self.held.append(Held(job, work, callbacks["on_success"], callbacks["on_failure"]))
        return job


def one_domain_one_day(context: Context) -> UsageFilter:
    day = Period.day(date(2026, 11, 20)).bounds(context.policy.zone)
    return UsageFilter(*day, "live-sg.example-stream.com", None, "Downstream traffic")


def test_the_chart_of_an_older_filter_never_replaces_a_newer_one(qtbot: QtBot, context: Context) -> None:
    jobs = HeldJobs()
    controller = UsageController(context, jobs=jobs)
    controller.refresh()  # the last 31 days of every domain
    qtbot.waitUntil(lambda: len(jobs.held) == 1)  # the job starts once the table is painted
    controller.set_filter(one_domain_one_day(context))
    qtbot.waitUntil(lambda: len(jobs.held) == 2)
    older, newer = jobs.held
    assert older.job.control.cancelled
    assert controller.chart_loading
    assert controller.chart is None
    with qtbot.assertNotEmitted(controller.chart_changed):
        older.succeed()  # the first filter's chart arrives while the second one's is read
    assert controller.chart_loading
    assert controller.chart is None
    with qtbot.waitSignal(controller.chart_changed):
        newer.succeed()
    assert controller.chart is not None
    assert len(controller.chart.values) == 288
    figure = controller.figure
    older.succeed()  # and once more, after it
    older.on_failure("too late")
    assert controller.figure is figure
    assert controller.chart is not None
    assert len(controller.chart.values) == 288
    assert controller.chart_error is None
    assert not controller.chart_loading


def test_a_chart_that_fails_is_reported_and_the_table_stays(qtbot: QtBot, context: Context) -> None:
    jobs = HeldJobs()
    controller = UsageController(context, jobs=jobs)
    controller.refresh()
    qtbot.waitUntil(lambda: len(jobs.held) == 1)
    total = controller.total
    with qtbot.waitSignal(controller.chart_changed):
        jobs.held[0].on_failure("The store could not be read: disk I/O error")
    assert controller.chart_error == "The store could not be read: disk I/O error"
    assert not controller.chart_loading
    assert controller.figure is None
    assert controller.total == total > 0
    controller.refresh()  # trying again clears the failure while the chart is read
    assert controller.chart_error is None
    assert controller.chart_loading


def test_a_filter_changed_before_its_chart_started_starts_only_the_newest(qtbot: QtBot, context: Context) -> None:
    jobs = HeldJobs()
    controller = UsageController(context, jobs=jobs)
    controller.refresh()
    controller.set_filter(one_domain_one_day(context))  # in the same turn of the event loop
    qtbot.waitUntil(lambda: len(jobs.held) == 1)
    handle_pending_events(qtbot)  # the first filter's start, deferred like the second's, has had its turn
    assert len(jobs.held) == 1
    with qtbot.waitSignal(controller.chart_changed):
        jobs.held[0].succeed()
    assert controller.chart is not None
    assert len(controller.chart.values) == 288


def test_the_chart_arrives_from_a_background_job(qtbot: QtBot, context: Context) -> None:
    controller = UsageController(context)
    with qtbot.waitSignal(controller.changed):
        controller.refresh()
    assert controller.chart_loading
    qtbot.waitUntil(lambda: not controller.chart_loading, timeout=10_000)
    assert controller.chart_error is None
    assert controller.chart is not None
    assert len(controller.chart.values) > 0
    assert controller.figure is not None


def test_a_store_error_while_reading_the_chart_is_one_sentence(
    qtbot: QtBot, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*_args: object) -> None:
        raise OperationalError("SELECT ...", {}, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr("desktop.controllers.usage.usage_series", failing)
    controller = UsageController(context)
    controller.refresh()
    qtbot.waitUntil(lambda: not controller.chart_loading, timeout=10_000)
    assert controller.chart_error == "The store could not be used: disk I/O error"
    assert controller.total > 0  # the table is unaffected
