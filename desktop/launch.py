"""The programs' entry point: the window, or a sub-command (see `--help`).

The window is started without loading the sub-commands' modules (desktop.cli): it paints first.
"""

from __future__ import annotations

import sys


def main() -> int:
    """What `python -m desktop` and the installed `apsara-live` and `apsara-live-window` programs run."""
    from desktop.arguments import build_parser
    from desktop.logs import start_logging

    arguments = build_parser().parse_args()
    start_logging(arguments.debug)
    if arguments.command == "window":
        from desktop.ui.app import run_window

        return run_window(arguments.db, sys.argv[:1])
    from desktop.cli import run

    return run(arguments)
