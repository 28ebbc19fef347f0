"""The numbers behind the usage chart: envelope, daily peaks, 95th percentile."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.charts.downsample import (
    as_datetime64,
    daily_peaks,
    envelope,
    monthly_percentile_95,
    percentile_95,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = np.datetime64("2026-11-01T00:00:00", "us")


def _by_hand(stamps: np.ndarray, values: np.ndarray, first: int, width: int, buckets: int) -> list[tuple]:
    """The envelope the slow way: one bucket at a time with numpy's own min and max."""
    result = []
    micros = stamps.astype(np.int64)
    for bucket in range(buckets):
        inside = (micros >= first + bucket * width) & (micros < first + (bucket + 1) * width)
        if inside.any():
            result.append((first + bucket * width, values[inside].min(), values[inside].max()))
    return result


def test_envelope_matches_numpy_per_bucket_on_random_data() -> None:
    rng = np.random.default_rng(6)
    offsets = np.sort(rng.integers(0, 86_400_000_000 * 30, size=50_000))
    stamps = START + offsets.astype("timedelta64[us]")
    values = rng.normal(500, 120, size=len(stamps))
    band = envelope(stamps, values, buckets=640)
    assert len(band) <= 640
    first, width = int(stamps.astype(np.int64)[0]), int(band.width / np.timedelta64(1, "us"))
    expected = _by_hand(stamps, values, first, width, 640)
    assert [int(start) for start in band.starts.astype(np.int64)] == [start for start, _, _ in expected]
    np.testing.assert_array_equal(band.lows, [low for _, low, _ in expected])
    np.testing.assert_array_equal(band.highs, [high for _, _, high in expected])
    assert band.counts.sum() == len(stamps)


@settings(max_examples=60, deadline=None)
@given(
    offsets=st.lists(st.integers(0, 10**12), min_size=1, max_size=300),
    buckets=st.integers(1, 50),
    data=st.data(),
)
def test_envelope_never_exceeds_its_buckets_and_keeps_every_extreme(offsets: list[int], buckets: int, data) -> None:
    values = np.array(data.draw(st.lists(st.floats(-1e6, 1e6), min_size=len(offsets), max_size=len(offsets))))
    stamps = START + np.array(offsets, dtype="timedelta64[us]")  # unsorted on purpose
    band = envelope(stamps, values, buckets)
    assert 1 <= len(band) <= buckets
    assert band.lows.min() == values.min()
    assert band.highs.max() == values.max()
    assert np.all(band.lows <= band.highs)
    assert band.counts.sum() == len(offsets)


def test_envelope_of_a_million_samples_has_at_most_the_pixel_width() -> None:
    stamps = START + np.arange(1_000_000, dtype=np.int64).astype("timedelta64[m]").astype("timedelta64[us]") * 5
    values = np.random.default_rng(1).random(len(stamps))
    band = envelope(stamps, values, buckets=1200)
    assert len(band) == 1200  # dense data: every bucket has samples
    assert band.counts.sum() == 1_000_000


def test_envelope_accepts_aware_datetimes_and_decimals() -> None:
    times = [datetime(2026, 11, 1, tzinfo=SHANGHAI) + timedelta(minutes=5 * k) for k in range(10)]
    values = [Decimal(k) for k in range(10)]
    band = envelope(times, values, buckets=5)
    assert band.starts[0] == np.datetime64("2026-10-31T16:00:00", "us")  # UTC
    assert list(band.lows) == [0, 2, 4, 6, 8]
    assert list(band.highs) == [1, 3, 5, 7, 9]


def test_envelope_of_nothing_is_empty() -> None:
    assert len(envelope([], [], buckets=10)) == 0


@pytest.mark.parametrize("buckets", [0, -3])
def test_envelope_needs_a_bucket(buckets: int) -> None:
    with pytest.raises(ValueError, match="buckets"):
        envelope([datetime(2026, 1, 1, tzinfo=UTC)], [Decimal(1)], buckets)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        as_datetime64([datetime(2026, 1, 1)])  # noqa: DTZ001


