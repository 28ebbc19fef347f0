"""Every chart, table and the monthly report from the command line, each file opened and checked."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from matplotlib.image import imread
from sqlalchemy import select

from desktop.cli import main
from desktop.store.models import Order, UsageRecord
from desktop.store.session import open_store
from tests.conftest import DEMO_AT

AT = ["--at", DEMO_AT.isoformat()]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


@pytest.mark.parametrize("chart", ["usage", "spend", "overdue", "refunds"])
def test_every_chart_in_three_formats(
    capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path, chart: str
) -> None:
    png, svg, pdf = (tmp_path / f"{chart}.{suffix}" for suffix in ("png", "svg", "pdf"))
    for target in (png, svg, pdf):
        assert run(capsys, "--db", demo_url, "export-chart", chart, "--out", str(target), *AT).startswith(chart)
    height, width, _ = imread(png).shape
    assert width >= 900
    assert height >= 250
    assert ElementTree.parse(svg).getroot().tag.endswith("svg")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf_pages(pdf) == 1


def test_an_unknown_chart_format_is_refused(capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path) -> None:
    assert main(["--db", demo_url, "export-chart", "spend", "--out", str(tmp_path / "chart.gif")]) == 2
    assert "--out:" in capsys.readouterr().err
    assert not (tmp_path / "chart.gif").exists()


def test_the_monthly_report_has_a_page_per_part(
    capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "statement.pdf"
    out = run(capsys, "--db", demo_url, "report", "--month", "2026-11", "--out", str(target), *AT)
    pages = int(re.search(r"\((\d+) pages\)", out)[1])
    assert pages >= 6
    assert pdf_pages(target) == pages


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 Chinese correctly only with a BOM
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def test_billing_table_matches_the_billing_command(
    capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "billing.csv"
    run(
        capsys,
        "--db",
        demo_url,
        "export-table",
        "billing",
        "--by",
        "region",
        "--period",
        "2026-10",
        "--out",
        str(target),
    )
    rows = _read(target)
    assert rows[0][:2] == ["region", "gross"]
    assert rows[-1][0] == "Total"
    assert {row[-1] for row in rows[1:]} == {"final"}


def test_orders_and_usage_exports_import_back_to_the_same_values(
    capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path
) -> None:
    store = open_store(demo_url)
    with store.begin() as session:  # hostile text, as a malicious export or user could leave it
        order = session.scalars(select(Order).where(Order.instance_id == "drm-pack-001")).first()
        assert order is not None
        order.instance_id = '=HYPERLINK("http://x","y")'
    orders, usage = tmp_path / "orders.csv", tmp_path / "usage.csv"
    run(capsys, "--db", demo_url, "export-table", "orders", "--out", str(orders))
    run(
        capsys,
        "--db",
        demo_url,
        "export-table",
        "usage",
        "--from",
        "2026-11-20",
        "--to",
        "2026-11-21",
        "--out",
        str(usage),
    )
    exported = _read(orders)
    assert '\'=HYPERLINK("http://x","y")' in [row[19] for row in exported]
    usage_rows = _read(usage)
    assert usage_rows[1][-1].startswith("Raw usage is for reference only")
    assert len(usage_rows) - 1 == 2 * 288 * 3 * 2

    copy = f"sqlite:///{tmp_path / 'copy.sqlite3'}"
    run(capsys, "--db", copy, "import", "--account", "1886420012345678", str(orders), str(usage))
    fields = (Order.order_id, Order.instance_id, Order.pretax_amount, Order.cash, Order.created_at, Order.item_kind)
    with store() as session:
        original = set(session.execute(select(*fields)).all())
    again = open_store(copy)
    with again() as session:
        assert set(session.execute(select(*fields)).all()) == original
        assert session.scalar(select(UsageRecord.usage).order_by(UsageRecord.start)) is not None
    assert run(capsys, "--db", copy, "import", str(usage)).endswith(
        f": usage: 0 new, 0 updated, {2 * 288 * 6} unchanged\n"
    )
