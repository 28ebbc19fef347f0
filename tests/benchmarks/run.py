"""Performance targets as ratios against a baseline measured in the same run (machines are noisy).

    python tests/benchmarks/run.py [--rows N] [--repeat K] [--json FILE]

Data is generated deterministically in a temporary folder. Each measurement runs K times and the
median is reported. pytest does not collect this file; CI runs it at a small N to keep it working,
without judging the numbers.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desktop.domain.policy import load_policy
from desktop.sources.billing_details import SYNONYMS
from desktop.sources.importer import import_file
from desktop.store.session import open_store

HEADER = [labels[0] for labels in SYNONYMS.values() if labels[0] != "抹零优惠"]
DOMAINS = ("play.example-stream.com", "live-sg.example-stream.com", "edu.example-stream.com")
ITEMS = ("下行流量", "窄带高清转码-720P", "直播截图", "直播录制")


def billing_file(path: Path, rows: int) -> Path:
    """N Billing Details lines in the classic Chinese layout, the same for the same N."""
    rng = random.Random(rows)
    start = date(2025, 1, 1)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for number in range(rows):
            day = start + timedelta(days=number // 200)
            gross = rng.randint(100, 99_999)
            discount = gross // 20
            payable = gross - discount
            vouchers = payable // 10
            values = {
                "账期": f"{day:%Y-%m}", "财务单元": "未分配", "账号ID": "1886420012345678",
                "账号": "finance@example-stream.com", "Owner账号": "finance@example-stream.com", "产品Code": "live",
                "产品": "视频直播", "产品明细Code": "live", "产品明细": "视频直播", "消费类型": "后付费",
                "消费时间": f"{day + timedelta(days=1)} 00:40:00", "账单开始时间": f"{day} 00:00:00",
                "账单结束时间": f"{day + timedelta(days=1)} 00:00:00", "服务时长": "1",
                "订单号/账单号": f"{day:%Y%m%d}{number:08d}", "账单类型": "后付费账单", "计费方式": "按量计费",
                "实例ID": DOMAINS[number % 3], "地域": "中国内地", "计费项": ITEMS[number % 4], "单价": "0.24",
                "单价单位": "元/GB", "用量": f"{rng.randint(1, 999_999) / 1000:.3f}", "用量单位": "GB",
                "资源包抵扣": "0", "原价": f"{gross / 100:.2f}", "优惠金额": f"{discount / 100:.2f}",
                "优惠券抵扣": "0.00", "应付金额": f"{payable / 100:.2f}",
                "现金支付": f"{(payable - vouchers) / 100:.2f}", "代金券抵扣": f"{vouchers / 100:.2f}",
                "储值卡支付金额": "0.00", "欠费金额": "0.00",
            }  # fmt: skip
            writer.writerow([values.get(column, "") for column in HEADER])
    return path


def plain_import(source: Path, target: Path) -> None:
    """The baseline: csv.reader into sqlite3.executemany, one transaction, no checks at all."""
    connection = sqlite3.connect(target)
    with source.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        columns = ", ".join(f"c{index} TEXT" for index in range(len(header)))
        connection.execute(f"CREATE TABLE lines ({columns})")
        marks = ", ".join("?" * len(header))
        with connection:
            connection.executemany(f"INSERT INTO lines VALUES ({marks})", reader)
    connection.close()


def app_import(source: Path, target: Path) -> None:
    store = open_store(f"sqlite:///{target}")
    import_file(store, source, load_policy(), datetime.now(UTC))
    store.kw["bind"].dispose()


def timed(work: Callable[[Path], None], folder: Path, repeat: int) -> float:
    """Median seconds of `work(fresh store path)` over `repeat` runs."""
    times = []
    for run in range(repeat):
        target = folder / f"{work.__name__}-{run}.sqlite3"
        began = time.perf_counter()
        work(target)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        source = billing_file(folder / "billing.csv", args.rows)
        baseline = timed(lambda target: plain_import(source, target), folder, args.repeat)
        ours = timed(lambda target: app_import(source, target), folder, args.repeat)
        results["P2_baseline_lines_per_s"] = args.rows / baseline
        results["P2_import_lines_per_s"] = args.rows / ours
        results["P2_import_ratio"] = baseline / ours
    print(f"{'measure':<28}{'value':>14}   (N = {args.rows:,}, median of {args.repeat})")
    for key, value in results.items():
        print(f"{key:<28}{value:>14,.3f}")
    if args.json:
        args.json.write_text(json.dumps({"rows": args.rows, **results}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
