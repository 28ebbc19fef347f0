"""The one look of every chart: fonts that cover Chinese, colours, sizes, and the "No data" figure.

Figures are built inside :func:`building`, which holds a lock and a matplotlib ``rc_context``: the
Text objects made while building pick up our fonts, and nothing of it outlives the call. Ticks are
created lazily at draw time (outside that context), so :func:`style_axes` sets their look explicitly.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib import dates as mdates
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from desktop.charts.language import translate
from desktop.domain.kinds import RefundState, ServiceState

logger = logging.getLogger(__name__)

DPI = 100
WIDTH_PX = 960
HEIGHT_PX = 420

LATIN_FAMILY = "DejaVu Sans"  # ships with matplotlib, so it is always there
CJK_FAMILIES = (
    "Noto Sans CJK SC",  # Debian fonts-noto-cjk, listed in resources/apt-packages.txt
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "Droid Sans Fallback",
)
_CJK_FILE_HINTS = (
    "notosanscjk",
    "sourcehansans",
    "notosanssc",
    "wqy",
    "msyh",
    "pingfang",
    "simhei",
    "droidsansfallback",
)

INK = "#1f2328"
MUTED = "#6e7781"
GRID = "#e4e7eb"
# Okabe–Ito order, readable by colour-blind users and in greyscale print-outs.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#7f7f7f", "#000000")
USAGE = "#0072b2"
PEAK = "#d55e00"
PERCENTILE = "#a1140e"
NOW = "#1f2328"
STATE_COLOURS = {
    ServiceState.ACTIVE: "#2e8b57",
    ServiceState.GRACE: "#e69f00",
    ServiceState.SUSPENDED: "#c0392b",
}
REFUND_COLOURS = {
    RefundState.QUOTED: "#9aa4ae",
    RefundState.SUBMITTED: "#56b4e9",
    RefundState.PROCESSING: "#0072b2",
    RefundState.CREDITED: "#2e8b57",
    RefundState.REJECTED: "#c0392b",
    RefundState.CANCELLED: "#7f8c8d",
}

_LOCK = threading.RLock()


@functools.cache
def cjk_family() -> str | None:
    """The most preferred installed font family with Chinese glyphs, or None (logged once) if there is none."""
    found = next(_installed(CJK_FAMILIES), None)
    if found == CJK_FAMILIES[0]:
        return found
    # matplotlib's font cache may predate a font installed later, a better one than it knows or the
    # only one: look at the font files themselves.
    for path in font_manager.findSystemFonts():
        simple = Path(path).name.lower().replace("-", "").replace("_", "")
        if any(hint in simple for hint in _CJK_FILE_HINTS):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                logger.debug("could not read font file %s", path, exc_info=True)
    found = next(_installed(CJK_FAMILIES), None)
    if found is not None:
        return found
    logger.warning(
        "No font with Chinese glyphs found (tried %s); Chinese labels will show as empty boxes. "
        "Install fonts-noto-cjk (Debian/Ubuntu) or a Noto Sans CJK SC font.",
        ", ".join(CJK_FAMILIES),
    )
    return None


def _installed(families: tuple[str, ...]) -> Iterator[str]:
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    return (family for family in families if family in known)


def font_families() -> list[str]:
    """Latin glyphs from DejaVu Sans, everything it lacks from the CJK font (matplotlib's fallback list)."""
    family = cjk_family()
    return [LATIN_FAMILY] if family is None else [LATIN_FAMILY, family]


def _rc() -> dict[str, Any]:
    return {
        "font.family": font_families(),
        "font.size": 9.5,
        "axes.titlesize": 9.5,
        "axes.titlelocation": "left",
        "axes.titlecolor": MUTED,
        "axes.labelsize": 9.5,
        "axes.labelcolor": INK,
        "axes.edgecolor": MUTED,
        "axes.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": mpl.cycler(color=PALETTE),
        "figure.facecolor": "white",
        "figure.titlesize": 12.5,
        "figure.titleweight": "bold",
        "legend.frameon": False,
        "legend.fontsize": 8.5,
        "text.color": INK,
    }


@contextmanager
def building() -> Iterator[None]:
    """Build a figure with the house style; one figure at a time, because rcParams are process-wide."""
    with _LOCK, mpl.rc_context(_rc()):
        yield


def new_figure(width_px: int = WIDTH_PX, height_px: int = HEIGHT_PX) -> Figure:
    """A Figure of the given pixel size at DPI, with constrained layout so labels never overlap axes."""
    return Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI, layout="constrained")


