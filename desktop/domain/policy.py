"""The one place that holds the numbers of the billing rules.

Alibaba Cloud changes its refund and overdue rules from time to time; keeping every
number in ``desktop/resources/policy.toml`` makes such a change a one-line edit, and the
loader checks each key so that a typo fails at start-up instead of in a quote.
"""

from __future__ import annotations

import decimal
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeGuard
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop.domain.business_days import Calendar
from desktop.domain.kinds import PaymentMethod

DEFAULT_POLICY_FILE = Path(str(files("desktop").joinpath("resources", "policy.toml")))
"""Inside the package (package data), so that an installed wheel reads it as a checkout does."""

RULE_IDS: tuple[str, ...] = tuple(f"R{n}" for n in range(1, 13)) + tuple(f"O{n}" for n in range(1, 7))
CONSUMED_VALUE_BASES = frozenset({"pretax_gross", "pretax_amount"})
USED_PLAN_READINGS = frozenset({"partial", "none"})  # R7: a used plan refunds paid - consumed, or nothing
# R2: a promotion's full refund may prevail over these only; never over R1 (only cash
# is refunded), R5/R6 (nothing to refund, cannot be unsubscribed) or R12 (not paid).
PROMOTION_OVERRIDABLE = frozenset({"R3", "R4", "R7"})
_ROUNDINGS = frozenset(
    name for name in dir(decimal) if name.startswith("ROUND_") and isinstance(getattr(decimal, name), str)
)
_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")


@dataclass(frozen=True)
class PlanWindow:
    """A period of R7 in which a resource plan can be unsubscribed (an unused one in full).

    It applies to plans bought on or after ``since`` (``None``: since always).
    ``days_after_purchase`` None means the whole validity of the plan.
    """

    since: date | None
    days_after_purchase: int | None

    def last_day(self, purchase_day: date) -> date | None:
        """The last local day of the window, or None when it lasts the plan's validity."""
        if self.days_after_purchase is None:
            return None
        return purchase_day + timedelta(days=self.days_after_purchase)


@dataclass(frozen=True)
class Policy:
    """Every number of the rules R1–R12 and O1–O6, and their plain-words texts."""

    account_zone: str
    calendar: Calendar
    arrival_business_days: tuple[int, int]
    consumed_value_basis: str
    used_plans: str
    refund_route_days: Mapping[PaymentMethod, int] = field(hash=False)  # R9: back to the method within N days
    money_quantum: Decimal
    money_rounding: str
    promotion_full_refund_overrides: frozenset[str]
    no_reason_refund_days: int
    no_reason_refunds_per_year: int
    unused_plan_windows: tuple[PlanWindow, ...]  # newest first
    grace_period: timedelta
    final_bill_day: int
    final_bill_time: time  # aware: carries the bill's UTC offset
    rule_texts: Mapping[str, str] = field(hash=False)
    translated_rule_texts: Mapping[str, Mapping[str, str]] = field(hash=False, default_factory=dict)

    @property
    def zone(self) -> tzinfo:
        return ZoneInfo(self.account_zone)

    @property
    def holiday_country(self) -> str:
        return self.calendar.country

    def rule_text(self, rule_id: str, language: str | None = None) -> str:
        """The plain sentence of a rule, for quotes, statuses and their exports.

        In English unless `language` names one of the file's translations (`[rules_zh_CN]`).
        """
        texts = self.translated_rule_texts.get(language or "", self.rule_texts)
        try:
            return texts[rule_id]
        except KeyError:
            raise ValueError(f"unknown rule id {rule_id!r}") from None

    def local(self, moment: datetime, name: str = "moment") -> datetime:
        """``moment`` in the account's zone; naive datetimes are refused, never guessed."""
        return require_aware(moment, name).astimezone(self.zone)

    def quantize_money(self, amount: Decimal) -> Decimal:
        """Round a computed amount (R7's consumed value) to the currency's cents."""
        return amount.quantize(self.money_quantum, rounding=self.money_rounding)

    def plan_window(self, purchase_day: date) -> PlanWindow:
        """The R7 window in force for a resource plan bought on ``purchase_day``."""
        for window in self.unused_plan_windows:
            if window.since is None or window.since <= purchase_day:
                return window
        raise ValueError(f"no unused-plan window covers {purchase_day.isoformat()}")

    def bill_final_at(self, year: int, month: int) -> datetime:
        """When the monthly bill of a cycle stops being provisional (DOMAIN §3)."""
        if not 1 <= month <= 12:
            raise ValueError(f"month must be 1..12, got {month}")
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        return datetime.combine(date(next_year, next_month, self.final_bill_day), self.final_bill_time)


