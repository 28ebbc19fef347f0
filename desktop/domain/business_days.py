"""Business days for the refund arrival window (R8).

China moves working days onto weekends around its long holidays, so a plain
"skip Saturdays and Sundays" count is wrong around National Day and Spring Festival.
The ``holidays`` package knows both the days off and those working weekends, but only
once a year's schedule is published (late in the year before): a `Calendar` adds the
policy file's own days, which override the package, and tells which years it knows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache


@dataclass(frozen=True)
class _YearCalendar:
    days_off: frozenset[date]
    working_weekend_days: frozenset[date]
    weekend: frozenset[int]  # date.weekday() numbers


@lru_cache(maxsize=64)
def _calendar(country: str, year: int) -> _YearCalendar:
    """The public holidays of one year, frozen so the cached value cannot be mutated."""
    import holidays  # ~30 ms: loaded with the first refund dates, not with every start of the window

    try:
        calendar = holidays.country_holidays(country, years=year)
    except NotImplementedError as error:
        raise ValueError(f"the holidays package has no calendar for country {country!r}") from error
    return _YearCalendar(
        days_off=frozenset(calendar),
        # `weekend_workdays` is the package's set of weekend days made working days.
        working_weekend_days=frozenset(calendar.weekend_workdays),
        weekend=frozenset(calendar.weekend),
    )


@dataclass(frozen=True)
class Calendar:
    """The business days of a country, with days the policy file adds (they override the package)."""

    country: str
    extra_days_off: frozenset[date] = field(default=frozenset())
    extra_working_days: frozenset[date] = field(default=frozenset())

    def is_business_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        return is_business_day(day, self.country)

    def add_business_days(self, start: date, n: int) -> date:
        """The ``n``-th business day after ``start`` (counting starts the day after, R8)."""
        if isinstance(start, datetime) or not isinstance(start, date):
            # A datetime would silently compare unequal to every holiday date.
            raise TypeError(f"start must be a date, got {type(start).__name__}")
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        day = start
        remaining = n
        while remaining:
            day += timedelta(days=1)
            if self.is_business_day(day):
                remaining -= 1
        return day

    def knows_year(self, year: int) -> bool:
        """Whether the schedule of `year` is known, where the country moves working days onto weekends.

        Such a country (one whose previous year had working weekends) publishes each year's
        schedule late in the year before; until the package or the policy file has a working
        weekend day of `year`, its days off beyond the fixed holidays are unknown.
        """
        if any(day.year == year for day in self.extra_working_days | self.extra_days_off):
            return True
        if not _working_weekends(self.country, year - 1):
            return True  # a country that does not move working days has nothing to publish
        return bool(_working_weekends(self.country, year))


def _working_weekends(country: str, year: int) -> frozenset[date]:
    return frozenset(day for day in _calendar(country, year).working_weekend_days if day.year == year)


def is_business_day(day: date, country: str) -> bool:
    """Whether banks and Alibaba's finance work that day in ``country``, as the package knows it."""
    calendar = _calendar(country, day.year)
    if day.weekday() in calendar.weekend:
        # A holiday early in a year may be compensated by a working weekend late in the
        # previous one (e.g. 29-30 Dec), and the package files it under the later year.
        return day in calendar.working_weekend_days or day in _calendar(country, day.year + 1).working_weekend_days
    return day not in calendar.days_off


def add_business_days(start: date, n: int, country: str) -> date:
    """The ``n``-th business day after ``start`` in ``country``, as the package knows it."""
    return Calendar(country).add_business_days(start, n)
