"""Importing files into the store: whole or not at all, idempotent, in batches.

One file is one transaction: a bad line rejects the file with `FILE:LINE: what is wrong` and
leaves the store exactly as it was. Importing the same file again changes nothing; a newer
export of the same lines updates them (and records when a bill was first seen settled).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.policy import Policy
from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.sources import billing_details, own_layouts
from desktop.sources.errors import CellError, ImportFileError
from desktop.sources.file_kinds import FileKind
from desktop.sources.read_ahead import ReadBatch, read_batches
from desktop.sources.text_files import Batch, CsvFile
from desktop.store import queries
from desktop.store.bills import settlement_recorder
from desktop.store.engine import import_cache
from desktop.store.errors import driver_reason
from desktop.store.models import Account, BillLine, License, Order, ResourcePlan, UsageRecord
from desktop.store.orders import upsert_order
from desktop.store.refunds import close_refunded_requests
from desktop.store.rollups import rebuild_rollups, write_rollups
from desktop.store.synced_lines import drop_covered_synced_lines
from desktop.store.upsert import UpsertCounts, upsert_batch, upsert_columns
from desktop.store.usage_rollups import rebuild_usage_rollups, utc_days

BATCH = 500
"""Records per batch: few enough that a batch stays in the processor's caches and is freed before
the cyclic garbage collector (which runs every 700 new objects) would scan it again and again."""

OTHER_ACCOUNT = QT_TRANSLATE_NOOP("import", "account {uid}, but this store follows account {followed}")
MISSING_COLUMNS = QT_TRANSLATE_NOOP("import", "missing required columns: {columns}")

B = TypeVar("B")
Progress = Callable[[int, int], None]
"""Called with (bytes read, file size) after each batch; whatever it raises cancels the import (nothing stored)."""


@dataclass
class ImportSummary:
    path: Path
    kind: FileKind
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    days: frozenset[date] = frozenset()  # the days whose bills or usage the import changed

    def line(self) -> str:
        c = self.counts
        return f"{self.path}: {self.kind}: {c.new} new, {c.updated} updated, {c.unchanged} unchanged"


def detect_kind(header: list[str]) -> FileKind | None:
    """What a file holds, from its header alone."""
    mapped = billing_details.map_header(header)
    if {"pretax_gross", "pretax_amount", "billing_item"} <= mapped.keys():
        return FileKind.BILLING
    for layout in own_layouts.LAYOUTS:
        if not layout.missing(layout.columns(header)):
            return FileKind(layout.kind)
    return None


class _Accounts:
    """The account a file's lines belong to: the store's, or a new one for a first import."""

    def __init__(self, session: Session, policy: Policy, path: Path, uid: str | None) -> None:
        self.session = session
        self.policy = policy
        self.path = path
        self.wanted = uid
        self.account = queries.followed_account(session)
        if self.account is not None and uid is not None and self.account.uid != uid:
            raise ImportFileError(path, OTHER_ACCOUNT.format(uid=uid, followed=self.account.uid))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.account.timezone) if self.account else ZoneInfo(self.policy.account_zone)

    def get(self, uid: str | None = None, name: str | None = None, line: int | None = None) -> Account:
        uid = uid or self.wanted
        if self.account is None:
            if uid is None:
                raise ImportFileError(
                    self.path,
                    QT_TRANSLATE_NOOP(
                        "import",
                        "the store holds no account yet: import a Billing Details export first, or give --account UID",
                    ),
                )
            self.account = Account(uid=uid, name=name or uid, timezone=self.policy.account_zone)
            self.session.add(self.account)
            self.session.flush()
        elif uid is not None and uid != self.account.uid:
            raise ImportFileError(self.path, OTHER_ACCOUNT.format(uid=uid, followed=self.account.uid), line)
        return self.account


def import_file(
    store: sessionmaker[Session],
    path: Path,
    policy: Policy,
    now: datetime,
    *,
    kind: FileKind | None = None,
    account_uid: str | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import one file in one transaction; ImportFileError (and nothing stored) when it is bad."""
    path = Path(path)
    with CsvFile(path) as csv_file:
        detected = detect_kind(csv_file.header)
        kind = kind or detected
        if kind is None:
            raise ImportFileError(
                path,
                QT_TRANSLATE_NOOP(
                    "import", "cannot tell what this file holds from its header; give --kind (see the README's formats)"
                ),
            )
        summary = ImportSummary(path, kind)
        try:
            with store.begin() as session, import_cache(session):
                accounts = _Accounts(session, policy, path, account_uid)
                run = _BillingRun if kind is FileKind.BILLING else _OwnLayoutRun
                summary.days = frozenset(run(session, csv_file, accounts, kind, now, progress).into(summary.counts))
        except SQLAlchemyError as exc:
            reason = driver_reason(exc)
            raise ImportFileError(
                path,
                QT_TRANSLATE_NOOP(
                    "import", "the store could not be written ({reason}); nothing of this file was stored"
                ).format(reason=reason),
            ) from exc
    return summary