def require_aware(moment: datetime, name: str) -> datetime:
    """Refuse naive datetimes: a bill's moment means nothing without its zone."""
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {moment.isoformat()}")
    return moment


def load_policy(path: Path | None = None) -> Policy:
    """Read and check the policy file; ``None`` reads the one shipped in the package."""
    source = DEFAULT_POLICY_FILE if path is None else path
    try:
        with source.open("rb") as stream:
            data = tomllib.load(stream)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{source}: not valid TOML: {error}") from error
    return _parse(data)


def _parse(data: dict[str, Any]) -> Policy:
    account = _table(data, "account")
    refunds = _table(data, "refunds")
    overdue = _table(data, "overdue")
    billing = _table(data, "billing")

    zone = _str(account, "account.zone")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"account.zone: unknown time zone {zone!r}") from error

    arrival = refunds.get("arrival_business_days")
    if (
        not isinstance(arrival, list)
        or len(arrival) != 2
        or not all(_is_int(n) and n >= 1 for n in arrival)
        or arrival[0] > arrival[1]
    ):
        raise ValueError("refunds.arrival_business_days: expected [earliest, latest], 1 <= earliest <= latest")

    basis = _str(refunds, "refunds.consumed_value_basis")
    if basis not in CONSUMED_VALUE_BASES:
        raise ValueError(f"refunds.consumed_value_basis: expected one of {sorted(CONSUMED_VALUE_BASES)}")

    quantum_text = _str(refunds, "refunds.money_quantum")
    try:
        quantum = Decimal(quantum_text)
    except decimal.InvalidOperation:
        raise ValueError(f"refunds.money_quantum: not a decimal: {quantum_text!r}") from None
    if not quantum.is_finite() or quantum <= 0:
        raise ValueError('refunds.money_quantum: must be a positive decimal such as "0.01"')

    rounding = _str(refunds, "refunds.money_rounding")
    if rounding not in _ROUNDINGS:
        raise ValueError(f"refunds.money_rounding: expected one of {sorted(_ROUNDINGS)}")

    used_plans = _str(refunds, "refunds.used_plans")
    if used_plans not in USED_PLAN_READINGS:
        raise ValueError(f"refunds.used_plans: expected one of {sorted(USED_PLAN_READINGS)}")

    overrides = refunds.get("promotion_full_refund_overrides")
    if not isinstance(overrides, list) or not all(item in PROMOTION_OVERRIDABLE for item in overrides):
        allowed = sorted(PROMOTION_OVERRIDABLE)
        raise ValueError(f"refunds.promotion_full_refund_overrides: expected a list of rule ids among {allowed}")

    arrival_first, arrival_last = arrival
    grace_days = _int(overdue, "overdue.grace_period_days", minimum=0)
    no_reason_days = _int(refunds, "refunds.no_reason_refund_days", minimum=0)
    no_reason_per_year = _int(refunds, "refunds.no_reason_refunds_per_year", minimum=0)
    route_days = _route_days(_table(refunds, "route_days"))
    numbers = {
        "credit_card_days": route_days.get(PaymentMethod.CREDIT_CARD, 0),
        "paypal_days": route_days.get(PaymentMethod.PAYPAL, 0),
        "grace_period_days": grace_days,
        "arrival_first": arrival_first,
        "arrival_last": arrival_last,
        "no_reason_refund_days": no_reason_days,
        "no_reason_refunds_per_year": no_reason_per_year,
    }
    return Policy(
        account_zone=zone,
        calendar=Calendar(
            _str(account, "account.holiday_country"),
            _days(account, "account.extra_holidays"),
            _days(account, "account.extra_working_days"),
        ),
        arrival_business_days=(arrival_first, arrival_last),
        consumed_value_basis=basis,
        used_plans=used_plans,
        refund_route_days=MappingProxyType(route_days),
        money_quantum=quantum,
        money_rounding=rounding,
        promotion_full_refund_overrides=frozenset(overrides),
        no_reason_refund_days=no_reason_days,
        no_reason_refunds_per_year=no_reason_per_year,
        unused_plan_windows=_windows(refunds.get("unused_plan_windows")),
        grace_period=timedelta(hours=24 * grace_days),
        final_bill_day=_int(billing, "billing.final_bill_day", minimum=1, maximum=28),
        final_bill_time=_final_time(billing),
        rule_texts=_rules(_table(data, "rules"), numbers),
        translated_rule_texts=MappingProxyType(
            {
                key.removeprefix("rules_"): _rules(_table(data, key), numbers, key)
                for key in data
                if key.startswith("rules_")
            }
        ),
    )


