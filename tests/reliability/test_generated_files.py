"""Generated Billing Details files: what is written is what is stored, and nothing but ImportFileError escapes.

Files of 1-5 lines with amounts of 0-6 decimals (negatives too), CJK text, quotes, commas and
line breaks inside fields, the columns in any order, UTF-8 with or without BOM or GB18030, CRLF
or LF. Each is imported into a store emptied between examples, and read back, on SQLite and on
PostgreSQL: the parsing is the same, how the values are stored and summed is each backend's own.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.policy import Policy
from desktop.exports.tables import FORMULA_STARTS
from desktop.sources.errors import ImportFileError
from desktop.sources.importer import import_file
from desktop.sources.vocabulary import CANONICAL
from desktop.store.models import BillLine, BillRollup
from desktop.store.session import open_store
from tests.reliability.helpers import ACCOUNT_UID, NOW, clear

ZONE = ZoneInfo("Asia/Shanghai")
EXAMPLES = 2_000

# The label of each column in the English console's export, and the field it fills.
AMOUNTS = {
    "Pretax Gross Amount": "pretax_gross",
    "Pretax Amount": "pretax_amount",
    "Payment Amount": "cash_payment",
    "Outstanding Amount": "outstanding",
}
DEDUCTIONS = {
    "Invoice Discount": "invoice_discount",
    "Deducted by Coupons": "coupon_deduction",
    "Deducted by Cash Coupons": "voucher_deduction",
    "Deducted by Prepaid Card": "prepaid_card",
    "Deducted by Resource Plans": "deducted_by_resource_plans",
}
QUANTITIES = {"Usage": "usage", "List Price": "list_price"}
TEXTS = {
    "Account Name": "account_name",
    "Instance Name": "instance_name",
    "Instance Tag": "instance_tag",
    "Instance Configuration": "instance_config",
    "Instance ID": "instance_id",
}
WORDS = {"Product Name": "product_name", "Billable Item": "billing_item", "Region": "region"}
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M")

# Text as people and tools write it: CJK, full-width forms, quotes, commas, line breaks, spaces,
# accents, symbols and emoji. One pool drawn from, which is much cheaper than a union of strategies.
_POOL = "".join(
    [
        "abcXYZ019 .-_/:@#&()[]",
        "\"',;|\n\r\t\u3000，“”「」¥￥=+-@＝＋－＠'",
        "０１２３４５６７８９．，",  # full-width digits and separators
        "中国内地视频直播下行流量峰值带宽转码截图录制时移账单欠费现金元分钟未分配默认资源组測試",
        "éüßçñøÅЖщ€£ʼ\u00a0\u200b\u2028\u0085",
        "😀🎥𠀀",  # outside the BMP: four bytes in UTF-8 and in GB18030
    ]
)
texts = st.text(st.sampled_from(_POOL), max_size=12)
words = st.one_of(texts, st.sampled_from(sorted(CANONICAL)))
padding = st.sampled_from(["", " ", "  "])


@st.composite
def amounts(draw: st.DrawFn) -> str:
    places = draw(st.integers(0, 6))
    value = draw(st.decimals(min_value=-(10**9), max_value=10**9, places=places, allow_nan=False))
    return f"{draw(padding)}{value:f}{draw(padding)}"


@dataclass
class Generated:
    header: list[str]
    lines: list[dict[str, str]]  # label -> cell, as written
    encoding: str
    newline: str

    quote_all: bool

    def content(self) -> bytes:
        records = [self.header, *([line.get(label, "") for label in self.header] for line in self.lines)]
        text = "".join(",".join(_quoted(cell, self.quote_all) for cell in record) + self.newline for record in records)
        return text.encode(self.encoding)


def _quoted(cell: str, always: bool) -> str:
    """RFC 4180 quoting. (Python's csv writer leaves a lone CR unquoted when the line end is LF.)"""
    if always or any(char in cell for char in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@st.composite
def billing_files(draw: st.DrawFn) -> Generated:
    optional = [*DEDUCTIONS, *QUANTITIES, *TEXTS, *WORDS, "Usage Start Time"]
    present = [label for label in optional if draw(st.booleans())]
    required = ["Account ID", "Order/Bill Number", "Billable Item", "Payment Time", *AMOUNTS]
    header = draw(st.permutations(sorted({*required, *present})))
    lines = []
    for number in range(draw(st.integers(1, 5))):
        paid = draw(st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31))).replace(second=0, microsecond=0)  # noqa: DTZ001
        cells = {
            "Account ID": ACCOUNT_UID,
            # The line number first keeps each line's identity distinct.
            "Order/Bill Number": f"{number}-{draw(texts)}",
            "Payment Time": paid.strftime(draw(st.sampled_from(TIME_FORMATS))),
            "Usage Start Time": paid.strftime(TIME_FORMATS[0]) if draw(st.booleans()) else "",
            **{label: draw(amounts()) for label in AMOUNTS},
            **{label: draw(st.one_of(amounts(), st.just(""))) for label in (*DEDUCTIONS, *QUANTITIES)},
            **{label: draw(texts) for label in TEXTS},
            **{label: draw(words) for label in WORDS},
        }
        lines.append({label: cells[label] for label in header})
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    return Generated(list(header), lines, encoding, draw(st.sampled_from(["\r\n", "\n"])), draw(st.booleans()))


