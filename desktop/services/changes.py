"""What a unit of work changed: which kinds of data, and on which days."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T", covariant=True)  # a Done[int] is a Done[int | Refusal]: it is read, never written


class Kind(StrEnum):
    """A kind of data a view shows; a view is stale when a change touches one of its kinds."""

    ACCOUNT = "account"  # the accounts themselves, their balance
    BILLS = "bills"
    USAGE = "usage"
    ORDERS = "orders"
    LICENSES = "licenses"
    PLANS = "plans"
    PAYMENTS = "payments"
    REFUNDS = "refunds"


@dataclass(frozen=True)
class Changes:
    """Kinds of data a unit of work changed, and the days of its bills or usage (None: any day may have)."""

    kinds: frozenset[Kind] = frozenset()
    days: frozenset[date] | None = None

    @classmethod
    def of(cls, *kinds: Kind, days: Iterable[date] | None = None) -> Changes:
        return cls(frozenset(kinds), None if days is None else frozenset(days))

    def __or__(self, other: Changes) -> Changes:
        days = None if self.days is None or other.days is None else self.days | other.days
        return Changes(self.kinds | other.kinds, days)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def touches(self, kinds: Iterable[Kind], first: date | None = None, last: date | None = None) -> bool:
        """Whether a view of `kinds` (over the days `first`..`last`, if it shows only those) is stale."""
        if self.kinds.isdisjoint(kinds):
            return False
        if self.days is None or first is None or last is None:
            return True
        return any(first <= day <= last for day in self.days)


EVERYTHING = Changes(frozenset(Kind))
"""A store replaced or filled whole (restore, demo)."""


@dataclass(frozen=True)
class Done(Generic[T]):
    """What a unit of work gives back (`value`), and what it changed."""

    value: T
    changes: Changes
