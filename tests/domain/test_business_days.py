"""Business days of the refund arrival window (R8), around China's moved working days."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.business_days import add_business_days, is_business_day


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 11, 25), 2, date(2026, 11, 27)),  # Wednesday -> Friday
        (date(2026, 11, 25), 3, date(2026, 11, 30)),  # ... -> Monday, over the weekend
        (date(2026, 9, 30), 2, date(2026, 10, 9)),  # over National Day (1-7 October)
        (date(2026, 9, 30), 3, date(2026, 10, 10)),  # a working Saturday
        (date(2026, 9, 18), 2, date(2026, 9, 21)),  # Sunday 20 September is worked
        (date(2026, 9, 18), 1, date(2026, 9, 20)),
        (date(2025, 12, 31), 1, date(2026, 1, 4)),  # New Year off, then a working Sunday
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # Saturday before the Spring Festival is worked
        (date(2026, 2, 14), 1, date(2026, 2, 24)),  # Spring Festival 15-23 February
        (date(2025, 9, 30), 3, date(2025, 10, 11)),  # National Day 2025, working Saturday 11 October
    ],
)
def test_add_business_days_in_mainland_china(start: date, n: int, expected: date) -> None:
    assert add_business_days(start, n, "CN") == expected


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 10, 10), True),  # Saturday, worked
        (date(2026, 10, 11), False),  # Sunday
        (date(2026, 10, 1), False),  # National Day, a Thursday
        (date(2026, 10, 8), True),
        (date(2006, 12, 30), True),  # Saturday worked for New Year 2007: filed under the next year
    ],
)
def test_is_business_day(day: date, working: bool) -> None:
    assert is_business_day(day, "CN") is working


def test_other_calendars_have_no_moved_working_days() -> None:
    # Germany: Friday 2026-12-25 and Saturday/Sunday off, Monday 28 is a working day.
    assert add_business_days(date(2026, 12, 24), 1, "DE") == date(2026, 12, 28)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="no calendar"):
        add_business_days(date(2026, 1, 5), 1, "XX")
    with pytest.raises(ValueError, match="at least 1"):
        add_business_days(date(2026, 1, 5), 0, "CN")