def style_axes(ax: Axes, *, grid: str = "y") -> None:
    """The look of ticks and grid lines, set on the axes since ticks are created at draw time."""
    families = font_families()
    ax.tick_params(colors=MUTED, labelcolor=INK, labelsize=8.5, labelfontfamily=families, length=3)
    ax.set_axisbelow(True)
    ax.grid(False)
    if grid in ("x", "y", "both"):
        ax.grid(True, axis=grid, color=GRID, linewidth=0.8)


def titles(figure: Figure, ax: Axes, title: str, subtitle: str | None = None) -> None:
    """A bold title over the whole figure and a grey line of context (units, zone, provenance) under it."""
    figure.suptitle(title, x=0.01, ha="left")
    if subtitle:
        ax.set_title(subtitle)


def time_axis(ax: Axes, zone: tzinfo, *, label: bool = True) -> None:
    """Date ticks read in the account's zone, as few as stay legible."""
    locator = mdates.AutoDateLocator(tz=zone, minticks=4, maxticks=10)
    formatter = mdates.ConciseDateFormatter(locator, tz=zone)
    # The offset (bottom right) names what the ticks leave out; the month of the last tick misleads.
    formatter.offset_formats = ["", "%Y", "%Y", "%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M"]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)
    if label:
        ax.set_xlabel(translate("charts", "Time ({zone})").format(zone=zone_name(zone)), color=MUTED)


def zone_name(zone: tzinfo) -> str:
    """`Asia/Shanghai` for a ZoneInfo, `UTC+08:00` for a fixed offset."""
    return getattr(zone, "key", None) or str(zone)


def to_num(moment: datetime) -> float:
    """matplotlib's date number of an aware moment (its absolute instant, whatever its zone)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"charts need timezone-aware moments, got naive {moment.isoformat()}")
    return float(mdates.date2num(moment))


def day_start(day: date, zone: tzinfo) -> datetime:
    """Midnight that starts `day` in `zone`."""
    return datetime.combine(day, time(), tzinfo=zone)


def duration_text(seconds: float) -> str:
    """`4 d 07:15` for a countdown; minutes are enough on a chart."""
    minutes = max(0, int(seconds // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    clock = f"{hours:02d}:{mins:02d}"
    return translate("charts", "{days} d {time}").format(days=days, time=clock) if days else clock


def money_text(amount: Any, currency: str) -> str:
    """Exact amounts from Decimal formatting (every stored digit, no rounding), grouped by thousands."""
    return f"{amount:,f} {currency}"


def no_data_figure(
    title: str | None = None, note: str | None = None, width_px: int = WIDTH_PX, height_px: int = HEIGHT_PX
) -> Figure:
    """What an empty input draws: the title it would have had and a plain "No data"."""
    with building():
        figure = new_figure(width_px, height_px)
        ax = figure.add_subplot()
        ax.set_axis_off()
        if title:
            figure.suptitle(title, x=0.01, ha="left")
        ax.text(
            0.5,
            0.55,
            translate("charts", "No data"),
            ha="center",
            va="center",
            fontsize=16,
            color=MUTED,
            transform=ax.transAxes,
        )
        if note:
            ax.text(0.5, 0.42, note, ha="center", va="center", fontsize=9.5, color=MUTED, transform=ax.transAxes)
    return figure
