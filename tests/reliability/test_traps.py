"""Locale and separator traps: each cell is read as its exact value or refused naming line and column.

Never as some other number: `1.234,56` is not 1.234, `(12.50)` is not 12.50, `1e3` is not 1000.
Each trap is put in the Pretax Amount (or Payment Time) cell of line 3 of an English export.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.policy import Policy
from desktop.sources.errors import ImportFileError
from desktop.sources.importer import import_file
from desktop.store.models import BillLine
from desktop.store.session import open_store
from tests.conftest import BACKENDS, backend_url
from tests.reliability.helpers import EN_HEADER, NOW, billing_record, clear, write_csv

LINE = 3  # the file line of the trapped record (the header is line 1)


@dataclass(frozen=True)
class Trap:
    cell: str
    read_as: Decimal | datetime | None = None  # None: there is no exact reading, it must be refused
    may_refuse: bool = True  # False: the README promises this reading
    column: str = "Pretax Amount"


TRAPS: dict[str, Trap] = {
    # thousands separators and decimal commas
    "thousands comma": Trap("1,234"),
    "German 1.234,56": Trap("1.234,56"),
    "French 1 234,56": Trap("1 234,56"),
    "thin-space thousands": Trap("1\u202f234.56"),
    "Swiss 1'234.56": Trap("1'234.56"),
    "decimal comma": Trap("12,50"),
    "Indian 1,00,000.00": Trap("1,00,000.00"),
    "underscore 1_000": Trap("1_000"),
    # signs and accounting forms
    "accounting (12.50)": Trap("(12.50)"),
    "trailing minus 12.50-": Trap("12.50-"),
    "unicode minus": Trap("\u221212.50"),
    "double minus": Trap("--12"),
    "leading plus": Trap("+12.50"),
    "minus zero": Trap("-0.00", Decimal("0"), may_refuse=False),
    # currencies
    "yen with thousands": Trap("¥1,000.00"),
    "full-width yen": Trap("￥12.00"),
    "dollar": Trap("$12.00"),
    "yuan suffix": Trap("12.00元"),
    "currency code": Trap("CNY 12.00"),
    # other digits
    "full-width digits": Trap("１２３４.５６"),
    "full-width point": Trap("12．50"),
    "Arabic-Indic digits": Trap("١٢٣"),
    # number syntaxes that are not plain decimals
    "exponent 1e3": Trap("1e3"),
    "exponent 1E-2": Trap("1E-2"),
    "NaN": Trap("NaN"),
    "Infinity": Trap("Infinity"),
    "hexadecimal": Trap("0x1F"),
    "two points": Trap("12.5.1"),
    "seven decimals": Trap("1.0000001"),
    "inner space": Trap("12 50"),
    "empty": Trap(""),
    # unambiguous but unusual: the exact value, or refused
    "leading zeros": Trap("0012.50", Decimal("12.50")),
    "no integer part": Trap(".5", Decimal("0.5")),
    "trailing point": Trap("12.", Decimal("12")),
    "no-break space after": Trap("12.50\u00a0", Decimal("12.50")),
    "beyond the store's range": Trap("99999999999999999999", Decimal("99999999999999999999")),
    # plain decimals with surrounding spaces: the README promises them
    "trailing spaces": Trap("12.50  ", Decimal("12.50"), may_refuse=False),
    "six decimals": Trap("-0.000001", Decimal("-0.000001"), may_refuse=False),
    # moments: a day-first or ambiguous date is never guessed
    "day-first date": Trap("26/11/2026 10:00", column="Payment Time"),
    "month 13": Trap("2026-13-01 00:00:00", column="Payment Time"),
}


@pytest.fixture(scope="module", params=BACKENDS)
def backend_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[sessionmaker[Session]]:
    """One store per backend for all the traps: a PostgreSQL database each would cost more than the traps."""
    with backend_url(request.param, tmp_path_factory.mktemp("traps")) as url:
        made = open_store(url)
        yield made
        made.kw["bind"].dispose()


@pytest.fixture
def store(backend_store: sessionmaker[Session]) -> sessionmaker[Session]:
    """The backend's store, empty: the store-writing half of every trap runs on SQLite and on PostgreSQL."""
    clear(backend_store.kw["bind"])
    return backend_store


def _import(store: sessionmaker[Session], path: Path, policy: Policy) -> ImportFileError | None:
    """The importer's refusal, or None once the file is stored; any other exception fails the test."""
    try:
        import_file(store, path, policy, NOW)
    except ImportFileError as error:
        return error
    return None


def test_there_are_forty_traps() -> None:
    assert len(TRAPS) == 40


@pytest.mark.parametrize("name", list(TRAPS))
def test_a_trap_is_read_exactly_or_refused_naming_line_and_column(
    name: str, store: sessionmaker[Session], tmp_path: Path, policy: Policy
) -> None:
    trap = TRAPS[name]
    records = [EN_HEADER, *(billing_record(number) for number in range(4))]
    records[LINE - 1][EN_HEADER.index(trap.column)] = trap.cell
    path = write_csv(tmp_path / "trap.csv", records)
    error = _import(store, path, policy)
    if error is not None:
        assert trap.may_refuse, f"{trap.cell!r} is a plain value and was refused: {error}"
        message = str(error)
        assert message.startswith(f"{path}:{LINE}: "), message
        labels = {"Pretax Amount": ("Pretax Amount", "应付金额"), "Payment Time": ("Payment Time", "消费时间")}
        assert any(label in message for label in labels[trap.column]), message
        with store() as session:
            assert session.scalar(select(func.count()).select_from(BillLine)) == 0
        return
    assert trap.read_as is not None, f"{trap.cell!r} has no exact reading, yet it was stored"
    with store() as session:
        stored = session.scalars(select(BillLine).where(BillLine.bill_number == f"G{LINE - 2:09d}")).one()
        value = stored.pretax_amount if trap.column == "Pretax Amount" else stored.payment_time
    assert value == trap.read_as


def test_a_gb18030_file_whose_bytes_are_also_utf8_is_not_misread(
    store: sessionmaker[Session], tmp_path: Path, policy: Policy
) -> None:
    """Some 1,900 hanzi encode in GB18030 as valid UTF-8 (专 is D7 A8, read as UTF-8: ר).

    An English-labelled export saved as GB18030 whose only Chinese is such characters must be
    read as GB18030 or refused as ambiguous, never stored as Hebrew and Cyrillic letters.
    """
    name = "专业"  # "professional", as in an instance's nickname
    assert name.encode("gb18030").decode("utf-8") != name  # the trap: both decodings succeed
    records = [EN_HEADER, billing_record(0, **{"Instance Name": name})]
    path = write_csv(tmp_path / "gb.csv", records, encoding="gb18030")
    error = _import(store, path, policy)
    if error is not None:
        assert "encoding" in str(error) or "UTF-8" in str(error), str(error)
        return
    with store() as session:
        assert session.scalars(select(BillLine.instance_name)).one() == name
