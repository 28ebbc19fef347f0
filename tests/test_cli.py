"""The command line: answers as documented, and every failure is one line and exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse's own exits (--help, --version, usage errors)
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_overview_json_at_a_moment(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    code, out, err = run(capsys, "--db", demo_url, "overview", "--json", "--at", "2026-11-26T12:00:00+08:00")
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert payload["currency"] == "CNY"
    assert payload["state"] == "grace"
    assert payload["can_buy_resource_plans"] is False
    assert payload["balance"] == "0.00"
    for key in ("overdue_amount", "month_to_date_spend"):
        assert Decimal(payload[key]) > 0
    since = datetime.fromisoformat(payload["overdue_since"])
    suspends = datetime.fromisoformat(payload["suspends_at"])
    assert since.utcoffset() is not None
    assert since.utcoffset().total_seconds() == 8 * 3600
    assert (suspends - since).total_seconds() == 15 * 24 * 3600
    moment = datetime.fromisoformat("2026-11-26T12:00:00+08:00")
    assert payload["seconds_to_suspension"] == int((suspends - moment).total_seconds())


def test_overview_after_the_suspension_moment(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    code, out, _ = run(capsys, "--db", demo_url, "overview", "--json", "--at", "2026-12-10T00:00:00+08:00")
    payload = json.loads(out)
    assert code == 0
    assert payload["state"] == "suspended"
    assert payload["seconds_to_suspension"] is None


def test_overview_text_lists_the_figures(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    code, out, _ = run(capsys, "--db", demo_url, "overview", "--at", "2026-11-26T12:00:00")
    assert code == 0
    assert "state                     grace" in out
    assert "O5:" in out


def test_demo_fills_a_new_store_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert run(capsys, "--db", url, "demo", "--at", "2026-11-26T12:00:00+08:00")[:2] == (0, "demo account created\n")
    code, out, err = run(capsys, "--db", url, "demo")
    assert code == 2
    assert out == ""
    assert err.startswith("error: the store already holds an account; the demo is made in an empty store")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["overview", "--at", "yesterday"], "not an ISO-8601 moment"),
        (["frobnicate"], "invalid choice"),
        (["overview", "--bogus"], "unrecognized arguments"),
    ],
)
def test_usage_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], demo_url: str, argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "--db", demo_url, *argv)
    assert code == 2
    assert err.count("\n") == 1
    assert message in err


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///{tmp}",
        "not a url",
        "postgresql+nodriver://x@127.0.0.1/test",
        "postgresql+psycopg://nobody@127.0.0.1:1/test",
    ],
)
def test_an_unopenable_store_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, url: str) -> None:
    code, out, err = run(capsys, "--db", url.format(tmp=tmp_path), "overview", "--json")
    assert code == 2
    assert out == ""
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_a_mistyped_store_path_is_refused_and_no_folder_is_made(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--db", f"sqlite:///{tmp_path / 'typo' / 'store.sqlite3'}", "demo")
    assert code == 2
    assert err == f"error: the folder {tmp_path / 'typo'} does not exist (is the store's path right?)\n"
    assert not (tmp_path / "typo").exists()


def test_output_cut_short_by_its_reader_is_no_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    """`refund-quote --json | head -1`: the reader has left; the command ends quietly with exit code 0."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    with open(write_end, "w", buffering=1, encoding="utf-8") as left_pipe:  # by line: the first one fails
        monkeypatch.setattr(sys, "stdout", left_pipe)
        code = main(["--db", demo_url, "refund-quote", "2026112400012", "--json"])
    assert (code, capsys.readouterr().err) == (0, "")


def test_an_empty_store_says_what_to_do(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--db", f"sqlite:///{tmp_path / 'empty.sqlite3'}", "overview")
    assert code == 2
    assert "no account yet" in err


def test_the_module_entry_point_runs(tmp_path: Path, demo_url: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", demo_url, "overview", "--json", "--at", "2026-11-26T12:00:00+08:00"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["state"] == "grace"


SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def test_import_prints_a_summary_per_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    files = [str(SAMPLES / name) for name in ("billing-details-zh.csv", "orders.csv", "licenses.csv")]
    code, out, err = run(capsys, "--db", url, "import", *files)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{files[0]}: billing: 90 new, 0 updated, 0 unchanged",
        f"{files[1]}: orders: 5 new, 0 updated, 0 unchanged",
        f"{files[2]}: licenses: 2 new, 0 updated, 0 unchanged",
    ]


def test_import_of_a_bad_file_is_one_line_naming_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "orders.csv"
    lines = (SAMPLES / "orders.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("2999.00", '"2,999.00"', 1)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", f"sqlite:///{tmp_path / 's.sqlite3'}", "import", "--account", "1", str(bad))
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {bad}:4: column 'PretaxGrossAmount': '2,999.00' is not an exact amount")
    assert err.count("\n") == 1
    lines[3] = lines[3].replace('"2,999.00"', "2,999.00")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, _, err = run(capsys, "--db", f"sqlite:///{tmp_path / 's.sqlite3'}", "import", "--account", "1", str(bad))
    assert err == f"error: {bad}:4: the line has 23 cells but the header has 22 (an unquoted comma in a value?)\n"


@pytest.fixture
def sample_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'samples.sqlite3'}"
    names = ("billing-details-en.csv", "orders.csv", "licenses.csv", "resource-plans.csv")
    assert run(capsys, "--db", url, "import", *(str(SAMPLES / name) for name in names))[0] == 0
    return url