def _text(cell: str | None) -> str | None:
    """The README's contract for text: trimmed; the apostrophe our exports put before a formula undone."""
    if cell is None:
        return None
    stripped = cell.strip()
    if stripped.startswith("'") and stripped[1:].startswith(FORMULA_STARTS):
        stripped = stripped[1:]
    return stripped or None


def _word(cell: str | None) -> str | None:
    text = None if cell is None else cell.strip() or None
    return None if text is None else CANONICAL.get(text, text)


def _amount(cell: str | None, empty: Decimal | None) -> Decimal | None:
    return empty if cell is None or not cell.strip() else Decimal(cell.strip())


def _moment(cell: str | None) -> datetime | None:
    if not cell:
        return None
    for layout in TIME_FORMATS:
        try:
            return datetime.strptime(cell, layout).replace(tzinfo=ZONE)
        except ValueError:
            continue
    raise AssertionError(f"the test wrote a moment it cannot read: {cell!r}")


def _expected(line: dict[str, str]) -> dict[str, Any]:
    expected: dict[str, Any] = {"bill_number": _text(line["Order/Bill Number"])}
    expected |= {field: _amount(line[label], None) for label, field in AMOUNTS.items()}
    expected |= {field: _amount(line.get(label), Decimal(0)) for label, field in DEDUCTIONS.items()}
    expected |= {field: _amount(line.get(label), None) for label, field in QUANTITIES.items()}
    expected |= {field: _text(line.get(label)) for label, field in TEXTS.items()}
    expected |= {field: _word(line.get(label)) for label, field in WORDS.items()}
    expected["payment_time"] = _moment(line["Payment Time"])
    expected["usage_start"] = _moment(line.get("Usage Start Time"))
    gross, payable = expected["pretax_gross"], expected["pretax_amount"]
    covered = expected["cash_payment"] + expected["voucher_deduction"] + expected["prepaid_card"]
    expected["amounts_consistent"] = (
        gross - expected["invoice_discount"] - expected["coupon_deduction"]
        == payable
        == covered + expected["outstanding"]
    )
    return expected


def _valid_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.fixture
def store(store_url: str) -> Iterator[sessionmaker[Session]]:
    made = open_store(store_url)
    yield made
    made.kw["bind"].dispose()


@pytest.mark.slow
def test_generated_files_round_trip_exactly(store: sessionmaker[Session], tmp_path: Path, policy: Policy) -> None:
    path = tmp_path / "generated.csv"
    seen = {"examples": 0, "gb18030": 0, "bom": 0, "lines": 0}

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(billing_files())
    def round_trip(generated: Generated) -> None:
        content = generated.content()
        # A GB18030 file whose bytes are valid UTF-8 too is the same file as that UTF-8 text (未 is
        # δ): no reader can round-trip both. tests/sources/test_text_encodings.py covers which wins.
        assume(generated.encoding != "gb18030" or not _valid_utf8(content))
        clear(store.kw["bind"])
        path.write_bytes(content)
        summary = import_file(store, path, policy, NOW)
        assert summary.counts.new == len(generated.lines)
        wanted = sorted((_expected(line) for line in generated.lines), key=lambda line: line["bill_number"])
        with store() as session:
            stored = session.scalars(select(BillLine).order_by(BillLine.bill_number)).all()
            got = [{field: getattr(line, field) for field in wanted[0]} for line in stored]
            payable = session.scalar(select(func.sum(BillRollup.payable)).where(BillRollup.dimension == "billing-item"))
        assert sorted(got, key=lambda line: line["bill_number"]) == wanted
        # The money columns are equal as numbers and the rollups' SQL sums are exact.
        assert payable == sum(line["pretax_amount"] for line in wanted)
        seen["examples"] += 1
        seen["lines"] += len(generated.lines)
        seen["gb18030"] += generated.encoding == "gb18030"
        seen["bom"] += content.startswith(codecs.BOM_UTF8)

    round_trip()
    print(f"generated files on {store.kw['bind'].dialect.name}: {seen}")
    assert seen["examples"] >= EXAMPLES


