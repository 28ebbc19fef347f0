"""The overdue countdown: from the start of the overdue period, through the 15-day grace, to suspension."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from desktop.charts import style
from desktop.charts.data import OverdueTimeline
from desktop.charts.language import translate
from desktop.domain.kinds import ServiceState

HEIGHT_PX = 300


def overdue_figure(
    timeline: OverdueTimeline,
    *,
    zone: tzinfo,
    width_px: int = style.WIDTH_PX,
    height_px: int = HEIGHT_PX,
) -> Figure:
    """One lane: the grace already used, the grace left (or the time suspended), and "now" on it."""
    since, suspends = timeline.overdue_since, timeline.suspends_at
    if timeline.state is ServiceState.ACTIVE or since is None or suspends is None:
        return style.no_data_figure(
            translate("charts", "Overdue payments"),
            translate("charts", "Nothing is overdue: the service is active."),
            width_px,
            height_px,
        )
    now = timeline.now
    suspended = timeline.state is ServiceState.SUSPENDED
    # With suspension memory (O4) the oldest bill still unpaid may be younger than the suspension:
    # the grace drawn is the one that led to it.
    grace_from = min(since, suspends - timeline.grace) if suspended else since
    with style.building():
        figure = style.new_figure(width_px, height_px)
        ax = figure.add_subplot()
        style.style_axes(ax, grid="x")
        ax.spines[["left"]].set_visible(False)
        ax.set_yticks([])
        grace, over = style.STATE_COLOURS[ServiceState.GRACE], style.STATE_COLOURS[ServiceState.SUSPENDED]
        used_until = min(now, suspends)
        _span(ax, grace_from, used_until, grace, translate("charts", "grace used"), alpha=1.0)
        if suspended:
            _span(ax, suspends, max(now, suspends), over, translate("charts", "suspended (O3)"), alpha=1.0)
        else:
            _span(ax, used_until, suspends, grace, translate("charts", "grace left (O2)"), alpha=0.35)
        since_text = translate("charts", "overdue since\n{moment}").format(
            moment=f"{since.astimezone(zone):%m-%d %H:%M}"
        )
        _marker(ax, since, since_text, "top", "left")
        suspension = (
            translate("charts", "suspended since\n{moment}")
            if suspended
            else translate("charts", "suspension\n{moment}")
        )
        suspends_text = suspension.format(moment=f"{suspends.astimezone(zone):%m-%d %H:%M}")
        _marker(ax, suspends, suspends_text, "top", "right")
        left = (suspends - now).total_seconds()
        now_text = translate("charts", "now {moment}").format(moment=f"{now.astimezone(zone):%m-%d %H:%M}") + "\n"
        if suspended:
            now_text += translate("charts", "suspended for {time}").format(time=style.duration_text(-left))
        else:
            now_text += translate("charts", "{time} left").format(time=style.duration_text(left))
        _marker(ax, now, now_text, "bottom", "center", colour=style.NOW, width=1.6)
        start, end = min(grace_from, now), max(suspends, now)
        margin = max((end - start) * 0.06, timedelta(hours=12))
        ax.set_xlim(style.to_num(start - margin), style.to_num(end + margin))
        ax.set_ylim(-1.6, 1.6)
        style.time_axis(ax, zone)
        if (end - start) <= timedelta(days=40):
            ax.xaxis.set_major_locator(mdates.DayLocator(interval=2, tz=zone))
            ax.xaxis.set_minor_locator(mdates.DayLocator(tz=zone))
        amount = style.money_text(timeline.overdue_amount, timeline.currency)
        if suspended:
            heading = translate("charts", "Overdue {amount}: service suspended: pay every overdue bill to resume (O4)")
        else:
            heading = translate("charts", "Overdue {amount}: service in its grace period")
        rule = translate(
            "charts",
            "Suspended {days} × 24 h after the deduction time of the oldest bill then unpaid · times in {zone}",
        )
        style.titles(
            figure,
            ax,
            heading.format(amount=amount),
            rule.format(days=timeline.grace.days, zone=style.zone_name(zone)),
        )
        figure.legend(loc="outside lower left", ncols=3)
    return figure


def _span(ax: Axes, start: datetime, end: datetime, colour: str, label: str, *, alpha: float) -> None:
    if end <= start:
        return
    left = style.to_num(start)
    ax.barh(0, style.to_num(end) - left, left=left, height=0.9, color=colour, alpha=alpha, label=label, linewidth=0)


def _marker(
    ax: Axes, moment: datetime, text: str, side: str, align: str, *, colour: str = style.MUTED, width: float = 1.0
) -> None:
    """A vertical line across the lane, labelled above or below it so neighbouring labels never meet."""
    x = style.to_num(moment)
    ax.vlines(x, -0.75, 0.75, colors=colour, linewidth=width, zorder=3)
    y, va = (0.8, "bottom") if side == "top" else (-0.8, "top")
    ax.text(x, y, text, ha=align, va=va, fontsize=8.5, color=colour, linespacing=1.25)