def _windows(raw: object) -> tuple[PlanWindow, ...]:
    key = "refunds.unused_plan_windows"
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{key}: expected at least one [[{key}]] table")
    windows: list[PlanWindow] = []
    for index, entry in enumerate(raw):
        where = f"{key}[{index}]"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected a table")
        since = entry.get("since")
        # tomllib gives datetimes for date-times; only a bare date makes sense here.
        if since is not None and (not isinstance(since, date) or isinstance(since, datetime)):
            raise ValueError(f"{where}.since: expected a date such as 2026-01-01")
        days = entry.get("days_after_purchase")
        if days == "validity":
            days = None
        elif not _is_int(days) or days < 0:
            raise ValueError(f'{where}.days_after_purchase: expected a number of days or "validity"')
        windows.append(PlanWindow(since=since, days_after_purchase=days))
    if sum(window.since is None for window in windows) != 1:
        raise ValueError(f"{key}: exactly one window (the oldest) must have no `since`")
    windows.sort(key=lambda window: window.since or date.min, reverse=True)
    return tuple(windows)


def _route_days(table: dict[str, Any]) -> dict[PaymentMethod, int]:
    """R9: for how many days after payment a refund can still go back to each limited method."""
    days: dict[PaymentMethod, int] = {}
    for name, value in table.items():
        try:
            method = PaymentMethod(name)
        except ValueError:
            raise ValueError(
                f"refunds.route_days.{name}: not a payment method; known: {[m.value for m in PaymentMethod]}"
            ) from None
        if not _is_int(value) or value < 0:
            raise ValueError(f"refunds.route_days.{name}: expected a number of days")
        days[method] = value
    return days


def _days(table: dict[str, Any], key: str) -> frozenset[date]:
    """A list of plain dates (an absent key is an empty list)."""
    raw = table.get(key.rsplit(".", 1)[-1], [])
    if not isinstance(raw, list) or not all(isinstance(d, date) and not isinstance(d, datetime) for d in raw):
        raise ValueError(f"{key}: expected a list of dates such as [2027-01-01]")
    return frozenset(raw)


def _final_time(billing: dict[str, Any]) -> time:
    local = billing.get("final_bill_time")
    if not isinstance(local, time) or local.tzinfo is not None:
        raise ValueError("billing.final_bill_time: expected a local time such as 12:00:00")
    offset = _str(billing, "billing.final_bill_utc_offset")
    match = _OFFSET.match(offset)
    if match is None:
        raise ValueError('billing.final_bill_utc_offset: expected an offset such as "+08:00"')
    sign = -1 if match.group(1) == "-" else 1
    delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))
    if delta >= timedelta(hours=24):
        raise ValueError("billing.final_bill_utc_offset: offset out of range")
    return local.replace(tzinfo=timezone(sign * delta))


def _rules(rules: dict[str, Any], numbers: dict[str, int], key: str = "rules") -> Mapping[str, str]:
    """Every rule's sentence, numbers filled in; a translation must have them all too."""
    texts: dict[str, str] = {}
    for rule_id in RULE_IDS:
        template = _str(rules, f"{key}.{rule_id}")
        try:
            texts[rule_id] = template.format_map(numbers)
        except (KeyError, ValueError, IndexError) as error:
            raise ValueError(f"{key}.{rule_id}: bad placeholder ({error}); known: {sorted(numbers)}") from None
    unknown = sorted(set(rules) - set(RULE_IDS))
    if unknown:
        raise ValueError(f"{key}: unknown rule ids {unknown}")
    return MappingProxyType(texts)


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"{key}: missing table [{key}]")
    return value


def _str(table: dict[str, Any], key: str) -> str:
    value = table.get(key.rsplit(".", 1)[-1])
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key}: missing or not a non-empty string")
    return value


def _int(table: dict[str, Any], key: str, minimum: int, maximum: int | None = None) -> int:
    value = table.get(key.rsplit(".", 1)[-1])
    if not _is_int(value) or value < minimum or (maximum is not None and value > maximum):
        bounds = f">= {minimum}" if maximum is None else f"in {minimum}..{maximum}"
        raise ValueError(f"{key}: missing or not an integer {bounds}")
    return value


def _is_int(value: object) -> TypeGuard[int]:
    # bool is an int in Python; `true` in the TOML is a mistake, not 1.
    return isinstance(value, int) and not isinstance(value, bool)
