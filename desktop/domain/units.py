"""The units a resource plan is measured in, and how two of them compare (R7's consumed value).

A plan's total and what is left of it may be given in different units of one family (a 2 TB
plan with 512 GB left). Amounts are compared in the smallest unit of their family, by
multiplication only, so the comparison stays exact; units of different families are refused,
never divided.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.wording import QT_TRANSLATE_NOOP, WordedError

# Each family's units as a multiple of its smallest one. Traffic steps by 1,024 (DOMAIN §4).
_FAMILIES: dict[str, dict[str, int]] = {
    "traffic": {"MB": 1, "GB": 1024, "TB": 1024**2, "PB": 1024**3},
    "time": {"minute": 1, "hour": 60},
    "count": {"count": 1},
}
FAMILY_NAMES = {
    "traffic": QT_TRANSLATE_NOOP("units", "data volume"),
    "time": QT_TRANSLATE_NOOP("units", "duration"),
    "count": QT_TRANSLATE_NOOP("units", "count"),
}
# How files and the API spell them (compared without case and surrounding blanks).
_SPELLINGS: dict[str, str] = {
    **{unit.lower(): unit for unit in ("MB", "GB", "TB", "PB")},
    **dict.fromkeys(("minute", "minutes", "min", "mins", "分钟"), "minute"),
    **dict.fromkeys(("hour", "hours", "h", "hr", "hrs", "小时"), "hour"),
    **dict.fromkeys(("count", "counts", "times", "time(s)", "次", "个"), "count"),
}


class UnitError(WordedError, ValueError):
    """Two amounts whose units cannot be compared."""


def _unit(text: str) -> tuple[str, int] | None:
    """The family and factor of a unit as spelled, or None when it is not one we know."""
    unit = _SPELLINGS.get(text.strip().lower())
    if unit is None:
        return None
    return next((family, units[unit]) for family, units in _FAMILIES.items() if unit in units)


def in_one_unit(total: Decimal, total_unit: str, remaining: Decimal, remaining_unit: str) -> tuple[Decimal, Decimal]:
    """`total` and `remaining` in one unit, so that remaining ÷ total is the share left.

    The same spelling needs no conversion (even a unit we do not know); otherwise both are
    written in the smallest unit of their family. Raises UnitError when that is impossible.
    """
    if total_unit.strip().lower() == remaining_unit.strip().lower():
        return total, remaining
    known_total, known_remaining = _unit(total_unit), _unit(remaining_unit)
    if known_total is None or known_remaining is None:
        unknown = total_unit if known_total is None else remaining_unit
        raise UnitError(
            QT_TRANSLATE_NOOP("units", "unknown unit {unit}: {total} and {remaining} cannot be compared").format(
                unit=repr(unknown), total=repr(total_unit), remaining=repr(remaining_unit)
            )
        )
    if known_total[0] != known_remaining[0]:
        raise UnitError(
            QT_TRANSLATE_NOOP(
                "units", "{total} and {remaining} measure different things (a {total_family} and a {remaining_family})"
            ).format(
                total=repr(total_unit),
                remaining=repr(remaining_unit),
                total_family=FAMILY_NAMES[known_total[0]],
                remaining_family=FAMILY_NAMES[known_remaining[0]],
            )
        )
    return total * known_total[1], remaining * known_remaining[1]


def share_left(total: Decimal, total_unit: str, remaining: Decimal, remaining_unit: str) -> Decimal:
    """remaining ÷ total of a plan, in one unit: what the importers check and R7 prices.

    Raises UnitError when the units cannot be compared, or when what is left is not between
    nothing and the whole plan.
    """
    whole, left = in_one_unit(total, total_unit, remaining, remaining_unit)
    if whole <= 0 or not 0 <= left <= whole:
        raise UnitError(
            QT_TRANSLATE_NOOP("units", "RemainingAmount {remaining} must be between 0 and TotalAmount {total}").format(
                remaining=f"{remaining} {remaining_unit}".strip(), total=f"{total} {total_unit}".strip()
            )
        )
    return left / whole
