"""Amounts, days and moments as the user's locale writes them (`QLocale()`): in tabs and in sentences alike.

A sentence such as "Can be refunded: CNY 1,234.50" must write its amount as the table beside it
does; both use these.
"""

from __future__ import annotations

import re
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


_TYPED = re.compile(r"-?\d+(\.\d{1,6})?")


def typed_amount(text: str, locale: QLocale | None = None) -> Decimal:
    """An amount as a user types it in the locale ("10,000.50" in en_US, "10.000,50" in de_DE); exact.

    Group separators must group thousands, and at most six decimals are kept; anything else is a
    ValueError that says what was expected, never a guess.
    """
    locale = locale or QLocale()
    group, point = locale.groupSeparator(), locale.decimalPoint()
    typed = "".join(text.split())  # spaces a user or a copy may leave around digits
    whole, _, fraction = typed.partition(point)
    digits = whole.lstrip("-")
    if group and group in digits:
        parts = digits.split(group)
        if not (1 <= len(parts[0]) <= 3 and all(len(part) == 3 for part in parts[1:])):
            raise ValueError(typed)
        digits = "".join(parts)
    plain = ("-" if whole.startswith("-") else "") + digits + (f".{fraction}" if fraction else "")
    if not _TYPED.fullmatch(plain):
        raise ValueError(typed)
    return Decimal(plain)
