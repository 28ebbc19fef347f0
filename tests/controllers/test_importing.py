"""Importing from the window's controller: in the background, with progress, cancel and errors."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.controllers.base import Context
from desktop.controllers.i18n import ENGLISH, Translation
from desktop.controllers.importing import ImportController
from desktop.store.models import BillLine, Order

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _count(context: Context, model: type) -> int:
    with context.store() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_import_runs_in_the_background_and_reports(qtbot: QtBot, context: Context) -> None:
    controller = ImportController(context)
    orders_before = _count(context, Order)
    percents: list[int] = []
    controller.progress.connect(percents.append)
    with qtbot.waitSignal(controller.finished, timeout=20_000) as done:
        controller.start([SAMPLES / "orders.csv", SAMPLES / "billing-details-en.csv"])
    assert done.args[0][0].endswith("orders: 5 new, 0 updated, 0 unchanged")
    assert done.args[0][1].endswith("billing: 90 new, 0 updated, 0 unchanged")
    assert percents
    assert percents[-1] == 100
    assert percents == sorted(percents)
    assert _count(context, Order) == orders_before + 5


def _big_file(tmp_path: Path, copies: int) -> Path:
    source = (SAMPLES / "billing-details-en.csv").read_text(encoding="utf-8").splitlines()
    records = list(csv.reader(source))
    number = records[0].index("Order/Bill Number")
    target = tmp_path / "big.csv"
    with target.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(records[0])
        for copy in range(copies):
            for record in records[1:]:
                writer.writerow([*record[:number], f"{record[number]}{copy:05d}", *record[number + 1 :]])
    return target


def test_cancel_leaves_the_store_as_it_was(qtbot: QtBot, context: Context, tmp_path: Path) -> None:
    big = _big_file(tmp_path, copies=300)  # 27,000 lines
    controller = ImportController(context)
    before = _count(context, BillLine)
    controller.progress.connect(lambda _percent: controller.cancel())
    with qtbot.waitSignal(controller.cancelled, timeout=30_000):
        controller.start([big])
    context.operations.jobs.wait()
    assert _count(context, BillLine) == before


def test_a_bad_file_fails_with_its_line(qtbot: QtBot, context: Context, tmp_path: Path) -> None:
    bad = tmp_path / "orders.csv"
    bad.write_text((SAMPLES / "orders.csv").read_text(encoding="utf-8").replace("Paid", "Payed", 1), encoding="utf-8")
    controller = ImportController(context)
    with qtbot.waitSignal(controller.failed, timeout=20_000) as failure:
        controller.start([bad])
    assert failure.args[0].startswith(f"{bad}:2: column 'PaymentStatus': 'Payed' is not one of")


def test_a_bad_file_is_explained_in_the_window_s_language(qtbot: QtBot, context: Context, tmp_path: Path) -> None:
    bad = tmp_path / "billing.csv"
    sample = (SAMPLES / "billing-details-zh.csv").read_text(encoding="utf-8-sig").splitlines()
    header = next(csv.reader(sample[:1]))
    cells = next(csv.reader(sample[1:2]))
    cells[header.index("应付金额")] = "1,234.50"
    with bad.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, cells])
    translation = Translation()
    translation.install("zh_CN", QLocale("zh_CN"))
    try:
        controller = ImportController(context)
        with qtbot.waitSignal(controller.failed, timeout=20_000) as failure:
            controller.start([bad])
    finally:
        translation.install(ENGLISH, QLocale("en_US"))
    assert failure.args[0] == f"{bad}:2：列 '应付金额'：'1,234.50' 不是精确金额：其中有逗号（千位分隔符还是小数逗号？）"