@pytest.mark.parametrize(
    ("order_id", "eligible", "refundable", "decisive"),
    [
        ("2026110100001", True, "55.06", "R7"),  # half a plan used: 100.00 cash − (1 − 640.5/1024) × 120.00
        ("2026110300002", False, "0.00", "R3"),  # the Push SDK license is activated
        ("2026110500003", False, "0.00", "R6"),  # Queen SDK yearly
        ("2026110700004", True, "250.00", "R7"),  # unused plan of a standard promotion: gifts voided
        ("2026111000005", False, "0.00", "R5"),  # pay-as-you-go
    ],
)
def test_refund_quote_json_of_the_sample_orders(
    capsys: pytest.CaptureFixture[str], sample_store: str, order_id: str, eligible: bool, refundable: str, decisive: str
) -> None:
    code, out, err = run(
        capsys, "--db", sample_store, "refund-quote", order_id, "--at", "2026-11-25T10:00:00+08:00", "--json"
    )
    assert (code, err) == (0, "")
    quote = json.loads(out)
    assert set(quote) == {
        "order_id", "at", "eligible", "rules", "refundable", "currency", "non_refundable", "voided_gifts",
        "destination", "refund_parts", "arrival_earliest", "arrival_latest", "unchecked", "warnings", "plan",
    }  # fmt: skip
    assert quote["at"] == "2026-11-25T10:00:00+08:00"
    assert [note["id"] for note in quote["unchecked"]] == ["R11"]
    assert (quote["order_id"], quote["eligible"], quote["refundable"], quote["currency"]) == (
        order_id,
        eligible,
        refundable,
        "CNY",
    )
    assert decisive in [rule["id"] for rule in quote["rules"]]
    assert all(rule["text"] for rule in quote["rules"])
    if eligible:
        assert (quote["arrival_earliest"], quote["arrival_latest"]) == ("2026-11-27", "2026-11-30")
    else:
        assert quote["arrival_earliest"] is None


def test_refund_quote_voids_the_promotional_gifts(capsys: pytest.CaptureFixture[str], sample_store: str) -> None:
    _, out, _ = run(capsys, "--db", sample_store, "refund-quote", "2026110700004", "--json")
    quote = json.loads(out)
    assert quote["voided_gifts"] == ["voucher:30.00", "extension:30d"]
    assert {"kind": "coupon", "amount": "50.00", "rule": "R1", "in_payable": False} in quote["non_refundable"]


def test_refund_quote_of_an_unknown_order(capsys: pytest.CaptureFixture[str], sample_store: str) -> None:
    code, _, err = run(capsys, "--db", sample_store, "refund-quote", "42")
    assert (code, err) == (2, "error: no order 42 in this store\n")


def test_billing_json_groups_and_totals(capsys: pytest.CaptureFixture[str], sample_store: str) -> None:
    code, out, err = run(
        capsys, "--db", sample_store, "billing", "--by", "billing-item", "--period", "2026-10", "--json",
        "--at", "2026-11-26T12:00:00+08:00",
    )  # fmt: skip
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert (report["dimension"], report["period"], report["provisional"]) == ("billing-item", "2026-10", False)
    assert {row["key"] for row in report["rows"]} == {
        "Downstream traffic",
        "Narrowband HD transcoding 720P",
        "Live snapshots",
    }
    payables = [Decimal(row["payable"]) for row in report["rows"]]
    assert payables == sorted(payables, reverse=True)  # the biggest spend first
    amounts = (
        "gross", "discount", "coupons", "payable", "cash", "vouchers", "prepaid_card", "settled_later", "outstanding",
    )  # fmt: skip
    for name in amounts:
        assert sum(Decimal(row[name]) for row in report["rows"]) == Decimal(report["totals"][name])
    totals = {name: Decimal(report["totals"][name]) for name in amounts}
    assert totals["payable"] == totals["gross"] - totals["discount"] - totals["coupons"]
    paid = totals["cash"] + totals["vouchers"] + totals["prepaid_card"] + totals["settled_later"]
    assert totals["payable"] == paid + totals["outstanding"]


