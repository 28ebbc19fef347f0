"""The numbers behind the usage chart: a pixel-wide min/max envelope, daily peaks, the 95th percentile.

Everything here is numpy-vectorised over the samples (the only Python loops run over days or months),
so a million five-minute samples reduce in tens of milliseconds. Times are absolute instants kept as
UTC ``datetime64[us]``; calendar days and months are cut in the account's zone.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

Times = Sequence[datetime] | npt.NDArray[np.datetime64]
Values = Sequence[Decimal] | Sequence[float] | npt.NDArray[np.floating[Any]]
Comparable = TypeVar("Comparable", Decimal, float, int)


def _micros(moment: datetime) -> int:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"usage times must be timezone-aware, got naive {moment.isoformat()}")
    return (moment - _EPOCH) // _MICROSECOND


def as_datetime64(times: Times) -> npt.NDArray[np.datetime64]:
    """UTC microseconds from aware datetimes; a datetime64 array (taken as UTC) passes through.

    Converting Python datetimes costs one step per sample; callers holding millions of samples
    should hand over a datetime64 array straight from the query.
    """
    if isinstance(times, np.ndarray):
        if not np.issubdtype(times.dtype, np.datetime64):
            raise TypeError(f"times must be datetime64, got {times.dtype}")
        return times.astype("datetime64[us]")
    micros = np.fromiter((_micros(moment) for moment in times), dtype=np.int64, count=len(times))
    return micros.view("datetime64[us]")


def as_floats(values: Values) -> npt.NDArray[np.float64]:
    """Floats for plotting; this is the one place where exact Decimals become floats (explicitly)."""
    if isinstance(values, np.ndarray):
        return values.astype(np.float64)
    return np.fromiter((float(value) for value in values), dtype=np.float64, count=len(values))


@dataclass(frozen=True, eq=False)
class Envelope:
    """Per time bucket of equal width: its start (UTC), the lowest and the highest sample in it.

    Buckets with no sample are left out, so ``len(envelope) <= buckets`` always holds.
    """

    starts: npt.NDArray[np.datetime64]
    lows: npt.NDArray[np.float64]
    highs: npt.NDArray[np.float64]
    width: np.timedelta64
    counts: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.starts)

    @property
    def centers(self) -> npt.NDArray[np.datetime64]:
        return self.starts + self.width // 2


def envelope(times: Times, values: Values, buckets: int) -> Envelope:
    """Reduce N samples to at most `buckets` (start, min, max) triples, one per time bucket.

    Buckets split [first sample, last sample] into equal widths (rounded up to a microsecond), so one
    bucket per pixel column draws exactly what a plot of every sample would show at that width.
    """
    if buckets < 1:
        raise ValueError(f"buckets must be at least 1, got {buckets}")
    stamps, samples = _arrays(times, values)
    if len(stamps) == 0:
        empty = np.array([], dtype=np.float64)
        return Envelope(np.array([], dtype="datetime64[us]"), empty, empty, np.timedelta64(0, "us"), np.array([]))
    order = _time_order(stamps)
    if order is not None:
        stamps, samples = stamps[order], samples[order]
    first = int(stamps[0])
    span = int(stamps[-1]) - first + 1  # +1: the last sample falls inside the last bucket, not past it
    width = -(-span // buckets)  # ceiling, so at most `buckets` buckets are needed
    index = (stamps - first) // width
    opens = np.flatnonzero(np.diff(index, prepend=-1))  # the first sample of each non-empty bucket
    counts = np.diff(np.append(opens, len(index)))
    return Envelope(
        starts=(first + index[opens] * width).astype("datetime64[us]"),
        lows=np.minimum.reduceat(samples, opens),
        highs=np.maximum.reduceat(samples, opens),
        width=np.timedelta64(width, "us"),
        counts=counts,
    )


@dataclass(frozen=True)
class DailyPeak:
    """The highest sample of a calendar day in the account's zone, and when it was measured.

    ``value`` is the original sample (a Decimal stays exact); ``at`` is in the account's zone.
    """

    day: date
    at: datetime
    value: Any


@dataclass(frozen=True)
class MonthlyPercentile:
    """The 95th percentile of one calendar month's samples; ``start``/``end`` bound the month."""

    start: datetime
    end: datetime
    value: Any
    samples: int


