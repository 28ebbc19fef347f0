"""The refund request dialog: the engine's verdict on one order, and the request itself."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QObject, Signal

from desktop.controllers.base import Context
from desktop.controllers.i18n import QT_TRANSLATE_NOOP, said, translate
from desktop.controllers.jobs import JobControl
from desktop.controllers.locale_text import amount_text, date_text
from desktop.domain.kinds import Destination
from desktop.domain.policy import Policy
from desktop.domain.refunds import RefundQuote
from desktop.services import refunds
from desktop.services.changes import Changes, Done
from desktop.store.errors import StoreError
from desktop.store.refunds import RefundNotAllowedError, quote_order

PART_NAMES = {
    "voucher": QT_TRANSLATE_NOOP("refunds", "Vouchers (cash coupons)"),
    "coupon": QT_TRANSLATE_NOOP("refunds", "Coupons"),
    "prepaid_card": QT_TRANSLATE_NOOP("refunds", "Prepaid card"),
    "consumed_value": QT_TRANSLATE_NOOP("refunds", "Value already consumed"),
    "not_refundable": QT_TRANSLATE_NOOP("refunds", "Not refundable"),
}
METHOD_NAMES = {
    Destination.CREDIT_CARD: QT_TRANSLATE_NOOP("refunds", "the credit card"),
    Destination.DEBIT_CARD: QT_TRANSLATE_NOOP("refunds", "the debit card"),
    Destination.PAYPAL: QT_TRANSLATE_NOOP("refunds", "PayPal"),
    Destination.BANK_TRANSFER: QT_TRANSLATE_NOOP("refunds", "the bank account"),
}


def destination_text(destination: str) -> str:
    """R9 in words: where the money goes (a `Destination` value, as quotes and stored requests name it)."""
    if destination == Destination.ACCOUNT_BALANCE:
        return translate("refunds", "To the Alibaba Cloud account balance")
    if destination == Destination.PREPAID_CARD:
        return translate("refunds", "Back to the prepaid card")
    method = next((name for known, name in METHOD_NAMES.items() if known == destination), None)
    return translate("refunds", "Back to the original payment method: {method}").format(
        method=translate("refunds", method) if method else destination
    )


@dataclass(frozen=True)
class QuoteView:
    """A quote as the dialog shows it: plain strings and amounts."""

    order_id: str
    eligible: bool
    verdict: str
    rules: tuple[tuple[str, str], ...]
    refundable: Decimal
    currency: str
    kept: tuple[tuple[str, Decimal, str], ...]
    voided_gifts: tuple[str, ...]
    refund_parts: tuple[tuple[str, Decimal], ...]  # where each part goes, in words, and how much
    arrival: str
    plan_finding: str | None  # what R7 found of a resource plan, with the window it checked
    unchecked: tuple[tuple[str, str], ...]  # rules the store cannot check, and why
    warnings: tuple[tuple[str, str], ...]


def quote_view(quote: RefundQuote, policy: Policy, language: str = "en") -> QuoteView:
    """The quote in the window's language: rule sentences from the policy file, the rest from Qt Linguist."""
    if quote.arrival_earliest is not None and quote.arrival_latest is not None:  # eligible
        verdict = translate("refunds", "Can be refunded: {currency} {amount}").format(
            currency=quote.currency, amount=amount_text(quote.refundable)
        )
        first, last = policy.arrival_business_days
        arrival = translate("refunds", "Between {earliest} and {latest} ({first}–{last} business days, R8)").format(
            earliest=date_text(quote.arrival_earliest), latest=date_text(quote.arrival_latest), first=first, last=last
        )
    else:
        verdict = translate("refunds", "Cannot be refunded")
        arrival = "—"
    return QuoteView(
        order_id=quote.order_id,
        eligible=quote.eligible,
        verdict=verdict,
        rules=tuple((rule.id, policy.rule_text(rule.id, language)) for rule in quote.rules),
        refundable=quote.refundable,
        currency=quote.currency,
        kept=tuple(
            (translate("refunds", PART_NAMES.get(part.kind, part.kind)), part.amount, part.rule)
            for part in quote.non_refundable
        ),
        voided_gifts=tuple(
            translate("refunds", "Voucher of {currency} {amount}").format(
                currency=quote.currency, amount=amount_text(gift.amount)
            )
            if gift.amount is not None
            else translate("refunds", "{days} extra days").format(days=gift.days)
            for gift in quote.voided_gifts
        ),
        refund_parts=tuple((destination_text(part.destination), part.amount) for part in quote.refund_parts),
        arrival=arrival,
        plan_finding=None if quote.plan_check is None else quote.plan_check.finding.said(translate),
        unchecked=tuple((note.id, note.text.said(translate)) for note in quote.unchecked),
        warnings=tuple((note.id, note.text.said(translate)) for note in quote.warnings),
    )


class RefundRequestController(QObject):
    """Quotes an order with the policy engine and records the request once the user confirms.

    Signals:
        quoted(): `view` holds the new quote.
        submitted(int): the stored request's id.
        failed(str): a message fit to show.
    """

    quoted = Signal()
    submitted = Signal(int)
    failed = Signal(str)

    def __init__(self, context: Context, order_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.order_id = order_id
        self.view: QuoteView | None = None
        self.quote: RefundQuote | None = None

    def load(self) -> None:
        try:
            with self.context.store() as session:
                quote = quote_order(session, self.order_id, self.context.clock(), self.context.policy)
        except StoreError as exc:
            self.failed.emit(said(exc))
            return
        self.show(quote)

    def show(self, quote: RefundQuote) -> None:
        """Show `quote` (the one made now, or the one stored with a request)."""
        self.quote = quote
        self.view = quote_view(quote, self.context.policy, self.context.language)
        self.quoted.emit()

    def submit(self, confirmed_irreversible: bool) -> None:
        """Store the request; R10 wants the user to confirm that unsubscribing cannot be undone."""
        if not confirmed_irreversible:
            self.failed.emit(
                translate("refunds", "Confirm that the unsubscription is irreversible before submitting (R10).")
            )
            return
        store, now, policy, confirmed = self.context.store, self.context.clock(), self.context.policy, self.quote

        def work(_control: JobControl) -> Done[int | RefundNotAllowedError]:
            try:
                return refunds.request_refund(store, self.order_id, now, policy, confirmed=confirmed)
            except RefundNotAllowedError as exc:  # the policy's answer, with the quote as it is now
                return Done(exc, Changes())

        self.context.operations.run(
            work,
            on_success=self._answered,
            on_failure=lambda reason: self.failed.emit(
                translate("refunds", "The request was not stored: {reason}").format(reason=reason)
            ),
        )

    def _answered(self, answer: int | RefundNotAllowedError) -> None:
        if isinstance(answer, int):
            self.submitted.emit(answer)
            return
        self.quote = answer.quote
        self.view = quote_view(answer.quote, self.context.policy, self.context.language)
        self.quoted.emit()
        self.failed.emit(self._refusal(answer))

    def _refusal(self, exc: RefundNotAllowedError) -> str:
        """Why a request was not stored, in the window's language (the quote on screen is the new one)."""
        if exc.reason == "ineligible":
            rule = exc.quote.rules[-1].id
            return translate("refunds", "Not submitted: {reason}").format(reason=self.context.rule_text(rule))
        if exc.reason == "requested":
            return translate("refunds", "Not submitted: this order already has a refund request.")
        return translate(
            "refunds", "Not submitted: the quote changed since it was shown. Review the new one and confirm again."
        )
