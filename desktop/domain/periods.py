"""Statistical periods of the billing inquiries: a month, a day, or a custom range of days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RANGE_SEPARATOR = ".."
MIN_YEAR, MAX_YEAR = 2000, 2999  # bills exist in between; the edges of the calendar are not periods


@dataclass(frozen=True, order=True)
class Period:
    """An inclusive range of calendar days in the account's zone."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"a period cannot end ({self.last}) before it starts ({self.first})")
        if not (self.first.year >= MIN_YEAR and self.last.year <= MAX_YEAR):
            raise ValueError(f"a period must lie within the years {MIN_YEAR}–{MAX_YEAR}")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return cls(first, following - timedelta(days=1))

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read `YYYY-MM`, `YYYY-MM-DD` or `FROM..TO` (two days); ValueError says what is wrong."""
        text = text.strip()
        if match := _MONTH.match(text):
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                raise ValueError(f"no such month: {text!r}")
            return cls.month(year, month)
        if _RANGE_SEPARATOR in text:
            first, _, last = text.partition(_RANGE_SEPARATOR)
            return cls(_parse_day(first), _parse_day(last))
        return cls.day(_parse_day(text))

    @property
    def is_month(self) -> bool:
        return self.first.day == 1 and Period.month(self.first.year, self.first.month) == self

    def label(self) -> str:
        """The form `parse` reads back."""
        if self.is_month:
            return f"{self.first:%Y-%m}"
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}{_RANGE_SEPARATOR}{self.last.isoformat()}"

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """The half-open span [start, end) of the period's days in `zone`."""
        start = datetime.combine(self.first, time(), tzinfo=zone)
        end = datetime.combine(self.last + timedelta(days=1), time(), tzinfo=zone)
        return start, end


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not a day (YYYY-MM-DD): {text.strip()!r}") from None


def statistical_day(usage_start: datetime | None, deducted_at: datetime, zone: tzinfo) -> date:
    """The day a bill line counts for in daily statistics: the day its usage began, in the account's zone.

    A line without a usage start (a purchase) counts on the day it was paid.
    """
    return (usage_start or deducted_at).astimezone(zone).date()
