"""How plain values from the controllers are written on screen, in the user's locale (`QLocale()`)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QLocale, QTime

from desktop.controllers.i18n import translate

EMPTY = "—"


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


def display_text(value: Any, zone: tzinfo) -> str:
    """Amounts exactly as stored, counts grouped, dates and moments (account's zone) as the locale writes them."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return translate("values", "yes") if value else translate("values", "no")
    if isinstance(value, Decimal):
        return amount_text(value)
    if isinstance(value, int):
        return QLocale().toString(value)
    if isinstance(value, datetime):
        return moment_text(value, zone)
    if isinstance(value, date):
        return date_text(value)
    return str(value)


def money_text(currency: str, value: Decimal) -> str:
    """`CNY 1,234.50`: an amount with its currency."""
    return f"{currency} {amount_text(value)}"


def countdown_text(seconds: int) -> str:
    """`3 d 07:15:02`: the time left before suspension."""
    days, rest = divmod(max(0, seconds), 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    return translate("overview", "{days} d {hours}:{minutes}:{seconds}").format(
        days=days, hours=f"{hours:02d}", minutes=f"{minutes:02d}", seconds=f"{secs:02d}"
    )
