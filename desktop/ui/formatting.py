"""How plain values from the controllers are written on screen, in the user's locale (`QLocale()`)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QLocale

from desktop.controllers.i18n import translate
from desktop.controllers.locale_text import amount_text, date_text, moment_text

EMPTY = "—"


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
