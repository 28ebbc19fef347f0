"""Spend by a statistical dimension: one stacked bar per period, one colour per group."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import numpy as np
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from desktop.charts import style
from desktop.charts.data import SpendTable
from desktop.charts.language import QT_TRANSLATE_NOOP, translate

MAX_GROUPS = 8  # more colours than this cannot be told apart; the rest is summed as "Other"
OTHER = QT_TRANSLATE_NOOP("charts", "Other")
LABEL_CHARS = 32


def _ranked_groups(table: SpendTable) -> list[tuple[str, list[Decimal]]]:
    """Groups by total spend, largest first; beyond MAX_GROUPS they are summed exactly into "Other"."""
    for name, amounts in table.groups.items():
        if len(amounts) != len(table.periods):
            raise ValueError(f"group {name!r} has {len(amounts)} amounts for {len(table.periods)} periods")
    ranked = sorted(table.groups.items(), key=lambda item: sum((abs(a) for a in item[1]), Decimal(0)), reverse=True)
    if len(ranked) <= MAX_GROUPS:
        return [(name, list(amounts)) for name, amounts in ranked]
    kept = [(name, list(amounts)) for name, amounts in ranked[: MAX_GROUPS - 1]]
    tail = [amounts for _, amounts in ranked[MAX_GROUPS - 1 :]]
    rest = [sum(column, Decimal(0)) for column in zip(*tail, strict=True)]
    return [*kept, (f"{translate('charts', OTHER)} ({len(ranked) - MAX_GROUPS + 1})", rest)]


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def spend_figure(
    table: SpendTable,
    *,
    title: str | None = None,
    width_px: int = style.WIDTH_PX,
    height_px: int = style.HEIGHT_PX,
) -> Figure:
    """Stacked bars of spend; credits (negative amounts) stack downwards from zero, apart from charges."""
    heading = title or translate("charts", "Spend by {dimension}").format(dimension=table.dimension_label)
    groups = _ranked_groups(table)
    if not table.periods or not groups or all(amount == 0 for _, amounts in groups for amount in amounts):
        return style.no_data_figure(heading, None, width_px, height_px)
    totals = [sum(column, Decimal(0)) for column in zip(*(amounts for _, amounts in groups), strict=True)]
    positions = np.arange(len(table.periods))
    with style.building():
        figure = style.new_figure(width_px, height_px)
        ax = figure.add_subplot()
        style.style_axes(ax, grid="y")
        above = np.zeros(len(positions))
        below = np.zeros(len(positions))
        hatches = ["//" if period in table.provisional else None for period in table.periods]
        for number, (name, amounts) in enumerate(groups):
            heights = np.array([float(amount) for amount in amounts])
            bottoms = np.where(heights >= 0, above, below)
            bars = ax.bar(
                positions,
                heights,
                bottom=bottoms,
                width=0.72,
                color=style.PALETTE[number % len(style.PALETTE)],
                edgecolor="white",
                linewidth=0.6,
                label=_short(name),
            )
            for bar, hatch in zip(bars, hatches, strict=True):
                bar.set_hatch(hatch)
            above += np.where(heights >= 0, heights, 0)
            below += np.where(heights < 0, heights, 0)
        _label_totals(ax, positions, above, totals, table.currency)
        _period_ticks(ax, positions, table.periods)
        ax.axhline(0, color=style.MUTED, linewidth=0.8)
        ax.set_ylabel(table.currency)
        ax.yaxis.set_major_formatter(ticker.StrMethodFormatter("{x:,.0f}"))
        ax.margins(x=0.01)
        grand = sum(totals, Decimal(0))
        notes = [
            f"{table.periods[0]} – {table.periods[-1]}",
            translate("charts", "total {amount}").format(amount=style.money_text(grand, table.currency)),
        ]
        if table.provisional & set(table.periods):
            notes.append(translate("charts", "hatched: provisional, not final yet"))
        style.titles(figure, ax, heading, " · ".join(notes))
        handles, labels = ax.get_legend_handles_labels()
        # Top of the stack first, so the legend reads in the order of the bars.
        figure.legend(handles[::-1], labels[::-1], loc="outside right upper", title=table.dimension_label)
    return figure


def _label_totals(ax: Axes, positions: np.ndarray, tops: np.ndarray, totals: list[Decimal], currency: str) -> None:
    """Each bar's exact total above it, when there is room for them."""
    if len(positions) > 16:
        return
    for x, top, total in zip(positions, tops, totals, strict=True):
        ax.annotate(
            f"{total:,f}",  # every stored digit: never rounded
            (x, top),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7.5,
            color=style.MUTED,
        )
    ax.set_ylim(top=max(float(tops.max()), 0.0) * 1.08 or 1.0)


def _period_ticks(ax: Axes, positions: np.ndarray, periods: Sequence[str]) -> None:
    """Every period named when they fit, otherwise every k-th, slanted once they get crowded."""
    step = max(1, int(np.ceil(len(periods) / 24)))
    shown = positions[::step]
    rotation = 0 if len(shown) <= 12 else 45
    ax.set_xticks(
        shown,
        [periods[i] for i in shown],
        rotation=rotation,
        ha="right" if rotation else "center",
        rotation_mode="anchor" if rotation else "default",
    )
