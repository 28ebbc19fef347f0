"""The refund rules as revised in 2026-12: one table per correction (prepaid cards are in test_refund_rules)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.kinds import ItemKind, LicenseStatus, PaymentStatus
from desktop.domain.policy import DEFAULT_POLICY_FILE, Policy, load_policy
from desktop.domain.refunds import LicenseFacts, OrderFacts, PlanFacts, quote_refund
from desktop.domain.units import UnitError

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)  # a Wednesday

MakeOrder = Callable[..., OrderFacts]
MakePlan = Callable[..., PlanFacts]


def d(text: str) -> Decimal:
    return Decimal(text)


def policy_with(tmp_path: Path, old: str, new: str) -> Policy:
    """The default policy with one line changed, as a user would edit the file."""
    text = DEFAULT_POLICY_FILE.read_text(encoding="utf-8")
    assert old in text
    changed = tmp_path / "policy.toml"
    changed.write_text(text.replace(old, new), encoding="utf-8")
    return load_policy(changed)


# 2. Plan units ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "unit", "remaining", "remaining_unit", "refundable"),
    [
        ("2", "TB", "1", "GB", "0.49"),  # 2047/2048 of 1000.00 consumed: 999.51
        ("1", "TB", "512", "GB", "500.00"),
        ("1024", "GB", "0.5", "TB", "500.00"),
        ("10", "hour", "300", "minute", "500.00"),
        ("10", "hours", "600", "minutes", "1000.00"),  # unused, spelled otherwise
        ("5", "package", "5", "package", "1000.00"),  # a unit we do not know, the same on both sides
    ],
)
def test_2_a_plan_s_amounts_are_compared_in_one_unit(
    make_order: MakeOrder,
    make_plan: MakePlan,
    policy: Policy,
    total: str,
    unit: str,
    remaining: str,
    remaining_unit: str,
    refundable: str,
) -> None:
    plan = make_plan(total=d(total), unit=unit, remaining=d(remaining), remaining_unit=remaining_unit)
    order = make_order(
        item_kind=ItemKind.RESOURCE_PLAN,
        plan=plan,
        pretax_gross=d("1000.00"),
        pretax_amount=d("1000.00"),
        cash=d("1000.00"),
    )
    assert quote_refund(order, AT, policy).refundable == d(refundable)


@pytest.mark.parametrize(
    ("unit", "remaining_unit", "message"),
    [
        ("TB", "hour", "'TB' and 'hour' measure different things (a data volume and a duration)"),
        ("GB", "parsec", "unknown unit 'parsec': 'GB' and 'parsec' cannot be compared"),
    ],
)
def test_2_units_of_different_families_are_refused_never_divided(
    make_order: MakeOrder, make_plan: MakePlan, policy: Policy, unit: str, remaining_unit: str, message: str
) -> None:
    plan = make_plan(unit=unit, remaining=d(1), remaining_unit=remaining_unit)
    with pytest.raises(UnitError) as refused:
        quote_refund(make_order(item_kind=ItemKind.RESOURCE_PLAN, plan=plan), AT, policy)
    assert str(refused.value) == message


# 4. A Queen SDK sold as SdkLicense ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sdk_type", "eligible", "decisive"),
    [("Queen", False, "R6"), ("queen", False, "R6"), ("Push", True, None), (None, True, None)],
)
def test_4_a_queen_licence_cannot_be_unsubscribed_whatever_the_order_calls_it(
    make_order: MakeOrder, policy: Policy, sdk_type: str | None, eligible: bool, decisive: str | None
) -> None:
    lic = LicenseFacts("lic-q", LicenseStatus.NOT_ACTIVATED, None, sdk_type)
    quote = quote_refund(make_order(item_kind=ItemKind.SDK_LICENSE, license=lic), AT, policy)
    assert quote.eligible is eligible
    assert (quote.rule_ids[-1] if not eligible else None) == decisive


# 7. Used plans: the reading, the window, the precise refusal --------------------------------


@pytest.mark.parametrize(
    ("used_plans", "remaining", "eligible", "refundable", "finding"),
    [
        (
            "partial",
            "250",
            True,
            "25.00",
            "The plan is 75.0 % used: refunded the money paid minus the value used at list price (partial reading"
            " of used plans), within its window, 2026-11-01 to 2027-11-01.",
        ),
        (
            "none",
            "250",
            False,
            "0.00",
            "The plan is 75.0 % used, and the policy refunds no used plan (none reading of used plans).",
        ),
        (
            "none",
            "1000",
            True,
            "100.00",
            "The plan is unused: refunded in full within its window, 2026-11-01 to 2027-11-01.",
        ),
    ],
)
def test_7_used_plans_follow_the_policy_s_reading_and_the_quote_names_it(
    make_order: MakeOrder,
    make_plan: MakePlan,
    tmp_path: Path,
    used_plans: str,
    remaining: str,
    eligible: bool,
    refundable: str,
    finding: str,
) -> None:
    policy = policy_with(tmp_path, 'used_plans = "partial"', f'used_plans = "{used_plans}"')
    order = make_order(item_kind=ItemKind.RESOURCE_PLAN, plan=make_plan(remaining=d(remaining)))
    quote = quote_refund(order, AT, policy)
    assert (quote.eligible, quote.refundable) == (eligible, d(refundable))
    plan = quote.to_json()["plan"]
    assert plan == {
        "used_plans": used_plans,
        "window_opens": "2026-11-01",
        "window_closes": "2027-11-01",
        "finding": finding,
    }
    assert "R7" in quote.rule_ids


def test_7_an_expired_plan_says_when_it_expired(make_order: MakeOrder, make_plan: MakePlan, policy: Policy) -> None:
    plan = make_plan(expires_at=datetime(2026, 11, 20, 0, 0, tzinfo=SHANGHAI))
    quote = quote_refund(make_order(item_kind=ItemKind.RESOURCE_PLAN, plan=plan), AT, policy)
    assert not quote.eligible
    assert quote.to_json()["plan"]["finding"] == "The plan expired on 2026-11-20: an expired plan refunds nothing."


def test_7_a_closed_window_says_when_it_closed(make_order: MakeOrder, make_plan: MakePlan, policy: Policy) -> None:
    """Bought on 2025-09-01, when the window was 30 days from purchase."""
    bought = datetime(2025, 9, 1, 10, 0, tzinfo=SHANGHAI)
    plan = make_plan(effective_at=bought, expires_at=datetime(2026, 9, 1, 0, 0, tzinfo=SHANGHAI))
    order = make_order(item_kind=ItemKind.RESOURCE_PLAN, plan=plan, created_at=bought, paid_at=bought)
    quote = quote_refund(order, datetime(2025, 10, 15, 10, 0, tzinfo=SHANGHAI), policy)
    assert not quote.eligible
    assert quote.to_json()["plan"] == {
        "used_plans": "partial",
        "window_opens": "2025-09-01",
        "window_closes": "2025-10-01",
        "finding": "The unused full-refund window of this plan (bought on 2025-09-01) closed on 2025-10-01.",
    }


# 8. R11 cannot be checked from the store ---------------------------------------------------


@pytest.mark.parametrize(
    ("seen", "unchecked", "warnings"),
    [(False, ["R11"], []), (True, [], ["R11"])],
)
def test_8_every_quote_says_r11_was_not_checked_or_warns_that_it_was_probably_used(
    make_order: MakeOrder, policy: Policy, seen: bool, unchecked: list[str], warnings: list[str]
) -> None:
    json = quote_refund(make_order(no_reason_refund_seen=seen), AT, policy).to_json()
    assert [note["id"] for note in json["unchecked"]] == unchecked
    assert [note["id"] for note in json["warnings"]] == warnings
    text = (json["unchecked"] + json["warnings"])[0]["text"]
    assert ("probably used" in text) is seen
    assert "5-day" in text or "5 days" in text


def test_8_even_a_quote_that_refunds_nothing_lists_what_it_could_not_check(
    make_order: MakeOrder, policy: Policy
) -> None:
    json = quote_refund(make_order(payment_status=PaymentStatus.UNPAID), AT, policy).to_json()
    assert [note["id"] for note in json["unchecked"]] == ["R11"]


# 10. Calendars that are not published yet ---------------------------------------------------


def test_10_an_arrival_window_in_a_year_the_calendar_does_not_know_says_so(
    make_order: MakeOrder, policy: Policy
) -> None:
    at = datetime(2026, 12, 30, 10, 0, tzinfo=SHANGHAI)  # arrives in January 2027
    json = quote_refund(make_order(), at, policy).to_json()
    assert json["arrival_latest"].startswith("2027-")
    assert [note["id"] for note in json["warnings"]] == ["R8"]
    assert "2027" in json["warnings"][0]["text"]
    assert json["warnings"][0]["text"].endswith("the dates may move.")


def test_10_the_policy_file_s_days_override_the_package_and_make_a_year_known(
    make_order: MakeOrder, tmp_path: Path
) -> None:
    policy = policy_with(
        tmp_path,
        "extra_holidays = []\nextra_working_days = []",
        "extra_holidays = [2026-11-27, 2027-01-01]\nextra_working_days = [2027-01-03]",
    )
    json = quote_refund(make_order(), AT, policy).to_json()
    assert (json["arrival_earliest"], json["arrival_latest"]) == ("2026-11-30", "2026-12-01")  # 27th off
    december = quote_refund(make_order(), datetime(2026, 12, 30, 10, 0, tzinfo=SHANGHAI), policy).to_json()
    assert december["warnings"] == []  # 2027 has days in the policy file: known
    assert december["arrival_earliest"] == "2027-01-03"  # 31 Dec, then the working Sunday; 1 Jan is off


def test_10_a_window_in_a_published_year_has_no_warning(make_order: MakeOrder, policy: Policy) -> None:
    assert quote_refund(make_order(), AT, policy).warnings == ()


# 11. The quote is self-contained ------------------------------------------------------------


def test_11_the_quote_carries_its_moment(make_order: MakeOrder, policy: Policy) -> None:
    assert quote_refund(make_order(), AT, policy).to_json()["at"] == "2026-11-25T10:00:00+08:00"


@pytest.mark.parametrize(
    ("payable", "in_payable", "parts"),
    [
        ("100.00", True, [("coupon", "20.00")]),  # the file counts the coupon inside the payable amount
        ("80.00", False, [("coupon", "20.00")]),  # the coupon was deducted before it
    ],
)
def test_11_a_coupon_is_listed_once_wherever_the_file_counts_it(
    make_order: MakeOrder, policy: Policy, payable: str, in_payable: bool, parts: list[tuple[str, str]]
) -> None:
    order = make_order(pretax_gross=d("100.00"), pretax_amount=d(payable), cash=d("80.00"), coupons=d("20.00"))
    quote = quote_refund(order, AT, policy)
    assert [(part.kind, part.amount) for part in quote.non_refundable] == [(k, d(a)) for k, a in parts]
    assert quote.non_refundable[0].in_payable is in_payable
    assert quote.refundable == d("80.00")


def test_the_calendar_knows_2026_from_the_package(policy: Policy) -> None:
    assert policy.calendar.knows_year(2026)
    assert policy.calendar.add_business_days(date(2026, 9, 30), 3) == date(2026, 10, 10)  # a working Saturday