# --- broken files: read exactly, or refused with ImportFileError and nothing stored ---------------

BROKEN_EXAMPLES = 400
_PLAIN = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]{1,6})?")
# What spreadsheets and other locales make of amounts. Integer parts stay within 12 digits: larger
# ones escape as OverflowError today, which test_traps covers on its own.
bad_amounts = st.one_of(
    st.sampled_from(["1,234", "1.234,56", "(12.50)", "¥1,000.00", "１２３", "-0.00", "1e3", "+1", ".5", "5.", "0x1F"]),
    st.from_regex(r"[-+(¥ ]?[0-9]{1,12}([.,][0-9]{1,8})?[) ]?", fullmatch=True),
    texts,
)


@st.composite
def broken_files(draw: st.DrawFn) -> tuple[Generated, bytes, bool]:
    """A generated file with one defect; the flag says whether its lines can still be checked."""
    generated = draw(billing_files())
    kind = draw(st.sampled_from(["amount", "text", "truncate", "insert", "extra cell", "no column"]))
    line = draw(st.sampled_from(generated.lines))
    if kind == "amount":
        line[draw(st.sampled_from([label for label in line if label in AMOUNTS]))] = draw(bad_amounts)
    elif kind == "text":
        line["Order/Bill Number"] = draw(st.sampled_from(["", " ", "\t"]))
    elif kind == "extra cell":
        line[""] = "surplus"
        generated.header = [*generated.header, ""]
        content = generated.content()
        content = content.replace(b",\r\n" if generated.newline == "\r\n" else b",\n", generated.newline.encode())
        return generated, content.replace(b',""' if generated.quote_all else b",", b",", 1), False
    elif kind == "no column":
        generated.header.remove(draw(st.sampled_from(["Pretax Amount", "Outstanding Amount", "Payment Time"])))
    content = generated.content()
    if kind == "truncate":
        return generated, content[: draw(st.integers(0, len(content) - 1))], False
    if kind == "insert":
        at = draw(st.integers(0, len(content)))
        return generated, content[:at] + draw(st.binary(min_size=1, max_size=8)) + content[at:], False
    return generated, content, kind in ("amount", "text")


@pytest.mark.slow
def test_broken_files_are_read_exactly_or_refused_with_importfileerror(
    store: sessionmaker[Session], tmp_path: Path, policy: Policy
) -> None:
    path = tmp_path / "broken.csv"
    outcomes = {"stored": 0, "refused": 0}

    @settings(max_examples=BROKEN_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(broken_files())
    def check(case: tuple[Generated, bytes, bool]) -> None:
        generated, content, checkable = case
        clear(store.kw["bind"])
        path.write_bytes(content)
        try:
            summary = import_file(store, path, policy, NOW)
        except ImportFileError as refused:  # anything else fails the test
            error: ImportFileError | None = refused
        else:
            error = None
        if error is not None:
            assert str(error).startswith(f"{path}")
            with store() as session:
                assert session.scalar(select(func.count()).select_from(BillLine)) == 0
            if checkable:
                assert any(_refused(line) for line in generated.lines), f"a good file was refused: {error}"
            outcomes["refused"] += 1
            return
        outcomes["stored"] += 1
        if checkable:
            assert not any(_refused(line) for line in generated.lines), "a bad cell was read as some value"
            with store() as session:
                stored = session.scalars(select(BillLine)).all()
            assert summary.counts.new == len(generated.lines) == len(stored)
            wanted = sorted((_expected(line) for line in generated.lines), key=lambda line: line["bill_number"])
            got = [{field: getattr(line, field) for field in wanted[0]} for line in stored]
            assert sorted(got, key=lambda line: line["bill_number"]) == wanted

    check()
    print(f"broken files on {store.kw['bind'].dialect.name}: {outcomes}")
    assert outcomes["refused"] > BROKEN_EXAMPLES // 2


def _refused(line: dict[str, str]) -> bool:
    """Whether the README's rules refuse this line: an amount that is not plain, or no bill number."""
    if not line["Order/Bill Number"].strip():
        return True
    return any(not _PLAIN.fullmatch(line[label].strip()) for label in AMOUNTS if label in line)