@pytest.mark.parametrize(
    ("at", "provisional"),
    [("2026-11-03T11:59:59+08:00", True), ("2026-11-03T12:00:00+08:00", False)],
)
def test_a_month_is_provisional_until_noon_on_the_third(
    capsys: pytest.CaptureFixture[str], sample_store: str, at: str, provisional: bool
) -> None:
    _, out, _ = run(
        capsys, "--db", sample_store, "billing", "--by", "region", "--period", "2026-10-01..2026-10-05",
        "--json", "--at", at,
    )  # fmt: skip
    report = json.loads(out)
    assert report["period"] == "2026-10-01..2026-10-05"
    assert report["provisional"] is provisional
    assert {row["key"] for row in report["rows"]} == {"Chinese mainland", "Asia Pacific 1"}


def test_billing_refuses_a_bad_period(capsys: pytest.CaptureFixture[str], sample_store: str) -> None:
    code, _, err = run(capsys, "--db", sample_store, "billing", "--by", "region", "--period", "2026-10-32")
    assert code == 2
    assert err == "error: --period: not a day (YYYY-MM-DD): '2026-10-32'\n"


def test_backup_and_restore_from_the_command_line(
    capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path
) -> None:
    copy = tmp_path / "backup.sqlite3"
    assert run(capsys, "--db", demo_url, "backup", "--out", str(copy))[:2] == (0, f"store backed up to {copy}\n")
    bad = tmp_path / "not-a-store.sqlite3"
    bad.write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, "--db", demo_url, "restore", str(bad))
    assert code == 2
    assert "was not replaced" in err
    code, out, _ = run(capsys, "--db", demo_url, "restore", str(copy))
    assert code == 0
    assert out.startswith(f"store restored from {copy}; the replaced store is kept as ")
    code, out, _ = run(capsys, "--db", demo_url, "overview", "--json", "--at", "2026-11-26T12:00:00+08:00")
    assert json.loads(out)["state"] == "grace"


def test_payments_are_recorded_listed_and_undone_from_the_command_line(
    capsys: pytest.CaptureFixture[str], demo_url: str
) -> None:
    db = ("--db", demo_url)
    code, out, _ = run(capsys, *db, "payment", "record", "--amount", "1000.00", "--reference", "BANK-7")
    assert (code, out) == (0, "payment 1 recorded: 1000.00\n")
    code, _, err = run(capsys, *db, "payment", "record", "--amount", "5", "--at", "2026-11-27T00:00")
    assert (code, err) == (2, "error: a payment cannot be paid in the future\n")  # the clock stands at DEMO_AT
    assert run(capsys, *db, "payment", "undo", "1")[:2] == (0, "payment 1 undone by entry 2\n")
    _, out, _ = run(capsys, *db, "payment", "list", "--json")
    assert json.loads(out) == [
        {
            "id": 1,
            "paid_at": "2026-11-26T04:00:00+00:00",
            "amount": "1000.00",
            "currency": "CNY",
            "reference": "BANK-7",
            "note": None,
            "undone_at": "2026-11-26T04:00:00+00:00",
        }
    ]


def test_refunds_are_requested_listed_and_followed_from_the_command_line(
    capsys: pytest.CaptureFixture[str], sample_store: str
) -> None:
    db = ("--db", sample_store)
    code, _, err = run(capsys, *db, "refund", "request", "2026110700004")
    assert code == 2
    assert "--confirm-irreversible" in err
    code, out, _ = run(capsys, *db, "refund", "request", "2026110700004", "--confirm-irreversible")
    assert (code, out) == (0, "refund request 1 recorded for order 2026110700004\n")
    assert run(capsys, *db, "refund", "set", "1", "--state", "processing", "--at", "2026-11-27T09:00")[0] == 0
    assert run(capsys, *db, "refund", "set", "1", "--state", "credited", "--at", "2026-11-30T09:00")[0] == 0
    code, _, err = run(capsys, *db, "refund", "set", "1", "--state", "cancelled")
    assert (code, err) == (2, "error: a credited refund request cannot become cancelled\n")
    _, out, _ = run(capsys, *db, "refund", "list", "--json")
    (request,) = json.loads(out)
    assert (request["state"], request["processing_at"], request["credited_at"]) == (
        "credited",
        "2026-11-27T01:00:00+00:00",
        "2026-11-30T01:00:00+00:00",
    )
    assert request["quote"]["refund_parts"] == [{"destination": "AccountBalance", "amount": "250.00"}]


def test_overview_json_gives_the_refunds_in_flight_as_an_amount_and_a_count_as_of_its_moment(
    capsys: pytest.CaptureFixture[str], demo_url: str
) -> None:
    _, out, _ = run(capsys, "--db", demo_url, "overview", "--json")
    now = json.loads(out)
    assert (now["refunds_in_flight_amount"], now["refunds_in_flight_count"]) == ("95.00", 1)
    _, out, _ = run(capsys, "--db", demo_url, "overview", "--json", "--at", "2026-09-01T00:00")
    before = json.loads(out)  # before the demo's refund requests were made
    assert (before["refunds_in_flight_amount"], before["refunds_in_flight_count"]) == ("0.00", 0)
    assert before["overdue_since"] is None
    assert before["suspended_since"] is None
