"""Data in: imports of files, the BSS OpenAPI sync, the demo account."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.policy import Policy
from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.services.changes import EVERYTHING, Changes, Done, Kind
from desktop.services.unit_of_work import ServiceError, refusal
from desktop.sources.file_kinds import FileKind

if TYPE_CHECKING:
    from desktop.sources.bss_client import BssClient
    from desktop.sources.bss_sync import SyncSummary
    from desktop.sources.importer import ImportSummary

Progress = Callable[[int, int], None]

KINDS = {
    FileKind.BILLING: (Kind.BILLS, Kind.ACCOUNT),
    FileKind.USAGE: (Kind.USAGE,),
    FileKind.ORDERS: (Kind.ORDERS, Kind.REFUNDS),  # a refund order closes the request it answers
    FileKind.LICENSES: (Kind.LICENSES, Kind.ORDERS),
    FileKind.RESOURCE_PLANS: (Kind.PLANS, Kind.ORDERS),
}
"""What an import of each kind of file may change (the refund rules read licences and plans with orders)."""


def import_files(
    store: sessionmaker[Session],
    paths: Sequence[Path],
    policy: Policy,
    now: datetime,
    *,
    kind: FileKind | None = None,
    account_uid: str | None = None,
    progress: Progress | None = None,
    imported: Callable[[ImportSummary], None] | None = None,
) -> Done[list[ImportSummary]]:
    """Import files one after the other, each whole or not at all (ImportFileError names the bad one).

    `progress` is told the bytes done of all the files; `imported` hears of each file as it is stored,
    so that what came before a bad file is known.
    """
    from desktop.sources.importer import import_file  # the readers and parsers load on the first import

    total = sum(path.stat().st_size for path in paths if path.exists()) or 1
    summaries: list[ImportSummary] = []
    done_before = 0
    for path in paths:

        def report(done: int, _size: int, base: int = done_before) -> None:
            if progress is not None:
                progress(base + done, total)

        summary = import_file(store, path, policy, now, kind=kind, account_uid=account_uid, progress=report)
        summaries.append(summary)
        if imported is not None:
            imported(summary)
        done_before += path.stat().st_size
    return Done(summaries, imported_changes(summaries))


def imported_changes(summaries: Sequence[ImportSummary]) -> Changes:
    """What imports changed: each file's kinds, on the days its bills or usage changed."""
    changes = Changes()
    for summary in summaries:
        if summary.counts.new or summary.counts.updated:
            changes |= Changes.of(*KINDS[summary.kind], days=summary.days or None)
    return changes


def sync(
    store: sessionmaker[Session],
    policy: Policy,
    now: datetime,
    client: BssClient,
    *,
    since: str | None = None,
    account_uid: str | None = None,
    progress: Progress | None = None,
) -> Done[SyncSummary]:
    """Balance, daily bills, orders and resource plans from the BSS OpenAPI, in one transaction."""
    from desktop.sources.bss_sync import sync_account  # the SDK takes a second to load: only on demand

    summary = sync_account(store, policy, now, client, since=since, account_uid=account_uid, progress=progress)
    return Done(summary, Changes.of(Kind.ACCOUNT, Kind.BILLS, Kind.ORDERS, Kind.PLANS, Kind.REFUNDS))


DEMO_NEEDS_AN_EMPTY_STORE = QT_TRANSLATE_NOOP(
    "store", "the store already holds an account; the demo is made in an empty store (point --db at a new file)"
)


def make_demo(store: sessionmaker[Session], now: datetime, policy: Policy) -> Done[None]:
    """The demo account, as of `now`, in an empty store."""
    from desktop.sources.demo import fill_demo_if_empty  # the generator loads only when it is needed

    try:
        filled = fill_demo_if_empty(store, now, policy)
    except SQLAlchemyError as exc:
        raise ServiceError(refusal(exc)) from exc
    if not filled:
        raise ServiceError(DEMO_NEEDS_AN_EMPTY_STORE)
    return Done(None, EVERYTHING)
