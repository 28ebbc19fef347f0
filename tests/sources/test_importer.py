"""Importing files: every encoding and header variant gives the same bills, twice changes
nothing, a newer export updates, and a bad line changes nothing at all."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.billing import Dimension
from desktop.domain.kinds import ServiceState
from desktop.domain.overdue import overdue_status
from desktop.domain.periods import Period
from desktop.domain.policy import Policy
from desktop.sources import read_ahead
from desktop.sources.errors import ImportFileError
from desktop.sources.importer import FileKind, import_file
from desktop.sources.text_files import SAMPLE_BYTES, CsvFile
from desktop.store import queries
from desktop.store.models import BillLine, BillRollup, Order, UsageRecord

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
ZH = SAMPLES / "billing-details-zh.csv"
EN = SAMPLES / "billing-details-en.csv"
NOW = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)


@pytest.fixture(autouse=True, params=["in this process", "read ahead by a child"])
def _reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here twice: the file read by the importer itself, and read ahead by a child process."""
    if request.param == "read ahead by a child":
        monkeypatch.setattr(read_ahead, "AHEAD_FROM_BYTES", 0)
        monkeypatch.setattr(read_ahead, "_cores", lambda: 2)  # whatever machine the tests run on


def _import(store: sessionmaker[Session], policy: Policy, path: Path, **kwargs: object):
    return import_file(store, path, policy, NOW, **kwargs)  # type: ignore[arg-type]


def _totals(store: sessionmaker[Session]) -> tuple[object, ...]:
    with store() as session:
        account = queries.current_account(session)
        rows, totals = queries.billing_summary(session, account.id, Dimension.BILLING_ITEM, Period.month(2026, 10))
        keys = tuple(session.scalars(select(BillLine.line_key).order_by(BillLine.line_key)))
    return tuple(rows), totals, keys


def _rewrite(source: Path, target: Path, encoding: str, newline: str, reorder: bool = False) -> Path:
    """The same records, re-encoded, with other line ends, optionally in another column order plus an extra column."""
    records = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"), newline="")))
    if reorder:
        records = [[*list(reversed(record)), "extra"] for record in records]
        records[0][-1] = "Something new"
    with target.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream, lineterminator=newline).writerows(records)
    return target


def test_zh_and_en_exports_give_the_same_bills(empty_store, tmp_path: Path, policy: Policy) -> None:
    first = _import(empty_store, policy, ZH)
    assert (first.kind, first.counts.new) == (FileKind.BILLING, 90)
    reference = _totals(empty_store)
    assert reference[1].payable > 0
    second = _import(empty_store, policy, EN)
    assert (second.counts.new, second.counts.updated, second.counts.unchanged) == (0, 0, 90)


@pytest.mark.parametrize(
    ("encoding", "newline", "reorder"),
    [("gb18030", "\r\n", False), ("utf-8", "\n", True), ("utf-8-sig", "\r\n", True), ("gb18030", "\n", True)],
)
def test_every_encoding_and_layout_gives_identical_totals(
    tmp_path: Path, policy: Policy, encoding: str, newline: str, reorder: bool, empty_store
) -> None:
    _import(empty_store, policy, ZH)
    reference = _totals(empty_store)
    from desktop.store.session import open_store

    other = open_store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    variant = _rewrite(ZH, tmp_path / "variant.csv", encoding, newline, reorder)
    assert _import(other, policy, variant).counts.new == 90
    assert _totals(other) == reference


def test_the_same_file_twice_adds_nothing(empty_store, policy: Policy) -> None:
    _import(empty_store, policy, EN)
    with empty_store() as session:
        rollups = session.execute(select(BillRollup.id, BillRollup.payable).order_by(BillRollup.id)).all()
    again = _import(empty_store, policy, EN)
    assert (again.counts.new, again.counts.updated, again.counts.unchanged) == (0, 0, 90)
    with empty_store() as session:
        assert session.scalar(select(func.count()).select_from(BillLine)) == 90
        # Not rebuilt at all (the same rows, not equal new ones): an unchanged file costs no rollup work.
        assert session.execute(select(BillRollup.id, BillRollup.payable).order_by(BillRollup.id)).all() == rollups