def _calendar_index(
    stamps: npt.NDArray[np.int64], zone: tzinfo, step: str
) -> tuple[npt.NDArray[np.int64], list[datetime]]:
    """Which calendar day (or month) of `zone` each sample falls in, and the boundaries of those periods.

    The loop runs over days or months, never samples; a day is cut at local midnight, so a day with a
    daylight-saving change simply has 23 or 25 hours.
    """
    first = datetime.fromtimestamp(int(stamps.min()) / 1e6, UTC).astimezone(zone)
    last = datetime.fromtimestamp(int(stamps.max()) / 1e6, UTC).astimezone(zone)
    if step == "day":
        day, final = first.date(), last.date()
        starts = [day + timedelta(days=offset) for offset in range((final - day).days + 2)]
    else:
        month = first.year * 12 + first.month - 1
        count = last.year * 12 + last.month - 1 - month + 2
        starts = [date((month + offset) // 12, (month + offset) % 12 + 1, 1) for offset in range(count)]
    bounds = [datetime(day.year, day.month, day.day, tzinfo=zone) for day in starts]
    edges = np.array([_micros(bound) for bound in bounds], dtype=np.int64)
    return np.searchsorted(edges, stamps, side="right") - 1, bounds


def moment(times: Times, index: int, zone: tzinfo) -> datetime:
    """The `index`-th time, in `zone`."""
    if isinstance(times, np.ndarray):
        micros = int(times[index].astype("datetime64[us]").astype(np.int64))
        return (_EPOCH + timedelta(microseconds=micros)).astimezone(zone)
    return times[index].astimezone(zone)


def daily_peaks(times: Times, values: Values, zone: tzinfo) -> list[DailyPeak]:
    """The maximum sample of each calendar day in `zone` (daily peak bandwidth: max of 288 samples).

    Days are cut at midnight in the account's zone, not UTC: for UTC+8, 23:55 on the 1st UTC is
    07:55 on the 2nd. Ties go to the earliest sample. Days without samples are absent.
    """
    stamps, samples = _arrays(times, values)
    if len(stamps) == 0:
        return []
    indices, day_starts = daily_peak_indices(stamps, samples, zone)
    return [
        DailyPeak(day=start.date(), at=moment(times, int(index), zone), value=values[int(index)])
        for index, start in zip(indices, day_starts, strict=True)
    ]


def daily_peak_indices(
    stamps: npt.NDArray[np.int64], samples: npt.NDArray[np.float64], zone: tzinfo
) -> tuple[npt.NDArray[np.intp], list[datetime]]:
    """For converted arrays: the index of each day's (earliest) peak sample, and the start of its day."""
    order = _time_order(stamps)
    ordered = samples if order is None else samples[order]
    days, bounds = _calendar_index(stamps if order is None else stamps[order], zone, "day")
    opens = np.flatnonzero(np.diff(days, prepend=-1))  # in time order, each day is one run of samples
    peaks = np.maximum.reduceat(ordered, opens)
    hits = np.flatnonzero(ordered == np.repeat(peaks, np.diff(np.append(opens, len(days)))))
    firsts = hits[np.searchsorted(hits, opens)]  # the earliest sample of each day equal to its peak
    return (firsts if order is None else order[firsts]), [bounds[int(day)] for day in days[opens]]


def _time_order(stamps: npt.NDArray[np.int64]) -> npt.NDArray[np.intp] | None:
    """None when the samples are already in time order (the usual case: one cheap pass), else the sort."""
    if np.all(stamps[1:] >= stamps[:-1]):
        return None
    return np.argsort(stamps, kind="stable")


def _arrays(times: Times, values: Values) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    stamps = as_datetime64(times).astype(np.int64)
    samples = as_floats(values)
    if len(stamps) != len(samples):
        raise ValueError(f"{len(stamps)} times but {len(samples)} values")
    return stamps, samples


def percentile_95(values: Sequence[Comparable] | npt.NDArray[Any]) -> Any:
    """The 95th-percentile billing value of a set of samples.

    Convention (the one used for 95th-percentile bandwidth billing): sort the N samples from highest
    to lowest, discard the top ``floor(N × 5 / 100)`` of them, and the highest remaining sample is the
    value. A 30-day month of five-minute samples has 8,640; the top 432 are dropped and the 433rd
    highest is billed. With fewer than 20 samples nothing is dropped, so it is the maximum. There is
    no interpolation: the result is always one of the samples, a Decimal stays exact.
    """
    count = len(values)
    if count == 0:
        raise ValueError("the 95th percentile of no samples is undefined")
    dropped = count * 5 // 100
    if isinstance(values, np.ndarray):
        return np.partition(values, count - 1 - dropped)[count - 1 - dropped]
    return heapq.nlargest(dropped + 1, values)[-1]


def monthly_percentile_95(times: Times, values: Values, zone: tzinfo) -> list[MonthlyPercentile]:
    """The 95th percentile of each calendar month in `zone`, as billed monthly; months without samples are absent.

    Samples are ranked as floats (monotone in the Decimals they come from), but each value reported
    is the original sample, so a Decimal stays exact.
    """
    stamps, samples = _arrays(times, values)
    if len(stamps) == 0:
        return []
    return [
        MonthlyPercentile(start, end, values[int(index)], count)
        for index, start, end, count in monthly_percentile_indices(stamps, samples, zone)
    ]


def monthly_percentile_indices(
    stamps: npt.NDArray[np.int64], samples: npt.NDArray[np.float64], zone: tzinfo
) -> list[tuple[int, datetime, datetime, int]]:
    """For converted arrays: per month, the index of its 95th-percentile sample, its bounds and sample count."""
    order = _time_order(stamps)
    ordered = samples if order is None else samples[order]
    months, bounds = _calendar_index(stamps if order is None else stamps[order], zone, "month")
    opens = np.flatnonzero(np.diff(months, prepend=-1))
    closes = np.append(opens[1:], len(months))
    result = []
    for begin, end in zip(opens, closes, strict=True):  # one step per month
        count = int(end - begin)
        rank = count - 1 - count * 5 // 100
        chosen = int(begin + np.argpartition(ordered[begin:end], rank)[rank])
        month = int(months[begin])
        result.append((chosen if order is None else int(order[chosen]), bounds[month], bounds[month + 1], count))
    return result
