"""The policy file: its defaults, its checks, and that a rule change is a one-line edit."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.kinds import ItemKind
from desktop.domain.policy import DEFAULT_POLICY_FILE, RULE_IDS, PlanWindow, Policy, load_policy
from desktop.domain.refunds import OrderFacts, PlanFacts, quote_refund

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEFAULT_TEXT = DEFAULT_POLICY_FILE.read_text(encoding="utf-8")


def edited(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the default file with one line changed."""
    assert old in DEFAULT_TEXT
    path = tmp_path / "policy.toml"
    path.write_text(DEFAULT_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_default_policy_holds_the_documented_numbers(policy: Policy) -> None:
    assert policy.grace_period == timedelta(hours=360)
    assert policy.arrival_business_days == (2, 3)
    assert (policy.holiday_country, policy.account_zone) == ("CN", "Asia/Shanghai")
    assert policy.consumed_value_basis == "pretax_gross"
    assert (policy.money_quantum, policy.money_rounding) == (Decimal("0.01"), "ROUND_HALF_UP")
    assert policy.promotion_full_refund_overrides == {"R3", "R4", "R7"}
    assert policy.unused_plan_windows == (
        PlanWindow(date(2026, 1, 1), None),
        PlanWindow(date(2025, 8, 19), 30),
        PlanWindow(None, 5),
    )
    assert policy == load_policy(DEFAULT_POLICY_FILE)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_plain_sentence_with_its_numbers_filled_in(policy: Policy, rule_id: str) -> None:
    text = policy.rule_text(rule_id)
    assert len(text) > 20
    assert "{" not in text


def test_rule_texts_show_the_policy_numbers(policy: Policy) -> None:
    assert "within 2 to 3 business days" in policy.rule_text("R8")
    assert "After 15 days" in policy.rule_text("O3")


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_reads_in_chinese_with_the_same_numbers(policy: Policy, rule_id: str) -> None:
    english, chinese = policy.rule_text(rule_id), policy.rule_text(rule_id, "zh_CN")
    assert chinese != english
    assert "{" not in chinese
    assert re.findall(r"\d+", english) == re.findall(r"\d+", chinese)


def test_a_language_without_translated_rules_reads_english(policy: Policy) -> None:
    assert policy.rule_text("O2", "fr_FR") == policy.rule_text("O2") == policy.rule_text("O2", None)
    assert policy.rule_text("O2", "zh_CN") == "欠费 15 天以内，直播服务继续运行。"


def test_an_unknown_rule_id_is_an_error(policy: Policy) -> None:
    with pytest.raises(ValueError, match="R13"):
        policy.rule_text("R13")


@pytest.mark.parametrize(
    ("year", "month", "final_at"),
    [
        (2026, 11, datetime(2026, 12, 3, 12, 0, tzinfo=SHANGHAI)),
        (2026, 12, datetime(2027, 1, 3, 12, 0, tzinfo=SHANGHAI)),
    ],
)
def test_the_monthly_bill_is_final_at_noon_utc8_on_the_third(
    policy: Policy, year: int, month: int, final_at: datetime
) -> None:
    assert policy.bill_final_at(year, month) == final_at
    assert policy.bill_final_at(year, month) > final_at - timedelta(seconds=1)


def test_changing_the_arrival_days_is_one_line(tmp_path: Path, make_order: Callable[..., OrderFacts]) -> None:
    changed = load_policy(edited(tmp_path, "arrival_business_days = [2, 3]", "arrival_business_days = [1, 5]"))
    quote = quote_refund(make_order(), datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI), changed)
    assert (quote.arrival_earliest, quote.arrival_latest) == (date(2026, 11, 26), date(2026, 12, 2))
    assert "within 1 to 5 business days" in changed.rule_text("R8")


def test_changing_the_consumed_value_basis_is_one_line(
    tmp_path: Path, make_order: Callable[..., OrderFacts], make_plan: Callable[..., PlanFacts]
) -> None:
    changed = load_policy(
        edited(tmp_path, 'consumed_value_basis = "pretax_gross"', 'consumed_value_basis = "pretax_amount"')
    )
    order = make_order(
        item_kind=ItemKind.RESOURCE_PLAN,
        pretax_gross=Decimal("200.00"),
        plan=make_plan(remaining=Decimal(750)),
    )
    at = datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)
    assert quote_refund(order, at, load_policy()).refundable == Decimal("50.00")  # 25 % of 200.00 at list price
    assert quote_refund(order, at, changed).refundable == Decimal("75.00")  # 25 % of the 100.00 payable


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('holiday_country = "CN"\n', "\n", "account.holiday_country"),
        ('zone = "Asia/Shanghai"', 'zone = "Mars/Olympus"', "account.zone"),
        ("arrival_business_days = [2, 3]", "arrival_business_days = [3, 2]", "refunds.arrival_business_days"),
        ("arrival_business_days = [2, 3]", 'arrival_business_days = "2-3"', "refunds.arrival_business_days"),
        ('consumed_value_basis = "pretax_gross"', 'consumed_value_basis = "net"', "refunds.consumed_value_basis"),
        ('money_quantum = "0.01"', "money_quantum = 0.01", "refunds.money_quantum"),
        ('money_quantum = "0.01"', 'money_quantum = "cents"', "refunds.money_quantum"),
        ('money_rounding = "ROUND_HALF_UP"', 'money_rounding = "HALF_UP"', "refunds.money_rounding"),
        ('overrides = ["R3", "R4", "R7"]', 'overrides = ["R3", "R12"]', "refunds.promotion_full_refund_overrides"),
        ("no_reason_refund_days = 5", "no_reason_refund_days = true", "refunds.no_reason_refund_days"),
        ("days_after_purchase = 30", "days_after_purchase = -30", "refunds.unused_plan_windows[1]"),
        ("since = 2026-01-01", 'since = "2026"', "refunds.unused_plan_windows[0].since"),
        ("since = 2025-08-19\n", "\n", "refunds.unused_plan_windows"),
        ("grace_period_days = 15", "grace_period_days = -1", "overdue.grace_period_days"),
        ("[overdue]", "[overdues]", "overdue"),
        ("final_bill_day = 3", "final_bill_day = 31", "billing.final_bill_day"),
        ("final_bill_time = 12:00:00", 'final_bill_time = "noon"', "billing.final_bill_time"),
        ('final_bill_utc_offset = "+08:00"', 'final_bill_utc_offset = "UTC+8"', "billing.final_bill_utc_offset"),
        ("\nO6 = ", "\nO7 = ", "rules.O6"),
        ("within {arrival_first} to", "within {first} to", "rules.R8"),
        ('O6 = "直播录制', 'O7 = "直播录制', "rules_zh_CN.O6"),
        ("在 {arrival_first} 至", "在 {first} 至", "rules_zh_CN.R8"),
    ],
)
def test_a_missing_or_malformed_key_is_named(tmp_path: Path, old: str, new: str, key: str) -> None:
    with pytest.raises(ValueError, match=key.replace("[", r"\[").replace("]", r"\]")):
        load_policy(edited(tmp_path, old, new))


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text("[account\nzone = ", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid TOML"):
        load_policy(path)