def test_a_newer_export_records_the_settlement(empty_store, tmp_path: Path, policy: Policy) -> None:
    _import(empty_store, policy, EN)
    with empty_store() as session:
        account = queries.current_account(session)
        before = overdue_status(queries.debts(session, account.id), [], NOW, policy)
    assert before.state is ServiceState.SUSPENDED  # the sample's bills of October are long overdue
    records = list(csv.reader(EN.read_text(encoding="utf-8").splitlines()))
    header = records[0]
    cash, outstanding = header.index("Payment Amount"), header.index("Outstanding Amount")
    for record in records[1:]:
        record[cash] = str(Decimal(record[cash]) + Decimal(record[outstanding]))
        record[outstanding] = "0.00"
    paid = tmp_path / "paid.csv"
    with paid.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(records)
    summary = _import(empty_store, policy, paid)
    assert summary.counts.updated > 0
    assert summary.counts.updated + summary.counts.unchanged == 90
    with empty_store() as session:
        settled = set(session.scalars(select(BillLine.settled_at).where(BillLine.settled_at.is_not(None))))
        after = overdue_status(queries.debts(session, account.id), [], NOW, policy)
    assert settled == {NOW}
    assert after.state is ServiceState.ACTIVE
    assert after.overdue_amount == 0


def _with_cell(tmp_path: Path, line: int, column: str, value: str) -> Path:
    records = list(csv.reader(EN.read_text(encoding="utf-8").splitlines()))
    records[line - 1][records[0].index(column)] = value
    target = tmp_path / "bad.csv"
    with target.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows(records)
    return target


@pytest.mark.parametrize(
    "value", ["1,234.00", "1.234,56", "(12.50)", "¥12.00", "１２.５", "1e3", "12.5.1", "", "1.0000001"]
)
def test_one_bad_amount_rejects_the_file_and_changes_nothing(
    demo_store, tmp_path: Path, policy: Policy, value: str
) -> None:
    def snapshot() -> tuple[object, ...]:
        with demo_store() as session:
            return session.execute(select(func.count(), func.sum(BillLine.pretax_amount))).one()

    before = snapshot()
    bad = _with_cell(tmp_path, 57, "Pretax Amount", value)
    with pytest.raises(ImportFileError) as error:
        _import(demo_store, policy, bad, account_uid=None)
    assert str(error.value).startswith(f"{bad}:57: ")
    assert "Pretax Amount" in str(error.value) or "应付金额" in str(error.value)
    assert snapshot() == before


def test_a_bad_line_late_in_a_big_file_rolls_back_the_earlier_batches(empty_store, tmp_path: Path, policy) -> None:
    records = list(csv.reader(EN.read_text(encoding="utf-8").splitlines()))
    header, body = records[0], records[1:]
    number = header.index("Order/Bill Number")
    big = [header]
    for copy in range(60):  # 5,400 lines: three batches
        for record in body:
            changed = list(record)
            changed[number] = f"{record[number]}{copy:03d}"
            big.append(changed)
    big[-1][header.index("Pretax Gross Amount")] = "oops"
    target = tmp_path / "big.csv"
    with target.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(big)
    with pytest.raises(ImportFileError, match=rf":{len(big)}: "):
        _import(empty_store, policy, target)
    with empty_store() as session:
        assert session.scalar(select(func.count()).select_from(BillLine)) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (ZH.read_bytes().splitlines(keepends=True)[0], "header but no lines"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"a,b,c\n1,2,3\n", "cannot tell what this file holds"),
        ("账期,原价,应付金额,计费项,账号ID\n2026-10,1.00,1.00,下行流量,1\n".encode(), "missing required columns"),
    ],
)
def test_unusable_files_get_a_clear_message(
    empty_store, tmp_path: Path, policy: Policy, content: bytes, message: str
) -> None:
    target = tmp_path / "file.csv"
    target.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        _import(empty_store, policy, target)


def test_own_layouts_import_and_usage_is_idempotent(empty_store, policy: Policy) -> None:
    for name in ("orders", "licenses", "resource-plans"):
        with pytest.raises(ImportFileError, match="no account yet"):
            _import(empty_store, policy, SAMPLES / f"{name}.csv")
    _import(empty_store, policy, EN)
    counts = {
        name: _import(empty_store, policy, SAMPLES / f"{name}.csv").counts.new
        for name in ("orders", "licenses", "resource-plans", "usage-5min")
    }
    assert counts == {"orders": 5, "licenses": 2, "resource-plans": 2, "usage-5min": 2304}
    again = _import(empty_store, policy, SAMPLES / "usage-5min.csv")
    assert (again.counts.new, again.counts.unchanged) == (0, 2304)
    with empty_store() as session:
        gifts = session.scalars(select(Order).where(Order.order_id == "2026110700004")).one().gifts
        assert [(gift.kind, gift.amount, gift.days) for gift in gifts] == [
            ("voucher", Decimal("30.00"), None),
            ("extension", None, 30),
        ]
        assert session.scalar(select(func.count()).select_from(UsageRecord)) == 2304


