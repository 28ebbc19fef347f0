"""What the store tells the refund rules, on every backend: refunds that block (R12), signs of R11, units
and payment parts checked at import."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.policy import Policy
from desktop.sources.errors import ImportFileError
from desktop.sources.importer import import_file
from desktop.store.errors import StoreError
from desktop.store.refunds import quote_order

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)
ORDERS_HEADER = (SAMPLES / "orders.csv").read_text(encoding="utf-8").splitlines()[0]
PLANS_HEADER = (SAMPLES / "resource-plans.csv").read_text(encoding="utf-8").splitlines()[0]
UNUSED_PLAN = "2026110700004"  # an unused transcoding plan: 250.00 back


def _order(
    order_id: str,
    *,
    related: str = "",
    kind: str = "New",
    status: str = "Paid",
    day: str = "2026-03-01",
    amounts: str = "100.00,100.00,100.00,0.00,0.00,0.00",
    item: str = "Other",
    instance: str = "",
) -> str:
    """A line of the orders layout: paid from the account balance, of ApsaraVideo Live."""
    return (
        f"{order_id},{related},{kind},{status},{day} 10:00:00,{day} 10:00:00,live,,Subscription,CNY,{amounts},"
        f"AccountBalance,true,{item},{instance},,"
    )


@pytest.fixture
def samples(empty_store: sessionmaker[Session], policy: Policy) -> sessionmaker[Session]:
    """The sample account: its bills, orders, licences and plans."""
    for name in ("billing-details-en.csv", "orders.csv", "licenses.csv", "resource-plans.csv"):
        import_file(empty_store, SAMPLES / name, policy, AT)
    return empty_store


def _import_orders(store: sessionmaker[Session], policy: Policy, tmp_path: Path, *lines: str) -> None:
    path = tmp_path / "more-orders.csv"
    path.write_text("\n".join((ORDERS_HEADER, *lines)) + "\n", encoding="utf-8")
    import_file(store, path, policy, AT)


def _quote(store: sessionmaker[Session], policy: Policy, order_id: str) -> dict[str, object]:
    with store() as session:
        return quote_order(session, order_id, AT, policy).to_json()


@pytest.mark.parametrize(
    ("status", "eligible"),
    [("Cancelled", True), ("Unpaid", True), ("Paid", False)],
)
def test_3_only_a_paid_refund_order_blocks_the_original(
    samples: sessionmaker[Session], policy: Policy, tmp_path: Path, status: str, eligible: bool
) -> None:
    refund = _order("2026111200009", related=UNUSED_PLAN, kind="Refund", status=status, day="2026-11-12")
    _import_orders(samples, policy, tmp_path, refund)
    quote = _quote(samples, policy, UNUSED_PLAN)
    assert quote["eligible"] is eligible
    assert ("R12" in [rule["id"] for rule in quote["rules"]]) is not eligible  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("bought", "refunded", "warned"),
    [
        ("2026-03-01", "2026-03-03", True),  # refunded 2 days after purchase: the no-reason refund, probably
        ("2026-03-01", "2026-03-06", True),  # 5 days: still within it
        ("2026-03-01", "2026-03-12", False),  # 11 days: an ordinary unsubscription
        ("2025-12-20", "2025-12-22", False),  # last year's
    ],
)
def test_8_a_refund_this_year_soon_after_purchase_warns_that_r11_was_probably_used(
    samples: sessionmaker[Session], policy: Policy, tmp_path: Path, bought: str, refunded: str, warned: bool
) -> None:
    _import_orders(
        samples,
        policy,
        tmp_path,
        _order("2026030100007", day=bought),
        _order("2026030100008", related="2026030100007", kind="Refund", day=refunded),
    )
    quote = _quote(samples, policy, UNUSED_PLAN)
    assert [note["id"] for note in quote["warnings"]] == (["R11"] if warned else [])  # type: ignore[union-attr]
    assert [note["id"] for note in quote["unchecked"]] == ([] if warned else ["R11"])  # type: ignore[union-attr]


def test_2_a_plan_with_what_is_left_in_another_unit_of_its_family_is_priced_in_one_unit(
    samples: sessionmaker[Session], policy: Policy, tmp_path: Path
) -> None:
    plans = tmp_path / "plans.csv"
    plans.write_text(
        f"{PLANS_HEADER}\n"
        "plan-dt-009,General-purpose data transfer plan,Chinese mainland,Available,2026-11-20 10:00:00,"
        "2027-11-20 00:00:00,2,TB,1,GB,2026112000009,\n",
        encoding="utf-8",
    )
    import_file(samples, plans, policy, AT)
    _import_orders(
        samples,
        policy,
        tmp_path,
        _order(
            "2026112000009",
            day="2026-11-20",
            amounts="1000.00,1000.00,1000.00,0.00,0.00,0.00",
            item="ResourcePlan",
            instance="plan-dt-009",
        ),
    )
    assert _quote(samples, policy, "2026112000009")["refundable"] == "0.49"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "plan-x,Transcoding plan,,Available,2026-11-01 00:00:00,2027-11-01 00:00:00,1,TB,3,hour,,",
            "'TB' and 'hour' measure different things (a data volume and a duration)",
        ),
        (
            "plan-x,Transcoding plan,,Available,2026-11-01 00:00:00,2027-11-01 00:00:00,1,TB,1025,GB,,",
            "RemainingAmount 1025 GB must be between 0 and TotalAmount 1 TB",
        ),
    ],
)
def test_2_units_of_different_families_refuse_the_plans_file_with_its_line(
    samples: sessionmaker[Session], policy: Policy, tmp_path: Path, line: str, reason: str
) -> None:
    plans = tmp_path / "plans.csv"
    plans.write_text(f"{PLANS_HEADER}\n{line}\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        import_file(samples, plans, policy, AT)
    assert str(refused.value) == f"{plans}:2: {reason}"


def test_6_an_order_paid_more_than_it_owed_is_refused_with_its_line(
    samples: sessionmaker[Session], policy: Policy, tmp_path: Path
) -> None:
    with pytest.raises(ImportFileError) as refused:
        _import_orders(
            samples,
            policy,
            tmp_path,
            _order("2026112000010"),
            _order("2026112000011", amounts="100.00,100.00,80.00,10.00,0.00,20.00"),
        )
    assert str(refused.value) == (
        f"{tmp_path / 'more-orders.csv'}:3: order 2026112000011: cash 80.00, vouchers 10.00 and prepaid card 20.00"
        " add up to more than the payable amount 100.00"
    )
    with samples() as session, pytest.raises(StoreError, match="no order 2026112000010"):
        quote_order(session, "2026112000010", AT, policy)  # nothing of the file was stored
