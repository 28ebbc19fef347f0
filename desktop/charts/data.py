"""The plain values each chart draws, without matplotlib.

The controllers and `from_store` build these before anything is drawn; keeping them apart from
the figure builders lets the window show its figures before matplotlib (about half a second to
import) is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.charts.language import QT_TRANSLATE_NOOP, translate
from desktop.domain.kinds import RefundState, ServiceState
from desktop.domain.overdue import OverdueStatus

if TYPE_CHECKING:
    from desktop.charts.downsample import Times, Values

STATE_NAMES = {
    RefundState.QUOTED: QT_TRANSLATE_NOOP("charts", "quoted"),
    RefundState.SUBMITTED: QT_TRANSLATE_NOOP("charts", "submitted"),
    RefundState.PROCESSING: QT_TRANSLATE_NOOP("charts", "processing"),
    RefundState.CREDITED: QT_TRANSLATE_NOOP("charts", "credited"),
    RefundState.REJECTED: QT_TRANSLATE_NOOP("charts", "rejected"),
    RefundState.CANCELLED: QT_TRANSLATE_NOOP("charts", "cancelled"),
}


@dataclass(frozen=True)
class OverdueTimeline:
    """The moments of an overdue account as the overdue rules (O1–O4) leave it, with ``now`` to mark."""

    overdue_since: datetime | None
    suspends_at: datetime | None  # in grace: the suspension to come; suspended: when it came
    now: datetime
    state: ServiceState
    overdue_amount: Decimal
    currency: str
    grace: timedelta  # the policy's grace period (O2)

    @classmethod
    def from_status(cls, status: OverdueStatus, currency: str, grace: timedelta) -> OverdueTimeline:
        """The timeline of a domain status "as of" its moment."""
        suspension = status.suspended_since or status.suspends_at
        return cls(status.overdue_since, suspension, status.at, status.state, status.overdue_amount, currency, grace)


@dataclass(frozen=True)
class SpendTable:
    """Amounts per group (a product, domain, region…) and period, as the billing controller sums them.

    ``groups[name][i]`` is the spend of ``name`` in ``periods[i]``. Periods listed in ``provisional``
    are not final yet (a monthly bill is final at 12:00 UTC+8 on the 3rd of the next month).
    """

    dimension_label: str
    periods: Sequence[str]
    groups: Mapping[str, Sequence[Decimal]]
    currency: str
    provisional: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class UsageSeries:
    """One metric's samples. ``peaks`` marks bandwidth-like metrics, billed on daily peaks or the 95th
    percentile; for traffic or minutes those marks mean nothing, so set it False.

    ``times`` are aware datetimes (or a UTC datetime64 array for millions of samples), ``values`` are
    Decimals (or floats) in ``unit``.
    """

    label: str
    unit: str
    times: Times
    values: Values
    peaks: bool = True


@dataclass(frozen=True)
class RefundBar:
    """One refund request; the arrival dates are whole days in the account's zone (None until known)."""

    order_id: str
    requested_at: datetime
    arrival_earliest: date | None
    arrival_latest: date | None
    state: RefundState
    amount: Decimal
    currency: str


def state_name(state: str) -> str:
    """A refund request's state in the user's words (an unknown one as stored)."""
    return translate("charts", STATE_NAMES.get(state, state))
