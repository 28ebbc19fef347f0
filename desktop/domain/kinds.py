"""The closed vocabularies of orders, licenses, refunds and overdue states.

Values are exactly the strings of the import files (see the samples' README), so a
parser can write ``OrderType(row["OrderType"])`` and an unknown value fails loudly.
"""

from __future__ import annotations

from enum import StrEnum


class OrderType(StrEnum):
    NEW = "New"
    RENEW = "Renew"
    UPGRADE = "Upgrade"
    REFUND = "Refund"


class PaymentStatus(StrEnum):
    UNPAID = "Unpaid"
    PAID = "Paid"
    CANCELLED = "Cancelled"


class ItemKind(StrEnum):
    """What an order bought; it decides which refund rule applies (R3–R7)."""

    RESOURCE_PLAN = "ResourcePlan"
    SDK_LICENSE = "SdkLicense"
    QUEEN_SDK_YEARLY = "QueenSdkYearly"
    PAY_AS_YOU_GO = "PayAsYouGo"
    OTHER = "Other"


class PaymentMethod(StrEnum):
    ACCOUNT_BALANCE = "AccountBalance"
    CREDIT_CARD = "CreditCard"
    DEBIT_CARD = "DebitCard"
    PAYPAL = "PayPal"
    BANK_TRANSFER = "BankTransfer"


class Destination(StrEnum):
    """Where (part of) a refund goes (R9): the payment methods' own words, and the prepaid card."""

    ACCOUNT_BALANCE = "AccountBalance"
    CREDIT_CARD = "CreditCard"
    DEBIT_CARD = "DebitCard"
    PAYPAL = "PayPal"
    BANK_TRANSFER = "BankTransfer"
    PREPAID_CARD = "PrepaidCard"


class LicenseStatus(StrEnum):
    ACTIVATED = "Activated"
    NOT_ACTIVATED = "NotActivated"
    EXPIRED = "Expired"


class PromotionTerms(StrEnum):
    """The refund terms of a promotional event (R2)."""

    STANDARD = "standard"
    NO_REFUND = "no-refund"
    FULL_REFUND_UNTIL = "full-refund-until"


class GiftKind(StrEnum):
    VOUCHER = "voucher"
    EXTENSION = "extension"


class ServiceState(StrEnum):
    """The Live service as the overdue rules leave it (O2, O3)."""

    ACTIVE = "active"
    GRACE = "grace"
    SUSPENDED = "suspended"


class RefundState(StrEnum):
    """Where a refund request stands; the store follows it after a quote is accepted."""

    QUOTED = "quoted"
    SUBMITTED = "submitted"
    PROCESSING = "processing"
    CREDITED = "credited"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


IN_FLIGHT = (RefundState.SUBMITTED, RefundState.PROCESSING)
"""Refund requests on their way: the money has not arrived yet."""

NEXT_REFUND_STATES: dict[RefundState, frozenset[RefundState]] = {
    RefundState.SUBMITTED: frozenset({RefundState.PROCESSING, RefundState.CREDITED, RefundState.REJECTED,
                                      RefundState.CANCELLED}),
    RefundState.PROCESSING: frozenset({RefundState.CREDITED, RefundState.REJECTED, RefundState.CANCELLED}),
}  # fmt: skip
"""Where a request may go from where it is: submitted -> processing -> credited | rejected | cancelled."""
