"""Usage over time: a min/max band one bucket per pixel, daily peaks, and the monthly 95th percentile."""

from __future__ import annotations

from datetime import tzinfo

import numpy as np
import numpy.typing as npt
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from desktop.charts import style
from desktop.charts.data import UsageSeries
from desktop.charts.downsample import (
    Envelope,
    as_datetime64,
    as_floats,
    daily_peak_indices,
    envelope,
    moment,
    monthly_percentile_indices,
)
from desktop.charts.language import QT_TRANSLATE_NOOP, translate

NOT_FOR_RECONCILIATION = QT_TRANSLATE_NOOP("charts", "Raw usage, for reference only: not for reconciliation")
MAX_MARKED_DAYS = 120  # beyond that the peak markers merge into a second line and hide the band
MAX_NAMED_MONTHS = 3  # the monthly 95th percentiles spelled out in the legend


def _bucket_text(width: np.timedelta64) -> str:
    seconds = int(width / np.timedelta64(1, "s"))
    for size, name in ((86_400, "d"), (3_600, "h"), (60, "min")):
        if seconds >= size:
            return f"{seconds / size:.3g} {name}"
    return f"{max(seconds, 1)} s"


def _with_gaps(
    x: npt.NDArray[np.float64], *columns: npt.NDArray[np.float64], threshold: float
) -> list[npt.NDArray[np.float64]]:
    """Insert NaN where consecutive buckets are further apart than `threshold`, so a hole in the data
    shows as a hole instead of a straight line across it."""
    breaks = np.flatnonzero(np.diff(x) > threshold) + 1
    return [np.insert(column, breaks, np.nan) for column in (x, *columns)]


def _typical_spacing(stamps: npt.NDArray[np.datetime64]) -> float:
    """The usual distance between samples in days (the median, so one gap does not distort it)."""
    if len(stamps) < 2:
        return 0.0
    micros = stamps.astype(np.int64)
    steps = np.diff(micros if np.all(micros[1:] >= micros[:-1]) else np.sort(micros))
    return float(np.median(steps)) / 86_400e6


def usage_figure(
    series: UsageSeries,
    *,
    zone: tzinfo,
    width_px: int = style.WIDTH_PX,
    height_px: int = style.HEIGHT_PX,
    title: str | None = None,
) -> Figure:
    """The usage chart; it costs about 2 × width_px points to draw however many samples there are."""
    heading = title or f"{series.label} ({series.unit})"
    if len(series.times) == 0:
        return style.no_data_figure(heading, translate("charts", NOT_FOR_RECONCILIATION), width_px, height_px)
    stamps = as_datetime64(series.times)
    samples = as_floats(series.values)
    if len(stamps) != len(samples):
        raise ValueError(f"{len(stamps)} times but {len(samples)} values")
    band = envelope(stamps, samples, buckets=width_px)
    with style.building():
        figure = style.new_figure(width_px, height_px)
        ax = figure.add_subplot()
        style.style_axes(ax, grid="both")
        _draw_band(ax, band, _typical_spacing(stamps))
        if series.peaks:
            micros = stamps.astype(np.int64)
            _draw_daily_peaks(ax, series, micros, samples, zone)
            _draw_percentiles(ax, series, micros, samples, zone)
        ax.set_ylabel(series.unit)
        if band.lows.min() >= 0:
            ax.set_ylim(bottom=0)
        ax.ticklabel_format(axis="y", style="plain", useOffset=False)
        ax.margins(x=0.01)
        style.time_axis(ax, zone)
        style.titles(
            figure,
            ax,
            heading,
            translate("charts", "{count} samples · times in {zone}").format(
                count=f"{len(samples):,}", zone=style.zone_name(zone)
            )
            + f" · {translate('charts', NOT_FOR_RECONCILIATION)}",
        )
        figure.legend(loc="outside lower left", ncols=4)
    return figure


def _draw_band(ax: Axes, band: Envelope, spacing: float) -> None:
    x = mdates.date2num(band.centers)
    width = band.width / np.timedelta64(1, "us") / 86_400e6
    x, lows, highs = _with_gaps(x, band.lows, band.highs, threshold=max(2.5 * width, 3 * spacing))
    if int(band.counts.max()) > 1:
        label = translate("charts", "min–max per {bucket}").format(bucket=_bucket_text(band.width))
        ax.fill_between(x, lows, highs, color=style.USAGE, alpha=0.3, linewidth=0, label=label)
        ax.plot(x, highs, color=style.USAGE, linewidth=0.9, label=translate("charts", "maximum"))
    else:  # fewer samples than pixels: every sample is drawn as it is
        ax.plot(x, highs, color=style.USAGE, linewidth=1.0, label=translate("charts", "samples"))


def _draw_daily_peaks(
    ax: Axes, series: UsageSeries, micros: npt.NDArray[np.int64], samples: npt.NDArray[np.float64], zone: tzinfo
) -> None:
    if (int(micros.max()) - int(micros.min())) / 86_400e6 > MAX_MARKED_DAYS:
        return  # too many days to mark: skip the work too
    indices, _ = daily_peak_indices(micros, samples, zone)
    x = mdates.date2num(micros[indices].astype("datetime64[us]"))
    ax.plot(
        x,
        samples[indices],
        linestyle="none",
        marker="o",
        markersize=4,
        color=style.PEAK,
        label=translate("charts", "daily peak"),
    )
    best = int(np.argmax(samples[indices]))
    top = int(indices[best])
    ax.annotate(
        f"{series.values[top]:,} {series.unit}\n{moment(series.times, top, zone):%m-%d %H:%M}",
        (float(x[best]), float(samples[top])),
        xytext=(0, 6),
        textcoords="offset points",
        ha=_edge_alignment(ax, float(x[best])),
        va="bottom",
        fontsize=8,
        color=style.PEAK,
    )
    if samples[top] > 0:
        ax.set_ylim(top=float(samples[top]) * 1.18)  # room for the label above the highest peak


def _edge_alignment(ax: Axes, x: float) -> str:
    """Keep a label near either end of the time axis inside the figure."""
    low, high = ax.dataLim.intervalx
    share = (x - low) / (high - low) if high > low else 0.5
    return "right" if share > 0.85 else "left" if share < 0.15 else "center"


def _draw_percentiles(
    ax: Axes, series: UsageSeries, micros: npt.NDArray[np.int64], samples: npt.NDArray[np.float64], zone: tzinfo
) -> None:
    months = monthly_percentile_indices(micros, samples, zone)
    first, last = mdates.date2num(np.array([micros.min(), micros.max()]).astype("datetime64[us]"))
    indices = np.array([index for index, _, _, _ in months])
    starts = np.maximum(first, mdates.date2num([start for _, start, _, _ in months]))
    ends = np.minimum(last, mdates.date2num([end for _, _, end, _ in months]))
    # The values go in the legend: labels on the line would cover the daily peaks just above it.
    label = translate("charts", "95th percentile of the month")
    if len(months) <= MAX_NAMED_MONTHS:
        label += ": " + " · ".join(f"{start:%Y-%m} {series.values[index]:,}" for index, start, _, _ in months)
        label += f" {series.unit}"
    # One collection for all months: a decade of data is 120 segments, not 120 artists to draw.
    ax.hlines(
        samples[indices],
        starts,
        ends,
        colors=style.PERCENTILE,
        linestyles="--",
        linewidth=1.1,
        label=label,
        zorder=2.5,
    )
