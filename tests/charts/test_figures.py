"""Each chart from plain data: what it shows, in which zone, and "No data" for empty inputs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from desktop.charts.downsample import percentile_95
from desktop.charts.overdue import OverdueTimeline, overdue_figure
from desktop.charts.refunds import RefundBar, refunds_figure
from desktop.charts.spend import MAX_GROUPS, SpendTable, spend_figure
from desktop.charts.usage import NOT_FOR_RECONCILIATION, UsageSeries, usage_figure
from desktop.domain.kinds import RefundState, ServiceState
from desktop.domain.overdue import OverdueStatus
from tests.charts.conftest import NOW, SHANGHAI, bandwidth, overdue_timeline, refund_bars, spend_table, texts


def _drawn(figure: Figure) -> Figure:
    FigureCanvasAgg(figure).draw()  # ticks exist only once drawn
    return figure


@pytest.mark.parametrize(
    "empty",
    [
        lambda: usage_figure(UsageSeries("Traffic", "GB", [], []), zone=SHANGHAI),
        lambda: spend_figure(SpendTable("Region", [], {}, "CNY")),
        lambda: spend_figure(SpendTable("Region", ["2026-11"], {"cn-hangzhou": [Decimal(0)]}, "CNY")),
        lambda: overdue_figure(
            OverdueTimeline(None, None, NOW, ServiceState.ACTIVE, Decimal(0), "CNY", timedelta(days=15)), zone=SHANGHAI
        ),
        lambda: refunds_figure([], zone=SHANGHAI),
    ],
    ids=["usage", "spend", "spend-all-zero", "overdue-active", "refunds"],
)
def test_empty_inputs_say_no_data(empty) -> None:
    figure = _drawn(empty())
    assert "No data" in texts(figure)


def test_usage_draws_the_envelope_daily_peaks_and_percentile() -> None:
    series = bandwidth(3)
    figure = _drawn(usage_figure(series, zone=SHANGHAI, width_px=400, height_px=300))
    (ax,) = figure.axes
    assert figure.get_size_inches().tolist() == [4.0, 3.0]
    band = ax.collections[0]
    vertices = sum(len(path.vertices) for path in band.get_paths())
    assert vertices <= 2 * 400 + 10  # the band costs about 2 × width points, not 864
    labels = [text for text in ax.get_legend_handles_labels()[1]]
    assert labels[0].startswith("min–max per")
    assert "daily peak" in labels
    assert "95th percentile of the month: 2026-11 " + f"{percentile_95(series.values):,} Mbit/s" in labels
    peaks = next(line for line in ax.lines if line.get_label() == "daily peak")
    assert len(peaks.get_xdata()) == 3
    assert max(peaks.get_ydata()) == float(max(series.values))
    drawn = texts(figure)
    assert any(NOT_FOR_RECONCILIATION in text for text in drawn)


def test_usage_times_are_shown_in_the_account_zone() -> None:
    start = datetime(2026, 11, 1, 16, 0, tzinfo=SHANGHAI)  # 08:00 UTC
    times = [start + timedelta(minutes=5 * slot) for slot in range(24)]
    series = UsageSeries("Bandwidth", "Mbit/s", times, [Decimal(slot) for slot in range(24)])
    figure = _drawn(usage_figure(series, zone=SHANGHAI))
    ticks = [label.get_text() for label in figure.axes[0].get_xticklabels()]
    assert "16:00" in ticks
    assert "08:00" not in ticks
    assert "Time (Asia/Shanghai)" in texts(figure)


def test_usage_of_numpy_arrays_and_without_peaks() -> None:
    stamps = np.datetime64("2026-11-01T00:00", "us") + np.arange(5000) * np.timedelta64(5, "m")
    series = UsageSeries("Traffic", "GB", stamps, np.linspace(0, 1, 5000), peaks=False)
    ax = usage_figure(series, zone=SHANGHAI).axes[0]
    assert "daily peak" not in ax.get_legend_handles_labels()[1]


def test_usage_breaks_the_band_at_a_gap_in_the_data() -> None:
    series = bandwidth(4)
    keep = [slot for slot in range(len(series.times)) if not 288 <= slot < 2 * 288]  # day 2 missing
    gappy = UsageSeries("Bandwidth", "Mbit/s", [series.times[k] for k in keep], [series.values[k] for k in keep])
    line = next(line for line in usage_figure(gappy, zone=SHANGHAI).axes[0].lines if line.get_label() == "maximum")
    assert np.isnan(line.get_ydata()).sum() == 1


def test_usage_refuses_mismatched_samples() -> None:
    with pytest.raises(ValueError, match="2 times but 1 values"):
        usage_figure(UsageSeries("x", "GB", [NOW, NOW], [Decimal(1)]), zone=SHANGHAI)


def test_spend_stacks_each_group_and_labels_exact_totals() -> None:
    table = spend_table()
    figure = _drawn(spend_figure(table))
    ax = figure.axes[0]
    assert len(ax.containers) == len(table.groups)
    november = sum((amounts[-1] for amounts in table.groups.values()), Decimal(0))
    assert f"{november:,f}" in texts(figure)
    top = ax.containers[-1][-1]
    assert top.get_y() + top.get_height() == pytest.approx(float(november))
    assert top.get_hatch() == "//"  # 2026-11 is provisional
    assert ax.containers[0][0].get_hatch() is None
    assert "hatched: provisional" in ax.get_title(loc="left")


def test_spend_labels_keep_every_stored_digit() -> None:
    """A rollup of millionths is shown as stored: rounding it to cents would not be the exact total."""
    groups = {"cn-hangzhou": [Decimal("1234.567891")], "ap-southeast-1": [Decimal("0.000009")]}
    drawn = texts(_drawn(spend_figure(SpendTable("Region", ["2026-10"], groups, "CNY"))))
    assert "1,234.567900" in drawn
    assert "total 1,234.567900 CNY" in " ".join(drawn)


def test_spend_sums_small_groups_exactly_into_other() -> None:
    groups = {f"domain-{n}.example.com": [Decimal(f"{n}.01"), Decimal("0.10")] for n in range(12)}
    figure = spend_figure(SpendTable("Domain", ["2026-10", "2026-11"], groups, "CNY"))
    ax = figure.axes[0]
    assert len(ax.containers) == MAX_GROUPS
    other = ax.containers[-1]
    assert other.get_label() == "Other (5)"
    assert other[0].get_height() == pytest.approx(float(sum(Decimal(f"{n}.01") for n in range(5))))


def test_spend_stacks_credits_below_zero() -> None:
    groups = {"charges": [Decimal(100)], "refund credit": [Decimal(-30)], "more": [Decimal(50)]}
    ax = spend_figure(SpendTable("Bill type", ["2026-11"], groups, "CNY")).axes[0]
    bars = {container.get_label(): container[0] for container in ax.containers}
    assert bars["refund credit"].get_y() == 0
    assert bars["refund credit"].get_height() == -30
    assert bars["more"].get_y() == 100


def test_spend_refuses_a_group_of_the_wrong_length() -> None:
    with pytest.raises(ValueError, match="2 amounts for 1 periods"):
        spend_figure(SpendTable("Region", ["2026-11"], {"x": [Decimal(1), Decimal(2)]}, "CNY"))


def test_overdue_in_grace_marks_since_suspension_and_now_in_the_zone() -> None:
    figure = _drawn(overdue_figure(overdue_timeline(), zone=SHANGHAI))
    drawn = texts(figure)
    assert "overdue since\n11-21 08:00" in drawn
    assert "suspension\n12-06 08:00" in drawn
    assert "now 11-26 12:00\n9 d 20:00 left" in drawn
    assert "1,234.56 CNY" in figure.get_suptitle()
    labels = figure.axes[0].get_legend_handles_labels()[1]
    assert labels == ["grace used", "grace left (O2)"]


def test_overdue_suspended_shows_how_long_it_has_been() -> None:
    figure = overdue_figure(overdue_timeline(ServiceState.SUSPENDED), zone=SHANGHAI)
    assert "now 12-09 08:00\nsuspended for 3 d 00:00" in texts(figure)
    assert "suspended (O3)" in figure.axes[0].get_legend_handles_labels()[1]
    assert "pay every overdue bill" in figure.get_suptitle()


def test_overdue_timeline_from_a_domain_status() -> None:
    since = datetime(2026, 11, 21, 0, 30, tzinfo=SHANGHAI)
    status = OverdueStatus(NOW, ServiceState.GRACE, Decimal("10"), since, since + timedelta(days=15), 1, False, ())
    timeline = OverdueTimeline.from_status(status, "CNY", timedelta(days=15))
    assert (timeline.now, timeline.suspends_at) == (NOW, since + timedelta(days=15))
    in_utc = texts(overdue_figure(timeline, zone=UTC))
    assert "overdue since\n11-20 16:30" in in_utc  # the same instant, read in another zone
    assert "Time (UTC)" in in_utc


def test_refunds_one_row_per_request_newest_on_top_with_arrival_windows() -> None:
    bars = refund_bars()
    figure = _drawn(refunds_figure(bars, zone=SHANGHAI, now=NOW))
    ax = figure.axes[0]
    assert [label.get_text() for label in ax.get_yticklabels()] == [
        "201234567890123",
        "201234567890789",
        "201234567890456",
    ]
    windows = [patch for patch in ax.patches]
    assert len(windows) == 2  # the rejected request has no window
    processing = windows[0]
    # 2026-11-27 00:00 to 2026-12-01 00:00 in Shanghai: whole days, both ends included.
    assert processing.get_x() == pytest.approx(_num(datetime(2026, 11, 27, tzinfo=SHANGHAI)))
    assert processing.get_width() == pytest.approx(4.0)
    assert "1,280.00 CNY · credited" in texts(figure)
    assert "now 11-26 12:00" in texts(figure)


def test_refunds_keep_the_newest_rows() -> None:
    many = [
        RefundBar(f"order-{n:03d}", NOW - timedelta(days=n), None, None, RefundState.QUOTED, Decimal(n), "CNY")
        for n in range(40)
    ]
    figure = refunds_figure(many, zone=SHANGHAI)
    labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert len(labels) == 25
    assert labels[0] == "order-000"
    assert "newest 25 of 40" in figure.axes[0].get_title(loc="left")


def _num(moment: datetime) -> float:
    from matplotlib import dates

    return float(dates.date2num(moment))
