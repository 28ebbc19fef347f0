"""`python -m desktop`: the window, or a sub-command (see `--help`).

The window is started without loading the sub-commands' modules (desktop.cli): it paints first.
"""

import sys

from desktop.arguments import build_parser

arguments = build_parser().parse_args()
if arguments.command == "window":
    from desktop.ui.app import run_window

    raise SystemExit(run_window(arguments.db, sys.argv[:1]))

from desktop.cli import run  # noqa: E402 - only the sub-commands need it

raise SystemExit(run(arguments))
