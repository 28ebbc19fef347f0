"""Strict readers for the cells of imported files: a value is read exactly, or refused.

An amount is never guessed: `1,234`, `1.234,56`, `(12.50)`, `1e3`, `¥12`, full-width digits are
refused with a message rather than read as some other number.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from decimal import Decimal

from desktop.exports.tables import FORMULA_STARTS
from desktop.sources.errors import CellError

MAX_PLACES = 6  # what the store keeps exactly (desktop.store.types.SCALE)
LIMIT = Decimal(10) ** 12  # with six decimals, sums of a million such lines still fit in 64 bits
_PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")
_MOMENT_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d")
_TRUE = {"true", "yes", "1", "是"}
_FALSE = {"false", "no", "0", "否"}


def _why_not_a_number(text: str) -> str:
    if any(not char.isascii() for char in text):
        return "it has non-ASCII characters (full-width digits or a currency sign?)"
    if text.startswith("(") and text.endswith(")"):
        return "accounting negatives in parentheses are ambiguous; write -12.50"
    if "," in text:
        return "it has a comma (thousands separator or decimal comma?)"
    if "e" in text.lower():
        return "exponent notation is not accepted"
    if text.startswith("+"):
        return "a leading + is not accepted"
    return "expected a plain decimal such as 1234.56 or -0.5"


def amount(text: str, column: str) -> Decimal:
    """A required decimal; surrounding spaces are ignored, anything else unusual is refused."""
    stripped = text.strip()
    if not stripped:
        raise CellError(f"column {column!r} is empty; an amount is required")
    return _decimal(stripped, column)


def optional_amount(text: str | None, column: str) -> Decimal | None:
    if text is None or not text.strip():
        return None
    return _decimal(text.strip(), column)


def amount_or_zero(text: str | None, column: str) -> Decimal:
    """Deduction columns: an empty cell means nothing was deducted."""
    value = optional_amount(text, column)
    return value if value is not None else Decimal("0.00")


def _decimal(text: str, column: str) -> Decimal:
    if not _PLAIN_DECIMAL.fullmatch(text):
        raise CellError(f"column {column!r}: {text!r} is not an exact amount: {_why_not_a_number(text)}")
    point = text.find(".")
    if point >= 0 and len(text) - point - 1 > MAX_PLACES:
        raise CellError(f"column {column!r}: {text!r} has more than {MAX_PLACES} decimal places")
    value = Decimal(text)
    if abs(value) >= LIMIT:
        raise CellError(f"column {column!r}: {text!r} is beyond what one bill line can hold ({LIMIT:,})")
    return value


def moment(text: str | None, column: str, zone: tzinfo) -> datetime | None:
    """A moment; with an offset as given, without one in the account's `zone`. Empty is None."""
    if text is None or not text.strip():
        return None
    stripped = text.strip()
    try:
        parsed = datetime.fromisoformat(stripped)
    except ValueError:
        parsed = None
        for layout in _MOMENT_FORMATS:
            try:
                parsed = datetime.strptime(stripped, layout)  # noqa: DTZ007 - the zone is added below
                break
            except ValueError:
                continue
    if parsed is None:
        raise CellError(f"column {column!r}: {stripped!r} is not a date and time (YYYY-MM-DD HH:MM:SS)")
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


def required_moment(text: str | None, column: str, zone: tzinfo) -> datetime:
    value = moment(text, column, zone)
    if value is None:
        raise CellError(f"column {column!r} is empty; a date and time is required")
    return value


def day(text: str | None, column: str) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CellError(f"column {column!r}: {text.strip()!r} is not a day (YYYY-MM-DD)") from None


def flag(text: str, column: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise CellError(f"column {column!r}: {text.strip()!r} is not true or false")


def required_text(text: str | None, column: str) -> str:
    value = text_or_none(text)
    if value is None:
        raise CellError(f"column {column!r} is empty")
    return value


def text_or_none(text: str | None) -> str | None:
    """Text as given, trimmed; the apostrophe our exports put before a formula-like text is undone."""
    if text is None:
        return None
    stripped = text.strip()
    if stripped.startswith("'") and stripped[1:].startswith(FORMULA_STARTS):
        stripped = stripped[1:]
    return stripped or None
