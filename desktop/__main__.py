"""`python -m desktop`: the window, or a sub-command (see `--help`)."""

from desktop.launch import main

raise SystemExit(main())