class _Run:
    """Reading one file in batches, with the line number at hand for every error."""

    def __init__(
        self,
        session: Session,
        csv_file: CsvFile,
        accounts: _Accounts,
        kind: FileKind,
        now: datetime,
        progress: Progress | None,
    ) -> None:
        self.session = session
        self.file = csv_file
        self.accounts = accounts
        self.kind = kind
        self.now = now
        self.progress = progress
        self.seen: set[int] = set()

    def batches(self) -> Iterator[Batch]:
        """The file's records, a batch at a time."""
        return self.counted((batch, self.file.position()) for batch in self.file.batches(BATCH))

    def counted(self, batches: Iterable[tuple[B, int]]) -> Iterator[B]:
        """Each batch with the file position after it; progress is reported once a batch is written."""
        any_record = False
        for batch, position in batches:
            any_record = True
            yield batch
            if self.progress is not None:
                self.progress(position, self.file.size)
        if not any_record:
            raise ImportFileError(self.file.path, QT_TRANSLATE_NOOP("import", "the file has a header but no lines"))

    def check_width(self, line: int, cells: list[str]) -> None:
        width = len(self.file.header)
        if len(cells) > width:
            raise ImportFileError(
                self.file.path,
                QT_TRANSLATE_NOOP(
                    "import", "the line has {cells} cells but the header has {width} (an unquoted comma in a value?)"
                ).format(cells=len(cells), width=width),
                line,
            )

    def check_unique(self, lines: list[int], identities: Sequence[Hashable]) -> None:
        """Refuse a line whose identity an earlier line of the file already had.

        Only a 64-bit hash of each identity is kept, so memory stays small for millions of lines.
        """
        hashes = list(map(hash, identities))
        fresh = set(hashes)
        if len(fresh) == len(hashes) and self.seen.isdisjoint(fresh):
            self.seen |= fresh
            return
        for line, key in zip(lines, hashes, strict=True):
            if key in self.seen:
                raise ImportFileError(
                    self.file.path, QT_TRANSLATE_NOOP("import", "this line repeats an earlier line of the file"), line
                )
            self.seen.add(key)

    def into(self, counts: UpsertCounts) -> set[date]:
        """Write the file's lines, counting them; returns the days whose bills or usage changed."""
        raise NotImplementedError