def test_daily_peaks_are_cut_at_midnight_in_the_account_zone() -> None:
    # 15:55 and 16:05 UTC are 23:55 on the 1st and 00:05 on the 2nd in Shanghai, but one UTC day.
    times = [
        datetime(2026, 11, 1, 15, 50, tzinfo=UTC),
        datetime(2026, 11, 1, 15, 55, tzinfo=UTC),
        datetime(2026, 11, 1, 16, 0, tzinfo=UTC),
        datetime(2026, 11, 1, 16, 5, tzinfo=UTC),
    ]
    values = [Decimal("10.5"), Decimal("99.25"), Decimal("20"), Decimal("30.75")]
    peaks = daily_peaks(times, values, SHANGHAI)
    assert [peak.day for peak in peaks] == [date(2026, 11, 1), date(2026, 11, 2)]
    assert [peak.value for peak in peaks] == [Decimal("99.25"), Decimal("30.75")]
    assert peaks[0].at == datetime(2026, 11, 1, 23, 55, tzinfo=SHANGHAI)
    assert peaks[0].at.tzinfo is SHANGHAI
    assert isinstance(peaks[0].value, Decimal)  # the original sample, exact
    assert [peak.day for peak in daily_peaks(times, values, UTC)] == [date(2026, 11, 1)]


def test_daily_peak_of_288_samples_and_ties_go_to_the_earliest() -> None:
    day = datetime(2026, 11, 3, tzinfo=SHANGHAI)
    times = [day + timedelta(minutes=5 * slot) for slot in range(288)]
    values = [Decimal(slot % 100) for slot in range(288)]  # 99 at slots 99 and 199
    (peak,) = daily_peaks(times, values, SHANGHAI)
    assert peak.value == Decimal(99)
    assert peak.at == day + timedelta(minutes=5 * 99)


def test_daily_peaks_across_a_daylight_saving_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")  # 2026-10-25 has 25 hours there
    start = datetime(2026, 10, 24, 22, 0, tzinfo=UTC)  # midnight of the 25th in Berlin (UTC+2)
    times = [start + timedelta(hours=hour) for hour in range(26)]
    values = list(range(26))
    peaks = daily_peaks(times, values, berlin)
    assert [(peak.day, peak.value) for peak in peaks] == [(date(2026, 10, 25), 24), (date(2026, 10, 26), 25)]


def test_percentile_95_on_a_known_list() -> None:
    assert percentile_95([Decimal(n) for n in range(1, 101)]) == Decimal(95)  # top 5 dropped
    assert percentile_95(list(range(100, 0, -1))) == 95  # order does not matter
    assert percentile_95([Decimal("7.5")] * 3 + [Decimal("1000")]) == Decimal(1000)  # < 20 samples: the max
    assert percentile_95(list(range(1, 21))) == 19  # 20 samples: one dropped


def test_percentile_95_of_a_month_drops_432_of_8640() -> None:
    samples = [Decimal(n) / 100 for n in range(8640)]
    value = percentile_95(samples)
    assert value == Decimal(8640 - 433) / 100  # the 433rd highest
    assert isinstance(value, Decimal)
    assert percentile_95(np.arange(8640.0)) == 8640 - 433


def test_percentile_95_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="no samples"):
        percentile_95([])


def test_monthly_percentile_is_per_calendar_month_in_the_zone() -> None:
    zone = timezone(timedelta(hours=8))
    november = [datetime(2026, 11, 1, tzinfo=zone) + timedelta(hours=hour) for hour in range(40)]
    # 2026-11-30 16:30 UTC is already December in UTC+8.
    december = [datetime(2026, 11, 30, 16, 30, tzinfo=UTC) + timedelta(hours=hour) for hour in range(20)]
    values = [Decimal(n) for n in range(40)] + [Decimal(1000 + n) for n in range(20)]
    months = monthly_percentile_95(november + december, values, zone)
    assert [(month.start.month, month.samples, month.value) for month in months] == [
        (11, 40, Decimal(37)),
        (12, 20, Decimal(1018)),
    ]
    assert months[0].end == datetime(2026, 12, 1, tzinfo=zone)
