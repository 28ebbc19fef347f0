"""The command line: the window by default, and the jobs people automate as sub-commands.

Every failure is one line on stderr and exit code 2, never a traceback (`--debug` shows it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy.orm import Session, sessionmaker

from desktop import APP_NAME, __version__
from desktop.domain.billing import AMOUNT_NAMES, BillingRow, Dimension
from desktop.domain.periods import Period
from desktop.domain.policy import Policy, load_policy
from desktop.sources.demo import fill_demo_if_empty
from desktop.sources.errors import ImportFileError
from desktop.sources.importer import FileKind, import_file
from desktop.store.engine import default_url
from desktop.store.errors import StoreError
from desktop.store.overview import account_overview
from desktop.store.queries import billing_report
from desktop.store.refunds import quote_order
from desktop.store.session import open_store

EXIT_ERROR = 2


class UserError(Exception):
    """A problem the user can fix; its message is shown as it is."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def _moment(text: str | None, policy: Policy) -> datetime:
    """`--at`: ISO-8601; without an offset it is read in the account's zone."""
    if text is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(f"--at: not an ISO-8601 moment: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=policy.zone)


def _print_json(payload: Any) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_window(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    from desktop.ui.app import run_window  # Qt is loaded only when a window is wanted

    fill_demo_if_empty(store, datetime.now(UTC), policy)
    return run_window(store, policy, sys.argv[:1])


def cmd_demo(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    if not fill_demo_if_empty(store, _moment(args.at, policy), policy):
        raise UserError("the store already holds an account; point --db at a new file for the demo")
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
            print(f"{key:<{width}}  {'unknown' if value is None else value}")
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
    if quote.eligible:
        print(f"  to {quote.destination}, arriving {payload['arrival_earliest']} to {payload['arrival_latest']}")
    for rule in quote.rules:
        print(f"{rule.id}: {rule.text}")
    return 0


def cmd_import(args: argparse.Namespace, store: sessionmaker[Session], policy: Policy) -> int:
    kind = FileKind(args.kind) if args.kind else None
    for name in args.files:
        summary = import_file(store, Path(name), policy, datetime.now(UTC), kind=kind, account_uid=args.account)
        print(summary.line())
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


Command = Callable[[argparse.Namespace, sessionmaker[Session], Policy], int]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m desktop", description=f"{APP_NAME}. Without a command, opens the window.")
    parser.add_argument(
        "--db", metavar="URL", help="SQLAlchemy URL of the store (default: a file in the user data folder)"
    )
    parser.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.set_defaults(command=cmd_window)
    commands = parser.add_subparsers(title="commands", parser_class=_Parser)

    demo = commands.add_parser("demo", help="fill an empty store with the demo account")
    demo.add_argument("--at", metavar="ISO-8601", help="the moment the demo is made (default: now)")
    demo.set_defaults(command=cmd_demo)

    overview = commands.add_parser("overview", help="balance, overdue status and spend of the month")
    overview.add_argument("--json", action="store_true", help="print JSON")
    overview.add_argument("--at", metavar="ISO-8601", help="as of this moment (default: now)")
    overview.set_defaults(command=cmd_overview)

    billing = commands.add_parser("billing", help="spend by a statistical dimension over a period")
    billing.add_argument("--by", required=True, choices=[dimension.value for dimension in Dimension])
    billing.add_argument("--period", required=True, metavar="YYYY-MM|YYYY-MM-DD|FROM..TO")
    billing.add_argument("--json", action="store_true", help="print JSON")
    billing.add_argument("--at", metavar="ISO-8601", help="as of this moment, for the provisional mark (default: now)")
    billing.set_defaults(command=cmd_billing)

    importing = commands.add_parser("import", help="import console exports and the app's own layouts")
    importing.add_argument("files", nargs="+", metavar="FILE")
    importing.add_argument("--kind", choices=[kind.value for kind in FileKind], help="default: from the header")
    importing.add_argument("--account", metavar="UID", help="the account of files that do not name it")
    importing.set_defaults(command=cmd_import)

    refund = commands.add_parser("refund-quote", help="what an order would give back if unsubscribed, and why")
    refund.add_argument("order_id", metavar="ORDER_ID")
    refund.add_argument("--json", action="store_true", help="print JSON")
    refund.add_argument("--at", metavar="ISO-8601", help="as of this moment (default: now)")
    refund.set_defaults(command=cmd_refund_quote)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command: Command = args.command
    try:
        policy = load_policy()
        store = open_store(args.db or default_url())
        return command(args, store, policy)
    except (UserError, StoreError, ImportFileError) as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted")
    except BrokenPipeError:
        # The reader went away (`overview | head`): nothing left to tell it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except Exception as exc:
        if args.debug:
            raise
        _fail(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)")
    return EXIT_ERROR


def _fail(message: str) -> None:
    """One line on stderr, however many lines a driver's message has."""
    print("error: " + " ".join(message.split()), file=sys.stderr)
