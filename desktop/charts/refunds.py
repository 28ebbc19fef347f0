"""Refund requests: when each was made and the window in which its money should arrive (R8)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from desktop.charts import style
from desktop.charts.data import RefundBar, state_name
from desktop.charts.language import QT_TRANSLATE_NOOP, translate
from desktop.domain.kinds import RefundState

TITLE = QT_TRANSLATE_NOOP("charts", "Refunds and when the money arrives")
MAX_ROWS = 25  # more rows than this stop being readable on one page; the newest are kept


def refunds_figure(
    bars: Sequence[RefundBar],
    *,
    zone: tzinfo,
    now: datetime | None = None,
    width_px: int = style.WIDTH_PX,
) -> Figure:
    """One row per request, newest on top: a dot when requested, a bar over the arrival window."""
    if not bars:
        return style.no_data_figure(translate("charts", TITLE), None, width_px, 280)
    rows = sorted(bars, key=lambda bar: bar.requested_at, reverse=True)[:MAX_ROWS]
    height_px = int(130 + 34 * len(rows))
    with style.building():
        figure = style.new_figure(width_px, max(height_px, 260))
        ax = figure.add_subplot()
        style.style_axes(ax, grid="x")
        moments: list[datetime] = [] if now is None else [now]
        for y, bar in enumerate(rows):
            colour = style.REFUND_COLOURS[bar.state]
            requested = style.to_num(bar.requested_at)
            moments.append(bar.requested_at)
            ax.plot(requested, y, marker="o", markersize=5, color=colour, zorder=3)
            if bar.arrival_earliest is not None and bar.arrival_latest is not None:
                opens = style.day_start(bar.arrival_earliest, zone)
                closes = style.day_start(bar.arrival_latest + timedelta(days=1), zone)
                moments.append(closes)
                ax.plot([requested, style.to_num(opens)], [y, y], color=colour, linewidth=1, linestyle=":")
                left = style.to_num(opens)
                ax.barh(y, style.to_num(closes) - left, left=left, height=0.5, color=colour, linewidth=0)
        start, end = min(moments), max(moments)
        margin = max((end - start) * 0.04, timedelta(hours=12))
        ax.set_xlim(style.to_num(start - margin), style.to_num(end + margin))
        if now is not None:
            _mark_now(ax, now, zone, right_half=now - start > (end - start) / 2)
        ax.set_ylim(len(rows) - 0.5, -0.5)  # newest on top
        ax.set_yticks(range(len(rows)), [bar.order_id for bar in rows])
        right = ax.secondary_yaxis("right")
        right.set_yticks(
            range(len(rows)),
            [f"{style.money_text(bar.amount, bar.currency)} · {state_name(bar.state)}" for bar in rows],
        )
        right.tick_params(length=0, labelsize=8.5, labelcolor=style.INK, labelfontfamily=style.font_families())
        right.spines["right"].set_visible(False)
        style.time_axis(ax, zone)
        if len(bars) > len(rows):
            shown = translate("charts", "newest {shown} of {count}").format(shown=len(rows), count=len(bars))
        else:
            shown = translate("charts", "{count} requests").format(count=len(rows))
        legend = translate("charts", "dot: requested · bar: expected arrival after the unsubscription (R8)")
        style.titles(figure, ax, translate("charts", TITLE), f"{shown} · {legend}")
        present = [state for state in RefundState if any(bar.state == state for bar in rows)]
        handles = [Patch(color=style.REFUND_COLOURS[state], label=state_name(state)) for state in present]
        requested = translate("charts", "requested")
        handles.insert(0, Line2D([], [], marker="o", linestyle="none", color=style.MUTED, label=requested))
        figure.legend(handles=handles, loc="outside lower left", ncols=len(handles))
    return figure


def _mark_now(ax: Axes, now: datetime, zone: tzinfo, *, right_half: bool) -> None:
    """A line at "now", its label on the side facing the middle so it never runs into the amounts."""
    x = style.to_num(now)
    ax.axvline(x, color=style.NOW, linewidth=1.2, zorder=1)
    ax.annotate(
        translate("charts", "now {moment}").format(moment=f"{now.astimezone(zone):%m-%d %H:%M}"),
        (x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(-3 if right_half else 3, -2),
        textcoords="offset points",
        ha="right" if right_half else "left",
        va="top",
        fontsize=8,
        color=style.NOW,
    )
