"""The command line: the window by default, and the jobs people automate as sub-commands.

Every failure is one line on stderr and exit code 2, never a traceback (`--debug` shows it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop import clock
from desktop.arguments import EXIT_ERROR, build_parser
from desktop.domain.billing import AMOUNT_NAMES, BillingRow, Dimension
from desktop.domain.kinds import RefundState
from desktop.domain.periods import Period
from desktop.domain.policy import Policy, load_policy
from desktop.domain.wording import WordedError
from desktop.services import backups, data_in, payments, refunds
from desktop.sources.file_kinds import FileKind
from desktop.store.engine import default_url
from desktop.store.errors import driver_reason
from desktop.store.overview import account_overview
from desktop.store.payments import payment_entries
from desktop.store.queries import UsageFilter, billing_report, current_account, refund_requests
from desktop.store.refunds import RefundNotAllowedError, quote_order, request_json
from desktop.store.session import open_store


class UserError(Exception):
    """A problem the user can fix; its message is shown as it is."""


def _moment(text: str | None, policy: Policy) -> datetime:
    """`--at`: ISO-8601; without an offset it is read in the account's zone."""
    if text is None:
        return clock.now()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(f"--at: not an ISO-8601 moment: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=policy.zone)


def _print_json(payload: Any) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_demo(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    data_in.make_demo(store, _moment(args.at, policy), policy)
    print("demo account created")
    return 0


def cmd_overview(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    with store() as session:
        overview = account_overview(session, _moment(args.at, policy), policy)
    payload = overview.to_json()
    if args.json:
        _print_json(payload)
        return 0
    width = max(len(key) for key in payload)
    for key, value in payload.items():
        if key != "rules":
            # Only the balance can be unknown; a moment that is null has not come (nothing overdue, not suspended).
            absent = "unknown" if key == "balance" else "none"
            print(f"{key:<{width}}  {absent if value is None else value}")
    for rule in payload["rules"]:
        print(f"{rule['id']}: {rule['text']}")
    return 0


def cmd_refund_quote(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    with store() as session:
        quote = quote_order(session, args.order_id, _moment(args.at, policy), policy)
    payload = quote.to_json()
    if args.json:
        _print_json(payload)
        return 0
    verdict = "eligible" if quote.eligible else "not eligible"
    print(f"order {quote.order_id}: {verdict}, refundable {quote.currency} {payload['refundable']}")
    for part in payload["non_refundable"]:
        print(f"  kept back: {part['kind']} {quote.currency} {part['amount']} ({part['rule']})")
    if quote.voided_gifts:
        print(f"  voided gifts: {', '.join(payload['voided_gifts'])}")
    for part in payload["refund_parts"]:
        print(f"  to {part['destination']}: {quote.currency} {part['amount']}")
    if quote.eligible:
        print(f"  arriving {payload['arrival_earliest']} to {payload['arrival_latest']}")
    if payload["plan"] is not None:
        print(f"  plan: {payload['plan']['finding']}")
    for rule in quote.rules:
        print(f"{rule.id}: {rule.text}")
    for note in payload["warnings"]:
        print(f"warning, {note['id']}: {note['text']}")
    for note in payload["unchecked"]:
        print(f"not checked, {note['id']}: {note['text']}")
    return 0


def _period_or_month(text: str | None, now: datetime, policy: Policy) -> Period:
    if text is None:
        local = now.astimezone(policy.zone)
        return Period.month(local.year, local.month)
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise UserError(f"--period: {exc}") from None


def _usage_span(args: argparse.Namespace, now: datetime, policy: Policy) -> tuple[datetime, datetime]:
    """--from/--to (days, inclusive) or the 31 days up to now."""
    if args.date_from is None and args.date_to is None:
        return now - timedelta(days=31), now
    try:
        period = Period.parse(f"{args.date_from or args.date_to}..{args.date_to or args.date_from}")
    except ValueError as exc:
        raise UserError(f"--from/--to: {exc}") from None
    return period.bounds(policy.zone)


def cmd_export_chart(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    from desktop.charts import from_store
    from desktop.charts.export import save_figure
    from desktop.charts.overdue import overdue_figure
    from desktop.charts.refunds import refunds_figure
    from desktop.charts.spend import spend_figure
    from desktop.charts.usage import usage_figure

    now = _moment(args.at, policy)
    with store() as session:
        if args.chart == "usage":
            start, end = _usage_span(args, now, policy)
            series = from_store.usage_series(session, UsageFilter(start, end, args.domain, None, args.item))
            figure = usage_figure(series, zone=policy.zone)
        elif args.chart == "spend":
            period = _period_or_month(args.period, now, policy)
            figure = spend_figure(from_store.spend_table(session, Dimension(args.by), period, now, policy))
        elif args.chart == "overdue":
            timeline = from_store.overdue_timeline(account_overview(session, now, policy))
            figure = overdue_figure(timeline, zone=policy.zone)
        else:
            figure = refunds_figure(from_store.refund_bars(session, now), zone=policy.zone, now=now)
    try:
        written = save_figure(figure, Path(args.out))
    except ValueError as exc:
        raise UserError(f"--out: {exc}") from None
    print(f"{args.chart} chart written to {written}")
    return 0


def cmd_export_table(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    from desktop.exports import store_tables
    from desktop.exports.tables import write_csv

    now = _moment(args.at, policy)
    with store() as session:
        if args.table == "billing":
            headers, rows = store_tables.billing_table(
                session, Dimension(args.by), _period_or_month(args.period, now, policy), now, policy
            )
        elif args.table == "usage":
            start, end = _usage_span(args, now, policy)
            where = UsageFilter(start, end, args.domain, None, args.item)
            headers, rows = store_tables.usage_table(session, where)
        elif args.table == "orders":
            headers, rows = store_tables.orders_table(session)
        else:
            headers, rows = store_tables.refunds_table(session)
        count = write_csv(Path(args.out), headers, rows, zone=policy.zone)
    print(f"{count} rows written to {args.out}")
    return 0


def cmd_report(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    from desktop.charts.report import monthly_report

    at = _moment(args.at, policy)  # read once: every page is as of the same moment
    month = _period_or_month(args.month, at, policy)
    if not month.is_month:
        raise UserError(f"--month: expected YYYY-MM, got {args.month!r}")
    if Path(args.out).suffix.lower() != ".pdf":
        raise UserError("--out: the report is a PDF; name the file *.pdf")
    with store() as session:
        pages = monthly_report(session, month, at, policy, Path(args.out))
    print(f"statement of {month.label()} written to {args.out} ({pages} pages)")
    return 0


def cmd_backup(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    print(f"store backed up to {backups.backup(store, Path(args.out)).value}")
    return 0


def cmd_restore(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    kept = backups.restore(store, Path(args.backup)).value
    print(f"store restored from {args.backup}" + (f"; the replaced store is kept as {kept}" if kept else ""))
    return 0


def cmd_import(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    kind = FileKind(args.kind) if args.kind else None
    data_in.import_files(
        store,
        [Path(name) for name in args.files],
        policy,
        clock.now(),
        kind=kind,
        account_uid=args.account,
        imported=lambda summary: print(summary.line(), flush=True),  # files before a bad one stay imported
    )
    return 0


def cmd_billing(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    try:
        period = Period.parse(args.period)
    except ValueError as exc:
        raise UserError(f"--period: {exc}") from None
    with store() as session:
        report = billing_report(session, Dimension(args.by), period, _moment(args.at, policy), policy)
    payload = report.to_json()
    if args.json:
        _print_json(payload)
        return 0
    status = "provisional" if report.provisional else "final"
    print(f"spend by {report.dimension} over {payload['period']} ({status})")
    width = max([len(row.key) for row in report.rows] + [5])
    print(f"{'':<{width}}  " + "  ".join(f"{name:>12}" for name in AMOUNT_NAMES))
    for row in (*report.rows, BillingRow("Total", report.totals)):
        print(f"{row.key:<{width}}  " + "  ".join(f"{getattr(row.amounts, name):>12}" for name in AMOUNT_NAMES))
    return 0


def cmd_sync(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    # The SDK is loaded only when a sync is asked for: it is heavy, and no other command needs it.
    from desktop.sources.bss_client import BssClient
    from desktop.sources.bss_sync import sync_target
    from desktop.sources.credentials import find_access_key

    uid, site = sync_target(store, args.account)
    key = find_access_key(uid)
    client = BssClient(key, site=args.site or site, endpoint=args.endpoint)
    done = data_in.sync(store, policy, clock.now(), client, since=args.since, account_uid=uid)
    # Both lines once it succeeded: a failed command prints nothing but its one line on stderr.
    print(f"AccessKey {key.masked_id} from {key.source}")
    print(done.value.line())
    return 0


def cmd_payment(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    if args.action == "record":
        try:
            amount = Decimal(args.amount.strip())
        except ArithmeticError:
            raise UserError(f"--amount: not a plain decimal amount: {args.amount!r}") from None
        now = clock.now()
        paid_at = _moment(args.at, policy) if args.at else now
        done = payments.record_payment(store, amount, paid_at, now, args.reference, args.note)
        print(f"payment {done.value} recorded: {amount:f}")
    elif args.action == "undo":
        done = payments.undo_payment(store, args.payment_id, clock.now())
        print(f"payment {args.payment_id} undone by entry {done.value}")
    else:
        with store() as session:
            entries = payment_entries(session, current_account(session).id)
        if args.json:
            _print_json([entry.to_json() for entry in entries])
            return 0
        for entry in entries:
            undone = f"undone {entry.undone_at.astimezone(policy.zone).isoformat()}" if entry.undone_at else None
            paid = entry.paid_at.astimezone(policy.zone).isoformat()
            words = (paid, f"{entry.currency} {entry.amount:f}", entry.reference, entry.note, undone)
            print(f"{entry.id}  " + "  ".join(word for word in words if word))
    return 0


def cmd_refund(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    if args.action == "request":
        at = _moment(args.at, policy)
        try:
            done = refunds.request_refund(store, args.order_id, at, policy)
        except RefundNotAllowedError as exc:
            raise UserError(str(exc)) from None
        print(f"refund request {done.value} recorded for order {args.order_id}")
    elif args.action == "set":
        refunds.set_refund_state(store, args.request_id, RefundState(args.state), _moment(args.at, policy))
        print(f"refund request {args.request_id} is {args.state}")
    else:
        with store() as session:
            requests = refund_requests(session, current_account(session).id)
            rows = [request_json(request) for request in requests]
        if args.json:
            _print_json(rows)
            return 0
        for row in rows:
            print(
                f"{row['id']}  order {row['order_id']}  {row['state']}  {row['currency']} {row['refundable']}"
                f"  to {row['destination']}"
            )
    return 0


def _read_access_key() -> tuple[str, str]:
    """The AccessKey ID and secret from stdin, never from argv (the process list, the shell history)."""
    if sys.stdin.isatty():
        import getpass

        print("AccessKey ID: ", end="", file=sys.stderr, flush=True)
        return sys.stdin.readline().strip(), getpass.getpass("AccessKey secret (not shown): ").strip()
    lines = [line.strip() for line in sys.stdin.read().splitlines() if line.strip()]
    if len(lines) != 2:
        raise UserError("credentials set: give the AccessKey ID and the secret on stdin, one a line")
    return lines[0], lines[1]


def cmd_credentials(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    from desktop.sources.credentials import AccessKey, delete_access_key, save_access_key

    if args.action == "set":
        key = AccessKey(*_read_access_key())
        backend = save_access_key(args.account, key)
        print(f"AccessKey {key.masked_id} stored for account {args.account} in the system keyring ({backend})")
    elif delete_access_key(args.account):
        print(f"AccessKey of account {args.account} removed from the system keyring")
    else:
        print(f"no AccessKey of account {args.account} was in the system keyring")
    return 0


Command = Callable[[argparse.Namespace, sessionmaker[Session], Policy], int]


COMMANDS: dict[str, Command] = {
    "demo": cmd_demo,
    "overview": cmd_overview,
    "billing": cmd_billing,
    "export-chart": cmd_export_chart,
    "export-table": cmd_export_table,
    "report": cmd_report,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "import": cmd_import,
    "refund-quote": cmd_refund_quote,
    "sync": cmd_sync,
    "credentials": cmd_credentials,
    "payment": cmd_payment,
    "refund": cmd_refund,
}
"""What each sub-command of desktop.arguments runs."""


def main(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` and run its command (what `python -m desktop` does, for tests and scripts)."""
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run a parsed command line: one line on stderr and exit code 2 for every failure."""
    if args.command == "window":
        from desktop.ui.app import run_window  # Qt is loaded only when a window is wanted

        return run_window(args.db, sys.argv[:1])
    command = COMMANDS[args.command]
    store: sessionmaker[Session] | None = None
    try:
        try:
            clock.application_clock()
        except ValueError as exc:
            raise UserError(str(exc)) from None
        policy = load_policy()
        store = open_store(args.db or default_url())
        return command(args, store, policy)
    except (UserError, WordedError) as exc:  # the store's, the importers' and the services' refusals
        _fail(str(exc))
    except BrokenPipeError:
        # The reader went away (`overview | head`): nothing left to tell it, and nothing went wrong.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a read or a write: say which file and why, not which way
        _fail(f"cannot use {exc.filename or 'a file'}: {exc.strerror or exc}")
    except SQLAlchemyError as exc:
        _fail(f"the store could not be used ({driver_reason(exc)}); nothing was changed")
    except KeyboardInterrupt:
        _fail("interrupted")
    except Exception as exc:
        if args.debug:
            raise
        _fail(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)")
    finally:
        if store is not None:
            store.kw["bind"].dispose()  # no connection outlives the command
    return EXIT_ERROR


def _fail(message: str) -> None:
    """One line on stderr, however many lines a driver's message has."""
    print("error: " + " ".join(message.split()), file=sys.stderr)
