"""One of several processes writing to the same store at once (run by test_concurrency).

`python -m tests.reliability.concurrent_writer URL ROLE NUMBER COUNT FOLDER START` waits for the
wall-clock moment START, then makes COUNT write transactions through the application's own store
code: `payments` records payments as the Overview tab does, `imports` imports one-line Billing
Details files as File → Import does. It prints one JSON line: how many transactions succeeded, the
slowest one in seconds, and every error as the user would have read it.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from desktop.domain.policy import load_policy
from desktop.sources.importer import import_file
from desktop.store.payments import record_payment
from desktop.store.session import open_store
from tests.reliability.helpers import EN_HEADER, NOW, billing_record, write_csv


def payment_amount(writer: int, number: int) -> Decimal:
    return Decimal(writer * 1000 + number) / 100 + Decimal("0.01")


def bill_number(writer: int, number: int) -> int:
    """Distinct per writer, yet on the same day, item, region and domain at the same step (120,000 is a
    multiple of 60, 5 and 3): two importers rebuild the very same rollup rows at the same moment."""
    return writer * 120_000 + number


def main(url: str, role: str, writer: int, count: int, folder: Path, start: float) -> None:
    policy = load_policy()
    store = open_store(url)
    files = [
        write_csv(folder / f"w{writer}-{number}.csv", [EN_HEADER, billing_record(bill_number(writer, number))])
        for number in range(count if role == "imports" else 0)
    ]
    errors: list[str] = []
    slowest = 0.0
    time.sleep(max(0.0, start - time.time()))
    for number in range(count):
        began = time.monotonic()
        try:
            if role == "payments":
                with store.begin() as session:
                    paid_at = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(seconds=number)
                    record_payment(session, payment_amount(writer, number), paid_at, note=f"w{writer}-{number}")
            else:
                import_file(store, files[number], policy, NOW)
        except Exception as exc:  # what would reach the user, whatever it is
            errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
        slowest = max(slowest, time.monotonic() - began)
    store.kw["bind"].dispose()
    print(json.dumps({"writer": writer, "done": count - len(errors), "slowest": slowest, "errors": errors}))


if __name__ == "__main__":
    url, role, writer, count, folder, start = sys.argv[1:]
    main(url, role, int(writer), int(count), Path(folder), float(start))
