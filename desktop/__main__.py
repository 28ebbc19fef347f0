"""`python -m desktop`: the window, or a sub-command (see `--help`)."""

from desktop.cli import main

raise SystemExit(main())
