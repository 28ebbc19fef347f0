"""A big Billing Details file for tests: the English sample's lines over and over, each with its own bill number."""

from __future__ import annotations

import csv
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "billing-details-en.csv"


def sample_copies(target: Path, lines: int) -> Path:
    """`lines` lines cycling through the sample's, numbered apart so that none repeats another."""
    records = list(csv.reader(SAMPLE.read_text(encoding="utf-8").splitlines()))
    header, body = records[0], records[1:]
    number = header.index("Order/Bill Number")
    with target.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        for line in range(lines):
            record = body[line % len(body)]
            writer.writerow([*record[:number], f"{record[number]}{line:07d}", *record[number + 1 :]])
    return target