def _two_bills(tmp_path: Path, name: str, b1_paid: bool) -> Path:
    """B1 charged on 1 Nov owing 100.00, B2 on 20 Nov owing 50.00; optionally B1 shown paid."""
    records = list(csv.reader(EN.read_text(encoding="utf-8").splitlines()))
    header = records[0]
    column = {label: header.index(label) for label in header}
    bills = []
    for number, (day, owed, paid) in enumerate((("01", "100.00", b1_paid), ("20", "50.00", False)), start=1):
        record = list(records[1])
        record[column["Billing Cycle"]] = "2026-11"
        record[column["Order/Bill Number"]] = f"B{number}"
        record[column["Payment Time"]] = f"2026-11-{day} 00:40:00"
        record[column["Usage Start Time"]] = f"2026-11-{int(day) - 1 or 1:02d} 00:00:00"
        record[column["Usage End Time"]] = f"2026-11-{day} 00:00:00"
        for label in ("Pretax Gross Amount", "Pretax Amount"):
            record[column[label]] = owed
        for label in (
            "Invoice Discount",
            "Deducted by Coupons",
            "Deducted by Cash Coupons",
            "Deducted by Prepaid Card",
        ):
            record[column[label]] = "0.00"
        record[column["Payment Amount"]] = owed if paid else "0.00"
        record[column["Outstanding Amount"]] = "0.00" if paid else owed
        bills.append(record)
    target = tmp_path / name
    with target.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *bills])
    return target


def _status(store: sessionmaker[Session], policy: Policy, at: datetime):
    with store() as session:
        account = queries.current_account(session)
        return overdue_status(queries.debts(session, account.id), queries.payments(session, account.id), at, policy)


def test_suspension_stays_until_every_bill_is_paid_when_exports_settle_some(
    empty_store, tmp_path: Path, policy: Policy
) -> None:
    late = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
    import_file(empty_store, _two_bills(tmp_path, "first.csv", b1_paid=False), policy, late)
    assert _status(empty_store, policy, late).state is ServiceState.SUSPENDED
    import_file(empty_store, _two_bills(tmp_path, "newer.csv", b1_paid=True), policy, late)
    status = _status(empty_store, policy, late)
    assert status.state is ServiceState.SUSPENDED  # O4: B2 still owes 50.00
    assert status.overdue_amount == Decimal("50.00")
    before = _status(empty_store, policy, datetime(2026, 11, 19, 4, 0, tzinfo=UTC))
    assert before.state is ServiceState.SUSPENDED  # as of 19 Nov, B1 was unpaid for more than 15 days
    assert before.overdue_amount == Decimal("100.00")


def test_a_recorded_payment_and_a_newer_export_do_not_count_the_same_money_twice(
    empty_store, tmp_path: Path, policy: Policy
) -> None:
    from desktop.store.payments import record_payment

    late = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
    import_file(empty_store, _two_bills(tmp_path, "first.csv", b1_paid=False), policy, late)
    with empty_store.begin() as session:
        record_payment(session, Decimal("100.00"), datetime(2026, 11, 25, 4, 0, tzinfo=UTC))
    import_file(empty_store, _two_bills(tmp_path, "newer.csv", b1_paid=True), policy, late)
    status = _status(empty_store, policy, late)
    assert status.overdue_amount == Decimal("50.00")
    assert status.state is ServiceState.SUSPENDED


def test_a_line_repeated_far_down_the_file_is_refused(empty_store, tmp_path: Path, policy: Policy) -> None:
    records = list(csv.reader(EN.read_text(encoding="utf-8").splitlines()))
    header, body = records[0], records[1:]
    number = header.index("Order/Bill Number")
    lines = [header]
    for copy in range(25):  # 2,250 lines: the repeat lands in another batch than its original
        lines += [[*record[:number], f"{record[number]}{copy:03d}", *record[number + 1 :]] for record in body]
    lines.append(lines[5])
    target = tmp_path / "repeat.csv"
    with target.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(lines)
    with pytest.raises(ImportFileError, match=rf":{len(lines)}: this line repeats an earlier line"):
        _import(empty_store, policy, target)


@pytest.mark.parametrize(
    "content",
    [b"   \n", b"\x00\x01", b"a," * SAMPLE_BYTES + b"\xff\n", b"a,b" + b"\x00" * 2],
    ids=["blank", "binary", "undecodable header", "NUL bytes"],
)
def test_a_file_refused_at_its_header_is_closed(
    tmp_path: Path, content: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "refused.csv"
    path.write_bytes(content)
    opened: list[Any] = []
    real_open = Path.open

    def recording_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(real_open(self, *args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(Path, "open", recording_open)
    with pytest.raises(ImportFileError) as refused:
        CsvFile(path)
    # The refusal's traceback still holds the half-made CsvFile: its file must be closed, not left to the collector.
    assert refused.traceback
    assert opened
    assert all(stream.closed for stream in opened)
