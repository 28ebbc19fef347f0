"""Each tab's controller, tested without any widget: what the view would show."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop.controllers.base import Context
from desktop.controllers.billing import BillingController
from desktop.controllers.orders import OrdersController
from desktop.controllers.overview import OverviewController
from desktop.controllers.refunds import RefundsController
from desktop.controllers.usage import UsageController
from desktop.domain.billing import Dimension
from desktop.domain.kinds import ServiceState
from desktop.domain.periods import Period
from tests.conftest import DEMO_AT


def test_overview_shows_the_grace_period_and_counts_down(qtbot: QtBot, context: Context) -> None:
    controller = OverviewController(context)
    with qtbot.waitSignal(controller.changed, timeout=5000):
        controller.refresh()
    assert controller.overview is not None
    status = controller.overview.status
    assert status.state is ServiceState.GRACE
    assert controller.seconds_left() == status.seconds_to_suspension
    facts = {label: value for label, value, _ in controller.facts()}
    assert facts["Overdue amount"] == status.overdue_amount > 0
    assert facts["Resource plans can be bought"] is False
    with qtbot.waitSignal(controller.countdown, timeout=3000) as tick:
        pass
    assert tick.args == [status.seconds_to_suspension]


def test_overview_refreshes_when_the_suspension_moment_comes(qtbot: QtBot, context: Context) -> None:
    now = [DEMO_AT]
    controller = OverviewController(Context(context.store, context.policy, clock=lambda: now[0]))
    controller.refresh()
    assert controller.overview is not None
    assert controller.overview.status.suspends_at is not None
    now[0] = controller.overview.status.suspends_at + timedelta(seconds=1)
    with qtbot.waitSignal(controller.changed, timeout=3000):
        pass
    assert controller.overview.status.state is ServiceState.SUSPENDED
    assert controller.seconds_left() is None


def test_the_provisional_note_names_the_zone_it_is_written_in(qtbot: QtBot, context: Context) -> None:
    """An account kept in Berlin time reads the moment (12:00 UTC+8) in Berlin time, labelled so."""
    berlin = Context(context.store, replace(context.policy, account_zone="Europe/Berlin"), clock=context.clock)
    controller = BillingController(berlin)
    controller.refresh()
    assert controller.table.notes == (
        "Settled later and outstanding as of 11/26/2026 5:00\u202fAM (UTC+1).",
        "Provisional: these figures are final from 12/3/2026 5:00\u202fAM (UTC+1).",
    )


def test_billing_groups_the_month_by_billing_item_with_totals(qtbot: QtBot, context: Context) -> None:
    controller = BillingController(context)
    controller.refresh()
    assert controller.period == Period.month(2026, 11)
    assert controller.provisional
    assert controller.table.notes == (
        "Settled later and outstanding as of 11/26/2026 12:00\u202fPM (UTC+8).",
        "Provisional: these figures are final from 12/3/2026 12:00\u202fPM (UTC+8).",
    )
    table = controller.table
    assert table.columns[0].title == "Billing item"
    keys = [row[0] for row in table.rows]
    assert "Downstream traffic" in keys
    assert len(keys) == len(set(keys))
    assert table.totals is not None
    for column in range(1, len(table.columns)):
        assert sum((row[column] for row in table.rows), Decimal(0)) == table.totals[column]
    assert all(row[0] for row in table.rows)


def test_billing_changes_dimension_and_period(qtbot: QtBot, context: Context) -> None:
    controller = BillingController(context)
    with qtbot.waitSignal(controller.changed):
        controller.set_query(Dimension.INSTANCE, Period.day(date(2026, 11, 20)))
    keys = {row[0] for row in controller.table.rows}
    assert keys == {"play.example-stream.com", "live-sg.example-stream.com", "edu.example-stream.com"}
    assert controller.provisional
    controller.set_query(Dimension.INSTANCE, Period.day(date(2026, 10, 20)))
    assert not controller.provisional  # October became final on 3 November at noon
    controller.set_query(Dimension.INSTANCE, Period.day(date(2020, 1, 1)))
    assert controller.table.rows == ()
    assert controller.table.totals is not None
    assert controller.table.totals[4] == 0


def test_usage_rows_read_from_either_end_agree(qtbot: QtBot, context: Context) -> None:
    from desktop.store.queries import UsageFilter

    controller = UsageController(context)
    controller.refresh()
    controller.set_filter(UsageFilter())  # every sample
    assert controller.total == 30 * 288 * 3 * 2
    first = controller.rows(0, 100)
    second = controller.rows(100, 100)
    assert first + second == controller.rows(0, 200)
    last = controller.rows(controller.total - 150, 500)  # read backwards from the end
    middle = controller.rows(controller.total - 300, 150)  # read forwards
    assert len(last) == 150
    assert middle + last == controller.rows(controller.total - 300, 300)
    starts = [row[0] for row in first + second]
    assert starts == sorted(starts)
    assert controller.rows(controller.total, 10) == []


def test_orders_and_refunds_list_the_demo(qtbot: QtBot, context: Context) -> None:
    orders = OrdersController(context)
    orders.refresh()
    refunds = RefundsController(context)
    refunds.refresh()
    assert len(orders.table.rows) == 13
    order_ids = {row[0] for row in orders.table.rows}
    assert {row[0] for row in refunds.table.rows} <= order_ids
    assert {row[2] for row in refunds.table.rows} == {"credited", "processing"}


def test_a_store_failure_is_reported_not_raised(qtbot: QtBot, empty_store, policy) -> None:
    controller = OrdersController(Context(empty_store, policy, clock=lambda: DEMO_AT))
    with qtbot.waitSignal(controller.failed) as failure:
        controller.refresh()
    assert "no account yet" in failure.args[0]


def test_usage_filters_narrow_the_samples_and_the_chart(qtbot: QtBot, context: Context) -> None:
    from desktop.store.queries import UsageFilter

    controller = UsageController(context)
    controller.refresh()
    assert controller.choices["domains"] == [
        "edu.example-stream.com",
        "live-sg.example-stream.com",
        "play.example-stream.com",
    ]
    assert controller.filter is not None
    day = Period.day(date(2026, 11, 20)).bounds(context.policy.zone)
    controller.set_filter(UsageFilter(*day, "live-sg.example-stream.com", None, "Downstream traffic"))
    assert controller.total == 288
    rows = controller.rows(0, 1000)
    assert {(row[2], row[4]) for row in rows} == {("live-sg.example-stream.com", "Downstream traffic")}
    assert controller.chart_loading  # the table is there at once; the chart comes from a background job
    qtbot.waitUntil(lambda: not controller.chart_loading, timeout=10_000)
    assert controller.chart_error is None
    assert controller.chart is not None
    assert controller.figure is not None
    assert len(controller.chart.values) == 288
    assert controller.chart.unit == "GB"
    assert not controller.chart.peaks


def test_a_write_the_store_refuses_is_said_in_words(
    qtbot: QtBot, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Recording a payment or marking a refund credited on a store that cannot be written (a full disk)."""
    overview, refunds = OverviewController(context), RefundsController(context)
    overview.refresh()
    refunds.refresh()
    row = next(row for row in range(len(refunds.keys)) if refunds.can_mark_credited(row))

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("UPDATE ...", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(Session, "flush", refuse)
    with qtbot.waitSignal(overview.payment_failed, timeout=5000) as failed:
        assert overview.record_payment("10.00", DEMO_AT) is None  # as typed: fine; the store refuses it
    assert failed.args == ["Nothing was changed: the store could not be written (database or disk is full)."]
    with qtbot.waitSignal(refunds.failed, timeout=5000) as failed:
        refunds.mark_credited(row)
    assert failed.args == ["Nothing was changed: the store could not be written (database or disk is full)."]


def test_a_refund_the_policy_refuses_is_not_stored_and_says_which_rule(qtbot: QtBot, context: Context) -> None:
    from sqlalchemy import select

    from desktop.controllers.refund_request import RefundRequestController
    from desktop.store.models import Order, RefundRequest

    with context.store() as session:
        order_id = session.scalars(select(Order.order_id).where(Order.item_kind == "PayAsYouGo")).one()
    controller = RefundRequestController(context, order_id)
    controller.load()
    assert controller.quote is not None
    assert not controller.quote.eligible
    with qtbot.waitSignal(controller.failed) as failed:
        controller.submit(confirmed_irreversible=True)
    assert failed.args == [f"Not submitted: {context.policy.rule_text(controller.quote.rules[-1].id)}"]
    with context.store() as session:
        assert session.scalars(select(RefundRequest).where(RefundRequest.order_id == order_id)).all() == []


def test_the_usage_tab_s_default_period_starts_at_midnight_of_its_first_day(context: Context) -> None:
    """The From date shown is the first day read: 00:00 of it in the account's zone, not 'now − 31 days'."""
    controller = UsageController(context)
    controller.refresh()
    assert controller.filter is not None
    assert controller.filter.start is not None
    zone = context.policy.zone
    first = controller.filter.start.astimezone(zone)
    assert (first.date(), first.time().isoformat()) == (DEMO_AT.date() - timedelta(days=31), "00:00:00")
