"""The command line's words: its options and sub-commands, parsed without loading the store or Qt.

`python -m desktop` parses here first, so that opening the window does not wait for the modules
the sub-commands need (desktop.cli) and the window does not wait for the store (desktop.ui.app).
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from desktop import APP_NAME, __version__
from desktop.domain.billing import Dimension
from desktop.sources.file_kinds import FileKind

EXIT_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    """The filters shared by the exports: billing's --by/--period, usage's item, domain and days."""
    parser.add_argument("--by", default=Dimension.BILLING_ITEM.value, choices=[d.value for d in Dimension])
    parser.add_argument("--period", metavar="YYYY-MM|YYYY-MM-DD|FROM..TO", help="default: this month")
    parser.add_argument("--item", help="usage: the billing item (a chart's default: Peak bandwidth; a table's: all)")
    parser.add_argument("--domain", help="usage: one streaming domain (default: all, summed)")
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="usage: first day")
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="usage: last day")
    parser.add_argument("--at", metavar="ISO-8601", help="as of this moment (default: now)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m desktop", description=f"{APP_NAME}. Without a command, opens the window.")
    parser.add_argument(
        "--db", metavar="URL", help="SQLAlchemy URL of the store (default: a file in the user data folder)"
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="show the traceback of an unexpected error and log everything to stderr too",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.set_defaults(command="window")
    commands = parser.add_subparsers(title="commands", parser_class=_Parser)

    demo = commands.add_parser("demo", help="fill an empty store with the demo account")
    demo.add_argument("--at", metavar="ISO-8601", help="the moment the demo is made (default: now)")
    demo.set_defaults(command="demo")

    overview = commands.add_parser("overview", help="balance, overdue status and spend of the month")
    overview.add_argument("--json", action="store_true", help="print JSON")
    overview.add_argument("--at", metavar="ISO-8601", help="as of this moment (default: now)")
    overview.set_defaults(command="overview")

    billing = commands.add_parser("billing", help="spend by a statistical dimension over a period")
    billing.add_argument("--by", required=True, choices=[dimension.value for dimension in Dimension])
    billing.add_argument("--period", required=True, metavar="YYYY-MM|YYYY-MM-DD|FROM..TO")
    billing.add_argument("--json", action="store_true", help="print JSON")
    billing.add_argument("--at", metavar="ISO-8601", help="as of this moment, for the provisional mark (default: now)")
    billing.set_defaults(command="billing")

    chart = commands.add_parser("export-chart", help="write a chart as PNG, SVG or PDF")
    chart.add_argument("chart", choices=["usage", "spend", "overdue", "refunds"])
    chart.add_argument("--out", required=True, metavar="FILE.png|.svg|.pdf")
    _add_filters(chart)
    chart.set_defaults(command="export-chart")

    table = commands.add_parser("export-table", help="write a table as CSV (UTF-8 with BOM, formula-safe)")
    table.add_argument("table", choices=["billing", "usage", "orders", "refunds"])
    table.add_argument("--out", required=True, metavar="FILE.csv")
    _add_filters(table)
    table.set_defaults(command="export-table")

    report = commands.add_parser("report", help="the monthly statement as a PDF of several pages")
    report.add_argument("--month", required=True, metavar="YYYY-MM")
    report.add_argument("--out", required=True, metavar="FILE.pdf")
    report.add_argument("--at", metavar="ISO-8601", help="as of this moment (default: now)")
    report.set_defaults(command="report")

    backing_up = commands.add_parser("backup", help="copy a SQLite store to one file, safely, even while in use")
    backing_up.add_argument("--out", required=True, metavar="FILE")
    backing_up.set_defaults(command="backup")

    restoring = commands.add_parser("restore", help="replace the SQLite store with a checked backup")
    restoring.add_argument("backup", metavar="FILE")
    restoring.set_defaults(command="restore")

    importing = commands.add_parser("import", help="import console exports and the app's own layouts")
    importing.add_argument("files", nargs="+", metavar="FILE")
    importing.add_argument("--kind", choices=[kind.value for kind in FileKind], help="default: from the header")
    importing.add_argument("--account", metavar="UID", help="the account of files that do not name it")
    importing.set_defaults(command="import")

    refund = commands.add_parser("refund-quote", help="what an order would give back if unsubscribed, and why")
    refund.add_argument("order_id", metavar="ORDER_ID")
    refund.add_argument("--json", action="store_true", help="print JSON")
    refund.add_argument("--at", metavar="ISO-8601", help="as of this moment (default: now)")
    refund.set_defaults(command="refund-quote")

    sync = commands.add_parser("sync", help="fetch balance, bills, orders and resource plans from the BSS OpenAPI")
    sync.add_argument("--since", metavar="YYYY-MM", help="first billing cycle (default: this month; at most 18 back)")
    sync.add_argument("--site", choices=["china", "international"], help="the account's site (default: as stored)")
    sync.add_argument("--account", metavar="UID", help="the account, for a store that holds none yet")
    sync.add_argument("--endpoint", metavar="URL", help=argparse.SUPPRESS)  # tests and proxies: overrides the host
    sync.set_defaults(command="sync")

    payment = commands.add_parser("payment", help="record, list or undo payments towards overdue bills")
    payment_actions = payment.add_subparsers(title="actions", dest="action", required=True, parser_class=_Parser)
    recording = payment_actions.add_parser("record", help="money paid towards overdue bills (the oldest first)")
    recording.add_argument("--amount", required=True, metavar="AMOUNT", help="a plain decimal, such as 10000.00")
    recording.add_argument("--at", metavar="ISO-8601", help="when it was paid (default: now; never in the future)")
    recording.add_argument("--reference", metavar="TEXT", help="the bank's or the console's reference")
    recording.add_argument("--note", metavar="TEXT")
    listing = payment_actions.add_parser("list", help="the payments, oldest first, and which were undone")
    listing.add_argument("--json", action="store_true", help="print JSON")
    undoing = payment_actions.add_parser("undo", help="undo a payment by a reversing entry (nothing is deleted)")
    undoing.add_argument("payment_id", metavar="ID", type=int)
    payment.set_defaults(command="payment")

    requests = commands.add_parser("refund", help="request a refund, list requests, move one on")
    request_actions = requests.add_subparsers(title="actions", dest="action", required=True, parser_class=_Parser)
    asking = request_actions.add_parser("request", help="request the refund of an order, as quoted (R10: for good)")
    asking.add_argument("order_id", metavar="ORDER_ID")
    asking.add_argument(
        "--confirm-irreversible",
        action="store_true",
        required=True,
        help="required: an unsubscription releases the resource and cannot be undone (R10)",
    )
    asking.add_argument("--at", metavar="ISO-8601", help="as of this moment (default: now)")
    request_list = request_actions.add_parser("list", help="the refund requests, newest first")
    request_list.add_argument("--json", action="store_true", help="print JSON")
    setting = request_actions.add_parser("set", help="a request's new state, with the moment it was reached")
    setting.add_argument("request_id", metavar="ID", type=int)
    setting.add_argument("--state", required=True, choices=["processing", "credited", "rejected", "cancelled"])
    setting.add_argument("--at", metavar="ISO-8601", help="when (default: now)")
    requests.set_defaults(command="refund")

    credentials = commands.add_parser("credentials", help="store or remove an AccessKey in the system keyring")
    credentials.add_argument("action", choices=["set", "delete"], help="set reads the ID and the secret from stdin")
    credentials.add_argument("--account", metavar="UID", required=True)
    credentials.set_defaults(command="credentials")
    return parser
