"""Benchmark, not a test: drawing 1M usage samples through the envelope vs a naive plot of them all.

Run: .venv/bin/python -m tests.charts.bench_usage   (prints the timings and the ratio; asserts nothing)
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from desktop.charts.downsample import envelope
from desktop.charts.usage import UsageSeries, usage_figure

SAMPLES = 1_000_000
WIDTH_PX = 960
ZONE = ZoneInfo("Asia/Shanghai")


def timed(work: Callable[[], object], repeat: int = 3) -> float:
    """The median of `repeat` runs, in seconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def naive(stamps: np.ndarray, values: np.ndarray) -> Figure:
    figure = Figure(figsize=(WIDTH_PX / 100, 4.2), dpi=100)
    figure.add_subplot().plot(stamps, values, linewidth=0.8)
    return figure


def main() -> None:
    rng = np.random.default_rng(7)
    stamps = np.datetime64("2017-01-01T00:00", "us") + np.arange(SAMPLES) * np.timedelta64(5, "m")
    values = 400 + 300 * np.sin(np.arange(SAMPLES) / 288 * 2 * np.pi) + rng.normal(0, 40, SAMPLES)
    series = UsageSeries("Peak bandwidth", "Mbit/s", stamps, values)

    naive_figure = naive(stamps, values)
    naive_canvas = FigureCanvasAgg(naive_figure)
    ours = usage_figure(series, zone=ZONE, width_px=WIDTH_PX)
    our_canvas = FigureCanvasAgg(ours)
    results = {
        "envelope() of 1M numpy samples": timed(lambda: envelope(stamps, values, WIDTH_PX)),
        "naive: build figure (ax.plot of 1M points)": timed(lambda: naive(stamps, values)),
        "naive: first draw": timed(lambda: FigureCanvasAgg(naive(stamps, values)).draw(), repeat=3),
        "naive: redraw": timed(naive_canvas.draw),
        "usage_figure: build from numpy (envelope, peaks, p95)": timed(lambda: usage_figure(series, zone=ZONE)),
        "usage_figure: first draw": timed(lambda: FigureCanvasAgg(usage_figure(series, zone=ZONE)).draw()),
        "usage_figure: redraw": timed(our_canvas.draw),
    }
    start = datetime(2017, 1, 1, tzinfo=UTC)
    times = [start + timedelta(minutes=5 * k) for k in range(SAMPLES)]
    decimals = [Decimal(f"{value:.2f}") for value in values]
    python_series = UsageSeries("Peak bandwidth", "Mbit/s", times, decimals)
    results["usage_figure: build from 1M Python datetimes + Decimals"] = timed(
        lambda: usage_figure(python_series, zone=ZONE), repeat=1
    )
    for name, seconds in results.items():
        print(f"{name:58s} {seconds * 1000:9.1f} ms")
    print(
        f"redraw ratio (ours / naive): {results['usage_figure: redraw'] / results['naive: redraw']:.3f}; "
        f"build+first draw ratio: {results['usage_figure: first draw'] / results['naive: first draw']:.3f}"
    )


if __name__ == "__main__":
    main()
