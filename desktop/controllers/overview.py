"""The Overview tab: is the service safe, and for how long."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session

from desktop.controllers.base import Context, TabController, offset_label
from desktop.controllers.i18n import QT_TRANSLATE_NOOP, translate
from desktop.controllers.locale_text import amount_text, typed_amount
from desktop.domain.kinds import ServiceState
from desktop.services import payments
from desktop.store import queries
from desktop.store.overview import Overview, account_overview
from desktop.store.payments import PaymentEntry, payment_entries

STATE_NAMES = {
    ServiceState.ACTIVE: QT_TRANSLATE_NOOP("overview", "Active"),
    ServiceState.GRACE: QT_TRANSLATE_NOOP("overview", "Overdue, in the grace period (service running)"),
    ServiceState.SUSPENDED: QT_TRANSLATE_NOOP("overview", "Suspended (data kept)"),
}


class OverviewController(TabController):
    """Balance, overdue status, month-to-date spend, plans left and refunds in flight.

    Signals:
        countdown(int): seconds left before suspension, every second while in grace.
        paid(int): a payment (or the undo of one) was stored: its entry's id.
        payment_failed(str): a payment (or an undo) was not stored, and why.
    """

    countdown = Signal(int)
    paid = Signal(int)
    payment_failed = Signal(str)

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
        suspends_at = self.overview.status.suspends_at if self.overview else None
        if suspends_at is not None and self.context.clock() > suspends_at:
            self.refresh()  # the moment has passed: the engine decides the new state (O3)
            return
        self.countdown.emit(left)

    def record_payment(self, amount: str, paid_at: datetime, reference: str = "", note: str = "") -> str | None:
        """Check a payment as the user typed it; None once it is on its way to the store.

        The answer comes as `paid` (stored) or `payment_failed` (nothing was stored, and why).
        """
        try:
            paid = typed_amount(amount)
        except ValueError:
            example = amount_text(Decimal("12345.60"))
            return translate("overview", "Type the amount as a number, such as {example}.").format(example=example)
        if paid <= 0:
            return translate("overview", "A payment is a positive amount.")
        now = self.context.clock()
        if paid_at > now:
            return translate("overview", "A payment cannot be made in the future.")
        store = self.context.store
        self.context.operations.run(
            lambda _control: payments.record_payment(store, paid, paid_at, now, reference, note),
            on_success=self.paid.emit,
            on_failure=self.payment_failed.emit,
        )
        return None

    def payments(self) -> list[PaymentEntry]:
        """The account's payments, oldest first, each with when it was undone, if it was."""
        with self.context.store() as session:
            return payment_entries(session, queries.current_account(session).id)

    def undo_payment(self, payment_id: int) -> None:
        """Undo a payment by a reversing entry (nothing is deleted); the answer comes as `paid` or `payment_failed`."""
        store, now = self.context.store, self.context.clock()
        self.context.operations.run(
            lambda _control: payments.undo_payment(store, payment_id, now),
            on_success=self.paid.emit,
            on_failure=self.payment_failed.emit,
        )

    def resource_plan_purchase(self) -> tuple[bool, str]:
        """Whether a resource plan may be bought now, and why (O5)."""
        if self.overview is None:
            return False, translate("overview", "The account is not loaded yet.")
        status = self.overview.status
        if status.can_buy_resource_plans:
            return True, translate(
                "overview",
                "Nothing is overdue: resource plans can be bought in the Alibaba Cloud console. "
                "The new plan appears here after the next import or sync.",
            )
        pay_first = translate("overview", "Pay the overdue {currency} {amount} first.")
        return False, (
            f"{self.context.rule_text('O5')} "
            + pay_first.format(currency=self.overview.currency, amount=amount_text(status.overdue_amount))
        )

    def rules(self) -> list[tuple[str, str]]:
        """(id, sentence) of the rules that decide the service state, in the window's language."""
        if self.overview is None:
            return []
        return [(rule.id, self.context.rule_text(rule.id)) for rule in self.overview.status.rules]

    def facts(self) -> list[tuple[str, Any, str]]:
        """(label, value, how it is computed) for each figure the tab shows, in the window's language."""
        if self.overview is None:
            return []
        ov, status = self.overview, self.overview.status
        grace_days = self.context.policy.grace_period.days
        zone = offset_label(status.at)
        return [
            (
                translate("overview", "Account"),
                f"{ov.account_name} ({ov.account_uid})",
                translate("overview", "The Alibaba Cloud account this store follows."),
            ),
            (
                translate("overview", "Balance"),
                ov.balance,
                translate("overview", "Cash balance as last reported by the account (QueryAccountBalance)."),
            ),
            (
                translate("overview", "Balance reported ({zone})").format(zone=zone),
                ov.balance_at,
                translate("overview", "When the balance was last read from Alibaba Cloud."),
            ),
            (
                translate("overview", "Service state"),
                translate("overview", STATE_NAMES[status.state]),
                translate("overview", "O1–O3: active, in its {days}-day grace period, or suspended.").format(
                    days=grace_days
                ),
            ),
            (
                translate("overview", "Overdue amount"),
                status.overdue_amount,
                translate("overview", "Sum of the outstanding amounts of bills already deducted."),
            ),
            (
                translate("overview", "Overdue since ({zone})").format(zone=zone),
                status.overdue_since,
                translate("overview", "Deduction time of the oldest unpaid bill (O1)."),
            ),
            (
                translate("overview", "Suspended since ({zone})").format(zone=zone),
                status.suspended_since,
                translate(
                    "overview", "Suspension stays until every overdue bill is paid, even bills younger than it (O4)."
                ),
            )
            if status.suspended_since is not None
            else (
                translate("overview", "Suspends at ({zone})").format(zone=zone),
                status.suspends_at,
                translate("overview", "Overdue since + {days} × 24 hours (O2, O3).").format(days=grace_days),
            ),
            (translate("overview", "Resource plans can be bought"), status.can_buy_resource_plans, "O5."),
            (
                translate("overview", "Month-to-date spend"),
                ov.month_to_date_spend,
                translate("overview", "Sum of the payable amounts of this billing cycle."),
            ),
            (
                translate("overview", "Resource plans left"),
                len(ov.plans),
                translate("overview", "Plans in their validity with something remaining."),
            ),
            (
                translate("overview", "Refunds in flight"),
                ov.refunds_in_flight_amount,
                translate("overview", "{count} submitted or processing.").format(count=ov.refunds_in_flight),
            ),
        ]
