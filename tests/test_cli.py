"""The command line: answers as documented, and every failure is one line and exit code 2."""

from __future__ import annotations

import json
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
    assert "state                   grace" in out
    assert "O5:" in out


def test_demo_fills_a_new_store_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert run(capsys, "--db", url, "demo", "--at", "2026-11-26T12:00:00+08:00")[:2] == (0, "demo account created\n")
    code, out, err = run(capsys, "--db", url, "demo")
    assert code == 2
    assert out == ""
    assert err == "error: the store already holds an account; point --db at a new file for the demo\n"


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