class _BillingRun(_Run):
    KEYS = ("account_id", "line_key")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        columns = billing_details.map_header(self.file.header)
        known = self.accounts.wanted is not None or self.accounts.account is not None
        missing = billing_details.missing_fields(columns, account_known=known)
        if missing:
            raise ImportFileError(self.file.path, MISSING_COLUMNS.format(columns=", ".join(missing)), 1)
        self.reader = billing_details.BillingDetailsReader(columns, self.accounts.zone)
        self.days: set[date] = set()  # the days the file's lines fall on
        self.changed_days: set[date] = set()  # the days whose lines this import changed: their rollups are rebuilt
        self.record_settlement = settlement_recorder(self.now)
        self.account_id: int | None = None
        self.first_lines = False

    def into(self, counts: UpsertCounts) -> set[date]:
        with contextlib.closing(read_batches(self.file, self.reader, BATCH)) as reading:  # stops a reading child
            for batch in self.counted((read, read.position) for read in reading):
                counts.add(self._write(batch))
        if self.account_id is None:
            return set()
        if self.first_lines:
            write_rollups(self.session, self.account_id, reading.sums)  # the file holds every line of its days
            return self.days
        # A day synced from the API before this export came: its lines take the synced ones' place.
        self.changed_days |= drop_covered_synced_lines(self.session, self.account_id, self.days)
        rebuild_rollups(self.session, self.account_id, self.changed_days)
        return self.changed_days

    def _write(self, batch: ReadBatch) -> UpsertCounts:
        fields = batch.fields if batch.fields is not None else self._refused(batch)
        account = self._account(batch, fields)
        if self.account_id is None:
            # The account's first lines: none of them can be stored already (repeats are refused).
            query = select(BillLine.id).where(BillLine.account_id == account.id).limit(1)
            self.first_lines = self.session.scalar(query) is None
        self.account_id = account.id
        fields["account_id"] = [account.id] * len(batch.lines)
        # One account per store, so a line's identity is its key.
        self.check_unique(batch.lines, fields["line_key"])
        self.days.update(fields["usage_day"])
        counts = upsert_columns(
            self.session,
            BillLine,
            self.KEYS,
            fields,
            millionths=billing_details.MONEY_FIELDS,
            adjust=self._settle,
            extra=("settled_at",),
            none_stored=self.first_lines,
        )
        if counts.new or counts.updated:  # an unchanged batch (a file imported again) changes no rollup
            self.changed_days.update(fields["usage_day"])
        return counts

    def _refused(self, batch: ReadBatch) -> NoReturn:
        """A batch the column reader refused, read again line by line to say which line is wrong and why."""
        for line, cells in zip(batch.lines, batch.records, strict=True):
            self.check_width(line, cells)
            try:
                values = self.reader.row(cells, account_id=0)
            except CellError as exc:
                raise ImportFileError(self.file.path, exc.wording, line) from None
            self.accounts.get(values["account_uid"], values["account_name"], line)
        raise AssertionError(f"{self.file.path}: the column reader refused a batch whose every line reads")

    def _account(self, batch: ReadBatch, fields: dict[str, list[Any]]) -> Account:
        """The account of the batch's lines; the first line naming another refuses the file."""
        uids, names = fields["account_uid"], fields["account_name"]
        for uid in dict.fromkeys(uids):
            first = uids.index(uid)
            account = self.accounts.get(uid, names[first], batch.lines[first])
        return account

    def _settle(self, old: Any, change: dict[str, Any]) -> None:
        """Record settlements (O4); a line that moved to another day has that day's rollup rebuilt too."""
        self.changed_days.add(old["usage_day"])
        self.record_settlement(old, change)


_OWN: dict[FileKind, tuple[own_layouts.Layout, Any, Any, tuple[str, ...]]] = {
    FileKind.LICENSES: (own_layouts.LICENSES, own_layouts.license_row, License, ("account_id", "instance_id")),
    FileKind.RESOURCE_PLANS: (
        own_layouts.RESOURCE_PLANS,
        own_layouts.plan_row,
        ResourcePlan,
        ("account_id", "instance_id"),
    ),
    FileKind.USAGE: (
        own_layouts.USAGE,
        own_layouts.usage_row,
        UsageRecord,
        ("account_id", "billing_item", "instance_id", "region", "start"),
    ),
    FileKind.ORDERS: (own_layouts.ORDERS, own_layouts.order_row, Order, ("account_id", "order_id")),
}


class _OwnLayoutRun(_Run):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.layout, self.read, self.model, self.keys = _OWN[self.kind]
        self.columns = self.layout.columns(self.file.header)
        missing = self.layout.missing(self.columns)
        if missing:
            raise ImportFileError(self.file.path, MISSING_COLUMNS.format(columns=", ".join(missing)), 1)
        self.account = self.accounts.get()

    def parse(self, line: int, cells: list[str]) -> dict[str, Any]:
        self.check_width(line, cells)
        try:
            values = self.read(own_layouts.Record(self.columns, cells), self.accounts.zone)
        except CellError as exc:
            raise ImportFileError(self.file.path, exc.wording, line) from None
        values["account_id"] = self.account.id
        return values

    def into(self, counts: UpsertCounts) -> set[date]:
        usage_days: set[date] = set()  # whose usage rollups the samples written change
        for batch in self.batches():
            rows = [self.parse(line, cells) for line, cells in zip(batch.lines, batch.records, strict=True)]
            self.check_unique(batch.lines, [tuple(values[name] for name in self.keys) for values in rows])
            if self.kind is FileKind.ORDERS:
                counts.add(self._orders(rows))
            else:
                counts.add(upsert_batch(self.session, self.model, self.keys, rows))
            if self.kind is FileKind.USAGE:
                usage_days |= utc_days(values["start"] for values in rows)
        if usage_days:
            rebuild_usage_rollups(self.session, self.account.id, usage_days)
        if self.kind is FileKind.ORDERS:
            close_refunded_requests(self.session, self.account.id)  # a refund order answers a request
        return usage_days

    def _orders(self, rows: list[dict[str, Any]]) -> UpsertCounts:
        counts = UpsertCounts()
        for values in rows:
            gifts = [(gift.kind.value, gift.amount, gift.days) for gift in values.pop("gifts")]
            counts.add(upsert_order(self.session, values, gifts=gifts))
        self.session.flush()
        return counts
