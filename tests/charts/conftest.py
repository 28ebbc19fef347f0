"""Realistic inputs for every chart, shared by the chart, export and widget tests."""

from __future__ import annotations

import functools
import math
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from desktop.charts.overdue import OverdueTimeline, overdue_figure
from desktop.charts.refunds import RefundBar, refunds_figure
from desktop.charts.spend import SpendTable, spend_figure
from desktop.charts.usage import UsageSeries, usage_figure
from desktop.domain.kinds import RefundState, ServiceState

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=SHANGHAI)


@functools.cache
def bandwidth(days: int, start: datetime = datetime(2026, 11, 1, tzinfo=SHANGHAI)) -> UsageSeries:
    """Five-minute peak-bandwidth samples with an evening peak, as Decimals like the store returns.

    Made once per size (tuples, so a test cannot change them for the next one).
    """
    times, values = [], []
    for slot in range(days * 288):
        moment = start + timedelta(minutes=5 * slot)
        hour = moment.hour + moment.minute / 60
        level = 120 + 700 * math.exp(-(((hour - 20.5) / 3) ** 2)) + 40 * math.sin(slot)
        times.append(moment)
        values.append(Decimal(f"{level:.2f}"))
    return UsageSeries("Peak bandwidth 峰值带宽", "Mbit/s", tuple(times), tuple(values))


def spend_table() -> SpendTable:
    periods = [f"2026-{month:02d}" for month in range(1, 12)]
    names = ["Downstream traffic 下行流量", "Transcoding 720P", "Recording 录制", "Snapshots", "DRM"]
    groups = {
        name: [Decimal(f"{(rank + 1) * 100 + month * 7}.{month:02d}") for month in range(len(periods))]
        for rank, name in enumerate(names)
    }
    return SpendTable("Billing item 计费项", periods, groups, "CNY", provisional=frozenset({"2026-11"}))


def overdue_timeline(state: ServiceState = ServiceState.GRACE) -> OverdueTimeline:
    since = datetime(2026, 11, 21, 8, 0, tzinfo=SHANGHAI)
    now = NOW if state is ServiceState.GRACE else since + timedelta(days=18)
    return OverdueTimeline(since, since + timedelta(days=15), now, state, Decimal("1234.56"), "CNY", timedelta(days=15))


def refund_bars() -> list[RefundBar]:
    return [
        RefundBar(
            "201234567890123",
            datetime(2026, 11, 25, 10, 30, tzinfo=SHANGHAI),
            date(2026, 11, 27),
            date(2026, 11, 30),
            RefundState.PROCESSING,
            Decimal("95.00"),
            "CNY",
        ),
        RefundBar(
            "201234567890456",
            datetime(2026, 11, 11, 9, 0, tzinfo=SHANGHAI),
            date(2026, 11, 13),
            date(2026, 11, 16),
            RefundState.CREDITED,
            Decimal("1280.00"),
            "CNY",
        ),
        RefundBar(
            "201234567890789",
            datetime(2026, 11, 20, 16, 0, tzinfo=SHANGHAI),
            None,
            None,
            RefundState.REJECTED,
            Decimal("0.00"),
            "CNY",
        ),
    ]


def texts(figure: Figure) -> list[str]:
    """Every piece of text drawn on a figure (titles, labels, annotations, ticks once drawn)."""
    return [artist.get_text() for artist in figure.findobj(Text)]


@pytest.fixture
def figures() -> dict[str, Figure]:
    """The four charts with realistic data (built under the FloatOperation trap of tests/conftest.py)."""
    return {
        "usage": usage_figure(bandwidth(30), zone=SHANGHAI),
        "spend": spend_figure(spend_table()),
        "overdue": overdue_figure(overdue_timeline(), zone=SHANGHAI),
        "refunds": refunds_figure(refund_bars(), zone=SHANGHAI, now=NOW),
    }
