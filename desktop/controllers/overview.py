"""The Overview tab: is the service safe, and for how long."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session

from desktop.controllers.base import Context, TabController, offset_label
from desktop.domain.kinds import ServiceState
from desktop.sources import values
from desktop.sources.errors import CellError
from desktop.store.errors import StoreError
from desktop.store.overview import Overview, account_overview
from desktop.store.payments import record_payment

STATE_NAMES = {
    ServiceState.ACTIVE: "Active",
    ServiceState.GRACE: "Overdue, in the grace period (service running)",
    ServiceState.SUSPENDED: "Suspended (data kept)",
}


class OverviewController(TabController):
    """Balance, overdue status, month-to-date spend, plans left and refunds in flight.

    Signals:
        countdown(int): seconds left before suspension, every second while in grace.
    """

    countdown = Signal(int)

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(context, parent)
        self.overview: Overview | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)

    def load(self, session: Session, now: datetime) -> None:
        self.overview = account_overview(session, now, self.context.policy)
        if self.overview.status.state is ServiceState.GRACE:
            self._ticker.start()
        else:
            self._ticker.stop()

    def seconds_left(self) -> int | None:
        """Seconds before suspension at the clock's current time; None when not in grace."""
        if self.overview is None or self.overview.status.suspends_at is None:
            return None
        if self.overview.status.state is not ServiceState.GRACE:
            return None
        left = (self.overview.status.suspends_at - self.context.clock()).total_seconds()
        return max(0, int(left))

    def _tick(self) -> None:
        left = self.seconds_left()
        if left is None:
            self._ticker.stop()
            return
        if left == 0:
            self.refresh()  # the moment has come: the engine decides the new state (O3)
            return
        self.countdown.emit(left)

    def record_payment(self, text: str) -> str | None:
        """Record a payment typed by the user; returns what is wrong with it, or None once it is stored."""
        try:
            amount = values.amount(text, "amount")
        except CellError as exc:
            return str(exc).replace("column 'amount': ", "")
        try:
            with self.context.store.begin() as session:
                record_payment(session, amount, self.context.clock())
        except StoreError as exc:
            return str(exc)
        self.refresh()
        return None

    def resource_plan_purchase(self) -> tuple[bool, str]:
        """Whether a resource plan may be bought now, and why (O5)."""
        if self.overview is None:
            return False, "The account is not loaded yet."
        status = self.overview.status
        if status.can_buy_resource_plans:
            return True, (
                "Nothing is overdue: resource plans can be bought in the Alibaba Cloud console. "
                "The new plan appears here after the next import or sync."
            )
        return False, (
            f"{self.context.policy.rule_text('O5')} "
            f"Pay the overdue {self.overview.currency} {status.overdue_amount:,f} first."
        )

    def facts(self) -> list[tuple[str, Any, str]]:
        """(label, value, how it is computed) for each figure the tab shows."""
        if self.overview is None:
            return []
        ov, status = self.overview, self.overview.status
        grace_days = self.context.policy.grace_period.days
        zone = offset_label(status.at)
        return [
            (
                "Account",
                f"{ov.account_name} ({ov.account_uid})",
                "The Alibaba Cloud account this store follows.",
            ),
            ("Balance", ov.balance, "Cash balance as last reported by the account (QueryAccountBalance)."),
            (f"Balance reported ({zone})", ov.balance_at, "When the balance was last read from Alibaba Cloud."),
            (
                "Service state",
                STATE_NAMES[status.state],
                f"O1–O3: active, in its {grace_days}-day grace period, or suspended.",
            ),
            (
                "Overdue amount",
                status.overdue_amount,
                "Sum of the outstanding amounts of bills already deducted.",
            ),
            (f"Overdue since ({zone})", status.overdue_since, "Deduction time of the oldest unpaid bill (O1)."),
            (f"Suspends at ({zone})", status.suspends_at, f"Overdue since + {grace_days} × 24 hours (O2, O3)."),
            ("Resource plans can be bought", "yes" if status.can_buy_resource_plans else "no", "O5."),
            (
                "Month-to-date spend",
                ov.month_to_date_spend,
                "Sum of the payable amounts of this billing cycle.",
            ),
            ("Resource plans left", len(ov.plans), "Plans in their validity with something remaining."),
            (
                "Refunds in flight",
                ov.refunds_in_flight_amount,
                f"{ov.refunds_in_flight} submitted or processing.",
            ),
        ]
