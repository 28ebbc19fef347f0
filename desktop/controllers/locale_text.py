"""Amounts, days and moments as the user's locale writes them (`QLocale()`): in tabs and in sentences alike.

A sentence such as "Can be refunded: CNY 1,234.50" must write its amount as the table beside it
does; both use these.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale, QTime


def amount_text(value: Decimal, locale: QLocale | None = None) -> str:
    """Every stored digit, grouped and with the locale's separators: an amount is never rounded on screen."""
    locale = locale or QLocale()
    grouped = f"{abs(value):,f}".replace(",", "\0").replace(".", locale.decimalPoint())
    return (locale.negativeSign() if value < 0 else "") + grouped.replace("\0", locale.groupSeparator())


def date_pattern(locale: QLocale | None = None) -> str:
    """The locale's short date pattern, always with a four-digit year (a finance user reads years of bills)."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def date_text(day: date, locale: QLocale | None = None) -> str:
    """A day as the locale writes it (`date_pattern`)."""
    locale = locale or QLocale()
    return locale.toString(QDate(day.year, day.month, day.day), date_pattern(locale))


def moment_text(moment: datetime, zone: tzinfo, locale: QLocale | None = None) -> str:
    """A moment in the account's zone, to the minute, in the locale's short date and time."""
    locale = locale or QLocale()
    local = moment.astimezone(zone)
    time = locale.toString(QTime(local.hour, local.minute), locale.timeFormat(QLocale.FormatType.ShortFormat))
    return f"{date_text(local.date(), locale)} {time}"
