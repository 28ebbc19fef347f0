"""The one check every amount passes before the rules do arithmetic with it."""

from __future__ import annotations

from decimal import Decimal


def check_amount(value: object, name: str) -> None:
    """A finite, non-negative Decimal; a float would carry binary rounding into money, so it is refused."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, got {type(value).__name__}")
    if not value.is_finite() or value < 0:
        raise ValueError(f"{name} must be a finite amount >= 0, got {value}")
