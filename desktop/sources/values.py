"""Strict readers for the cells of imported files: a value is read exactly, or refused.

An amount is never guessed: `1,234`, `1.234,56`, `(12.50)`, `1e3`, `¥12`, full-width digits are
refused with a message rather than read as some other number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, tzinfo
from decimal import Decimal

from desktop.domain.wording import QT_TRANSLATE_NOOP, Wording
from desktop.exports.tables import FORMULA_STARTS
from desktop.sources.errors import CellError
from desktop.store.memo import Memo

MAX_PLACES = 6  # what the store keeps exactly (desktop.store.types.SCALE)
LIMIT = Decimal(10) ** 12  # with six decimals, sums of a million such lines still fit in 64 bits
_PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")  # ASCII digits only: \d takes full-width ones
_USUAL_AMOUNT = re.compile(r"-?(?:0|[1-9][0-9]{0,11})(?:\.[0-9]{1,6})?")
"""The amounts exports are made of: what `amount` accepts as it is, within its limits of size and places."""
_PADDING = tuple("0" * (MAX_PLACES - places) for places in range(MAX_PLACES + 1))
_COLUMN_WITH_PLACES = tuple(
    re.compile(r"(?:-?(?:0|[1-9][0-9]{0,11})" + (rf"\.[0-9]{{{places}}}" if places else "") + r"\n)*")
    for places in range(MAX_PLACES + 1)
)
"""A column of usual amounts with exactly so many decimals, one a line: how an export writes a column."""
_MOMENT_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d")
_TRUE = {"true", "yes", "1", "是"}
_FALSE = {"false", "no", "0", "否"}


def _why_not_a_number(text: str) -> Wording:
    if any(not char.isascii() for char in text):
        return QT_TRANSLATE_NOOP("import", "it has non-ASCII characters (full-width digits or a currency sign?)")
    if text.startswith("(") and text.endswith(")"):
        return QT_TRANSLATE_NOOP("import", "accounting negatives in parentheses are ambiguous; write -12.50")
    if "," in text:
        return QT_TRANSLATE_NOOP("import", "it has a comma (thousands separator or decimal comma?)")
    if "e" in text.lower():
        return QT_TRANSLATE_NOOP("import", "exponent notation is not accepted")
    if text.startswith("+"):
        return QT_TRANSLATE_NOOP("import", "a leading + is not accepted")
    return QT_TRANSLATE_NOOP("import", "expected a plain decimal such as 1234.56 or -0.5")


def amount(text: str, column: str) -> Decimal:
    """A required decimal; surrounding spaces are ignored, anything else unusual is refused."""
    stripped = text.strip()
    if not stripped:
        raise CellError(
            QT_TRANSLATE_NOOP("import", "column {column} is empty; an amount is required").format(column=repr(column))
        )
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
        raise CellError(
            QT_TRANSLATE_NOOP("import", "column {column}: {text} is not an exact amount: {why}").format(
                column=repr(column), text=repr(text), why=_why_not_a_number(text)
            )
        )
    point = text.find(".")
    if point >= 0 and len(text) - point - 1 > MAX_PLACES:
        raise CellError(
            QT_TRANSLATE_NOOP("import", "column {column}: {text} has more than {places} decimal places").format(
                column=repr(column), text=repr(text), places=MAX_PLACES
            )
        )
    value = Decimal(text)
    if abs(value) >= LIMIT:
        raise CellError(
            QT_TRANSLATE_NOOP(
                "import", "column {column}: {text} is beyond what one bill line can hold ({limit})"
            ).format(column=repr(column), text=repr(text), limit=f"{LIMIT:,}")
        )
    return value


def millionths(text: str, column: str) -> int:
    """`amount(text)` in integer millionths, the store's own scale, without making a Decimal.

    A cell in the usual form is scaled by moving its decimal point; anything else goes through
    `amount`, so every refusal and its message stay the strict reader's.
    """
    if _USUAL_AMOUNT.fullmatch(text):
        return _move_point(text)
    return scaled(amount(text, column))


def optional_millionths(text: str, column: str) -> int | None:
    """`optional_amount(text)` in integer millionths."""
    if _USUAL_AMOUNT.fullmatch(text):
        return _move_point(text)
    value = optional_amount(text, column)
    return None if value is None else scaled(value)


def millionths_or_zero(text: str, column: str) -> int:
    """`amount_or_zero(text)` in integer millionths."""
    value = optional_millionths(text, column)
    return 0 if value is None else value


def millionths_column(cells: Sequence[str], read: Callable[[str], int | None]) -> list[int | None]:
    """A column of amounts in integer millionths, `read` (one of the readers above) giving each value.

    A column of one amount is read once, one of few distinct amounts (zeros, unit prices) one
    distinct cell at a time; any other is scaled at once when it is written the way exports
    write it, else cell by cell.
    """
    first = cells[0]
    if cells.count(first) == len(cells):
        return [read(first)] * len(cells)
    if len(set(cells)) * 4 > len(cells):
        scaled = _scaled_at_once(cells)
        if scaled is not None:
            return scaled
    return list(map(Memo(read).__getitem__, cells))


def _scaled_at_once(cells: Sequence[str]) -> list[int | None] | None:
    """Usual amounts with the same number of decimals, scaled by a few operations on the column as one text.

    No Python call per cell: one pattern checks them all, the points are taken out and the
    missing zeros put in by two replacements, and `int` reads the millionths. None when the
    column is written any other way.
    """
    first = cells[0]
    places = len(first) - first.find(".") - 1 if "." in first else 0
    if places > MAX_PLACES:
        return None
    text = "\n".join(cells) + "\n"
    if not _COLUMN_WITH_PLACES[places].fullmatch(text):
        return None
    digits = text.replace(".", "").replace("\n", _PADDING[places] + "\n").split("\n")
    digits.pop()  # the empty text after the last line end
    if len(digits) != len(cells):  # a cell holding a line end of its own
        return None
    return list(map(int, digits))


def _move_point(usual: str) -> int:
    whole, _, fraction = usual.partition(".")
    return int(whole + fraction + _PADDING[len(fraction)])


def scaled(value: Decimal) -> int:
    """An amount the strict reader accepted (at most six decimals) as integer millionths, exactly."""
    return int(value.scaleb(MAX_PLACES))


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
        raise CellError(
            QT_TRANSLATE_NOOP("import", "column {column}: {text} is not a date and time (YYYY-MM-DD HH:MM:SS)").format(
                column=repr(column), text=repr(stripped)
            )
        )
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


def required_moment(text: str | None, column: str, zone: tzinfo) -> datetime:
    value = moment(text, column, zone)
    if value is None:
        raise CellError(
            QT_TRANSLATE_NOOP("import", "column {column} is empty; a date and time is required").format(
                column=repr(column)
            )
        )
    return value


def day(text: str | None, column: str) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CellError(
            QT_TRANSLATE_NOOP("import", "column {column}: {text} is not a day (YYYY-MM-DD)").format(
                column=repr(column), text=repr(text.strip())
            )
        ) from None


def flag(text: str, column: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise CellError(
        QT_TRANSLATE_NOOP("import", "column {column}: {text} is not true or false").format(
            column=repr(column), text=repr(text.strip())
        )
    )


def required_text(text: str | None, column: str) -> str:
    value = text_or_none(text)
    if value is None:
        raise CellError(QT_TRANSLATE_NOOP("import", "column {column} is empty").format(column=repr(column)))
    return value


def text_or_none(text: str | None) -> str | None:
    """Text as given, trimmed; the apostrophe our exports put before a formula-like text is undone."""
    if text is None:
        return None
    stripped = text.strip()
    if stripped.startswith("'") and stripped[1:].startswith(FORMULA_STARTS):
        stripped = stripped[1:]
    return stripped or None
